"""The `alliances` command: a Typer app, and `main`, which turns every error into one line.

Each command imports its own machinery (SQLAlchemy, Kiwi and spaCy, pandas …) when it runs,
so that `--help`, `--version` and usage errors answer at once.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading
from contextlib import suppress
from typing import Annotated, Optional

import typer

from pipeline.tools.cli import (
    eval_command,
    explain_command,
    export_command,
    extract_command,
    migrate_command,
    report_command,
)
from pipeline.tools.cli.errors import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PREFIX,
    RunError,
    State,
    UsageError,
    error_message,
    one_line,
    print_error,
    set_verbose,
)
from pipeline.tools.cli.options import FLAG, Verbose

PROGRAM = "alliances"
HELP = ("Extract alliance records — partnerships, joint development, joint ventures, investments, acquisitions, "
        "mergers, supply deals — from Korean news articles, with the sentence that says so.")
EPILOG = """\
[bold]Start here[/bold]

  [dim]# records into ./alliances.db, and a summary table[/dim]
  alliances extract corpus/
  alliances explain corpus/101_wire_chip_euv.txt
  [dim]# options, defaults and examples of one command[/dim]
  alliances extract --help

Docs: README.md; docs/cli.md (every command's help); docs/operations.md (inputs, exit codes, databases).
"""


app = typer.Typer(name=PROGRAM, help=HELP, epilog=EPILOG, no_args_is_help=True, rich_markup_mode="rich",
                  pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]})
app.command("extract", help=extract_command.HELP, epilog=extract_command.EPILOG)(extract_command.extract)
app.command("eval", help=eval_command.HELP, epilog=eval_command.EPILOG)(eval_command.evaluate_command)
app.command("explain", help=explain_command.HELP, epilog=explain_command.EPILOG)(explain_command.explain_command)
app.command("export", help=export_command.HELP, epilog=export_command.EPILOG)(export_command.export_command)
app.command("migrate", help=migrate_command.HELP, epilog=migrate_command.EPILOG)(migrate_command.migrate_command)
app.command("report", help=report_command.HELP, epilog=report_command.EPILOG)(report_command.report_command)


@app.command("schema", help="Print the JSON Schema of one output line (an article result) and of a quarantine "
                            "entry.", epilog="Example: alliances schema > article_result.schema.json")
def schema_command() -> int:
    """Print the JSON Schema of one output line (an article result) and of a quarantine entry."""
    import json

    from pipeline.records import json_schema  # lazy: pydantic only for the commands that need it
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def version_text() -> str:
    from pipeline.locations import find_config_dir
    from pipeline.version import PIPELINE_VERSION
    return f"{PROGRAM} {PIPELINE_VERSION} (configs: {find_config_dir()})"


def _version(value: bool) -> None:
    if value:
        print(version_text())
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    version: Annotated[Optional[bool], typer.Option(
        "--version", metavar=FLAG, callback=_version, is_eager=True,
        help="Print the version and the configs folder in use.")
    ] = None,
    verbose: Verbose = False,
) -> None:
    set_verbose(verbose)


def _usage_line(error) -> str:
    """A parser's usage error as one line that says where to look."""
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else PROGRAM
    message = error.format_message().rstrip(".")
    return f"{message} (see '{command} --help')"


def _is_parser_error(error: BaseException) -> bool:
    """Errors of the option parser (Typer's or Click's): they carry an exit code and their message."""
    return hasattr(error, "exit_code") and hasattr(error, "format_message")


def main(argv: Optional[list[str]] = None) -> int:
    """Run the command line; the exit code (0 done, 1 error, 2 usage, 3 quarantined with --strict).

    As with argparse, an error of the option parser (unknown option, missing argument, value out of
    range) raises SystemExit(2) after its line; every other outcome is returned. Run as the program
    (`argv` None), a command that loaded Kiwi or the run's machinery ends the process at once
    (`quick_exit`)."""
    State.quick_exit = False
    code = _main(list(sys.argv[1:] if argv is None else argv))
    if argv is None and State.quick_exit:
        quick_exit(code)
    return code


def quick_exit(code: int) -> None:
    """End the process with `code` after the exit handlers and a flush of standard output and error,
    but without the interpreter's teardown: freeing Kiwi's model and the millions of objects of the
    rules took 0.3-1 s, and the output was complete. Returns (for a normal exit) when a thread other
    than daemons is still running."""
    if any(t is not threading.main_thread() and not t.daemon and t.is_alive() for t in threading.enumerate()):
        return
    atexit._run_exitfuncs()   # multiprocessing's, logging's, weakref finalizers: as at a normal exit
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(code)


def _main(args: list[str]) -> int:
    State.argv = args
    State.verbose = bool(os.environ.get("ALLIANCES_DEBUG"))
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name=PROGRAM, standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK
    except UsageError as error:
        print_error(str(error))
        return EXIT_USAGE
    except RunError as error:
        print_error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:   # output piped into head & co
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 — one clear line, no traceback, no secrets
        if _is_parser_error(error):
            raise SystemExit(_parser_error(error)) from None
        if State.verbose:
            raise
        print_error(error_message(error))
        return EXIT_ERROR
    except BaseException as error:   # Typer's Abort (end of input at a prompt)
        if type(error).__name__ == "Abort":
            print("interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        raise


def _parser_error(error) -> int:
    """Say what the option parser found wrong, in one line; its exit code."""
    if type(error).__name__ == "NoArgsIsHelpError":   # a bare command: the parser printed its help
        return EXIT_USAGE
    code = getattr(error, "exit_code", EXIT_USAGE)
    print(PREFIX + one_line(_usage_line(error) if code == EXIT_USAGE else error.format_message()), file=sys.stderr)
    return code
