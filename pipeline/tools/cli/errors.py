"""Exit codes, and every error as one line on standard error.

A usage error (exit 2) is found before any work: a missing input, an output that cannot be
written, options that do not go together, a value out of range. Any other error stops a run
(exit 1). Either way the message is one line starting `alliances: error:`, with no traceback and
no password; `--verbose` (or ALLIANCES_DEBUG=1) lets the traceback through instead.
"""
from __future__ import annotations

import os
import re
import sys

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_QUARANTINED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
PREFIX = "alliances: error: "
_QUOTED_EXCEPTION = re.compile(r"\b(?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Warning): ")


class UsageError(Exception):
    """Bad command-line usage found by a command before any work (exit 2); the message is one line."""


class RunError(Exception):
    """A problem a command found with its input data (exit 1); the message is one line."""


class State:
    """What the whole invocation shares: --verbose, and the arguments (a --lexicon run passes them on)."""
    verbose = bool(os.environ.get("ALLIANCES_DEBUG"))
    argv: list[str] = []
    # The command loaded Kiwi, the rules or a run's machinery: the program ends without the
    # interpreter's teardown (app.quick_exit)
    quick_exit = False


def set_verbose(verbose: bool) -> None:
    if verbose:
        State.verbose = True


def one_line(text: str) -> str:
    """`text` as one line a terminal shows as it is (file names may hold line breaks and escapes)."""
    from pipeline.ingest.names import terminal_text  # lazy: only when there is something to say

    return terminal_text(" ".join(text.split("\n")).strip())


def print_error(message: str) -> None:
    print(PREFIX + one_line(message), file=sys.stderr)


def _scrubbed(text: str) -> str:
    from pipeline.sinks.database import _scrub_text  # lazy: SQLAlchemy, and only on an error
    return _scrub_text(text)


def error_message(exc: BaseException) -> str:
    """What went wrong, in words, without the exception's class name for the errors we expect."""
    from pipeline.config_files import ConfigError

    if isinstance(exc, (UsageError, RunError, ConfigError)):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return _scrubbed(f"{exc.strerror}{where}")
    name = type(exc).__name__
    if name in ("DatabaseError", "SchemaVersionError", "LexiconError", "OutputPathError"):
        # a driver's exception quoted in the message ("…: OperationalError: connection failed") is noise here
        return _scrubbed(_QUOTED_EXCEPTION.sub("", str(exc)))
    text = str(exc) or name
    return _scrubbed(f"{text} (an unexpected {name}: run again with --verbose for the traceback)")
