"""Settings from `configs/settings.yaml` (schema `Settings`), and the hash that identifies a configuration."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, NonNegativeInt, PositiveFloat, PositiveInt, model_validator

from pipeline.config_files import CONFIG_DIR, ConfigModel, config_path, config_schema, read_yaml
from pipeline.config_files import load_config as load_validated_config

__all__ = ["CONFIG_DIR", "Settings", "config_hash", "config_path", "load_config", "load_settings"]

Ratio = Annotated[float, Field(ge=0, le=1)]


# Every `ingest:` key may be left out; the defaults are those the ingest stage applies.
class HtmlMetaSettings(ConfigModel):
    """<meta> names (lower case) that give an HTML page's title and publication date, first found wins."""
    title_meta: list[str] = ["og:title"]
    date_meta: list[str] = ["article:published_time"]


class JsonlFieldSettings(ConfigModel):
    """Field names of a JSON Lines article, first present wins."""
    id_fields: list[str] = ["id", "url"]
    title_fields: list[str] = ["title"]
    body_fields: list[str] = ["body", "text", "content"]
    published_fields: list[str] = ["published"]


class IngestSettings(ConfigModel):
    extensions: list[str] = [".txt", ".html", ".htm", ".jsonl"]
    max_bytes: PositiveInt = 20_000_000
    max_replacement_ratio: Ratio = 0.01
    min_text_chars: NonNegativeInt = 1
    chrome_lines: str = "chrome_lines.yaml"     # a file of configs/
    max_control_ratio: Ratio = 0.02
    skip_hidden: bool = True
    max_json_depth: PositiveInt = 64            # deeper nesting in a JSON line is quarantined
    html: HtmlMetaSettings = HtmlMetaSettings()
    jsonl: JsonlFieldSettings = JsonlFieldSettings()


class TokenizerSettings(ConfigModel):
    model_type: Literal["none", "largest", "knlm", "sbg", "cong", "cong-global"] = "cong"   # Kiwi's
    user_dictionary: str                         # relative to configs/
    # Kiwi's built-in multi-word proper nouns (세쿼이아 캐피털 as one token): loading them costs a
    # process 1.3-1.4 s; our lexicon and name rules find the same organisations without them.
    multi_word_dictionary: bool = False
    # Long inputs (pipeline.korean.tokenizer): analysis time grows with the square of a sentence's length.
    max_sentence_chars: PositiveInt = 1000       # characters without a sentence end before a break is made
    max_paragraph_chars: PositiveInt = 5000      # characters per line before a break is made at a sentence end
    piece_chars: PositiveInt = 50000             # characters per Kiwi call for a longer text

    @model_validator(mode="after")
    def _limits_nest(self) -> "TokenizerSettings":
        if not self.max_sentence_chars < self.max_paragraph_chars <= self.piece_chars:
            raise ValueError("the limits must satisfy max_sentence_chars < max_paragraph_chars <= piece_chars")
        return self


class LexiconSettings(ConfigModel):
    organizations: str                           # folder of configs/


class RunSettings(ConfigModel):
    database: str                                # SQLAlchemy URL
    batch_size: PositiveInt
    chunk_size: PositiveInt = 16
    kiwi_threads: NonNegativeInt | Literal["auto"] = "auto"
    article_seconds: PositiveFloat = 30          # time budget per article; over it the article is quarantined
    db_connect_timeout: PositiveFloat = 15       # seconds to connect to PostgreSQL
    db_statement_timeout: PositiveFloat = 300    # seconds one database operation (a batch) may take


@config_schema("settings.yaml")
class Settings(ConfigModel):
    ingest: IngestSettings = IngestSettings()
    tokenizer: TokenizerSettings
    lexicon: LexiconSettings
    run: RunSettings


@lru_cache(maxsize=None)
def load_config(name: str) -> Any:
    """The parsed YAML file `configs/<name>`, unvalidated, read once per process.

    Kept for readers not yet converted; new code uses `pipeline.config_files.load_config`,
    which returns the validated model."""
    return read_yaml((CONFIG_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_settings() -> dict[str, Any]:
    """configs/settings.yaml, validated by `Settings`, as a plain dict (defaults filled in)."""
    return load_validated_config("settings.yaml").model_dump()


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
                settings = read_yaml(data)
                settings.pop("run", None)
                data = yaml.safe_dump(settings, sort_keys=True).encode()
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]
