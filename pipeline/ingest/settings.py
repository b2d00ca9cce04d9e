"""The `ingest:` settings: which files are read and what counts as too big, undecodable or too short."""
from __future__ import annotations

import os

from pipeline.settings import load_settings

DEFAULTS = {
    "extensions": [".txt", ".html", ".htm", ".jsonl"],
    "max_bytes": 20_000_000,
    "max_replacement_ratio": 0.01,
    "max_control_ratio": 0.02,
    "min_text_chars": 1,
    "skip_hidden": True,
    "chrome_lines": "chrome_lines.yaml",
    "html": {},
    "jsonl": {},
}

# Environment variables over the settings file. They decide which files are read at all, not
# what is extracted from them, so they stay out of the config hash: changing them does not
# make stored articles stale.
ENV_OVERRIDES = {"ALLIANCES_MAX_BYTES": "max_bytes"}


def _env_overrides() -> dict:
    overrides = {}
    for variable, key in ENV_OVERRIDES.items():
        value = os.environ.get(variable, "").strip().replace("_", "")
        if not value:
            continue
        if not value.isdigit() or int(value) <= 0:
            raise ValueError(f"{variable} must be a positive number of bytes, not {os.environ[variable]!r}")
        overrides[key] = int(value)
    return overrides


def ingest_settings(settings: dict | None = None) -> dict:
    """The `ingest:` settings, with environment overrides (ALLIANCES_MAX_BYTES) and then
    `settings` (whole settings or the section) laid over them."""
    merged = {**DEFAULTS, **(load_settings().get("ingest") or {}), **_env_overrides()}
    if settings:
        section = settings["ingest"] if isinstance(settings.get("ingest"), dict) else settings
        merged.update(section)
    return merged
