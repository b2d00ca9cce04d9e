"""Upgrade a database written by an earlier pipeline version to this schema, in place, keeping every row.

    python -m pipeline.sinks.migrate --db URL        # or: from pipeline.sinks.migrate import migrate

Every article of an earlier schema is stored whole in `articles.result_json`, so the upgrade does
not need to know the old columns: in one transaction it copies `articles(sha256, result_json)` and
`quarantine` aside, drops the old tables, creates this schema's tables, and writes every stored
result again through the normal batch path — with entity ids from the current lexicon
(pipeline.extract.entities), typed columns, entities and events — then the quarantine entries.
Any error rolls everything back: the database is either upgraded or as it was. A database already
in this schema is left alone. An article whose stored result this schema cannot hold (an amount
no typed column keeps exactly) becomes a quarantine entry saying so.
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass

from sqlalchemy import inspect, select, text

from pipeline.records import Quarantine
from pipeline.sinks.database import SCHEMA_ROW, WRITE_LOCK, Database, DatabaseError, _chunks, prepare_result
from pipeline.sinks.tables import RESULT_JSON

STAGED_ARTICLES, STAGED_QUARANTINE = "migrate_staged_articles", "migrate_staged_quarantine"
QUARANTINE_COLUMNS = ("path", "sha256", "stage", "reason", "size")
BATCH = 200


@dataclass
class MigrationReport:
    from_version: str | None     # the stored schema fingerprint (None: no pipeline tables yet)
    to_version: str
    articles: int = 0            # articles written again
    quarantine: int = 0          # quarantine entries kept
    not_migrated: int = 0        # articles this schema cannot hold, now quarantine entries

    @property
    def changed(self) -> bool:
        return self.from_version != self.to_version

    def lines(self) -> list[str]:
        if not self.changed:
            return [f"schema {self.to_version}: already current, nothing to do"]
        return [f"schema {self.from_version or '(none)'} -> {self.to_version}",
                f"articles      {self.articles:>10}", f"quarantine    {self.quarantine:>10}",
                f"not migrated  {self.not_migrated:>10}"]


def migrate(db_url: str, *, lexicon=None) -> MigrationReport:
    """Upgrade the database at `db_url` to this pipeline's schema (see the module docstring)."""
    # lazy: the lexicon only for an upgrade
    from pipeline.extract.entities import with_entities

    with Database(db_url) as db:
        schema = db.schema
        # one transaction; not timed as a whole by the watchdog (each statement still is, on PostgreSQL)
        with db._guard("migrating the database", watched=False), db._writing() as conn:
            if db.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            inspector = inspect(conn)
            existing = set(inspector.get_table_names())
            stored = _stored_version(conn, schema, existing)
            report = MigrationReport(stored, schema.fingerprint)
            if stored == schema.fingerprint:
                return report
            if "articles" not in existing:
                if existing & {t.name for t in schema.all_tables}:
                    raise DatabaseError(f"{db.redacted_url}: pipeline tables without `articles`: cannot migrate")
                schema.metadata.create_all(conn)
                conn.execute(db._insert(schema.schema_version).values(name=SCHEMA_ROW, version=schema.fingerprint))
                return report
            if RESULT_JSON not in {c["name"] for c in inspector.get_columns("articles")}:
                raise DatabaseError(f"{db.redacted_url}: its articles table has no {RESULT_JSON} column: "
                                    "written by a pipeline too old to migrate; extract the articles again")
            _stage(conn, existing)
            _drop_old_tables(conn, db, inspector, existing)
            schema.metadata.create_all(conn)
            report.articles, report.not_migrated = _write_articles(conn, db, lambda r: with_entities(r, lexicon))
            report.quarantine = _write_quarantine(conn, db)
            for name in (STAGED_ARTICLES, STAGED_QUARANTINE):
                conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
            conn.execute(db._insert(schema.schema_version).values(name=SCHEMA_ROW, version=schema.fingerprint))
            return report


def _stored_version(conn, schema, existing: set[str]) -> str | None:
    if schema.schema_version.name not in existing:
        return None
    version = schema.schema_version
    return conn.execute(select(version.c.version).where(version.c.name == SCHEMA_ROW)).scalar_one_or_none()


def _stage(conn, existing: set[str]) -> None:
    """What the upgrade keeps, set aside in tables that carry no constraint names of their own."""
    for name in (STAGED_ARTICLES, STAGED_QUARANTINE):
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
    conn.execute(text(f"CREATE TABLE {STAGED_ARTICLES} AS SELECT sha256, {RESULT_JSON} FROM articles"))
    columns = ", ".join(QUARANTINE_COLUMNS)
    if "quarantine" in existing:
        conn.execute(text(f"CREATE TABLE {STAGED_QUARANTINE} AS SELECT {columns} FROM quarantine"))


def _drop_old_tables(conn, db: Database, inspector, existing: set[str]) -> None:
    """This schema's table names, and any other table pointing at `articles` (a child of an older schema)."""
    ours = [t.name for t in reversed(db.schema.metadata.sorted_tables)]
    children = [name for name in sorted(existing) if name not in ours and any(
        fk.get("referred_table") == "articles" for fk in inspector.get_foreign_keys(name))]
    cascade = " CASCADE" if db.dialect == "postgresql" else ""
    for name in [*children, *ours]:
        if name in existing:
            conn.execute(text(f'DROP TABLE "{name}"{cascade}'))


def _write_articles(conn, db: Database, identify) -> tuple[int, int]:
    """Every staged result written again through the batch path; (written, quarantined instead)."""
    schema = db.schema
    shas = list(conn.execute(text(f"SELECT sha256 FROM {STAGED_ARTICLES} ORDER BY sha256")).scalars())
    written = refused = 0
    for chunk in _chunks(shas, BATCH):
        rows = conn.execute(text(f"SELECT sha256, {RESULT_JSON} FROM {STAGED_ARTICLES} WHERE sha256 IN "
                                 f"({', '.join(f':s{i}' for i in range(len(chunk)))})"),
                            {f"s{i}": sha for i, sha in enumerate(chunk)}).all()
        prepared, entries = [], []
        for sha, line in sorted(rows):
            result = identify(schema.article_model.model_validate_json(line))
            ready = prepare_result(result, schema)
            if ready.unstorable:
                entries.append(Quarantine(path=result.article, sha256=sha, stage="process",
                                          reason=f"could not be migrated: {ready.unstorable}"))
            else:
                prepared.append(ready)
        db._store_articles(conn, prepared)
        if entries:
            conn.execute(db._upsert(schema.quarantine.table),
                         [schema.quarantine.to_row(e.model_dump()) for e in entries])
        written, refused = written + len(prepared), refused + len(entries)
    return written, refused


def _write_quarantine(conn, db: Database) -> int:
    if STAGED_QUARANTINE not in set(inspect(conn).get_table_names()):
        return 0
    table = db.schema.quarantine.table
    rows = [dict(zip(QUARANTINE_COLUMNS, row, strict=True)) for row in
            conn.execute(text(f"SELECT {', '.join(QUARANTINE_COLUMNS)} FROM {STAGED_QUARANTINE}")).all()]
    entries = [db.schema.quarantine.to_row(Quarantine(**row).model_dump()) for row in rows]
    for chunk in _chunks(entries):
        conn.execute(db._upsert(table), list(chunk))
    return len(entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.sinks.migrate",
                                     description="Upgrade a pipeline database to this version's schema in place.")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="SQLAlchemy database URL (default: $ALLIANCES_DB, else sqlite:///alliances.db)")
    args = parser.parse_args(argv)
    url = args.db or os.environ.get("ALLIANCES_DB") or "sqlite:///alliances.db"
    try:
        report = migrate(url)
    except DatabaseError as error:
        print(f"alliances: error: {error}", file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
