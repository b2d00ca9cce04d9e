"""Bad usage of the command line: each case → its exit code and one line on standard error that says
what is wrong, with no Python exception name and no traceback. None of these loads Kiwi: usage
errors are found before any work. A broken settings.yaml names its file and line."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.tools.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLE = CORPUS / "101_wire_chip_euv.txt"
EXCEPTION_NAME = re.compile(r"\b\w*(Error|Exception)\b|Traceback")


def run_main(args: list[str]) -> int:
    """main's exit code, whether returned or raised (parser errors exit as argparse's do)."""
    try:
        return main(args)
    except SystemExit as exit_:
        return exit_.code


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A working folder with a few things to point at; no database in it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALLIANCES_DB", raising=False)
    monkeypatch.delenv("ALLIANCES_DEBUG", raising=False)
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty_folder").mkdir()
    (tmp_path / "note.txt").write_text("not a gold file", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "lexicon.jsonl").write_text('{"canonical": "한빛전자", "alias": ["한빛"], "type": "company", '
                                           '"country": "KR"}\n', encoding="utf-8")
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    return tmp_path


BAD_USAGE = [   # (arguments, exit code, part of the one line)
    # extract: inputs, option values and combinations, outputs
    (["extract", "/nonexistent/folder"], 2, "/nonexistent/folder: no such file or folder"),
    (["extract", "article.txt", "missing.txt"], 2, "missing.txt: no such file or folder"),
    (["extract"], 2, "Missing argument 'PATH'"),
    (["extract", "article.txt", "--workers", "-3"], 2, "Invalid value for '--workers'"),
    (["extract", "article.txt", "--workers", "0"], 2, "Invalid value for '--workers'"),
    (["extract", "article.txt", "--scheduler", "tcp://127.0.0.1:1"], 2, "--scheduler needs --engine dask"),
    (["extract", "article.txt", "--engine", "spark"], 2, "Invalid value for '--engine'"),
    (["extract", "article.txt", "--bogus"], 2, "No such option: --bogus"),
    (["extract", "article.txt", "--forse"], 2, "(see 'alliances extract --help')"),
    (["extract", "article.txt", "--published", "2024-13-01"], 2, "not a date (YYYY-MM-DD): '2024-13-01'"),
    (["extract", "article.txt", "--min-confidence", "1.5"], 2, "Invalid value for '--min-confidence'"),
    (["extract", "article.txt", "--no-db"], 2, "--no-db stores nothing: give --out FILE.jsonl"),
    (["extract", "article.txt", "--no-db", "--db", "sqlite:///x.db", "--out", "o.jsonl"], 2,
     "--db and --no-db contradict each other"),
    (["extract", "article.txt", "--out", "folder"], 2, "--out folder: is a folder, not a file"),
    (["extract", "article.txt", "--out", "missing/out.jsonl"], 2, "the folder missing does not exist"),
    (["extract", "article.txt", "--db", "sqlite:///missing/x.db"], 2, "the folder missing does not exist"),
    (["extract", "article.txt", "--quarantine-report", "folder"], 2, "--quarantine-report folder: is a folder"),
    (["extract", "-", "-", "--no-db", "--out", "o.jsonl"], 2, "- (standard input) is given more than once"),
    (["extract", "-", "article.txt", "--no-db", "--out", "o.jsonl"], 2, "- (standard input) is read on its own"),
    (["extract", "article.txt", "--lexicon", "missing.jsonl"], 2, "--lexicon missing.jsonl: no such file"),
    (["extract", "article.txt", "--db", "nosuchdb://user:s3cret@host/x"], 1, "unsupported database"),
    (["extract", "article.txt", "--root", "missing"], 2, "--root missing: no such folder"),
    (["extract", "article.txt", "--root", "note.txt"], 2, "--root note.txt: not a folder"),
    (["extract", "article.txt", "--root", "folder"], 2, "--root folder: the input article.txt is not under it"),
    (["extract", "-", "--root", "folder", "--no-db", "--out", "o.jsonl"], 2,
     "--root does not apply to standard input"),
    # eval
    (["eval", "note.txt"], 2, "note.txt: not a gold file (not JSON"),
    (["eval", "missing/"], 2, "missing: no such file or folder"),
    (["eval", "empty_folder"], 2, "empty_folder: no *.gold.json files in this folder"),
    (["eval", str(CORPUS), "--pred", "missing.jsonl"], 2, "missing.jsonl: no such file"),
    (["eval", str(CORPUS), "--pred", "bad.jsonl"], 2, "bad.jsonl:1: not an article result"),
    # explain
    (["explain", "nonexistent.txt"], 2, "nonexistent.txt: no such file (to explain a text, use --text)"),
    (["explain"], 2, "give a FILE"),
    (["explain", "article.txt", "--text", "삼성전자"], 2, "one of them"),
    (["explain", "folder"], 2, "folder: is a folder"),
    (["explain", "image.txt"], 1, "image.txt is not read as an article: [decode]"),
    (["explain", "article.txt#2"], 2, "no such line with an article"),
    # export
    (["export", "--out", "note.txt"], 2, "--out note.txt: is a file; --out names a folder"),
    (["export", "--out", "tables", "--format", "xlsx"], 2, "invalid choice: 'xlsx'"),
    (["export", "--out", "tables", "--db", "sqlite:///missing.db"], 1, "no database file missing.db"),
    (["export"], 2, "Missing option '--out'"),
    # migrate
    (["migrate", "--db", "sqlite:///missing.db"], 1, "no database file missing.db to upgrade"),
    (["migrate", "--db", "nosuchdb://user:s3cret@host/x"], 1, "unsupported database"),
    (["migrate", "--database", "x"], 2, "No such option: --database"),
    # the program
    (["bogus"], 2, "No such command 'bogus'"),
]


@pytest.mark.parametrize("args, code, message", BAD_USAGE, ids=[" ".join(c[0]) for c in BAD_USAGE])
def test_bad_usage_is_one_line_with_its_exit_code(args, code, message, places, capsys):
    assert run_main(args) == code
    out, err = capsys.readouterr()
    assert err.startswith("alliances: error: ") and len(err.splitlines()) == 1, err
    assert message in err, err
    assert not EXCEPTION_NAME.search(err), err
    assert "s3cret" not in err and out == ""
    assert not (places / "alliances.db").exists() and not (places / "tables").exists()


def test_verbose_lets_the_traceback_through(places):
    with pytest.raises(Exception, match="unsupported database"):
        main(["extract", "article.txt", "--db", "nosuchdb://host/x", "--verbose"])


def test_a_bare_command_prints_its_help(capsys):
    assert run_main([]) == 2
    assert "Usage: alliances" in capsys.readouterr().out


def test_a_bad_lexicon_line_names_the_file_and_line(places):
    from pipeline.tools.cli.errors import UsageError
    from pipeline.tools.cli.lexicon_overlay import check_lexicon_file

    with pytest.raises(UsageError, match=r"lexicon.jsonl:1: alias: Extra inputs are not permitted; allowed keys: "
                                         r"canonical, aliases"):
        check_lexicon_file(places / "lexicon.jsonl")
    (places / "lexicon.jsonl").write_text('{"canonical": "한빛전자", "type": "shop", "country": "KR"}\n',
                                          encoding="utf-8")
    with pytest.raises(UsageError, match=r":1: type: Value error, unknown type 'shop': use one of"):
        check_lexicon_file(places / "lexicon.jsonl")


# A broken settings.yaml (a copy, through $ALLIANCES_CONFIG_DIR): (text in the file, replacement, the message
# after FILE:LINE). The line is that of the replaced text; an unknown key lists the keys allowed there.
BROKEN_SETTINGS = [
    ("  max_bytes: ", "  max_bytez: ", "ingest.max_bytez: Extra inputs are not permitted; allowed keys: extensions, "
                                       "max_bytes, max_replacement_ratio"),
    ("  batch_size: 256", "  batch_size: 0", "run.batch_size: Input should be greater than 0"),
    ("  model_type: cong", "  model_type: kong", "tokenizer.model_type: Input should be 'none', 'largest'"),
]


@pytest.mark.parametrize("found, replaced, message", BROKEN_SETTINGS, ids=[r[1].strip() for r in BROKEN_SETTINGS])
def test_a_broken_settings_file_is_named_with_its_line(found, replaced, message, places):
    configs = places / "configs"
    shutil.copytree(CORPUS.parent / "configs", configs)
    text = (configs / "settings.yaml").read_text(encoding="utf-8")
    assert text.count(found) == 1
    line = text[:text.index(found)].count("\n") + 1
    (configs / "settings.yaml").write_text(text.replace(found, replaced), encoding="utf-8")
    env = {**os.environ, "ALLIANCES_CONFIG_DIR": str(configs), "PYTHONPATH": str(CORPUS.parent)}
    for command in (["extract", "article.txt", "--no-db", "--out", "o.jsonl"], ["explain", "--text", "가"]):
        done = subprocess.run([sys.executable, "-m", "pipeline.tools.cli", *command], cwd=places, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and done.stdout == "", done.stderr
        assert done.stderr.startswith(f"alliances: error: {configs / 'settings.yaml'}:{line}: {message}"), done.stderr
        assert len(done.stderr.splitlines()) == 1 and not EXCEPTION_NAME.search(done.stderr), done.stderr
