"""Article paths relative to the input root, so that a run from another folder finds the same articles.

The root is the folder `run(..., root=DIR)` names, else the deepest folder holding every input
path given (a folder counts as itself, a file as its folder): `alliances extract /data/crawl/`
and `cd /data/crawl && alliances extract .` both store `2024/05/a.html`, and one file given alone
is stored under its name. Paths are compared as written (symlinks are not resolved), so every
file found under an input is under the root.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from pipeline.ingest.names import shown_path
from pipeline.records import Quarantine


def input_root(paths: Sequence[str | Path], root: str | Path | None = None) -> str:
    """The absolute root folder of a run's inputs; ValueError if an input lies outside a given `root`."""
    absolute = [os.path.abspath(os.fspath(p)) for p in paths]
    if root is not None:
        folder = os.path.abspath(os.fspath(root))
        for path in absolute:
            if os.path.commonpath([folder, path]) != folder:
                raise ValueError(f"input {shown_path(path)} is not under the root {shown_path(folder)}")
        return folder
    folders = [path if os.path.isdir(path) else os.path.dirname(path) for path in absolute]
    return os.path.commonpath(folders) if folders else os.getcwd()


def relative_path(path: str | Path, root: str) -> str:
    """`path` (as discovery found it) relative to the root."""
    return os.path.relpath(os.path.abspath(os.fspath(path)), root)


def relative_entry(entry: Quarantine, root: str) -> Quarantine:
    """A discovery entry under its path relative to the root (in its reason too)."""
    shown_root = shown_path(root)
    full = entry.path if os.path.isabs(entry.path) else os.path.join(shown_path(os.getcwd()), entry.path)
    relative = os.path.relpath(os.path.normpath(full), shown_root)
    if relative == entry.path:
        return entry
    return entry.model_copy(update={"path": relative, "reason": entry.reason.replace(entry.path, relative)})
