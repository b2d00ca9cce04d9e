"""`alliances migrate` on the 0.3.0 database of tests/data/legacy/: extract refuses the old database with
one line naming the command, migrate upgrades it and prints what it kept, a second migrate does
nothing, and extract writes to the upgraded database. (The upgrade itself: test_migration.py.)"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.sinks.database import Database
from pipeline.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
LEGACY_SQL = REPO / "tests" / "data" / "legacy" / "v0.3.0_sqlite.sql"
ARTICLE = REPO / "corpus" / "101_wire_chip_euv.txt"


@pytest.fixture
def legacy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALLIANCES_DB", raising=False)
    with sqlite3.connect(tmp_path / "legacy.db") as conn:
        conn.executescript(LEGACY_SQL.read_text(encoding="utf-8"))
    return "sqlite:///legacy.db"


def _rows(url: str) -> list[tuple]:
    with Database(url) as db, db.engine.connect() as conn:
        return sorted(conn.exec_driver_sql("SELECT sha256, result_json FROM articles").all())


def test_extract_refuses_the_old_database_and_names_the_command(legacy, capsys):
    before = _rows(legacy)
    assert main(["extract", str(ARTICLE), "--db", legacy, "--workers", "1", "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("alliances: error: ") and len(err.splitlines()) == 1, err
    assert "alliances migrate" in err and "Error" not in err
    assert _rows(legacy) == before


def test_migrate_upgrades_then_does_nothing_and_runs_go_on(legacy, capsys, monkeypatch):
    stored = len(_rows(legacy))
    assert main(["migrate", "--db", legacy]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("schema ") and " -> " in lines[0]
    assert [line.split() for line in lines[1:]] == [["articles", str(stored)], ["quarantine", "1"],
                                                    ["not", "migrated", "0"]]
    monkeypatch.setenv("ALLIANCES_DB", legacy)   # the default database, as extract's
    assert main(["migrate"]) == 0
    (again,) = capsys.readouterr().out.splitlines()
    assert again.endswith(": already current, nothing to do")
    assert main(["extract", str(ARTICLE), "--workers", "1", "--no-progress"]) == 0
    summary = capsys.readouterr().out
    assert "  extracted                1" in summary   # stored by 0.3.0: extracted again by this version
    with Database(legacy) as db:
        db.check()
        assert db.counts()["articles"] == stored   # the same text: its row replaced
