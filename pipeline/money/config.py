"""Load the YAML data files under `configs/` once per process."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

# configs/ sits at the repository root, two levels above this package;
# ALLIANCES_CONFIG_DIR overrides it (installed package, tests with other data).
_DEFAULT_DIR = Path(__file__).resolve().parents[2] / "configs"


def config_dir() -> Path:
    return Path(os.environ.get("ALLIANCES_CONFIG_DIR") or _DEFAULT_DIR)


@lru_cache(maxsize=None)
def load_config(name: str) -> dict[str, Any]:
    """The parsed `configs/<name>` (cached: files are read once)."""
    with open(config_dir() / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)
