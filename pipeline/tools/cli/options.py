"""Option types the commands share: dates, confidences, --verbose, and the export formats.

Nothing here imports the pipeline: option declarations are read at every start of the command.
"""
from __future__ import annotations

import ast
import datetime as dt
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

EXPORT_MODULE = Path(__file__).resolve().parent.parent.parent / "sinks" / "export.py"


def parse_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


def default_db() -> str:
    """--db when not given: $ALLIANCES_DB, else the settings' `run.database`."""
    from pipeline.settings import load_settings  # lazy: reads configs/ (after --lexicon chose them)
    return os.environ.get("ALLIANCES_DB") or load_settings()["run"]["database"]


def existing_database(db: Optional[str], purpose: str) -> str:
    """The database URL a command reads (--db, else the default), checked before any work: a URL
    SQLAlchemy can parse, and for SQLite a file that exists (opening a missing one would create it)."""
    from pipeline.sinks.database import DatabaseError, normalize_url, redact_url  # lazy: SQLAlchemy
    from pipeline.tools.cli.errors import RunError, UsageError

    db_url = db or default_db()
    try:
        url = normalize_url(db_url)
    except DatabaseError as error:
        raise UsageError(f"--db: {error}") from None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not os.path.isfile(url.database):
        raise RunError(f"--db {redact_url(db_url)}: no database file {url.database} {purpose} "
                       "(make one with alliances extract, or give --db)")
    return db_url


def export_formats() -> tuple[str, ...]:
    """`pipeline.sinks.export.FORMATS`, read from the module's text: importing it would load pandas
    and pyarrow at every start of the command (a second), for the help of one option."""
    try:
        tree = ast.parse(EXPORT_MODULE.read_text(encoding="utf-8"))
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
                getattr(node, "target", None)
            if isinstance(target, ast.Name) and target.id == "FORMATS" and node.value is not None:
                return tuple(ast.literal_eval(node.value))
    except (OSError, SyntaxError, ValueError):
        pass
    from pipeline.sinks.export import FORMATS  # not a literal any more: import it after all
    return tuple(FORMATS)


FLAG = ""   # metavar of a flag: no type shown beside it in the help

# --db of the commands that read a stored database (extract, which writes one, says more)
DatabaseUrl = Annotated[Optional[str], typer.Option(
    "--db", metavar="URL", show_default=False,
    help="SQLAlchemy database URL. \\[default: $ALLIANCES_DB, else sqlite:///alliances.db]")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", metavar=FLAG, help="On an error, show the full traceback.")]


def published_option(panel: Optional[str] = None):
    return typer.Option(
        metavar="YYYY-MM-DD", callback=parse_date, show_default=False, rich_help_panel=panel,
        help="Publication date for articles that state none of their own; resolves relative dates "
             "('last month', 'this year').")
