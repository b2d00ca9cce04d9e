"""Output files that are either complete or absent: write a temp file, fsync, rename.

A reader never sees half a file: the target is replaced (`os.replace`, atomic on one
file system) only after everything was written and synced; on an exception the temp
file is removed and any previous output stays as it was.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pipeline.records import ArticleResult

_TEMP_SUFFIX = re.compile(r"\.tmp-(\d+)$")
# JSON allows these raw inside strings, but str.splitlines() and some JSONL readers
# break lines at them; escaping keeps one article per line for every reader.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def temp_path_for(target: Path) -> Path:
    return target.with_name(f"{target.name}.tmp-{os.getpid()}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(target: Path) -> None:
    """Delete temp files of this target left by processes that died (kill -9)."""
    for candidate in target.parent.glob(f"{target.name}.tmp-*"):
        match = _TEMP_SUFFIX.search(candidate.name)
        if match and int(match.group(1)) != os.getpid() and not _pid_alive(int(match.group(1))):
            candidate.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temp path beside `target`; it becomes `target` only if the block succeeds.

    The block must close the file it writes; this syncs and renames it.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    temp = temp_path_for(target)
    try:
        yield temp
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
        _fsync_dir(target.parent)
    finally:
        temp.unlink(missing_ok=True)


def one_line(json_text: str) -> str:
    """A JSON document as exactly one line."""
    if any(ch in json_text for ch in _LINE_BREAKS):
        for ch, escaped in _LINE_BREAKS.items():
            json_text = json_text.replace(ch, escaped)
    return json_text


class AtomicJsonlWriter:
    """One article result per line, UTF-8; the target appears only when the block succeeds.

        with AtomicJsonlWriter("out.jsonl") as out:
            out.write(result)
    """

    def __init__(self, target: str | os.PathLike):
        self.target = Path(target)
        self.lines = 0
        self._context = None
        self._file = None

    def __enter__(self) -> "AtomicJsonlWriter":
        self._context = atomic_path(self.target)
        temp = self._context.__enter__()
        self._file = open(temp, "w", encoding="utf-8", newline="\n")
        return self

    def write(self, result: ArticleResult) -> None:
        self.write_json(result.model_dump_json())

    def write_json(self, json_text: str) -> None:
        """A result already serialised (e.g. `Database.iter_result_json`)."""
        self._file.write(one_line(json_text))
        self._file.write("\n")
        self.lines += 1

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            self._file.close()
        finally:
            self._context.__exit__(exc_type, exc, tb)
        return False
