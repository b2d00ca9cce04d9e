"""Where results go: the database tables (SQLite, PostgreSQL) and JSON Lines files."""
from pipeline.sinks.database import (
    Database,
    DatabaseError,
    PreparedResult,
    SchemaVersionError,
    UnstorableResultError,
    prepare_result,
    redact_url,
    unstorable_reason,
)
from pipeline.sinks.jsonl import AtomicJsonlWriter, atomic_path
from pipeline.sinks.tables import SCHEMA, build_schema

__all__ = [
    "Database", "DatabaseError", "SchemaVersionError", "UnstorableResultError", "redact_url",
    "unstorable_reason", "PreparedResult", "prepare_result", "AtomicJsonlWriter", "atomic_path", "SCHEMA",
    "build_schema",
]
