"""Where articles are processed: in this process, in local worker processes, or on Dask.

Every engine maps the same function, `process_paths`, over chunks of input paths and
yields each chunk's items in input order, with a bounded number of chunks in flight
so memory stays flat whatever the corpus size. Workers build the pipeline once per
process (a Kiwi object cannot be pickled); only paths go out and records come back,
each turned by `Job.finish` (if the run gives one) into whatever the caller wants to
receive, so that work happens in the workers too. Engines know nothing of databases.
Workers leave Ctrl-C to the main process, which stops them on any error or interrupt;
local workers also end when the main process is killed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from pipeline.ingest import SourceDocument, read_document
from pipeline.records import ArticleResult, Quarantine
from pipeline.settings import config_hash
from pipeline.version import PIPELINE_VERSION

ENGINES = ("local", "dask")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article already stored with this pipeline version and configuration."""
    path: str
    sha256: str


# A chunk's items: Quarantine, Skipped, or an ArticleResult (or what `Job.finish` made of it).
Item = Any


@dataclass(frozen=True)
class Job:
    """What every worker needs to know about the run."""
    published: dt.date | None = None
    current: frozenset[str] = frozenset()   # SHA-256s that need no processing
    kiwi_threads: int = 1
    # Applied to each ArticleResult in the worker, e.g. a sink's `prepare_result`: what comes back
    # is then cheaper to pass between processes, and the main process has less to do. It must
    # pickle (a module-level function).
    finish: Callable[[ArticleResult], Any] | None = None
    base: str | None = None  # folder that relative paths start from, for workers running elsewhere


# One chunk at a time per process: a Dask worker may run several tasks in threads, and
# the pipeline (and the GIL) would only make them wait for each other.
_pipeline_lock = threading.Lock()


def process_paths(paths: Sequence[str], job: Job) -> list[Item]:
    """Read, decode, skip what is stored, extract (and finish) — for one chunk of input files."""
    # lazy: Kiwi and the rules load in the processes that extract, not in a parent that only writes
    from pipeline.extract.core import process_documents
    from pipeline.korean import get_kiwi

    with _pipeline_lock:
        slots: list[Item | SourceDocument] = []
        for path in paths:
            try:
                read = _read(path, job.base)
            except Exception as exc:  # noqa: BLE001 — a reader bug must not end the run
                read = [Quarantine(path=str(path), stage="read", reason=f"could not read: {type(exc).__name__}: {exc}")]
            for item in read:
                if isinstance(item, SourceDocument) and item.sha256 in job.current:
                    slots.append(Skipped(item.path, item.sha256))
                else:
                    slots.append(item)
        documents = [d for d in slots if isinstance(d, SourceDocument)]
        kiwi = get_kiwi(job.kiwi_threads)  # built once per process
        processed = iter(_process_isolated(documents, job, kiwi, process_documents))
        items = [next(processed) if isinstance(s, SourceDocument) else s for s in slots]
    if job.finish is not None:
        items = [job.finish(i) if isinstance(i, ArticleResult) else i for i in items]
    return items


def _read(path: str, base: str | None) -> list:
    """The file's documents; a relative path is read from `base` but reported as given,
    so that records say what the same run with the local engine would say."""
    if not base or os.path.isabs(path):
        return read_document(path)
    full = os.path.join(base, path)

    def as_given(name: str) -> str:   # FILE or FILE#LINE
        return path + name[len(full):] if name.startswith(full) else name

    out = []
    for item in read_document(full):
        if isinstance(item, SourceDocument):
            item = dataclasses.replace(item, path=as_given(item.path))
        else:
            item = item.model_copy(update={"path": as_given(item.path), "reason": item.reason.replace(full, path)})
        out.append(item)
    return out


def _process_isolated(documents, job: Job, kiwi, process_documents) -> list[ArticleResult | Quarantine]:
    """Results in order; when a batch fails, retry one by one so only the culprit is quarantined."""
    try:
        return list(process_documents(documents, job.published, kiwi=kiwi))
    except Exception:  # noqa: BLE001 — isolate the failing article below
        pass
    out: list[ArticleResult | Quarantine] = []
    for document in documents:
        try:
            out.append(next(process_documents([document], job.published, kiwi=kiwi)))
        except Exception as exc:  # noqa: BLE001
            out.append(Quarantine(path=document.path, sha256=document.raw_sha256, stage="process",
                                  reason=f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


# Any text makes Kiwi load its model (seconds); a later first article then takes milliseconds.
_WARM_UP_TEXT = "1."


def warm_up(kiwi_threads: int) -> None:
    """Load the rules and run Kiwi once (its model loads lazily on the first text)."""
    # lazy: Kiwi and the rules load in the processes that extract
    from pipeline.extract.core import Extractor
    from pipeline.korean import analyse, get_kiwi

    Extractor.load()
    analyse(_WARM_UP_TEXT, get_kiwi(kiwi_threads))


# -- engines -------------------------------------------------------------------

def run_chunks(chunks: Iterable[Sequence[str]], job: Job, *, workers: int = 1, engine: str = "local",
               scheduler: str | None = None) -> Iterator[list[Item]]:
    """Each chunk's items, in input order, from the engine asked for."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "dask":
        return dask(chunks, job, workers, scheduler)
    if workers <= 1:
        return serial(chunks, job)
    chunks = iter(chunks)
    # a few files are faster in this process than in freshly started workers
    head = list(islice(chunks, workers))
    if len(head) < workers:
        return serial(head, job)
    return processes(chain(head, chunks), job, workers)


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
    # Ctrl-C reaches the whole process group: the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_job = job
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    warm_up(job.kiwi_threads)


def _run_in_worker(chunk: Sequence[str]) -> list[Item]:
    return process_paths(chunk, _worker_job)


def processes(chunks: Iterable[Sequence[str]], job: Job, workers: int) -> Iterator[list[Item]]:
    """Local worker processes (spawned: no Kiwi threads are forked)."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                               initargs=(job, os.getpid()))
    try:
        yield from ordered(lambda chunk: pool.submit(_run_in_worker, chunk), chunks, 2 * workers)
    finally:
        # on an error or Ctrl-C: drop queued chunks, let the running ones end, stop the workers
        pool.shutdown(wait=True, cancel_futures=True)


def dask(chunks: Iterable[Sequence[str]], job: Job, workers: int, scheduler: str | None) -> Iterator[list[Item]]:
    """Dask distributed: an existing cluster at `scheduler`, or a local one with `workers` processes.

    Every Dask worker must have this package (same version and configs) installed and
    see the input paths; each worker process builds Kiwi and the rules once (`get_kiwi`, `Extractor.load`
    is cached per process), before the first chunk."""
    job = dataclasses.replace(job, base=os.getcwd())   # workers elsewhere start from other folders
    with dask_client(scheduler, workers) as client:
        _check_workers(client)
        if not scheduler:  # our own workers share our terminal: Ctrl-C is for us to handle
            client.run(_ignore_interrupts)
        client.run(warm_up, job.kiwi_threads)
        shared_job = client.scatter(job, broadcast=True)
        slots = sum(client.nthreads().values()) or workers
        yield from ordered(lambda chunk: client.submit(process_paths, list(chunk), shared_job, pure=False),
                           chunks, 2 * slots)


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator:
    """A client of the cluster at `scheduler`, or of a local cluster of `workers` processes
    (one thread each) that is always closed: on errors, Ctrl-C, or a generator closed early."""
    from distributed import Client, LocalCluster  # lazy: Dask is optional and slow to import

    cluster = client = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        yield client
    finally:
        # workers that stop mid-task make Dask log warnings; the run's own error says enough
        log = logging.getLogger("distributed")
        level = log.level
        log.setLevel(logging.CRITICAL)
        try:
            for thing in (client, cluster):
                if thing is not None:
                    with suppress(Exception):
                        thing.close()
        finally:
            log.setLevel(level)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_workers(client) -> None:
    """Workers must run the same pipeline version, configuration and engine code as this process."""
    ours = _identity()
    for address, theirs in client.run(_identity).items():
        theirs = (tuple(theirs) + ("unknown",) * 3)[:3]
        if theirs != ours:
            raise RuntimeError(f"Dask worker {address} runs pipeline {theirs[0]} (config {theirs[1]}, engine "
                               f"{theirs[2]}), this process {ours[0]} (config {ours[1]}, engine {ours[2]}): install "
                               "the same version and configs on every worker and restart the workers")


# The engine code as this process loaded it (a worker started before an upgrade still runs the old one).
_ENGINE_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _identity() -> tuple[str, str, str]:
    return PIPELINE_VERSION, config_hash(), _ENGINE_CODE


def ordered(submit: Callable, chunks: Iterable[Sequence[str]], in_flight: int) -> Iterator[list[Item]]:
    """Results in submission order with at most `in_flight` chunks outstanding; whatever
    is still pending is cancelled when the caller stops early."""
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def default_workers() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def kiwi_threads_for(setting: int | str | None, workers: int, engine: str = "local") -> int:
    """Kiwi analysis threads per process: a number as given, or for "auto" (or nothing)
    the cores each local worker has: with one (workers = cores) Kiwi runs in the worker's
    own thread (0), since a second thread on the same core only adds switching; with
    more, Kiwi gets them all and analyses ahead while Python works. Dask workers get
    0: a cluster normally runs one single-threaded worker process per core."""
    if isinstance(setting, int) or (isinstance(setting, str) and setting.isdigit()):
        return max(0, int(setting))
    if setting not in (None, "auto"):
        raise ValueError(f"kiwi_threads must be a number or 'auto', not {setting!r}")
    cores = default_workers() // max(1, workers) if engine != "dask" else 1
    return cores if cores >= 2 else 0
