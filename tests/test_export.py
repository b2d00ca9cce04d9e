"""`alliances export` and `pipeline.read_tables`: every table, in Parquet, CSV and JSON Lines,
holding what the database holds (amounts exact, dates as dates); files replaced whole; clear
errors; no password shown."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.engine import make_url

import pipeline
from pipeline.records import Quarantine
from pipeline.sinks.database import Database
from pipeline.sinks.tables import decimal_text
from pipeline.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
ARTICLES = ["101_wire_chip_euv.txt", "102_pr_battery_precursor_jv.txt", "107_html_bio_investment.html",
            "108_bank_merger_cp949.txt"]
FORMATS = ["parquet", "csv", "jsonl"]   # the table formats (the graph formats: tests/test_graph_export.py)
PASSWORD = "Ex-p0rt-s3cret"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A SQLite database from a few corpus articles and one quarantined file, and its JSONL."""
    tmp = tmp_path_factory.mktemp("export")
    inputs = tmp / "in"
    inputs.mkdir()
    for name in ARTICLES:
        shutil.copy(CORPUS / name, inputs / name)
    (inputs / "empty.txt").write_bytes(b"")
    url = f"sqlite:///{tmp / 'alliances.db'}"
    assert main(["extract", str(inputs), "--db", url, "--out", str(tmp / "out.jsonl"), "--workers", "1",
                 "--no-progress"]) == 0
    results = [json.loads(line) for line in (tmp / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    with Database(url) as db:
        counts = db.counts()
    return url, results, counts


def _read(path: Path) -> pd.DataFrame:
    """An exported file back as text cells ("" for null), to compare with the database's frames."""
    if path.suffix == ".parquet":
        return _as_text(pd.read_parquet(path).map(lambda v: decimal_text(v) if isinstance(v, Decimal) else v))
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return pd.DataFrame.from_records([{k: "" if v is None else str(v) for k, v in r.items()} for r in records])


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as the text files hold them: decimals as plain decimal text, dates as ISO dates."""
    frame = frame.copy()
    for name in frame.columns:
        if str(frame[name].dtype).startswith("datetime64"):
            frame[name] = frame[name].dt.strftime("%Y-%m-%d")
        elif frame[name].dtype == object:
            frame[name] = frame[name].map(lambda v: decimal_text(v) if isinstance(v, Decimal) else v)
    return frame.astype("string").fillna("").astype(object)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_every_table_as_the_database_holds_it(source, fmt, tmp_path, capsys):
    url, _, counts = source
    out = tmp_path / "tables"
    assert main(["export", "--db", url, "--format", fmt, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{table}.{fmt}" for table in counts)
    frames = pipeline.read_tables(url)
    for table, rows in counts.items():
        path = out / f"{table}.{fmt}"
        assert f"{rows:>10} rows" in next(line for line in printed.splitlines() if line.startswith(str(path)))
        exported = _read(path)
        if rows == 0:
            assert len(exported) == 0
            continue
        assert list(exported.columns) == list(frames[table].columns), table
        pd.testing.assert_frame_equal(exported, _as_text(frames[table]), check_dtype=False, obj=table)


def test_parquet_keeps_the_column_types(source, tmp_path):
    url, _, _ = source
    assert main(["export", "--db", url, "--out", str(tmp_path)]) == 0   # parquet is the default
    amounts = pd.read_parquet(tmp_path / "amounts.parquet")
    assert str(amounts["ordinal"].dtype) == "Int64" and str(amounts["vague"].dtype) == "boolean"
    import pyarrow.parquet as pq
    alliances = pq.read_schema(tmp_path / "alliances.parquet")
    assert str(alliances.field("amount_value").type) == "decimal128(38, 10)"
    assert str(alliances.field("date_start").type) == "date32[day]"
    assert all(v is None or isinstance(v, Decimal) for v in amounts["value"])


def test_read_tables_returns_the_records_as_dataframes(source):
    url, results, counts = source
    frames = pipeline.read_tables(url)
    assert {name: len(frame) for name, frame in frames.items()} == counts
    assert all(isinstance(frame, pd.DataFrame) for frame in frames.values())
    assert sorted(frames["articles"]["article"]) == sorted(r["article"] for r in results)
    assert len(frames["alliances"]) == sum(len(r["alliances"]) for r in results) > 0
    assert len(frames["organizations"]) == sum(len(r["organizations"]) for r in results)
    # amounts stay exact: the Decimal each record holds
    stored = {(row.article_sha256, row.ordinal): row.value
              for row in frames["amounts"].itertuples() if row.value is not None}
    expected = {(r["sha256"], i): Decimal(a["value"]) for r in results for i, a in enumerate(r["amounts"])
                if a["value"] is not None}
    assert stored == expected and expected
    quarantine = frames["quarantine"]
    assert list(quarantine["stage"]) == ["read"] and quarantine["path"][0].endswith("empty.txt")


def test_a_second_export_replaces_the_files_and_leaves_no_temp_files(source, tmp_path):
    url, _, _ = source
    (tmp_path / "articles.csv").write_text("stale\n", encoding="utf-8")
    for _ in range(2):
        assert main(["export", "--db", url, "--format", "csv", "--out", str(tmp_path)]) == 0
    assert not any(".tmp-" in p.name for p in tmp_path.iterdir())
    assert (tmp_path / "articles.csv").read_text(encoding="utf-8").startswith("article,sha256,")


def test_export_reads_the_database_from_the_environment(source, tmp_path, monkeypatch, capsys):
    url, _, counts = source
    monkeypatch.setenv("ALLIANCES_DB", url)
    assert main(["export", "--format", "jsonl", "--out", str(tmp_path)]) == 0
    assert len((tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == counts["articles"]
    assert url in capsys.readouterr().out


def test_exporting_a_missing_database_is_an_error_and_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "nothing.db"
    assert main(["export", "--db", f"sqlite:///{missing}", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("alliances: error:") and "no database file" in err
    assert not missing.exists() and not (tmp_path / "out").exists()


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "xlsx", "--out", str(tmp_path)])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_export_help(capsys):
    assert main(["export", "--help"]) == 0
    text = capsys.readouterr().out
    assert "--format" in text and "--out" in text
    assert all(fmt in text for fmt in ("parquet", "csv", "jsonl", "graphml", "neo4j"))


def test_the_console_script_exports(source, tmp_path):
    url, _, counts = source
    script = Path(sys.executable).with_name("alliances")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pipeline.tools.cli"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([*command, "export", "--db", url, "--format", "csv", "--out", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert len(done.stdout.splitlines()) == len(counts) + 1


@pytest.fixture
def pg_copy(source, pg_database):
    """The source database's articles and quarantine written to a fresh PostgreSQL database."""
    url = pg_database
    lite, _, _ = source
    frames = pipeline.read_tables(lite)
    entries = [Quarantine(**{k: (None if v is pd.NA else v) for k, v in row.items()})
               for row in frames["quarantine"].to_dict("records")]
    with Database(lite) as db_from, Database(url) as db_to:
        db_to.create()
        db_to.write_batch(list(db_from.iter_results(frames["articles"]["sha256"])), entries)
    return url


@pytest.mark.postgres
@pytest.mark.parametrize("fmt", FORMATS)
def test_postgresql_exports_the_same_files_and_never_shows_the_password(source, pg_copy, fmt, tmp_path, capsys):
    lite, _, _ = source
    with_password = make_url(pg_copy).set(password=PASSWORD).render_as_string(hide_password=False)
    assert main(["export", "--db", lite, "--format", fmt, "--out", str(tmp_path / "sqlite")]) == 0
    assert main(["export", "--db", with_password, "--format", fmt, "--out", str(tmp_path / "postgresql")]) == 0
    out, err = capsys.readouterr()
    assert PASSWORD not in out + err and ":***@" in out
    for path in sorted((tmp_path / "sqlite").iterdir()):
        other = tmp_path / "postgresql" / path.name
        if fmt == "parquet":   # the files embed writer metadata; compare the data
            pd.testing.assert_frame_equal(pd.read_parquet(path), pd.read_parquet(other))
        else:
            assert path.read_bytes() == other.read_bytes(), path.name
