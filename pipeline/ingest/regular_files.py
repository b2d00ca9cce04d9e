"""Opening an input file only if it is a regular file, without ever blocking (a FIFO, a
device) and with a quarantine entry saying why not."""
from __future__ import annotations

import os
import stat
from typing import BinaryIO

from pipeline.ingest import discover
from pipeline.records import Quarantine

_SPECIAL_FILES = (
    (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
)


def _not_regular(mode: int) -> str:
    for test, name in _SPECIAL_FILES:
        if test(mode):
            return f"not a regular file ({name})"
    return "not a regular file"


def open_regular(path: str) -> tuple[BinaryIO, int] | Quarantine:
    """(binary stream, size) of `path` if it is a regular file, else why it cannot be read."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        return Quarantine(path=path, stage="read", reason="unreadable: permission denied")
    except FileNotFoundError as error:
        return discover.lookup_problem(path, error)
    except OSError as error:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return discover.lookup_problem(path, error)
        if not stat.S_ISREG(mode):
            return Quarantine(path=path, stage="read", reason=f"unreadable: {_not_regular(mode)}")
        return Quarantine(path=path, stage="read", reason=f"unreadable: {error.strerror or error}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            return Quarantine(path=path, stage="read", reason=f"unreadable: {_not_regular(st.st_mode)}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except OSError as error:
        os.close(fd)
        return Quarantine(path=path, stage="read", reason=f"unreadable: {error.strerror or error}")


def too_large(path: str, size: int, limit: int) -> Quarantine:
    return Quarantine(path=path, stage="read", size=size,
                      reason=f"file too large ({size:,} bytes; limit {limit:,})")
