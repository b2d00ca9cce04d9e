"""Find the article files under the given paths, lazily and in a deterministic order.

Paths given explicitly are taken whatever their extension; inside folders only the configured
extensions count. Folders are walked depth-first in sorted name order, holding one folder's
entries per level. Symlinks are followed; a broken one or a loop becomes a quarantine entry,
and a symlinked folder that leads back to one of its ancestors is not entered again (the
real identity of every folder walked is remembered, so no folder is walked twice). A caller's
`skip(name, path)` leaves out files such as the run's own outputs. Names in quarantine entries
are spelled by `shown_path` (bytes that are not UTF-8 as \\xNN).
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.ingest.names import shown_path
from pipeline.records import Quarantine

# skip(file name, path) → True to leave the file out of the run
Skip = Callable[[str, str], bool]


def _problem(path: str | Path, reason: str) -> Quarantine:
    # str(Path(...)): the same spelling as the files yielded ("./a.txt" → "a.txt")
    return Quarantine(path=shown_path(Path(path)), sha256=None, stage="discover", reason=reason)


def _link_target(path: str | Path) -> str:
    try:
        return shown_path(os.readlink(path))
    except OSError:
        return "?"


def lookup_problem(path: str | Path, error: OSError) -> Quarantine:
    """Why following `path` failed: broken symlink, symlink loop, missing, permission."""
    path = Path(path)
    name = shown_path(path)
    if error.errno == errno.ELOOP:
        return _problem(path, f"symlink loop ({name} → {_link_target(path)} never reaches a file)")
    if isinstance(error, FileNotFoundError) and os.path.islink(path):
        return _problem(path, f"broken symlink ({name} → {_link_target(path)}, which does not exist)")
    if isinstance(error, FileNotFoundError):
        return _problem(path, "no such file or directory")
    if isinstance(error, PermissionError):
        return _problem(path, "permission denied while looking up the path")
    return _problem(path, f"cannot look up the path: {error.strerror or error}")


def _sorted_entries(directory: str) -> list[os.DirEntry]:
    with os.scandir(directory) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _folder_entries(path: str) -> list[os.DirEntry] | Quarantine:
    """The entries of a folder in name order, or why it cannot be listed."""
    try:
        return _sorted_entries(path)
    except PermissionError:
        return _problem(path, "cannot list the folder: permission denied")
    except OSError as error:
        return _problem(path, f"cannot list the folder: {error.strerror or error}")


def _followed(entry: os.DirEntry) -> tuple[bool, os.stat_result | None]:
    """(is it a folder, its stat when it is one) for a folder entry, through a symlink;
    OSError for a dangling or looping link."""
    if entry.is_symlink():
        st = os.stat(entry.path)
        return stat.S_ISDIR(st.st_mode), st
    is_dir = entry.is_dir(follow_symlinks=False)   # no stat call for plain files
    return is_dir, (entry.stat(follow_symlinks=False) if is_dir else None)


def _walk(root: Path, root_stat: os.stat_result, extensions: frozenset[str], skip_hidden: bool,
          visited: set[tuple[int, int]], skip: Skip | None = None) -> Iterator[Path | Quarantine]:
    """Depth-first walk of `root`; an explicit stack instead of recursion (deep trees are fine)."""
    root_id = (root_stat.st_dev, root_stat.st_ino)
    visited.add(root_id)
    # Each frame: (folder path, its identity, iterator over its sorted entries).
    stack: list[tuple[str, tuple[int, int], Iterator[os.DirEntry]]] = []
    ancestors: dict[tuple[int, int], str] = {}

    def enter(path: str, identity: tuple[int, int]) -> Quarantine | None:
        entries = _folder_entries(path)
        if isinstance(entries, Quarantine):
            return entries
        stack.append((path, identity, iter(entries)))
        ancestors[identity] = path
        return None

    problem = enter(str(root), root_id)
    if problem:
        yield problem
        return
    while stack:
        folder, identity, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            del ancestors[identity]
            continue
        if skip_hidden and entry.name.startswith("."):
            continue
        path = entry.path
        suffix = os.path.splitext(entry.name)[1].lower()
        try:
            is_dir, st = _followed(entry)
        except OSError as error:
            # A dangling or looping link: report it if it could have been an article or a folder.
            if suffix in extensions or not suffix:
                yield lookup_problem(path, error)
            continue
        if is_dir:
            child = (st.st_dev, st.st_ino)
            if child in ancestors:
                yield _problem(path, f"symlink cycle: {shown_path(path)} leads back to {shown_path(ancestors[child])}")
                continue
            if child in visited:
                continue   # already walked under another name
            visited.add(child)
            problem = enter(path, child)
            if problem:
                yield problem
            continue
        if suffix in extensions and not (skip and skip(entry.name, path)):
            yield Path(path)


def iter_paths(paths: Iterable[str | Path], *, extensions: Iterable[str] = (".txt", ".html", ".htm", ".jsonl"),
               skip_hidden: bool = True, skip: Skip | None = None) -> Iterator[Path | Quarantine]:
    """Every candidate file under `paths` (files as given, folders walked), or why a path failed;
    files for which `skip(name, path)` is true are left out."""
    wanted = frozenset(e.lower() if e.startswith(".") else f".{e.lower()}" for e in extensions)
    visited: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        try:
            st = os.stat(path)
        except OSError as error:
            yield lookup_problem(path, error)
            continue
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in visited:
                continue
            yield from _walk(path, st, wanted, skip_hidden, visited, skip)
        elif not (skip and skip(path.name, str(path))):
            yield path   # explicit files are taken whatever their extension or type
