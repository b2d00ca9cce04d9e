"""Where articles are processed: in this process, in local worker processes, or on Dask.

Every engine maps the same function, `process_paths`, over chunks of input paths and
yields each chunk's items in input order, with a bounded number of chunks in flight
so memory stays flat whatever the corpus size. Workers build the pipeline once per
process (a Kiwi object cannot be pickled); only paths go out and records come back.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .records import ArticleResult, Quarantine


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article already stored with this pipeline version and configuration."""
    path: str
    sha256: str


Item = ArticleResult | Quarantine | Skipped


@dataclass(frozen=True)
class Job:
    """What every worker needs to know about the run."""
    published: dt.date | None = None
    current: frozenset[str] = frozenset()   # SHA-256s that need no processing
    kiwi_threads: int = 1


def process_paths(paths: Sequence[str], job: Job) -> list[Item]:
    """Read, decode, skip what is stored, extract — for one chunk of input files."""
    from .extract import process_documents
    from .ingest import SourceDocument, read_document
    from .nlp import get_nlp

    slots: list[Item | SourceDocument] = []
    for path in paths:
        try:
            read = read_document(path)
        except Exception as exc:  # noqa: BLE001 — a reader bug must not end the run
            read = [Quarantine(path=str(path), stage="read", reason=f"could not read: {type(exc).__name__}: {exc}")]
        for item in read:
            if isinstance(item, SourceDocument) and item.sha256 in job.current:
                slots.append(Skipped(item.path, item.sha256))
            else:
                slots.append(item)
    documents = [d for d in slots if isinstance(d, SourceDocument)]
    processed = iter(_process_isolated(documents, job, get_nlp(job.kiwi_threads), process_documents))
    return [next(processed) if isinstance(s, SourceDocument) else s for s in slots]


def _process_isolated(documents, job: Job, nlp, process_documents) -> list[ArticleResult | Quarantine]:
    """Results in order; when a batch fails, retry one by one so only the culprit is quarantined."""
    try:
        return list(process_documents(documents, nlp, job.published))
    except Exception:  # noqa: BLE001 — isolate the failing article below
        pass
    out: list[ArticleResult | Quarantine] = []
    for document in documents:
        try:
            out.append(next(process_documents([document], nlp, job.published)))
        except Exception as exc:  # noqa: BLE001
            out.append(Quarantine(path=document.path, sha256=document.raw_sha256, stage="process",
                                  reason=f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


# -- engines -------------------------------------------------------------------

def serial(chunks: Iterable[Sequence[str]], job: Job) -> Iterator[list[Item]]:
    for chunk in chunks:
        yield process_paths(chunk, job)


_worker_job: Job | None = None


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent died (kill -9) would wait for tasks forever: end it instead."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _init_worker(job: Job, parent: int) -> None:
    global _worker_job
    _worker_job = job
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    from .nlp import get_nlp
    get_nlp(job.kiwi_threads)  # build once, before the first chunk arrives


def _run_in_worker(chunk: Sequence[str]) -> list[Item]:
    return process_paths(chunk, _worker_job)


def processes(chunks: Iterable[Sequence[str]], job: Job, workers: int) -> Iterator[list[Item]]:
    """Local worker processes (spawned: no Kiwi threads are forked)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(job, os.getpid())) as pool:
        yield from _ordered(lambda chunk: pool.submit(_run_in_worker, chunk), chunks, 2 * workers)


def dask(chunks: Iterable[Sequence[str]], job: Job, workers: int, scheduler: str | None) -> Iterator[list[Item]]:
    """Dask distributed: an existing cluster at `scheduler`, or a local one with `workers` processes.

    Every Dask worker must have this package installed; each worker process builds the
    pipeline once (cached by `get_nlp`)."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        shared_job = client.scatter(job, broadcast=True)
        n = len(client.scheduler_info()["workers"]) or workers
        yield from _ordered(lambda chunk: client.submit(process_paths, list(chunk), shared_job, pure=False),
                            chunks, 2 * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ordered(submit, chunks: Iterable[Sequence[str]], in_flight: int) -> Iterator[list[Item]]:
    """Results in submission order with at most `in_flight` chunks outstanding."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
