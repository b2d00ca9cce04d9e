"""Settings from `configs/settings.yaml`, and the hash that identifies a configuration."""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CONFIG_DIR = Path(os.environ.get("ALLIANCES_CONFIG_DIR", Path(__file__).resolve().parent.parent / "configs"))


@lru_cache(maxsize=None)
def load_config(name: str) -> Any:
    """The parsed YAML file `configs/<name>`, read once per process."""
    return yaml.safe_load((CONFIG_DIR / name).read_text(encoding="utf-8"))


def load_settings() -> dict[str, Any]:
    return load_config("settings.yaml")


def config_path(relative: str) -> Path:
    """A path named in settings, relative to the configs folder."""
    return (CONFIG_DIR / relative).resolve()


@lru_cache(maxsize=None)
def config_hash() -> str:
    """SHA-256 (first 16 hex digits) of the pipeline version and every file that shapes extraction.

    Files under configs/ and models/ count; `run:` settings do not, since they change where
    records go, not what they are. A change to extraction code bumps `PIPELINE_VERSION`.
    """
    from pipeline.version import PIPELINE_VERSION

    digest = hashlib.sha256(PIPELINE_VERSION.encode() + b"\0")
    roots = [CONFIG_DIR, config_path("../models")]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if path.name == "settings.yaml":
                settings = yaml.safe_load(data)
                settings.pop("run", None)
                data = yaml.safe_dump(settings, sort_keys=True).encode()
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]
