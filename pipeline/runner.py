"""Batch runs: input paths → article results → database (and JSONL), losing nothing.

Articles already stored with the same SHA-256, pipeline version and config hash are
skipped (their stored result is re-emitted to the JSONL output), every batch of
articles is committed in one transaction, and the JSONL file only replaces its
target when the run completes.
"""
from __future__ import annotations

import datetime as dt
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .extract import process_documents
from .ingest import SourceDocument, iter_documents, iter_paths
from .records import ArticleResult, Quarantine
from .settings import config_hash, load_settings
from .sinks.database import Database
from .sinks.jsonl import AtomicJsonlWriter
from .version import PIPELINE_VERSION


@dataclass
class RunSummary:
    articles: int = 0        # articles in the input (processed + skipped)
    processed: int = 0
    skipped: int = 0         # already stored with this pipeline version and config
    organizations: int = 0
    alliances: int = 0
    amounts: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    quarantine: list[Quarantine] = field(default_factory=list)

    def add(self, result: ArticleResult, skipped: bool) -> None:
        self.articles += 1
        self.skipped += skipped
        self.processed += not skipped
        self.organizations += len(result.organizations)
        self.alliances += len(result.alliances)
        self.amounts += len(result.amounts)

    def table(self) -> str:
        rows = [("articles", self.articles), ("  processed", self.processed), ("  already stored", self.skipped),
                ("organisations", self.organizations), ("alliances", self.alliances), ("amounts", self.amounts),
                ("quarantined", self.quarantined), ("seconds", f"{self.seconds:.1f}")]
        width = max(len(r[0]) for r in rows)
        return "\n".join(f"{name:<{width}}  {value:>10}" for name, value in rows)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _process_isolated(documents: Sequence[SourceDocument], published, nlp) -> Iterator[ArticleResult | Quarantine]:
    """Results in order; if the batch fails, retry one by one so only the culprit is quarantined."""
    try:
        yield from list(process_documents(documents, nlp, published))
        return
    except Exception:  # noqa: BLE001 — isolate the failing article below
        pass
    for document in documents:
        try:
            yield next(process_documents([document], nlp, published))
        except Exception as exc:  # noqa: BLE001
            yield Quarantine(path=document.path, sha256=document.raw_sha256, stage="process",
                             reason=f"extraction failed: {type(exc).__name__}: {exc}")


def count_inputs(paths: Sequence[str | Path]) -> int:
    return sum(1 for p in iter_paths(paths) if isinstance(p, Path))


def run(paths: Sequence[str | Path], *, db_url: str, out: str | Path | None = None, force: bool = False,
        published: dt.date | None = None, nlp=None, progress: Callable[[int], None] | None = None,
        batch_size: int | None = None) -> RunSummary:
    """Extract every article under `paths` into the database (and `out` JSONL)."""
    started = time.perf_counter()
    batch_size = batch_size or load_settings()["run"]["batch_size"]
    summary = RunSummary()
    db = Database(db_url)
    chash = config_hash()
    with ExitStack() as stack:
        stack.callback(db.close)
        db.create()
        writer = stack.enter_context(AtomicJsonlWriter(out)) if out else None
        for batch in _batches(iter_documents(paths), batch_size):
            documents = [d for d in batch if isinstance(d, SourceDocument)]
            quarantined = [q for q in batch if isinstance(q, Quarantine)]
            current = set() if force else db.current_among([d.sha256 for d in documents], PIPELINE_VERSION, chash)
            todo = [d for d in documents if d.sha256 not in current]
            fresh: dict[str, ArticleResult] = {}
            for item in _process_isolated(todo, published, nlp):
                if isinstance(item, Quarantine):
                    quarantined.append(item)
                else:
                    fresh[item.article] = item
            db.write_batch(list(fresh.values()), quarantined)
            stored = {r.sha256: r for r in db.iter_results(current)} if current and writer else {}
            for document in documents:
                if document.path in fresh:
                    summary.add(fresh[document.path], skipped=False)
                    if writer:
                        writer.write(fresh[document.path])
                elif document.sha256 in current:
                    result = stored.get(document.sha256)
                    if result is None:
                        summary.articles += 1
                        summary.skipped += 1
                        continue
                    if result.article != document.path:
                        result = result.model_copy(update={"article": document.path})
                    summary.add(result, skipped=True)
                    if writer:
                        writer.write(result)
            summary.quarantined += len(quarantined)
            summary.quarantine.extend(quarantined)
            if progress:
                progress(len(batch))
    summary.seconds = time.perf_counter() - started
    return summary
