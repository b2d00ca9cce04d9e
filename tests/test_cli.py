"""The command line end to end on the bundled corpus: records in JSONL and SQLite,
re-runs that add nothing, the JSON Schema, --help everywhere."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.records import ArticleResult
from pipeline.sinks.database import Database
from pipeline.tools.cli import build_parser, main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("run")
    db_url = f"sqlite:///{tmp / 'alliances.db'}"
    out = tmp / "out.jsonl"
    assert main(["extract", str(CORPUS), "--out", str(out), "--db", db_url, "--workers", "1", "--no-progress"]) == 0
    return tmp, db_url, out


def _articles_in_corpus() -> int:
    return sum(1 for p in CORPUS.iterdir() if p.suffix in (".txt", ".html", ".htm"))


def test_jsonl_has_one_valid_line_per_article(corpus_run):
    _, _, out = corpus_run
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == _articles_in_corpus()
    results = [ArticleResult.model_validate_json(line) for line in lines]
    assert sum(len(r.alliances) for r in results) > 100
    for r in results:  # provenance: every offset points at its text
        for org in r.organizations:
            assert r.text[org.start:org.end] == org.name
        for amount in r.amounts:
            assert r.text[amount.start:amount.end] == amount.text
        for alliance in r.alliances:
            assert r.text[alliance.evidence.start:alliance.evidence.end] == alliance.evidence.text
            for party in alliance.parties:
                assert r.text[party.start:party.end] == party.name


def test_database_holds_the_same_records(corpus_run):
    _, db_url, out = corpus_run
    with Database(db_url) as db:
        counts = db.counts()
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert counts["articles"] == len(results)
    assert counts["alliances"] == sum(len(r["alliances"]) for r in results)
    assert counts["organizations"] == sum(len(r["organizations"]) for r in results)


def test_rerun_adds_no_rows_and_rewrites_the_same_jsonl(corpus_run, capsys):
    tmp, db_url, out = corpus_run
    with Database(db_url) as db:
        before = db.dump()
    again = tmp / "again.jsonl"
    assert main(["extract", str(CORPUS), "--out", str(again), "--db", db_url, "--workers", "1", "--no-progress"]) == 0
    assert "already stored" in capsys.readouterr().out
    with Database(db_url) as db:
        assert db.dump() == before
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_strict_exit_code_when_something_is_quarantined(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "101_wire_chip_euv.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    db_url = f"sqlite:///{tmp_path / 'q.db'}"
    assert main(["extract", str(folder), "--db", db_url, "--workers", "1", "--no-progress"]) == 0
    assert main(["extract", str(folder), "--db", db_url, "--workers", "1", "--no-progress", "--strict"]) == 3
    with Database(db_url) as db:
        assert db.counts()["quarantine"] == 1
        assert db.counts()["articles"] == 1


def test_schema_is_json(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "ArticleResult" in schema["$defs"] and "Alliance" in schema["$defs"]


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"], ["eval"], ["explain"]])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: alliances" in capsys.readouterr().out


def test_bad_database_url_is_one_clear_line(tmp_path, capsys):
    code = main(["extract", str(CORPUS / "101_wire_chip_euv.txt"), "--db", "nosuchdb://user:secret@host/x",
                 "--workers", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("alliances: error:") and "secret" not in err
