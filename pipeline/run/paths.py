"""The files a run writes: checked before any work, and never read back as its inputs.

`check_outputs(db_url, out)` refuses, with one line (the command line exits 2), an output that
cannot be written: a folder where a file should be, a file in a folder that does not exist (a
typo would otherwise create a new database somewhere), a folder or database file the run may not
write, or something that is not a regular file (`--out /dev/null` would replace the device).

The `RunOutputs` it returns says which files discovery must skip: the `--out` file and its temp
files (`OUT.tmp-<pid>`), the SQLite database and its `-wal`, `-shm` and `-journal` files, all
compared by real path, so that an output inside an input folder is not read as input by the next
run. Each skip is noted in `warnings`.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.names import shown_path

SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class OutputPathError(ValueError):
    """An output path the run cannot write (the message is one line)."""


@dataclass
class RunOutputs:
    files: dict[str, str] = field(default_factory=dict)        # real path → what the file is
    temp_dirs: dict[str, re.Pattern] = field(default_factory=dict)   # real folder → temp file names
    names: set[str] = field(default_factory=set)               # base names worth a closer look
    temp_prefixes: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)

    def skip(self, name: str, path: str) -> bool:
        """True (and a warning) for a file that is one of the run's outputs."""
        if name not in self.names and not name.startswith(self.temp_prefixes or ("\0",)):
            return False
        real = os.path.realpath(path)
        what = self.files.get(real)
        if what is None:
            pattern = self.temp_dirs.get(os.path.dirname(real))
            if pattern is None or not pattern.fullmatch(os.path.basename(real)):
                return False
            what = "a temporary file of this run's --out file"
        self.warnings.append(f"{shown_path(Path(path))} is not read as input: it is {what}")
        return True


def _parent(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _check_file(path: Path, option: str) -> None:
    """Raise OutputPathError unless `path` can be created or replaced by this process."""
    shown = shown_path(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):   # the folder is checked below
        st = None
    except OSError as error:
        raise OutputPathError(f"{option} {shown}: {error.strerror or error}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputPathError(f"{option} {shown}: is a folder, not a file")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputPathError(f"{option} {shown}: is not a regular file")
    folder = _parent(path)
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise OutputPathError(f"{option} {shown}: the folder {shown_path(folder)} {what}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(f"{option} {shown}: cannot write in the folder {shown_path(folder)}")
    if st is not None and not os.access(path, os.W_OK):
        raise OutputPathError(f"{option} {shown}: the file is read-only")


def _sqlite_file(db_url: str) -> Path | None:
    """The SQLite database file a URL names, None for another database, :memory: or a bad URL
    (the database layer reports a bad URL itself)."""
    from pipeline.sinks.database import DatabaseError, normalize_url  # lazy: SQLAlchemy

    try:
        url = normalize_url(db_url)
    except DatabaseError:
        return None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_outputs(db_url: str, out: str | os.PathLike | None) -> RunOutputs:
    """The run's outputs, after checking that they can be written (OutputPathError if not)."""
    outputs = RunOutputs()
    database = _sqlite_file(db_url)
    if database is not None:
        _check_file(database, "--db")
        real = os.path.realpath(database)
        for suffix in SQLITE_COMPANIONS:
            outputs.files[real + suffix] = f"this run's database{f' ({suffix[1:]} file)' if suffix else ''}"
            outputs.names.add(database.name + suffix)
    if out is not None:
        target = Path(out)
        _check_file(target, "--out")
        folder = os.path.realpath(_parent(target))   # where the temp file is made, by the name given
        for real in (os.path.realpath(target), os.path.join(folder, target.name)):
            outputs.files[real] = "this run's --out file"
        outputs.names.add(target.name)
        outputs.temp_dirs[folder] = re.compile(re.escape(target.name) + r"\.tmp-\d+")
        outputs.temp_prefixes = (f"{target.name}.tmp-",)
    return outputs
