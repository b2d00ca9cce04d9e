"""`alliances export`: the database tables as files, one per table."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.tools.cli.errors import EXIT_OK, UsageError, set_verbose
from pipeline.tools.cli.options import DatabaseUrl, Verbose, existing_database, export_formats

FORMATS = export_formats()

HELP = ("Write every table of a pipeline database (articles, organisations, amounts, alliances, quarantine …) "
        "to DIR/<table>.<format>.\n\n"
        "Each file is replaced only once it is complete; amounts stay exact (decimal text).")
EPILOG = """\
[bold]Examples[/bold]

  [dim]# Parquet files from ./alliances.db[/dim]
  alliances export --out tables/
  alliances export --db postgresql://user@host/news --format csv --out tables/
  alliances export --format jsonl --min-confidence 0.8 --out trusted/

More: docs/cli.md, docs/operations.md (column types).
"""


def _complete_format(incomplete: str) -> list[str]:
    return [f for f in FORMATS if f.startswith(incomplete)]


def _check_format(value: str) -> str:
    if value not in FORMATS:
        raise typer.BadParameter(f"invalid choice: {value!r} (choose from {', '.join(FORMATS)})")
    return value


def export_command(
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", show_default=False,
        help="Folder for the files DIR/<table>.<format> (created if missing).")],
    db: DatabaseUrl = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT", callback=_check_format, autocompletion=_complete_format,
        help=f"File format: {', '.join(FORMATS)}.")] = FORMATS[0],
    min_confidence: Annotated[float, typer.Option(
        metavar="X", min=0.0, max=1.0, help="Only alliances whose confidence is at least X (0-1).")] = 0.0,
    verbose: Verbose = False,
) -> int:
    """Write every table of a pipeline database (articles, organisations, amounts, alliances,
    quarantine …) to DIR/<table>.<format>."""
    set_verbose(verbose)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file; --out names a folder for the tables (created if missing)")
    db_url = existing_database(db, "to export")
    from pipeline.sinks.database import redact_url  # lazy: SQLAlchemy
    from pipeline.sinks.export import write_tables  # lazy: pandas and pyarrow only for this command

    written = write_tables(db_url, fmt, out, min_confidence=min_confidence)
    width = max(len(str(path)) for path, _ in written)
    for path, rows in written:
        print(f"{str(path):<{width}}  {rows:>10} rows")
    print(f"database  {redact_url(db_url)}")
    return EXIT_OK

