"""Where the language data is found: the `configs/` folder and the `models/` folder beside it.

In order:
1. `$ALLIANCES_CONFIG_DIR` (its `../models` is used too);
2. the copy inside an installed package (`pipeline/_data/configs`, `pipeline/_data/models`), which the
   wheel build makes from the repository's folders (setup.py) — a wheel carries its data;
3. the repository's own `configs/` and `models/`, when running from a checkout (an editable install,
   or PYTHONPATH pointing at the repository).

The package copy comes before the checkout so that an installed package never picks up a folder named
`configs` that happens to sit beside it in site-packages. This module imports nothing heavy: the
command line reads it before deciding which folder the run uses (`--lexicon` makes a folder of its own).
"""
from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "ALLIANCES_CONFIG_DIR"
SETTINGS_FILE = "settings.yaml"
PACKAGED_ROOT = Path(__file__).resolve().parent / "_data"
CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def candidate_config_dirs() -> list[Path]:
    """The configs folders looked at, in order, without the environment variable."""
    return [PACKAGED_ROOT / "configs", CHECKOUT_ROOT / "configs"]


def find_config_dir() -> Path:
    """The configs folder this process uses (the first of the list in the module docstring that exists;
    the checkout's when none does, so that the error names the expected place)."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        return Path(configured)
    for folder in candidate_config_dirs():
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return CHECKOUT_ROOT / "configs"


def models_dir(config_dir: Path) -> Path:
    """The models folder that goes with a configs folder: its sibling."""
    return (config_dir / ".." / "models").resolve()
