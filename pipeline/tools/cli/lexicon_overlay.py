"""`--lexicon FILE`: the user's own organisations added to the lexicon for one run.

The run uses a configs folder of its own: every file of the current one (linked, not copied),
with the user's files in `organizations/` beside the bundled lexicon, and the models folder
beside it. The configuration is fixed when a process first reads it, so the run happens in a
child process started with `$ALLIANCES_CONFIG_DIR` pointing there (its workers inherit it); this
process only prepares the folder, waits, and removes the folder. The user's entries are read
like the bundled ones and enter the config hash: articles stored without them (or with other
entries) are extracted again, and a re-run with the same file skips them. A name the bundled
lexicon already has keeps its bundled entry.

Each line is checked first (`FILE:LINE: problem`): a JSON object in the lexicon's format, with
`canonical`, `type` and `country` (see `pipeline/extract/organizations/lexicon.py`).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.locations import ENVIRONMENT_VARIABLE, find_config_dir, models_dir
from pipeline.tools.cli.errors import UsageError

ORGANIZATIONS = "organizations"
USER_FILE_PREFIX = "user-"
# Set in the child process: the configs folder made for its --lexicon files.
APPLIED = "ALLIANCES_LEXICON_APPLIED"


def _mirror(source: Path, target: Path) -> None:
    """`target` as a tree of folders whose files are links to those of `source`."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        if entry.is_dir():
            _mirror(entry, target / entry.name)
        else:
            (target / entry.name).symlink_to(entry.resolve())


def overlay_applied() -> bool:
    """True in the child process a --lexicon run started (its configs folder is the prepared one)."""
    applied = os.environ.get(APPLIED)
    return bool(applied) and applied == os.environ.get(ENVIRONMENT_VARIABLE)


def run_with_lexicon(files: list[Path], argv: list[str]) -> int:
    """Run `alliances ARGV` in a child process whose configs folder adds `files` to the lexicon."""
    for file in files:
        if not file.is_file():
            raise UsageError(f"--lexicon {file}: no such file")
    with tempfile.TemporaryDirectory(prefix="alliances-lexicon-") as temp:
        base = find_config_dir()
        config_dir = Path(temp) / "configs"
        _mirror(base, config_dir)
        models = models_dir(base)
        if models.is_dir():
            _mirror(models, Path(temp) / "models")
        for number, file in enumerate(files, 1):
            target = config_dir / ORGANIZATIONS / f"{USER_FILE_PREFIX}{number}-{file.stem}.jsonl"
            target.write_bytes(file.read_bytes())
        env = {**os.environ, ENVIRONMENT_VARIABLE: str(config_dir), APPLIED: str(config_dir)}
        # Ctrl-C reaches the child too (same process group): it stops its run and says so
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            return subprocess.call([sys.executable, "-m", "pipeline.tools.cli", *argv], env=env)
        finally:
            signal.signal(signal.SIGINT, previous)


def check_lexicon_file(path: Path) -> int:
    """Raise UsageError for the first bad line of `path` (FILE:LINE: what is wrong); the number of entries."""
    from pydantic import ValidationError  # lazy: the lexicon's schema only for --lexicon

    from pipeline.tools.cli.lexicon_schema import UserOrganization

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise UsageError(f"--lexicon {path}: not UTF-8 text") from None
    except OSError as error:
        raise UsageError(f"--lexicon {path}: {error.strerror or error}") from None
    entries = 0
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise UsageError(f"--lexicon {path}:{number}: not JSON ({error.msg}, column {error.colno})") from None
        if not isinstance(record, dict):
            raise UsageError(f"--lexicon {path}:{number}: not a JSON object (one organisation per line)")
        try:
            UserOrganization.model_validate(record)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(k) for k in first["loc"]) or "line"
            allowed = f"; allowed keys: {', '.join(UserOrganization.model_fields)}" \
                if first["type"] == "extra_forbidden" else ""
            raise UsageError(f"--lexicon {path}:{number}: {field}: {first['msg']}{allowed}") from None
        entries += 1
    if not entries:
        raise UsageError(f"--lexicon {path}: no organisation in the file (one JSON object per line)")
    return entries


def check_applied_lexicon(files: list[Path]) -> None:
    """In the child: the user's files are valid and the lexicon with them loads."""
    from pipeline.config_files import CONFIG_DIR
    from pipeline.extract.organizations import load_lexicon
    from pipeline.extract.organizations.lexicon import LexiconError

    for file in files:
        check_lexicon_file(file)
    try:
        load_lexicon(CONFIG_DIR / ORGANIZATIONS)   # cached: the run's extraction uses this very object
    except LexiconError as error:
        raise UsageError(f"--lexicon: {error}") from None
