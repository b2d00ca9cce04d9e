"""The command line end to end on the bundled corpus: records in JSONL and SQLite, re-runs that add
nothing, the summary table, runs without a database, --root, standard input, a confidence threshold,
the alliances-only mode, your own lexicon, explain on every kind of input, eval's tables, the help of
every command (docs/cli.md holding it: test_cli_docs.py). Bad usage is in test_cli_errors.py; migrate
in test_cli_migrate.py."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.records import ArticleResult, Quarantine
from pipeline.sinks.database import Database
from pipeline.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
ARTICLE = "101_wire_chip_euv.txt"
COMMANDS = ["extract", "eval", "explain", "export", "migrate", "schema"]


def _summary(text: str) -> dict[str, str]:
    """The summary table's rows: label → value (the last word of each line)."""
    return dict(line.rsplit(None, 1) for line in text.splitlines() if line[:1].isalpha() or line.startswith("  "))


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("run")
    db_url = f"sqlite:///{tmp / 'alliances.db'}"
    out = tmp / "out.jsonl"
    assert main(["extract", str(CORPUS), "--out", str(out), "--db", db_url, "--workers", "1", "--no-progress"]) == 0
    return tmp, db_url, out


def _articles_in_corpus() -> int:
    return sum(1 for p in CORPUS.iterdir() if p.suffix in (".txt", ".html", ".htm"))


def _lines(path: Path) -> dict[str, dict]:
    return {r["article"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


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


def test_the_summary_separates_new_from_stored_and_mentions_from_organisations(corpus_run, capsys):
    tmp, _, out = corpus_run
    results = list(_lines(out).values())
    db_url = f"sqlite:///{tmp / 'summary.db'}"
    args = ["extract", str(CORPUS / ARTICLE), str(CORPUS / "102_pr_battery_precursor_jv.txt"), "--db", db_url,
            "--workers", "1", "--no-progress"]
    assert main(args) == 0
    first = _summary(capsys.readouterr().out)
    mine = [r for r in results if r["article"] in (ARTICLE, "102_pr_battery_precursor_jv.txt")]
    assert first["articles"] == first["  extracted"] == "2" and first["  already stored"] == "0"
    assert first["  mentions"] == str(sum(len(r["organizations"]) for r in mine))
    assert first["organisations"] == str(len({o["canonical"] for r in mine for o in r["organizations"]}))
    assert first["alliances"] == str(sum(len(r["alliances"]) for r in mine))
    assert first["  vague"] == str(sum(len(r["vague_amounts"]) for r in mine))
    assert first["  dates unresolved"] == str(sum(1 for r in mine for a in r["alliances"]
                                                   if a["date_text"] and not a["date_start"]))
    assert main(args) == 0
    again = capsys.readouterr().out
    assert _summary(again)["  already stored"] == "2" and "(nothing new: 2 articles stored already" in again


def test_rerun_adds_no_rows_and_rewrites_the_same_jsonl(corpus_run, capsys):
    tmp, db_url, out = corpus_run
    with Database(db_url) as db:
        before = db.dump()
    again = tmp / "again.jsonl"
    assert main(["extract", str(CORPUS), "--out", str(again), "--db", db_url, "--workers", "1", "--no-progress"]) == 0
    assert f"already stored  {_articles_in_corpus():>10}" in capsys.readouterr().out
    with Database(db_url) as db:
        assert db.dump() == before
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_strict_exit_code_and_the_quarantine_report(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / ARTICLE, folder)
    (folder / "empty.txt").write_bytes(b"")
    db_url = f"sqlite:///{tmp_path / 'q.db'}"
    report = tmp_path / "quarantine.jsonl"
    assert main(["extract", str(folder), "--db", db_url, "--workers", "1", "--no-progress",
                 "--quarantine-report", str(report)]) == 0
    assert main(["extract", str(folder), "--db", db_url, "--workers", "1", "--no-progress", "--strict"]) == 3
    with Database(db_url) as db:
        assert db.counts()["quarantine"] == 1
        assert db.counts()["articles"] == 1
    (entry,) = [Quarantine.model_validate_json(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert (entry.path, entry.stage) == ("empty.txt", "read")
    assert "quarantined: empty.txt [read] empty file" in capsys.readouterr().err


# --- without a database, from standard input, with a threshold -------------------------------

def test_no_db_writes_the_same_records_and_no_database(corpus_run, tmp_path, monkeypatch):
    _, _, full = corpus_run
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALLIANCES_DB", raising=False)
    out = tmp_path / "only.jsonl"
    assert main(["extract", str(CORPUS / ARTICLE), "--no-db", "--out", str(out), "--workers", "1",
                 "--no-progress"]) == 0
    assert _lines(out) == {ARTICLE: _lines(full)[ARTICLE]}
    assert list(tmp_path.iterdir()) == [out]


def test_root_names_articles_relative_to_it_from_any_folder(corpus_run, tmp_path, monkeypatch):
    _, _, full = corpus_run
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "rooted.jsonl"
    assert main(["extract", str(CORPUS / ARTICLE), "--root", str(REPO), "--no-db", "--out", str(out),
                 "--workers", "1", "--no-progress"]) == 0
    assert _lines(out) == {f"corpus/{ARTICLE}": {**_lines(full)[ARTICLE], "article": f"corpus/{ARTICLE}"}}


def test_alliances_only_keeps_the_alliances_with_a_note_and_its_own_config_hash(corpus_run, tmp_path):
    _, _, full = corpus_run
    everything = _lines(full)[ARTICLE]
    out = tmp_path / "alliances.jsonl"
    assert main(["extract", str(CORPUS / ARTICLE), "--alliances-only", "--no-db", "--out", str(out),
                 "--workers", "1", "--no-progress"]) == 0
    only = _lines(out)[ARTICLE]
    assert only["alliances"] == everything["alliances"]
    assert {o["canonical"] for o in only["organizations"]} == {p["canonical"] for a in only["alliances"]
                                                               for p in a["parties"]}
    assert any(w.startswith("alliances-only") for w in only["warnings"])
    assert only["config_hash"] != everything["config_hash"]


class _Stdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def _stdin(data: bytes) -> _Stdin:
    return _Stdin(io.BytesIO(data), encoding="utf-8")


def test_stdin_text_to_stdout(corpus_run, monkeypatch, capsys):
    _, _, full = corpus_run
    monkeypatch.setattr(sys, "stdin", _stdin((CORPUS / ARTICLE).read_bytes()))
    assert main(["extract", "-", "--no-db", "--out", "-", "--workers", "1", "--no-progress"]) == 0
    out, err = capsys.readouterr()
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record == {**_lines(full)[ARTICLE], "article": "<stdin>"}
    assert _summary(err)["articles"] == "1" and "jsonl         standard output" in err


def test_stdin_json_lines_into_a_database(tmp_path, monkeypatch, capsys):
    body = (CORPUS / ARTICLE).read_text(encoding="utf-8")
    lines = [json.dumps({"id": "a", "body": body, "published": "2024-03-05"}, ensure_ascii=False), "not json"]
    monkeypatch.setattr(sys, "stdin", _stdin(("\n".join(lines) + "\n").encode()))
    db_url = f"sqlite:///{tmp_path / 's.db'}"
    assert main(["extract", "-", "--db", db_url, "--workers", "1", "--no-progress"]) == 0
    with Database(db_url) as db:
        dump = db.dump()
    assert [row[0] for row in dump["articles"]] == ["<stdin>#1"]
    assert [row[0] for row in dump["quarantine"]] == ["<stdin>#2"]
    assert "quarantined: <stdin>#2 [decode] line 2: malformed JSON" in capsys.readouterr().err


def test_min_confidence_drops_alliances_and_enters_the_config_hash(corpus_run, tmp_path):
    _, _, full = corpus_run
    everything = _lines(full)[ARTICLE]
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    out = tmp_path / "trusted.jsonl"
    args = ["extract", str(CORPUS / ARTICLE), "--db", db_url, "--workers", "1", "--no-progress"]
    assert main([*args, "--min-confidence", "0.9", "--out", str(out)]) == 0
    trusted = _lines(out)[ARTICLE]
    kept = [a for a in everything["alliances"] if a["confidence"] >= 0.9]
    assert trusted["alliances"] == kept and len(kept) < len(everything["alliances"])
    assert trusted["config_hash"] != everything["config_hash"]
    assert main([*args, "--out", str(out)]) == 0   # without the threshold: extracted again, not skipped
    assert _lines(out)[ARTICLE] == everything
    with Database(db_url) as db:
        assert db.counts()["alliances"] == len(everything["alliances"])


@pytest.mark.slow
def test_lexicon_adds_organisations_and_enters_the_config_hash(tmp_path):
    """--lexicon runs in a child process with a configs folder of its own (subprocess here too)."""
    text = "누리별전자는 한빛소프트와 손잡고 AI 반도체를 공동 개발한다고 5일 밝혔다."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    lexicon = tmp_path / "mine.jsonl"
    lexicon.write_text('// my companies\n{"canonical": "누리별전자주식회사", "aliases": ["누리별전자"], '
                       '"type": "company", "country": "KR"}\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("ALLIANCES_DB", "ALLIANCES_CONFIG_DIR")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()

    def extract(*extra: str) -> tuple[subprocess.CompletedProcess, dict]:
        done = subprocess.run([sys.executable, "-m", "pipeline.tools.cli", "extract", "a.txt", "--workers", "1",
                               "--db", "sqlite:///a.db", "--out", "a.jsonl", *extra], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)
        assert "Traceback" not in done.stderr, done.stderr
        return done, json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8"))

    done, plain = extract()
    assert done.returncode == 0
    done, mine = extract("--lexicon", str(lexicon))
    assert done.returncode == 0, done.stderr
    names = {o["name"]: (o["canonical"], o["source"]) for o in mine["organizations"]}
    assert names["누리별전자"] == ("누리별전자주식회사", "lexicon")
    assert all(o["canonical"] != "누리별전자주식회사" for o in plain["organizations"])
    assert mine["config_hash"] != plain["config_hash"] and _summary(done.stdout)["  extracted"] == "1"
    done, again = extract("--lexicon", str(lexicon))
    assert _summary(done.stdout)["  already stored"] == "1" and again == mine
    assert list((tmp_path / "tmp").iterdir()) == []   # the run's configs folder is gone
    lexicon.write_text('{"canonical": "누리별전자", "type": "startup", "country": "KR"}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pipeline.tools.cli", "extract", "a.txt", "--db", "sqlite:///a.db",
                           "--lexicon", str(lexicon)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2 and done.stderr.startswith(f"alliances: error: --lexicon {lexicon}:1: type: ")


# --- explain -------------------------------------------------------------------------------

def _explained(capsys, *args: str) -> str:
    assert main(["explain", *args]) == 0
    return capsys.readouterr().out


def test_explain_reads_files_as_extract_does(tmp_path, capsys):
    cp949 = _explained(capsys, str(CORPUS / "108_bank_merger_cp949.txt"))
    assert "merger" in cp949 and "\ufffd" not in cp949
    page = _explained(capsys, str(CORPUS / "106_html_platform_commerce.html"))
    assert "<div" not in page and "<p" not in page and "# " in page
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": n, "body": body}, ensure_ascii=False) for n, body in enumerate(
        ["한빛전자가 누리소프트에 50억원을 투자했다.", "LG에너지솔루션은 테슬라에 배터리를 공급한다."])) + "\n",
        encoding="utf-8")
    second = _explained(capsys, f"{feed}#2")
    assert "supply LG에너지솔루션 → 테슬라" in second and "누리소프트" not in second
    first = _explained(capsys, str(feed))
    assert first.startswith(f"({feed}#1: the first of 2 articles in the file") and "investment" in first


def test_explain_takes_a_text_as_an_argument_or_an_option(capsys):
    text = "삼성전자는 네이버와 손잡고 AI 반도체를 개발한다."
    assert _explained(capsys, text) == _explained(capsys, "--text", text)
    assert "partnership 삼성전자 — 네이버" in _explained(capsys, "--text", text)


# --- eval ---------------------------------------------------------------------------------

def test_eval_prints_labelled_tables(corpus_run, capsys):
    _, _, out = corpus_run
    assert main(["eval", str(CORPUS), "--pred", str(out), "--errors"]) == 0
    text = capsys.readouterr().out
    for label in ("measure", "precision", "recall", "F1", "organisations", "pairs", "money", "relation",
                  "direction", "amount", "forbidden pairs", "confidence", "errors (", "reason"):
        assert label in text, label
    assert "gold alliance not found" in text or "alliance between organisations the gold does not pair" in text


def test_eval_json_has_the_figures_the_bands_and_each_error_with_a_reason(corpus_run, capsys):
    _, _, out = corpus_run
    assert main(["eval", str(CORPUS), "--pred", str(out), "--errors", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["articles"] == 50 and len(document["pair_prf"]) == 3
    assert [band["band"] for band in document["precision_by_confidence"]][0] == "0.0–0.5"
    assert document["errors"] and all(error["reason"] and error["article"] for error in document["errors"])
    assert set(document["errors"][0]) == {"article", "error", "what", "found", "expected", "reason"}


# --- the command itself -----------------------------------------------------------------

def test_schema_is_json(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "ArticleResult" in schema["$defs"] and "Alliance" in schema["$defs"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_shows_defaults_an_example_and_the_docs(command, capsys):
    assert main([*command, "--help"]) == 0
    text = capsys.readouterr().out
    assert f"Usage: alliances {' '.join(command)}".rstrip() in text
    assert "docs/" in text or command == ["schema"]
    assert "Example" in text or "Start here" in text


def test_help_shows_the_defaults(capsys):
    assert main(["extract", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    for default in ("[default: local]", "[default: 0.0]", "[default: all cores]", "[default: $ALLIANCES_DB"):
        assert default in text, default


def test_version(capsys):
    assert main(["--version"]) == 0
    assert re.fullmatch(r"alliances \d+\.\d+\.\d+ \(configs: .+\)\n", capsys.readouterr().out)


# (Typer itself imports pydantic for the help of an option with a range.)
HEAVY_MODULES = ("yaml", "sqlalchemy", "spacy", "kiwipiepy", "pandas", "pyarrow", "networkx", "dask",
                 "pipeline.config_files", "pipeline.korean", "pipeline.records")


def test_help_and_version_import_nothing_heavy():
    """--help, --version and usage errors answer at once: the commands import their machinery when they run."""
    probe = ("import sys\nfrom pipeline.tools.cli import main\n"
             "for args in (['--version'], ['extract', '--help'], ['migrate', '--help']):\n"
             "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
             f"print(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr.strip() == "[]", done.stderr


def test_docs_hold_every_command_and_option():
    """docs/cli.md is made by scripts/build_cli_docs.py from the --help of each command."""
    import typer

    from pipeline.tools.cli import app

    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert f"alliances {name} --help" in docs, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("--"):
                    assert option in docs, (name, option)


def test_the_bad_database_url_is_one_clear_line(capsys):
    code = main(["extract", str(CORPUS / ARTICLE), "--db", "nosuchdb://user:secret@host/x",
                 "--workers", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("alliances: error:") and "secret" not in err


# --- what a terminal shows ----------------------------------------------------------------

def test_quarantine_on_a_terminal_is_grouped_by_reason_and_capped():
    from pipeline.tools.cli.extract_summary import GROUPS_SHOWN, NAMES_PER_GROUP, grouped_quarantine

    entries = [Quarantine(path=f"locked/{n}.txt", stage="read", reason="unreadable: permission denied")
               for n in range(4040)]
    entries += [Quarantine(path=f"big/{n}.txt", stage="read", reason=f"file too large ({30_000_000 + n} bytes)")
                for n in range(5)]
    entries += [Quarantine(path=f"odd{n}.txt", stage="decode", reason=f"reason {chr(65 + n)}")
                for n in range(GROUPS_SHOWN)]
    lines = grouped_quarantine(entries, "--quarantine-report FILE")
    assert lines[0] == f"quarantined {len(entries)} inputs (every entry: --quarantine-report FILE):"
    assert lines[1].split() == ["4040", "[read]", "unreadable:", "permission", "denied"]
    assert lines[2].strip() == ", ".join(f"locked/{n}.txt" for n in range(NAMES_PER_GROUP)) + ", … 4037 more"
    assert lines[3].split()[:2] == ["5", "[read]"]   # the sizes differ, the reason is one
    assert lines[-1].split() == ["2", "for", "2", "other", "reasons"]   # 10 reasons: 8 shown
    assert len(lines) == 2 + 2 * GROUPS_SHOWN


def test_progress_says_the_model_is_loading_until_files_come_back():
    from rich.console import Console

    from pipeline.tools.cli.progress import LOADING, WORKING, RunProgress

    screen = io.StringIO()
    progress = RunProgress(10, lambda: 7, Console(file=screen, force_terminal=True, width=120))
    assert progress.progress.tasks[0].description == LOADING
    progress.advance(4)
    task = progress.progress.tasks[0]
    assert (task.description, task.completed, task.fields["articles"]) == (WORKING, 4, 7)
    assert float(task.fields["rate"]) > 0
