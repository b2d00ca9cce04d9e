"""`alliances eval`: scores against gold annotations, as labelled tables (or JSON for machines)."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.tools.cli.errors import EXIT_OK, UsageError, set_verbose
from pipeline.tools.cli.options import FLAG, Verbose

HELP = ("Score extraction against gold annotations: precision, recall and F1 per measure, and the precision "
        "of alliances by confidence band.\n\n"
        "Without --pred, the articles beside the gold files are extracted first (no database).")
EPILOG = """\
[bold]Examples[/bold]

  alliances eval corpus/
  [dim]# and every error, with its reason[/dim]
  alliances eval corpus/ --errors
  [dim]# score predictions made earlier, as one JSON object[/dim]
  alliances eval gold/ --pred out.jsonl --json

Gold files are *.gold.json (their format: docs/quality.md). More: docs/cli.md.
"""


def evaluate_command(
    gold: Annotated[list[Path], typer.Argument(
        metavar="GOLD...", show_default=False,
        help="*.gold.json files, or folders holding them (searched recursively).")],
    pred: Annotated[Optional[Path], typer.Option(
        metavar="OUT.jsonl", show_default=False,
        help="Predictions to score (as `alliances extract --out` writes them). "
             "\\[default: extract the articles beside the gold files now]")] = None,
    errors: Annotated[bool, typer.Option("--errors", metavar=FLAG, help="List every error with its reason.")] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", metavar=FLAG,
        help="Print one JSON object (figures, precision by confidence, errors with --errors).")] = False,
    verbose: Verbose = False,
) -> int:
    """Score extraction against gold annotations: precision, recall and F1 per measure, and the
    precision of alliances by confidence band."""
    set_verbose(verbose)
    from pipeline.tools import evaluate

    try:
        gold_articles = evaluate.load_gold(gold)
        predictions = evaluate.read_predictions(pred) if pred else None
    except evaluate.EvaluationInputError as error:
        raise UsageError(str(error)) from None
    if predictions is None:
        predictions = _extract_gold_articles(gold, gold_articles)
    tally = evaluate.score(gold_articles, predictions)
    bands = evaluate.precision_by_confidence(evaluate.label_records(gold_articles, predictions))
    error_rows = evaluate.error_rows(tally.errors) if errors else None
    if as_json:
        document = {**tally.summary(len(gold_articles)), "precision_by_confidence": bands}
        if error_rows is not None:
            document["errors"] = error_rows
        print(json.dumps(document, ensure_ascii=False))
        return EXIT_OK
    _print_tables(evaluate, tally, len(gold_articles), bands, error_rows)
    return EXIT_OK


def _extract_gold_articles(gold_paths: list[Path], gold) -> dict[str, dict]:
    """Run extraction on the articles the gold files name (next to them), without a database."""
    # lazy: spaCy and Kiwi load only when there are no predictions to read
    from pipeline.extract.core import process_documents
    from pipeline.ingest import SourceDocument, iter_documents

    folders = {p if p.is_dir() else p.parent for p in gold_paths}
    wanted = [f for folder in folders for f in sorted(folder.rglob("*")) if f.name in gold]
    documents = [d for d in iter_documents(wanted) if isinstance(d, SourceDocument)]
    return {Path(r.article).name: json.loads(r.model_dump_json()) for r in process_documents(documents)}


def _print_tables(evaluate, tally, articles: int, bands: list[dict], error_rows: Optional[list[dict]]) -> None:
    """On a terminal, tables as wide as the window; into a file or a pipe, one line per row (for grep),
    without the padding Rich adds."""
    from rich.console import Console

    if sys.stdout.isatty():
        _fill_tables(Console(highlight=False), evaluate, tally, articles, bands, error_rows)
        return
    console = Console(highlight=False, soft_wrap=False, width=100_000, file=io.StringIO(), color_system=None)
    _fill_tables(console, evaluate, tally, articles, bands, error_rows)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines()))


def _fill_tables(console, evaluate, tally, articles: int, bands: list[dict], error_rows: Optional[list[dict]]) -> None:
    from rich import box
    from rich.table import Table

    scores = Table(title="scores", box=box.SIMPLE_HEAD, title_justify="left")
    for name in evaluate.SCORE_COLUMNS:
        scores.add_column(name, justify="left" if name in ("measure", "counted") else "right")
    for row in evaluate.summary_rows(tally, articles):
        scores.add_row(*row)
    console.print(scores)
    console.print("precision of alliances by confidence band (records the gold neither rewards nor costs "
                  "are left out):")
    console.print(evaluate.format_bands(bands), markup=False)
    if error_rows is None:
        return
    table = Table(title=f"errors ({len(error_rows)})", box=box.SIMPLE_HEAD, title_justify="left")
    for name in evaluate.ERROR_COLUMNS:   # on a terminal, file names and error kinds whole; the rest wraps
        table.add_column(name, overflow="fold", no_wrap=name in ("article", "error"))
    for row in error_rows:
        table.add_row(*(row[name] for name in evaluate.ERROR_COLUMNS))
    console.print()
    console.print(table)
