"""Input paths (files and folders) → candidate files, and every document under them."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from pipeline.ingest import discover
from pipeline.ingest.documents import SourceDocument
from pipeline.ingest.files import iter_file
from pipeline.ingest.settings import ingest_settings
from pipeline.records import Quarantine


def iter_paths(paths: Iterable[str | Path], *, settings: dict | None = None,
               skip: discover.Skip | None = None) -> Iterator[Path | Quarantine]:
    """Candidate files under `paths` (lazily, sorted within each folder) or discovery problems;
    `skip(name, path)` leaves files out (a run's own outputs)."""
    config = ingest_settings(settings)
    yield from discover.iter_paths(paths, extensions=config["extensions"], skip_hidden=config["skip_hidden"],
                                   skip=skip)


def iter_documents(paths: Iterable[str | Path], *, settings: dict | None = None
                   ) -> Iterator[SourceDocument | Quarantine]:
    """Every article (or quarantine entry) under `paths`, one file at a time."""
    config = ingest_settings(settings)
    for item in discover.iter_paths(paths, extensions=config["extensions"], skip_hidden=config["skip_hidden"]):
        if isinstance(item, Quarantine):
            yield item
        else:
            yield from iter_file(item, settings=config)
