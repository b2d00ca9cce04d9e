"""`alliances extract`: files, folders or standard input → records in a database and/or JSON Lines.

Everything that can be wrong with the command line is found before any work (exit 2): inputs
that do not exist, outputs that cannot be written, options that do not go together.
"""
from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.tools.cli.errors import EXIT_OK, EXIT_QUARANTINED, State, UsageError, set_verbose
from pipeline.tools.cli.lexicon_overlay import check_applied_lexicon, overlay_applied, run_with_lexicon
from pipeline.tools.cli.options import FLAG, Verbose, default_db, published_option
from pipeline.tools.cli.stdin_input import SHOWN_NAME, STDIN, check_stdin

INPUTS, OUTPUTS, EXTRACTION, RUNNING = "Inputs", "Outputs", "Extraction", "Running"

HELP = ("Extract alliance records from Korean news articles into a database and/or JSON Lines.\n\n"
        "Articles already stored with the same text, pipeline version and configuration are skipped (their "
        "records are still written to --out). Unreadable inputs are quarantined with a reason; the rest of the "
        "run goes on.")
EPILOG = """\
[bold]Examples[/bold]

  [dim]# records into ./alliances.db (SQLite) and out.jsonl[/dim]
  alliances extract articles/ --out out.jsonl
  alliances extract articles/ --db postgresql://user@host/news --workers 8
  [dim]# no database: JSON Lines only; - reads standard input, --out - writes to standard output[/dim]
  alliances extract crawl.jsonl --no-db --out records.jsonl
  cat article.txt | alliances extract - --no-db --out -
  [dim]# your own organisations, in the lexicon's format[/dim]
  alliances extract articles/ --lexicon my_companies.jsonl
  [dim]# records name /data/crawl/2024/a.html as crawl/2024/a.html, run from any folder[/dim]
  alliances extract /data/crawl/2024 --root /data
  [dim]# large crawls, faster: only the sentences that can hold an alliance are analysed[/dim]
  alliances extract crawl/ --alliances-only --out alliances.jsonl

Exit codes: 0 done; 1 an error stopped the run; 2 bad usage (nothing was done); 3 done, but inputs were \
quarantined and --strict was given.

More: docs/cli.md, docs/operations.md.
"""


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _check_inputs(paths: list[str]) -> None:
    for path in paths:
        if path == STDIN:
            continue
        try:
            os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            from pipeline.ingest.names import shown_path  # lazy: only to name the missing input
            raise UsageError(f"{shown_path(path)}: no such file or folder") from None
        except OSError:
            pass   # exists but cannot be looked at: quarantined with its reason, as inside folders


def _check_options(*, out: Optional[str], db: Optional[str], no_db: bool, engine: Engine,
                   scheduler: Optional[str]) -> None:
    if scheduler and engine is not Engine.dask:
        raise UsageError("--scheduler needs --engine dask")
    if no_db and db:
        raise UsageError("--db and --no-db contradict each other: give one")
    if no_db and not out:
        raise UsageError("--no-db stores nothing: give --out FILE.jsonl (or --out - for standard output)")



def _check_root(root: Optional[Path], paths: list[str]) -> None:
    """--root is a folder holding every input (records name articles relative to it)."""
    if root is None:
        return
    if STDIN in paths:
        raise UsageError(f"--root does not apply to standard input (its records name it {SHOWN_NAME})")
    if not root.is_dir():
        raise UsageError(f"--root {root}: {'not a folder' if root.exists() else 'no such folder'}")
    folder = os.path.abspath(root)   # as pipeline.run.roots compares them: as written, links not resolved
    for path in paths:
        if os.path.commonpath([folder, os.path.abspath(path)]) != folder:
            from pipeline.ingest.names import shown_path  # lazy: only to name the input
            raise UsageError(f"--root {shown_path(str(root))}: the input {shown_path(path)} is not under it "
                             "(every input must be)")


def _check_report(path: Optional[Path]) -> None:
    if path is None:
        return
    from pipeline.run.paths import OutputPathError, check_outputs
    try:
        check_outputs("sqlite://", path)
    except OutputPathError as error:
        raise UsageError(str(error).replace("--out", "--quarantine-report", 1)) from None


def extract(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", show_default=False,
        help="Article files or folders: .txt, .html/.htm, .jsonl (folders are searched recursively). "
             "- reads standard input (text, HTML or JSON Lines).")],
    root: Annotated[Optional[Path], typer.Option(
        metavar="DIR", show_default=False, rich_help_panel=INPUTS,
        help="Store article paths relative to this folder; every input must be under it. "
             "\\[default: the deepest folder holding every input]")] = None,
    out: Annotated[Optional[str], typer.Option(
        "--out", "-o", metavar="FILE.jsonl", show_default=False, rich_help_panel=OUTPUTS,
        help="Also write one JSON object per article to this file (replaced when the run completes). "
             "- writes to standard output.")] = None,
    db: Annotated[Optional[str], typer.Option(
        metavar="URL", show_default=False, rich_help_panel=OUTPUTS,
        help="SQLAlchemy database URL, e.g. postgresql://user@host/dbname. "
             "\\[default: $ALLIANCES_DB, else sqlite:///alliances.db]")] = None,
    no_db: Annotated[bool, typer.Option(
        "--no-db", metavar=FLAG, rich_help_panel=OUTPUTS,
        help="Store nothing in a database: JSON Lines only (needs --out).")
    ] = False,
    quarantine_report: Annotated[Optional[Path], typer.Option(
        metavar="FILE.jsonl", show_default=False, rich_help_panel=OUTPUTS,
        help="Write every quarantined input (path, stage, reason) to this file, one JSON object per line.")
    ] = None,
    published: Annotated[Optional[str], published_option(EXTRACTION)] = None,
    lexicon: Annotated[Optional[list[Path]], typer.Option(
        metavar="FILE.jsonl", show_default=False, rich_help_panel=EXTRACTION,
        help="More organisations, one JSON object per line in the lexicon's format "
             '({"canonical": NAME, "aliases": [OTHER NAMES], "type": "company", "country": "KR"}). '
             "Repeatable; part of the config hash.")] = None,
    min_confidence: Annotated[float, typer.Option(
        metavar="X", min=0.0, max=1.0, rich_help_panel=EXTRACTION,
        help="Leave out alliances whose confidence is below X (0-1) from the stored and written records; "
             "part of the config hash.")] = 0.0,
    alliances_only: Annotated[bool, typer.Option(
        "--alliances-only", metavar=FLAG, rich_help_panel=EXTRACTION,
        help="Analyse only the sentences that can hold an alliance (relation words, with their neighbours): "
             "faster on large crawls. Records hold the alliances with their parties' mentions and their "
             "amounts; stored apart from full runs (own config hash).")] = False,
    force: Annotated[bool, typer.Option(
        "--force", metavar=FLAG, rich_help_panel=EXTRACTION,
        help="Extract articles again even when they are stored with this pipeline version and configuration.")
    ] = False,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", "-j", metavar="N", min=1, show_default=False, rich_help_panel=RUNNING,
        help="Worker processes; 1 runs in this process. \\[default: all cores]")] = None,
    engine: Annotated[Engine, typer.Option(rich_help_panel=RUNNING,
                                           help="Local worker processes, or Dask distributed.")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option(
        metavar="ADDRESS", show_default=False, rich_help_panel=RUNNING,
        help="Dask scheduler (tcp://host:8786), with --engine dask. \\[default: a local Dask cluster]")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", metavar=FLAG, rich_help_panel=RUNNING,
        help="Exit with code 3 when any input was quarantined.")] = False,
    no_progress: Annotated[bool, typer.Option(
        "--no-progress", metavar=FLAG, rich_help_panel=RUNNING,
        help="No progress display, even on a terminal.")] = False,
    verbose: Verbose = False,
) -> int:
    """Extract alliance records from Korean news articles into a database and/or JSON Lines.

    Articles already stored with the same text, pipeline version and configuration are skipped
    (their records are still written to --out). Unreadable inputs are quarantined with a reason;
    the rest of the run goes on.
    """
    set_verbose(verbose)
    _check_options(out=out, db=db, no_db=no_db, engine=engine, scheduler=scheduler)
    _check_inputs(paths)
    _check_root(root, paths)
    check_stdin(paths)
    if lexicon and not overlay_applied():
        return run_with_lexicon(list(lexicon), State.argv)
    if lexicon:
        check_applied_lexicon(list(lexicon))
    db_url = None if no_db else (db or default_db())
    return _run(paths, db_url=db_url, out=out, quarantine_report=quarantine_report, published=published,
                min_confidence=min_confidence, force=force, workers=workers, engine=engine.value,
                scheduler=scheduler, strict=strict, show_progress=not no_progress, root=root,
                alliances_only=alliances_only)


def _run(paths: list[str], *, db_url: Optional[str], out: Optional[str], quarantine_report: Optional[Path],
         published, min_confidence: float, force: bool, workers: Optional[int], engine: str,
         scheduler: Optional[str], strict: bool, show_progress: bool, root: Optional[Path],
         alliances_only: bool) -> int:
    from pipeline.run.pool import default_workers, discard_prestarted, prestart_worker

    workers = workers or default_workers()
    State.quick_exit = engine == Engine.local.value   # Dask's client and cluster end in their own way
    with ExitStack() as stack:
        stack.callback(discard_prestarted)   # unless the run took it over (it stopped early, or ran here)
        if engine == Engine.local.value and workers > 1:
            # The first worker loads Kiwi and the rules (seconds) while this process checks the outputs
            # and imports the run's machinery (SQLAlchemy, pydantic, the readers: 0.5 s and more). A
            # usage error found below stops it before it did any work.
            prestart_worker(workers, alliances_only)
        from pipeline.run.paths import OutputPathError, check_outputs

        to_stdout = out == STDIN
        try:   # before any work: a bad output path is a usage error, not a failed run
            outputs = check_outputs(db_url or "sqlite://", None if to_stdout else out)
        except OutputPathError as error:
            raise UsageError(str(error)) from None
        _check_report(quarantine_report)
        # lazy: the engines and the database (SQLAlchemy, pydantic, HTML parsing) only for this command
        from pipeline.run.runner import count_inputs, run
        from pipeline.tools.cli.extract_summary import ExtractSummary
        from pipeline.tools.cli.stdin_input import spool_stdin, stdin_folder

        inputs, shown = list(paths), {}
        if STDIN in inputs:
            spooled = spool_stdin(Path(stack.enter_context(stdin_folder())))
            inputs[inputs.index(STDIN)] = str(spooled)
            shown[str(spooled)] = SHOWN_NAME
        summary = ExtractSummary()
        progress = None
        if show_progress and sys.stderr.isatty():
            from pipeline.tools.cli.progress import RunProgress  # lazy: Rich's progress only on a terminal
            progress = stack.enter_context(RunProgress(count_inputs(inputs, outputs.skip), lambda: summary.articles))
        summary = run(inputs, db_url=db_url, out=sys.stdout if to_stdout else out, force=force,
                      published=published, workers=workers, engine=engine,
                      scheduler=scheduler, progress=progress.advance if progress else None,
                      min_confidence=min_confidence, summary=summary, shown_names=shown, root=root,
                      alliances_only=alliances_only)
    _report(summary, db_url=db_url, out=out, quarantine_report=quarantine_report)
    if summary.quarantined and strict:
        return EXIT_QUARANTINED
    return EXIT_OK


def _report(summary, *, db_url: Optional[str], out: Optional[str], quarantine_report: Optional[Path]) -> None:
    """The summary table (standard output, or standard error when records go there), then warnings
    and quarantined inputs on standard error."""
    from pipeline.ingest.names import terminal_text
    from pipeline.sinks.database import redact_url
    from pipeline.sinks.jsonl import AtomicJsonlWriter
    from pipeline.tools.cli.extract_summary import grouped_quarantine, print_summary, quarantine_lines

    places = [("database", terminal_text(redact_url(db_url)) if db_url else "none (--no-db)")]
    if out:
        places.append(("jsonl", "standard output" if out == STDIN else terminal_text(out)))
    if quarantine_report:
        with AtomicJsonlWriter(quarantine_report) as report:
            for entry in summary.quarantine:
                report.write_json(entry.model_dump_json())
        places.append(("quarantine", terminal_text(str(quarantine_report))))
    print_summary(summary, places, sys.stderr if out == STDIN else sys.stdout)
    for warning in summary.warnings:
        print(f"warning: {terminal_text(warning)}", file=sys.stderr)
    if not summary.quarantine:
        return
    if sys.stderr.isatty():
        where = str(quarantine_report) if quarantine_report else \
            ("--quarantine-report FILE" + (f", or the quarantine table of {redact_url(db_url)}" if db_url else ""))
        notices = grouped_quarantine(summary.quarantine, where)
    else:
        notices = quarantine_lines(summary.quarantine)
    print("\n".join(notices), file=sys.stderr)
