"""`alliances report`: one self-contained HTML page to review a database's events."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.tools.cli.errors import EXIT_OK, RunError, UsageError, set_verbose
from pipeline.tools.cli.options import DatabaseUrl, Verbose, existing_database, parse_date

HELP = ("Write a review report of a pipeline database as one HTML file: a summary, the alliance network, a "
        "sortable and filterable table of events whose rows open onto their evidence sentences (parties, "
        "trigger, amount and date marked), and a profile of the organisations with the most events.\n\n"
        "The file holds everything it shows (no request to any other host when opened); open it in any browser.")
EPILOG = """\
[bold]Examples[/bold]

  alliances report --db sqlite:///alliances.db --out report.html
  [dim]# a week of deals, and one company's neighbourhood[/dim]
  alliances report --since 2025-03-03 --until 2025-03-09 --out week.html
  alliances report --org krx:005930 --min-confidence 0.8 --out samsung.html

Korean text needs a CJK font (Debian: fonts-noto-cjk). More: docs/report.md.
"""


def report_command(
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE.html", show_default=False,
        help="The HTML file to write (replaced once complete).")],
    db: DatabaseUrl = None,
    since: Annotated[Optional[str], typer.Option(
        metavar="YYYY-MM-DD", show_default=False, callback=parse_date,
        help="Only events reported on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option(
        metavar="YYYY-MM-DD", show_default=False, callback=parse_date,
        help="Only events reported on or before this date.")] = None,
    org: Annotated[Optional[str], typer.Option(
        metavar="NAME_OR_ID", show_default=False,
        help="Only the events of one organisation (its neighbourhood): an entity id (krx:005930) or a name.")] = None,
    min_confidence: Annotated[float, typer.Option(
        metavar="X", min=0.0, max=1.0, help="Only events and records whose confidence is at least X (0-1).")] = 0.0,
    verbose: Verbose = False,
) -> int:
    """Write a review report of a pipeline database as one HTML file."""
    set_verbose(verbose)
    if out.exists() and out.is_dir():
        raise UsageError(f"--out {out}: is a folder; --out names the HTML file to write")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    db_url = existing_database(db, "to report on")
    from pipeline.report.data import ReportError, ReportFilter  # lazy: SQLAlchemy, Jinja2, networkx
    from pipeline.report.render import build_report

    try:
        result = build_report(db_url, out, ReportFilter(since, until, org, min_confidence))
    except ReportError as error:
        raise RunError(str(error)) from None
    left_out = f" ({result.left_out_nodes:,} with the fewest events left out of the network)" \
        if result.left_out_nodes else ""
    print(f"{result.path}  {result.events:,} events, {result.organisations:,} organisations{left_out}, "
          f"{result.bytes / 1e6:.1f} MB, {result.seconds:.1f} s")
    return EXIT_OK
