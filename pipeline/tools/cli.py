"""`alliances` command line.

Exit codes: 0 the run completed (quarantined inputs are listed, not fatal);
1 an error stopped the run (bad database URL, unreadable configuration …);
2 bad command-line usage; 3 the run completed but inputs were quarantined and
--strict was given.

Each command imports its own machinery (SQLAlchemy, spaCy and Kiwi, pandas …) when it
runs, so that `--help` and the light commands start at once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from pipeline.settings import load_settings
from pipeline.tools import evaluate

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_QUARANTINED = 0, 1, 2, 3


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"not a confidence between 0 and 1: {value!r}")
    return number


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _default_db() -> str:
    return os.environ.get("ALLIANCES_DB", load_settings()["run"]["database"])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliances",
        description="Extract alliance records (partnerships, joint development, joint ventures, investments, "
                    "acquisitions, mergers, supply deals) from Korean news articles.",
        epilog="Exit codes: 0 completed; 1 error; 2 usage; 3 completed with quarantined inputs under --strict.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="extract records from files and folders of articles",
                       description="Extract alliance records from .txt, .html/.htm and .jsonl article files "
                                   "(folders are searched recursively) into a database and optionally JSONL.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--out", metavar="FILE.jsonl", help="also write one JSON object per article to this file")
    p.add_argument("--db", metavar="URL", default=None,
                   help="SQLAlchemy database URL (default: sqlite:///alliances.db, or $ALLIANCES_DB); "
                        "e.g. postgresql+psycopg://user@host/dbname")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date for articles whose own date is unknown (resolves relative dates such as "
                        "'last month' or 'this year')")
    p.add_argument("--force", action="store_true", help="reprocess articles already stored with this pipeline version")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; 1 = in this process)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or Dask distributed (default: local)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); default: a local Dask cluster")
    p.add_argument("--strict", action="store_true", help="exit with code 3 when any input was quarantined")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score predictions against gold annotations",
                       description="Compute organisation, pair, relation, direction, amount and money figures against "
                                   "*.gold.json files. Without --pred, extract the gold files' articles first.")
    p.add_argument("gold", nargs="+", metavar="GOLD", help="*.gold.json files or folders holding them")
    p.add_argument("--pred", metavar="OUT.jsonl", help="predictions to score (default: run extraction now)")
    p.add_argument("--errors", action="store_true", help="list every error (what is missed and why)")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON line")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("explain", help="show how a text is read: tokens, organisations, roles, triggers, records",
                       description="Trace the extraction of one text (or file) sentence by sentence.")
    p.add_argument("text", help="Korean text, or a path to a .txt file")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("export", help="write the database tables as Parquet, CSV or JSON Lines files",
                       description="Write every table of a pipeline database (articles, organizations, amounts, "
                                   "alliances, quarantine, schema_version …) to DIR/<table>.<format>. Each file is "
                                   "replaced only once it is complete. Amounts stay exact (decimal text).")
    p.add_argument("--db", metavar="URL", default=None,
                   help="SQLAlchemy database URL (default: sqlite:///alliances.db, or $ALLIANCES_DB)")
    p.add_argument("--format", choices=("parquet", "csv", "jsonl"), default="parquet",
                   help="file format (default: parquet)")
    p.add_argument("--out", metavar="DIR", required=True, help="folder for the files (created if missing)")
    p.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="X",
                   help="only alliances whose confidence is at least X (0-1; default: all)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("schema", help="print the JSON Schema of the records",
                       description="Print the JSON Schema of one output line (an article result) "
                                   "and of a quarantine entry.")
    p.set_defaults(func=cmd_schema)
    return parser


def cmd_extract(args) -> int:
    # lazy: the engines and the database (SQLAlchemy, pydantic, HTML parsing) only for this command
    from pipeline.ingest.names import terminal_text
    from pipeline.run.engines import default_workers
    from pipeline.run.paths import OutputPathError, check_outputs
    from pipeline.run.runner import count_inputs, run
    from pipeline.sinks.database import redact_url

    db_url = args.db or _default_db()
    try:   # before any work: a bad output path is a usage error, not a failed run
        outputs = check_outputs(db_url, args.out)
    except OutputPathError as error:
        print(f"alliances: error: {terminal_text(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    bar = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm  # lazy: only for a progress bar on a terminal
        bar = tqdm(total=count_inputs(args.paths, outputs.skip), unit="file", desc="extract", file=sys.stderr)
    try:
        summary = run(args.paths, db_url=db_url, out=args.out, force=args.force, published=args.published,
                      workers=args.workers or default_workers(), engine=args.engine, scheduler=args.scheduler,
                      progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    print(summary.table())
    print(f"database      {terminal_text(redact_url(db_url))}")
    if args.out:
        print(f"jsonl         {terminal_text(args.out)}")
    for line in summary.notices():
        print(line, file=sys.stderr)
    if summary.quarantined and args.strict:
        return EXIT_QUARANTINED
    return EXIT_OK


def cmd_eval(args) -> int:
    gold = evaluate.load_gold(args.gold)
    if args.pred:
        predictions = evaluate.read_predictions(args.pred)
    else:
        predictions = _extract_gold_articles(args.gold, gold)
    tally = evaluate.score(gold, predictions)
    if args.errors:
        for error in tally.errors:
            print(*error, sep="\t")
    summary = tally.summary(len(gold))
    bands = evaluate.precision_by_confidence(evaluate.label_records(gold, predictions))
    if args.json:
        print(json.dumps({**summary, "precision_by_confidence": bands}, ensure_ascii=False))
    else:
        print(evaluate.format_summary(summary))
        print()
        print(evaluate.format_bands(bands))
    return EXIT_OK


def _extract_gold_articles(gold_paths, gold) -> dict[str, dict]:
    """Run extraction on the articles the gold files name (next to them), without a database."""
    # lazy: spaCy and Kiwi load only when there are no predictions to read
    from pipeline.extract.core import process_documents
    from pipeline.ingest import SourceDocument, iter_documents

    folders = {Path(p) if Path(p).is_dir() else Path(p).parent for p in gold_paths}
    wanted = [f for folder in folders for f in sorted(folder.rglob("*")) if f.name in gold]
    documents = [d for d in iter_documents(wanted) if isinstance(d, SourceDocument)]
    return {Path(r.article).name: json.loads(r.model_dump_json()) for r in process_documents(documents)}


def cmd_explain(args) -> int:
    from pipeline.tools.explain import explain  # lazy: spaCy and Kiwi only for this command

    try:
        text = Path(args.text).read_text(encoding="utf-8")
    except OSError:  # not a file: the text itself
        text = args.text
    print(explain(text))
    return EXIT_OK


def cmd_export(args) -> int:
    # lazy: pandas, pyarrow and SQLAlchemy only for this command
    from pipeline.sinks.database import redact_url
    from pipeline.sinks.export import write_tables

    db_url = args.db or _default_db()
    written = write_tables(db_url, args.format, args.out, min_confidence=args.min_confidence)
    width = max(len(str(path)) for path, _ in written)
    for path, rows in written:
        print(f"{str(path):<{width}}  {rows:>10} rows")
    print(f"database  {redact_url(db_url)}")
    return EXIT_OK


def cmd_schema(args) -> int:
    from pipeline.records import json_schema  # lazy: pydantic only for the commands that need it
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head & co
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 — one clear line, no traceback, no secrets
        if os.environ.get("ALLIANCES_DEBUG"):
            raise
        from pipeline.ingest.names import terminal_text
        from pipeline.sinks.database import _scrub_text  # lazy: SQLAlchemy, and only on an error
        print(f"alliances: error: {terminal_text(_scrub_text(f'{type(exc).__name__}: {exc}'))}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
