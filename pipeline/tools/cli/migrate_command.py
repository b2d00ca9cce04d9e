"""`alliances migrate`: upgrade a database written by an earlier pipeline version, in place.

The work is `pipeline.sinks.migrate.migrate` (one transaction: upgraded, or left as it was); this
command checks the URL, names a missing SQLite file instead of creating an empty database, and
prints the report.
"""
from __future__ import annotations

from pipeline.tools.cli.errors import EXIT_OK, set_verbose
from pipeline.tools.cli.options import DatabaseUrl, Verbose, existing_database

HELP = ("Upgrade a database written by an earlier pipeline version to this version's tables, in place, "
        "keeping every article and quarantine entry.\n\n"
        "One transaction: the database ends upgraded or as it was. A database already in this version's "
        "tables is left alone. extract refuses an older database until it is upgraded.")
EPILOG = """\
[bold]Examples[/bold]

  [dim]# ./alliances.db (SQLite)[/dim]
  alliances migrate
  alliances migrate --db postgresql://user@host/news

More: docs/cli.md, docs/operations.md (databases, upgrades).
"""


def migrate_command(
    db: DatabaseUrl = None,
    verbose: Verbose = False,
) -> int:
    """Upgrade a database written by an earlier pipeline version, in place."""
    set_verbose(verbose)
    db_url = existing_database(db, "to upgrade")
    from pipeline.sinks.migrate import migrate  # lazy: SQLAlchemy and the lexicon only for this command

    report = migrate(db_url)   # a DatabaseError becomes one line, password removed (errors.error_message)
    print("\n".join(report.lines()))
    return EXIT_OK
