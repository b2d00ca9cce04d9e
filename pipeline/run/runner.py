"""Batch runs: input paths → article results → database (and JSONL), losing nothing.

Articles already stored with the same SHA-256, pipeline version and config hash are
skipped (their stored result is re-emitted to the JSONL output); every batch of
articles is committed in one transaction; the JSONL file replaces its target only
when the run completes. After a crash, running the same command again finishes the
job, and the database ends as if the run had never stopped.
"""
from __future__ import annotations

import datetime as dt
import time
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterator, Sequence

from pipeline.run import engines
from pipeline.run.engines import Job, Skipped
from pipeline.ingest import iter_paths
from pipeline.records import ArticleResult, Quarantine
from pipeline.settings import config_hash, load_settings
from pipeline.sinks.database import Database, PreparedResult, prepare_result
from pipeline.sinks.jsonl import AtomicJsonlWriter
from pipeline.version import PIPELINE_VERSION

ENGINES = engines.ENGINES


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

    def add(self, result: ArticleResult | PreparedResult | None, skipped: bool) -> None:
        self.articles += 1
        self.skipped += skipped
        self.processed += not skipped
        if isinstance(result, PreparedResult):
            self.organizations += result.count("organizations")
            self.alliances += result.count("alliances")
            self.amounts += result.count("amounts")
        elif result is not None:
            self.organizations += len(result.organizations)
            self.alliances += len(result.alliances)
            self.amounts += len(result.amounts)

    def table(self) -> str:
        rows = [("articles", self.articles), ("  processed", self.processed), ("  already stored", self.skipped),
                ("organisations", self.organizations), ("alliances", self.alliances), ("amounts", self.amounts),
                ("quarantined", self.quarantined), ("seconds", f"{self.seconds:.1f}")]
        width = max(len(r[0]) for r in rows)
        return "\n".join(f"{name:<{width}}  {value:>10}" for name, value in rows)


def count_inputs(paths: Sequence[str | Path]) -> int:
    return sum(1 for p in iter_paths(paths) if isinstance(p, Path))


def input_chunks(paths: Sequence[str | Path], size: int, discovered: list[Quarantine]) -> Iterator[list[str]]:
    """Input files in chunks; discovery problems (broken links, loops) go to `discovered`."""
    def files():
        for p in iter_paths(paths):
            if isinstance(p, Quarantine):
                discovered.append(p)
            else:
                yield str(p)
    it = files()
    while chunk := list(islice(it, size)):
        yield chunk


class _Writer:
    """Collects items in input order and flushes them: one database transaction per
    batch, JSONL lines in input order (stored results re-read for skipped articles)."""

    def __init__(self, db: Database, jsonl: AtomicJsonlWriter | None, summary: RunSummary, batch_size: int):
        self.db, self.jsonl, self.summary, self.batch_size = db, jsonl, summary, batch_size
        self.entries: list[PreparedResult | Skipped] = []
        self.quarantined: list[Quarantine] = []
        self.written: set[str] = set()   # SHA-256s stored by this run

    def add(self, item) -> None:
        if isinstance(item, ArticleResult):  # workers send PreparedResults; this is for other callers
            item = prepare_result(item, self.db.schema)
        if isinstance(item, PreparedResult) and item.unstorable:
            item = Quarantine(path=item.article, sha256=item.sha256, stage="process", reason=item.unstorable)
        if isinstance(item, PreparedResult):
            # A copy of an article stored earlier in this run is skipped, as it would be by a
            # re-run after a crash: the first path in input order keeps the row either way.
            if item.sha256 in self.written:
                item = Skipped(item.article, item.sha256)
            else:
                self.written.add(item.sha256)
        if isinstance(item, Quarantine):
            self.quarantined.append(item)
        else:
            self.entries.append(item)
        if len(self.entries) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        fresh = [e for e in self.entries if isinstance(e, PreparedResult)]
        self.db.write_batch(fresh, self.quarantined,
                            cleared=[e.path for e in self.entries if isinstance(e, Skipped)])
        skipped = {e.sha256 for e in self.entries if isinstance(e, Skipped)}
        stored = {r.sha256: r for r in self.db.iter_results(skipped)} if skipped and self.jsonl else {}
        for entry in self.entries:
            if isinstance(entry, Skipped):
                result = stored.get(entry.sha256)
                if result is not None and result.article != entry.path:
                    result = result.model_copy(update={"article": entry.path})
                self.summary.add(result, skipped=True)
                if self.jsonl and result is not None:
                    self.jsonl.write(result)
            else:
                self.summary.add(entry, skipped=False)
                if self.jsonl:
                    self.jsonl.write_json(entry.json)
        self.summary.quarantined += len(self.quarantined)
        self.summary.quarantine.extend(self.quarantined)
        self.entries, self.quarantined = [], []


def run(paths: Sequence[str | Path], *, db_url: str, out: str | Path | None = None, force: bool = False,
        published: dt.date | None = None, workers: int = 1, engine: str = "local", scheduler: str | None = None,
        progress: Callable[[int], None] | None = None, chunk_size: int | None = None,
        batch_size: int | None = None, kiwi_threads: int | str | None = None) -> RunSummary:
    """Extract every article under `paths` into the database (and `out` JSONL).

    `chunk_size`, `batch_size` and `kiwi_threads` (a number or "auto") default to the
    `run:` settings."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    started = time.perf_counter()
    settings = load_settings()["run"]
    batch_size = batch_size or settings["batch_size"]
    chunk_size = chunk_size or settings.get("chunk_size", 16)
    summary = RunSummary()
    db = Database(db_url)
    with ExitStack() as stack:
        stack.callback(db.close)
        db.create()
        chash = config_hash()
        current = frozenset() if force else frozenset(
            sha for sha, (version, digest) in db.stored_versions().items() if (version, digest) == (PIPELINE_VERSION, chash))
        threads = engines.kiwi_threads_for(settings.get("kiwi_threads") if kiwi_threads is None else kiwi_threads,
                                           workers, engine)
        job = Job(published=published, current=current, prepare=True, kiwi_threads=threads)
        jsonl = stack.enter_context(AtomicJsonlWriter(out)) if out else None
        writer = _Writer(db, jsonl, summary, batch_size)
        discovered: list[Quarantine] = []
        chunks = input_chunks(paths, chunk_size, discovered)
        # closed on any error too: worker processes or the Dask cluster stop before the database closes
        results = stack.enter_context(closing(
            engines.run_chunks(chunks, job, workers=workers, engine=engine, scheduler=scheduler)))
        for items in results:
            for item in chain(discovered, items):
                writer.add(item)
            discovered.clear()
            if progress:
                progress(sum(1 for i in items if not (isinstance(i, Quarantine) and i.stage == "discover")))
        for item in discovered:
            writer.add(item)
        writer.flush()
    summary.seconds = time.perf_counter() - started
    return summary
