"""`-` as an input: standard input saved to a file the workers can read, reported as `<stdin>`.

Workers (local processes, Dask) read files by path, so standard input is first copied to a
temporary file whose name tells the reader what it holds: JSON Lines when the first character
that is not white space is `{`, HTML when it is `<`, plain text otherwise. Records and
quarantine entries name it `<stdin>` (`<stdin>#3` for the third JSON line).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from pipeline.tools.cli.errors import UsageError

STDIN = "-"
SHOWN_NAME = "<stdin>"
_SNIFF_BYTES = 4096
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def stdin_suffix(head: bytes) -> str:
    """The file extension that makes the reader treat these first bytes as what they are."""
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    first = head.lstrip(b" \t\r\n\x00")[:1]
    return {b"{": ".jsonl", b"<": ".html"}.get(first, ".txt")


def check_stdin(paths: list[str], stream=None) -> bool:
    """Whether `-` is among the inputs (at most once, and not a terminal)."""
    count = paths.count(STDIN)
    if count > 1:
        raise UsageError("- (standard input) is given more than once")
    if count and len(paths) > 1:   # records name inputs relative to the folder holding them all
        raise UsageError("- (standard input) is read on its own: give files and folders in another run")
    if count and (stream or sys.stdin) is not None and (stream or sys.stdin).isatty():
        raise UsageError("- reads articles from standard input, but it is a terminal: "
                         "pipe them in (cat article.txt | alliances extract -)")
    return bool(count)


def spool_stdin(folder: Path, stream: BinaryIO | None = None) -> Path:
    """Copy standard input into `folder`; the file's path."""
    stream = stream or sys.stdin.buffer
    head = stream.read(_SNIFF_BYTES)
    path = folder / f"stdin{stdin_suffix(head)}"
    with open(path, "wb") as out:
        out.write(head)
        shutil.copyfileobj(stream, out, 1 << 20)
    return path


def stdin_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="alliances-stdin-")
