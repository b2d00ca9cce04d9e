"""Batch runs: input paths → article results → database (and JSONL), losing nothing.

Articles already stored with the same SHA-256, pipeline version and config hash are
skipped (their stored result is re-emitted to the JSONL output); every batch of
articles is committed in one transaction; the JSONL file replaces its target only
when the run completes. After a crash, running the same command again finishes the
job, and the database ends as if the run had never stopped.

Before any work the outputs are checked (`paths.check_outputs`: OutputPathError, which the
command line turns into exit code 2), and discovery skips them. Each article has a time budget
(`run.article_seconds`); one that runs over is quarantined and the run goes on.
"""
from __future__ import annotations

import datetime as dt
import time
from contextlib import ExitStack, closing
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence, TextIO

from pipeline.ingest import iter_paths
from pipeline.records import Quarantine
from pipeline.run import engines
from pipeline.run.engines import FileRead, Job
from pipeline.run.paths import check_outputs
from pipeline.run.roots import input_root, relative_entry, relative_path
from pipeline.run.run_options import FinishResult, NoDatabase, StreamJsonlWriter, renamed, threshold_hash
from pipeline.run.summary import RunSummary
from pipeline.run.writer import BatchWriter
from pipeline.settings import config_hash, load_settings
from pipeline.sinks.database import Database, prepare_result
from pipeline.sinks.jsonl import AtomicJsonlWriter
from pipeline.version import PIPELINE_VERSION

__all__ = ["run", "RunSummary", "count_inputs", "input_chunks", "ENGINES"]

ENGINES = engines.ENGINES


def count_inputs(paths: Sequence[str | Path], skip: Callable[[str, str], bool] | None = None) -> int:
    return sum(1 for p in iter_paths(paths, skip=skip) if isinstance(p, Path))


def input_chunks(paths: Sequence[str | Path], size: int, discovered: list[Quarantine],
                 skip: Callable[[str, str], bool] | None = None, root: str | None = None) -> Iterator[list[str]]:
    """Input files in chunks; discovery problems (broken links, loops) go to `discovered`;
    `skip(name, path)` leaves files out (the run's outputs); with `root`, paths are relative to it."""
    def files():
        for p in iter_paths(paths, skip=skip):
            if isinstance(p, Quarantine):
                discovered.append(relative_entry(p, root) if root else p)
            else:
                yield relative_path(p, root) if root else str(p)
    it = files()
    while chunk := list(islice(it, size)):
        yield chunk


class StoredArticles:
    """`engines.Stored` for a run: which of a chunk's SHA-256s the database holds with this pipeline
    version and config hash, one query by key per chunk, so that no process holds the set of all
    stored articles (10M of them would not fit). `active` is False when nothing is stored with
    them (a new database, a new version): then workers do not ask at all."""

    def __init__(self, db: Database, version: str, chash: str):
        self.db, self.version, self.chash = db, version, chash
        self._active: bool | None = None

    @property
    def active(self) -> bool:
        if self._active is None:   # asked first when the first chunk goes out: the tables exist by then
            self._active = self.db.holds_version(self.version, self.chash)
        return self._active

    def __call__(self, sha256s: list[str]) -> set[str]:
        return self.db.current_among(sha256s, self.version, self.chash) if self.active else set()


def _alliances_only_hash() -> str:
    from pipeline.extract.core import alliances_only_config_hash  # lazy: the extraction core loads Kiwi's module

    return alliances_only_config_hash()


def run(paths: Sequence[str | Path], *, db_url: str | None, out: str | Path | TextIO | None = None,
        force: bool = False,
        published: dt.date | None = None, workers: int = 1, engine: str = "local", scheduler: str | None = None,
        progress: Callable[[int], None] | None = None, chunk_size: int | None = None,
        batch_size: int | None = None, kiwi_threads: int | str | None = None,
        article_seconds: float | None = None, root: str | Path | None = None, min_confidence: float = 0.0,
        summary: RunSummary | None = None, shown_names: Mapping[str, str] | None = None,
        alliances_only: bool = False) -> RunSummary:
    """Extract every article under `paths` into the database (and `out` JSONL).

    Article paths are stored relative to `root`, by default the folder holding every input
    (pipeline.run.roots): the same files give the same paths from any working folder.

    `chunk_size`, `batch_size`, `kiwi_threads` (a number or "auto") and `article_seconds`
    default to the `run:` settings. `progress` is called with the number of files done.

    `db_url=None` stores nothing (JSON Lines only); `out` may be an open text stream.
    `min_confidence` leaves alliances below it out of the stored and written records and enters
    the config hash stored with them (pipeline.run.run_options). `summary` is the RunSummary to
    fill (a subclass may count more); `shown_names` maps input files to the names records give
    them (standard input saved to a file: `<stdin>`). `alliances_only`: Kiwi reads only the sentences
    that can hold an alliance, and records hold alliances, their amounts and organisations
    (pipeline.extract.prefilter); they carry a config hash of their own.

    The engine starts first (worker processes load Kiwi while this process opens the database),
    and which articles are stored already is asked per chunk (`StoredArticles`)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    started = time.perf_counter()
    outputs = check_outputs(db_url or "sqlite://", out if isinstance(out, (str, Path)) else None)
    base = input_root(paths, root)
    settings = load_settings()["run"]
    batch_size = batch_size or settings["batch_size"]
    chunk_size = chunk_size or settings.get("chunk_size", 16)
    summary = summary if summary is not None else RunSummary()
    summary.warnings = outputs.warnings   # the same list: discovery adds the outputs it skips
    db = Database(db_url, connect_timeout=settings["db_connect_timeout"],
                  statement_timeout=settings["db_statement_timeout"]) if db_url else NoDatabase()
    with ExitStack() as stack:
        stack.callback(db.close)
        chash = threshold_hash(_alliances_only_hash() if alliances_only else config_hash(), min_confidence)
        names = tuple((relative_path(real, base), shown) for real, shown in (shown_names or {}).items())
        stored = None if force or isinstance(db, NoDatabase) else StoredArticles(db, PIPELINE_VERSION, chash)
        threads = engines.kiwi_threads_for(settings.get("kiwi_threads") if kiwi_threads is None else kiwi_threads,
                                           workers, engine)
        # rows and JSON lines are made in the workers: the writing process only writes them
        finish = FinishResult(min_confidence, chash, names) if min_confidence or names else prepare_result
        job = Job(published=published, finish=finish, kiwi_threads=threads,
                  article_seconds=article_seconds or settings["article_seconds"], base=base,
                  alliances_only=alliances_only)
        discovered: list[Quarantine] = []
        chunks = input_chunks(paths, chunk_size, discovered, skip=outputs.skip, root=base)
        # started before the database is opened, so that workers load meanwhile; closed on any error
        # too: worker processes or the Dask cluster stop before the database closes
        results = stack.enter_context(closing(
            engines.run_chunks(chunks, job, workers=workers, engine=engine, scheduler=scheduler, stored=stored)))
        db.create()
        jsonl = None if out is None else StreamJsonlWriter(out) if hasattr(out, "write") else \
            stack.enter_context(AtomicJsonlWriter(out))
        writer = BatchWriter(db, jsonl, summary, batch_size, force=force and not isinstance(db, NoDatabase))
        for items in results:
            for item in chain(discovered, items):
                writer.add(renamed(item, names))
            discovered.clear()
            if progress:
                progress(sum(1 for i in items if isinstance(i, FileRead)))
        for item in discovered:
            writer.add(renamed(item, names))
        writer.flush()
    summary.seconds = time.perf_counter() - started
    return summary
