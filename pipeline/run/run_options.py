"""What some options of `run()` need: a run without a database, JSON Lines written to a stream,
a confidence threshold, and inputs reported under another name (standard input as `<stdin>`).

The threshold and the names are applied in the workers, before each result becomes rows and a
JSON line (`finish_result`); the threshold also changes the config hash stored with the result,
so a later run with another threshold (or none) does not take the article for already done.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Iterator, TextIO

from pipeline.records import ArticleResult, Quarantine
from pipeline.run.engines import FileRead, Skipped
from pipeline.sinks.database import SCHEMA, PreparedResult, prepare_result
from pipeline.sinks.jsonl import one_line


def threshold_hash(config_hash: str, min_confidence: float) -> str:
    """The config hash of records kept only from `min_confidence` up (the plain hash without one)."""
    if not min_confidence:
        return config_hash
    return hashlib.sha256(f"{config_hash}\0min_confidence={min_confidence!r}".encode()).hexdigest()[:16]


def shown_name(path: str, names: tuple[tuple[str, str], ...]) -> str:
    """`path` (a file, or FILE#LINE) under the name its file is shown as."""
    for real, shown in names:
        if path == real or path.startswith(real + "#"):
            return shown + path[len(real):]
    return path


@dataclass(frozen=True)
class FinishResult:
    """`Job.finish` for runs with a threshold or renamed inputs (picklable, for the workers)."""
    min_confidence: float = 0.0
    config_hash: str | None = None                      # the threshold's hash, stored with each result
    names: tuple[tuple[str, str], ...] = ()

    def __call__(self, result: ArticleResult) -> PreparedResult:
        update: dict = {}
        article = shown_name(result.article, self.names)
        if article != result.article:
            update["article"] = article
        if self.min_confidence:
            update["alliances"] = [a for a in result.alliances if a.confidence >= self.min_confidence]
            update["config_hash"] = self.config_hash
        return prepare_result(result.model_copy(update=update) if update else result)


def renamed(item, names: tuple[tuple[str, str], ...]):
    """An engine item (quarantine entry, skipped article, file marker) under its shown name."""
    if not names:
        return item
    if isinstance(item, Quarantine):
        path = shown_name(item.path, names)
        return item if path == item.path else item.model_copy(update={"path": path})
    if isinstance(item, (Skipped, FileRead)):
        path = shown_name(item.path, names)
        return item if path == item.path else dataclasses.replace(item, path=path)
    return item


class NoDatabase:
    """Stands in for the database of a run that stores nothing (`db_url=None`: JSON Lines only)."""
    schema = SCHEMA

    def create(self) -> None:
        pass

    def close(self) -> None:
        pass

    def stored_versions(self) -> dict:
        return {}

    def write_batch(self, *args, **kwargs) -> None:
        pass

    def current_among(self, sha256s, pipeline_version: str, config_hash: str) -> set[str]:
        return set()

    def iter_results(self, sha256s) -> Iterator[ArticleResult]:
        return iter(())


class StreamJsonlWriter:
    """One article result per line to an open text stream (standard output), as the run goes."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.lines = 0

    def write(self, result: ArticleResult) -> None:
        self.write_json(result.model_dump_json())

    def write_json(self, json_text: str) -> None:
        self.stream.write(one_line(json_text) + "\n")
        self.lines += 1
