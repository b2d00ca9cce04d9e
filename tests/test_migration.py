"""Upgrading a database of the previous schema (0.3.0: decimals and dates as text, no entities, no
events) in place: refused until migrated, then every article and quarantine entry is still there,
with entity ids, typed columns and events; a second upgrade does nothing.

tests/data/legacy/ holds the two databases as SQL dumps, made by pipeline 0.3.0 from three corpus
articles and an empty file (SQLite: `.dump`; PostgreSQL: pg_dump --inserts).
"""
from __future__ import annotations

import copy
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from pipeline.records import ArticleResult
from pipeline.sinks.database import Database, SchemaVersionError
from pipeline.sinks.migrate import migrate

REPO = Path(__file__).resolve().parent.parent
LEGACY = Path(__file__).resolve().parent / "data" / "legacy"
LEGACY_ARTICLES = ["in/101_wire_chip_euv.txt", "in/107_html_bio_investment.html", "in/108_bank_merger_cp949.txt"]


def _legacy_sqlite(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        conn.executescript((LEGACY / "v0.3.0_sqlite.sql").read_text(encoding="utf-8"))
    return f"sqlite:///{path}"


@pytest.fixture
def legacy_pg(pg_database):
    url = make_url(pg_database)
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        conn.execute((LEGACY / "v0.3.0_postgresql.sql").read_text(encoding="utf-8"))
    return pg_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def legacy_url(request, tmp_path):
    if request.param == "sqlite":
        return _legacy_sqlite(tmp_path / "legacy.db")
    return request.getfixturevalue("legacy_pg")


def _legacy_rows(url: str) -> tuple[dict[str, dict], list[tuple]]:
    """The stored results (by sha256) and quarantine rows, read with plain SQL (any schema)."""
    with Database(url) as db, db.engine.connect() as conn:
        results = {sha: json.loads(line) for sha, line in
                   conn.exec_driver_sql("SELECT sha256, result_json FROM articles").all()}
        quarantine = sorted(tuple(r) for r in
                            conn.exec_driver_sql("SELECT path, sha256, stage, reason, size FROM quarantine").all())
    return results, quarantine


def _without_new_fields(result: dict) -> dict:
    """A result as the old schema wrote it: no entity ids, sources or entities."""
    result = {k: v for k, v in copy.deepcopy(result).items() if k not in ("entities", "source_id", "url")}
    result["organizations"] = [{k: v for k, v in o.items() if k != "entity_id"} for o in result["organizations"]]
    for alliance in result["alliances"]:
        alliance["parties"] = [{k: v for k, v in p.items() if k != "entity_id"} for p in alliance["parties"]]
    return result


def test_an_old_database_is_refused_until_it_is_upgraded(legacy_url):
    with Database(legacy_url) as db:
        with pytest.raises(SchemaVersionError, match="alliances migrate"):
            db.create()
        with pytest.raises(SchemaVersionError, match="alliances migrate"):
            db.check()
    assert len(_legacy_rows(legacy_url)[0]) == 3   # the refusal changed nothing


def test_the_upgrade_keeps_every_row(legacy_url):
    results, quarantine = _legacy_rows(legacy_url)
    report = migrate(legacy_url)
    assert report.changed and (report.articles, report.quarantine, report.not_migrated) == (3, 1, 0)
    with Database(legacy_url) as db:
        db.check()
        counts = db.counts()
        migrated = {sha: json.loads(db.load_result(sha).model_dump_json()) for sha in results}
        rebuilt = [db.rebuild_result(sha) for sha in results]
    assert sorted(r["article"] for r in migrated.values()) == LEGACY_ARTICLES
    for sha, old in results.items():
        assert _without_new_fields(migrated[sha]) == old, sha
    assert all(ArticleResult.model_validate(migrated[r.sha256]) == r for r in rebuilt)
    assert _legacy_rows(legacy_url)[1] == quarantine
    assert counts["alliances"] == sum(len(r["alliances"]) for r in results.values()) == counts["event_mentions"]
    assert counts["organizations"] == sum(len(r["organizations"]) for r in results.values())
    assert counts["events"] > 0 and counts["entities"] > 0
    assert all(o["entity_id"] for r in migrated.values() for o in r["organizations"])


def test_a_second_upgrade_does_nothing_and_runs_go_on(legacy_url, tmp_path):
    migrate(legacy_url)
    with Database(legacy_url) as db:
        before = db.dump(derived=True)
    report = migrate(legacy_url)
    assert not report.changed and report.lines() == [f"schema {report.to_version}: already current, nothing to do"]
    with Database(legacy_url) as db:
        assert db.dump(derived=True) == before
        db.create()   # a run may write again


def test_an_empty_database_is_created(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert migrate(url).from_version is None
    with Database(url) as db:
        db.check()


def test_the_documented_command_upgrades(tmp_path):
    url = _legacy_sqlite(tmp_path / "legacy.db")
    done = subprocess.run([sys.executable, "-m", "pipeline.sinks.migrate", "--db", url], capture_output=True,
                          text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "articles               3" in done.stdout
    with Database(url) as db:
        db.check()
