"""Where articles are processed: in this process, in local worker processes, or on Dask.

Every engine maps the same function, `process_chunk`, over chunks of input paths and
yields each chunk's items in input order, with a bounded number of chunks in flight
so memory stays flat whatever the corpus size. Workers build the pipeline once per
process (a Kiwi object cannot be pickled); only paths go out and records come back,
each turned by `Job.finish` (if the run gives one) into whatever the caller wants to
receive, so that work happens in the workers too. Engines know nothing of databases.
Workers leave Ctrl-C to the main process, which stops them on any error or interrupt;
local workers also end when the main process is killed.

Every unit of work (a file or JSON line read, an article extracted) has a time budget
(`Job.article_seconds`), enforced in the process doing it (pipeline.run.deadline): a unit
that runs over is quarantined and the chunk goes on. Local workers are watched from the
main process as well (pipeline.run.pool): one that dies or hangs in C is replaced.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import os
import signal
import threading
from collections import deque
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from pipeline.ingest import SourceDocument, iter_file
from pipeline.ingest.names import shown_path
from pipeline.ingest.units import SKIP
from pipeline.records import ArticleResult, Quarantine
from pipeline.run.deadline import ArticleTimeout, Deadline
from pipeline.run.pool import Pooled, default_workers
from pipeline.settings import config_hash
from pipeline.version import PIPELINE_VERSION

ENGINES = ("local", "dask")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article already stored with this pipeline version and configuration."""
    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class FileRead:
    """Marks where a file's items begin: the file was read in this run, so the quarantine entries
    an earlier run left for it (the file, or its lines) give way to this run's."""
    path: str


# A chunk's items: FileRead, Quarantine, Skipped, or an ArticleResult (or what `Job.finish` made of it).
Item = Any


@dataclass(frozen=True)
class Job:
    """What every worker needs to know about the run."""
    published: dt.date | None = None
    kiwi_threads: int = 1
    # Applied to each ArticleResult in the worker, e.g. a sink's `prepare_result`: what comes back
    # is then cheaper to pass between processes, and the main process has less to do. It must
    # pickle (a module-level function).
    finish: Callable[[ArticleResult], Any] | None = None
    base: str | None = None  # folder that relative paths start from, for workers running elsewhere
    article_seconds: float | None = None   # time budget per article (reading and extraction)
    alliances_only: bool = False   # Kiwi reads only what can hold an alliance (pipeline.extract.prefilter)


@dataclass(frozen=True)
class Task:
    """What to do differently for some units of a chunk: after a worker died on one of them."""
    avoid: Mapping[str, Quarantine] = field(default_factory=dict)   # unit → the entry given instead
    alone: frozenset[str] = frozenset()    # documents extracted each on its own (no Kiwi read-ahead)


# Reports the unit under way to the process that watches this worker: (unit, stage, raw SHA-256).
Report = Callable[[str, str, "str | None"], None]

# Which of a chunk's article SHA-256s need no processing (stored already with this pipeline version
# and configuration): asked once per chunk, of the process that holds the database, so that no
# process ever holds the set of everything stored (pipeline.run.runner `StoredArticles`).
Stored = Callable[[list[str]], "set[str] | frozenset[str]"]

# One chunk at a time per process: a Dask worker may run several tasks in threads, and
# the pipeline (and the GIL) would only make them wait for each other.
_pipeline_lock = threading.Lock()


def process_paths(paths: Sequence[str], job: Job, stored: Stored | None = None) -> list[Item]:
    """Read, decode, skip what is stored, extract (and finish) — for one chunk of input files."""
    return [item for item in process_chunk(paths, job, stored=stored) if not isinstance(item, FileRead)]


def process_chunk(paths: Sequence[str], job: Job, task: Task | None = None,
                  report: Report | None = None, stored: Stored | None = None) -> list[Item]:
    """`process_paths` for the engines: each file's items follow a `FileRead` marker.

    Every unit (a file or JSON line read, an article extracted) gets `job.article_seconds`; one
    that runs over is quarantined and the chunk goes on. `task` names units to leave out or to
    extract alone; `report` hears of each unit as it starts; `stored` says which of the chunk's
    articles are stored already (they become `Skipped`)."""
    # lazy: Kiwi and the rules load in the processes that extract, not in a parent that only writes
    from pipeline.extract.core import process_documents
    from pipeline.korean import get_kiwi

    task = task or Task()
    with _pipeline_lock:
        with Deadline(job.article_seconds) as deadline:
            watch = _Watch(deadline, task, report, job.article_seconds)
            slots: list[Item | SourceDocument] = []
            for path in paths:
                slots.append(FileRead(shown_path(path)))
                slots += _read_file(path, job, watch)
            read = [s.sha256 for s in slots if isinstance(s, SourceDocument)]
            known = stored(read) if stored is not None and read else ()
            if known:
                slots = [Skipped(s.path, s.sha256) if isinstance(s, SourceDocument) and s.sha256 in known else s
                         for s in slots]
            documents = [d for d in slots if isinstance(d, SourceDocument)]
            kiwi = None
            if documents:   # no unit is under way: loading is no article's time
                warm_up(job.kiwi_threads, job.alliances_only)
                kiwi = get_kiwi(job.kiwi_threads)   # built once per process
            processed = iter(_extract(documents, job, kiwi, process_documents, watch))
            items = [next(processed) if isinstance(s, SourceDocument) else s for s in slots]
    if job.finish is not None:
        items = [job.finish(i) if isinstance(i, ArticleResult) else i for i in items]
    return items


class _Watch:
    """The unit under way in this worker: each `begin` reports it, restarts the time budget and
    says whether the unit is to be left out (a Quarantine), passed over (SKIP: read before a
    reader was restarted) or done (None)."""

    def __init__(self, deadline: Deadline, task: Task, report: Report | None, seconds: float | None):
        self.deadline, self.task, self.report, self.seconds = deadline, task, report, seconds
        self.unit: tuple[str, str] | None = None   # (stage, unit)
        self.timed_out: dict[str, Quarantine] = {}
        self.done: set[tuple[str, str]] = set()

    def begin(self, unit: str, stage: str = "read", sha256: str | None = None) -> Quarantine | object | None:
        key = (stage, unit)
        if key in self.done:
            return SKIP
        self.end()
        self.deadline.restart(key)
        self.unit = key
        if self.report:
            self.report(unit, stage, sha256)
        return self.timed_out.get(unit) or self.task.avoid.get(unit)

    def end(self) -> None:
        if self.unit is not None:
            self.done.add(self.unit)
            self.deadline.pause()
        self.unit = None

    def ran_over(self, sha256: str | None = None) -> Quarantine | None:
        """After an ArticleTimeout: the entry for the unit that ran over (None if the timeout
        came for a unit already finished, at the very moment it finished)."""
        key = self.deadline.fired_unit
        if key is None or key != self.unit:   # the unit under way (if any) is begun again
            self.unit = None
            self.deadline.pause()
            return None
        unit = key[1]
        entry = Quarantine(path=unit, sha256=sha256, stage="extract",
                           reason=f"took over {self.seconds:g} s (run.article_seconds); left out")
        self.timed_out[unit] = entry   # a restarted reader gives this entry for the unit
        self.unit = None
        self.deadline.pause()
        return entry


def _read_file(path: str, job: Job, watch: _Watch) -> list:
    """A file's documents and quarantine entries; a unit that runs over its time is quarantined
    and reading resumes after it (a JSON Lines file goes on with its next line)."""
    items: list = []
    while True:
        try:
            for item in _read(path, job.base, watch.begin):
                items.append(item)
            watch.end()
            return items
        except ArticleTimeout:
            watch.ran_over()   # the reader starts again: units read pass, the one that ran over is quarantined
        except Exception as exc:  # noqa: BLE001 — a reader bug must not end the run
            watch.end()
            return [*items, Quarantine(path=shown_path(path), stage="read",
                                       reason=f"could not read: {type(exc).__name__}: {exc}")]


def _read(path: str, base: str | None, hook=None) -> Iterator:
    """The file's documents; a relative path is read from `base` but reported as given,
    so that records say what the same run with the local engine would say."""
    if not base or os.path.isabs(path):
        yield from iter_file(path, hook=hook)
        return
    full = os.path.join(base, path)
    shown_full, shown_given = shown_path(full), shown_path(path)

    def as_given(name: str) -> str:   # FILE or FILE#LINE
        return shown_given + name[len(shown_full):] if name.startswith(shown_full) else name

    def hook_as_given(unit: str):
        return hook(as_given(unit))

    for item in iter_file(full, hook=hook_as_given if hook else None):
        if isinstance(item, SourceDocument):
            item = dataclasses.replace(item, path=as_given(item.path))
        elif item.path.startswith(shown_full):
            item = item.model_copy(update={"path": as_given(item.path),
                                           "reason": item.reason.replace(shown_full, shown_given)})
        yield item


def _extract(documents: list[SourceDocument], job: Job, kiwi, process_documents,
             watch: _Watch) -> list[ArticleResult | Quarantine]:
    """Results in order. Documents to avoid get their entry; those suspected of killing a worker
    are extracted alone; the others in runs that Kiwi reads ahead through."""
    out: list[ArticleResult | Quarantine] = []
    run: list[SourceDocument] = []
    for document in [*documents, None]:
        if document is not None and document.path not in watch.task.alone and document.path not in watch.task.avoid:
            run.append(document)
            continue
        out += _extract_run(run, job, kiwi, process_documents, watch)
        run = []
        if document is not None:
            out += _extract_run([document], job, kiwi, process_documents, watch)
    return out


def _extract_run(documents: list[SourceDocument], job: Job, kiwi, process_documents,
                 watch: _Watch) -> list[ArticleResult | Quarantine]:
    """One run of documents through the extraction core. An article that runs over its time
    is quarantined and the run goes on after it; when one fails, the rest are retried one by one
    so that only the culprit is quarantined."""
    out: list[ArticleResult | Quarantine] = []
    while len(out) < len(documents):
        rest = documents[len(out):]
        entry = _begin(watch, rest[0])
        if entry is not None:
            out.append(entry)
            continue
        try:
            for result in process_documents(rest, job.published, kiwi=kiwi, alliances_only=job.alliances_only):
                out.append(result)
                if len(out) < len(documents):
                    _begin(watch, documents[len(out)])   # in a run, no document is to be left out
            watch.end()
        except ArticleTimeout:
            entry = watch.ran_over(documents[len(out)].raw_sha256)
            if entry is not None:
                out.append(entry)
        except Exception:  # noqa: BLE001 — isolate the failing article below
            watch.end()
            out += [_extract_alone(document, job, kiwi, process_documents, watch) for document in documents[len(out):]]
    return out


def _begin(watch: _Watch, document: SourceDocument) -> Quarantine | None:
    entry = watch.begin(document.path, "extract", document.raw_sha256)
    return entry if isinstance(entry, Quarantine) else None


def _extract_alone(document: SourceDocument, job: Job, kiwi, process_documents,
                   watch: _Watch) -> ArticleResult | Quarantine:
    entry = _begin(watch, document)
    if entry is not None:
        return entry
    try:
        result = next(process_documents([document], job.published, kiwi=kiwi, alliances_only=job.alliances_only))
        watch.end()
        return result
    except ArticleTimeout:
        return watch.ran_over(document.raw_sha256) or _extract_alone(document, job, kiwi, process_documents, watch)
    except Exception as exc:  # noqa: BLE001
        watch.end()
        return Quarantine(path=document.path, sha256=document.raw_sha256, stage="process",
                          reason=f"extraction failed: {type(exc).__name__}: {exc}")


_warmed: set[tuple[int, bool]] = set()


def warm_up(kiwi_threads: int, alliances_only: bool = False) -> None:
    """Build Kiwi (its model loaded) and load everything the rules load on first use, before the
    first article. One after the other: Kiwi's loading holds the GIL, so a thread loading the rules
    meanwhile only waited for it (measured: the rules took 2.9 s beside Kiwi, 0.5 s alone)."""
    # lazy: Kiwi and the rules load in the processes that extract
    from pipeline.extract.core import load_rules
    from pipeline.korean.tokenizer import get_kiwi

    if (kiwi_threads, alliances_only) in _warmed:
        return
    get_kiwi(kiwi_threads)
    load_rules(alliances_only)
    _warmed.add((kiwi_threads, alliances_only))


# -- engines -------------------------------------------------------------------

def run_chunks(chunks: Iterable[Sequence[str]], job: Job, *, workers: int = 1, engine: str = "local",
               scheduler: str | None = None, stored: Stored | None = None) -> Iterator[list[Item]]:
    """Each chunk's items, in input order, from the engine asked for; `stored` says which
    articles to skip. Local worker processes start at once, so that they load Kiwi while the
    caller prepares the run (database, stored versions): call this early, iterate later, and
    close the iterator (it has `close`)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "dask":
        return dask(chunks, job, workers, scheduler, stored)
    if workers <= 1:
        return serial(chunks, job, stored)
    chunks = iter(chunks)
    # a few files do not need every worker: each one costs a process and a Kiwi model
    head = list(islice(chunks, workers))
    if not head:
        return serial(head, job, stored)
    return processes(chain(head, chunks), job, min(workers, len(head)), stored)


def _asked(stored: Stored | None) -> Stored | None:
    """`stored` if it is worth asking (it may know that nothing is stored: `active` False)."""
    return stored if stored is not None and getattr(stored, "active", True) else None


def serial(chunks: Iterable[Sequence[str]], job: Job, stored: Stored | None = None) -> Iterator[list[Item]]:
    """In this process: an article that runs over its time is stopped by the in-process deadline
    (pipeline.run.deadline); a crash of this process ends the run."""
    for chunk in chunks:
        yield process_chunk(chunk, job, stored=_asked(stored))


def processes(chunks: Iterable[Sequence[str]], job: Job, workers: int,
              stored: Stored | None = None) -> Iterator[list[Item]]:
    """Local worker processes that survive the articles that crash or hang them (pipeline.run.pool),
    started now."""
    return Pooled(chunks, job, workers, 2 * workers, stored)


def dask(chunks: Iterable[Sequence[str]], job: Job, workers: int, scheduler: str | None,
         stored: Stored | None = None) -> Iterator[list[Item]]:
    """Dask distributed: an existing cluster at `scheduler`, or a local one with `workers` processes.

    Every Dask worker must have this package (same version and configs) installed and
    see the input paths; each worker process builds Kiwi and the rules once (`get_kiwi`, `Extractor.load`
    is cached per process), before the first chunk. Which articles are stored, workers ask this
    process through the scheduler (`_answering`)."""
    job = dataclasses.replace(job, base=job.base or os.getcwd())   # workers elsewhere start from other folders
    with dask_client(scheduler, workers) as client:
        _check_workers(client)
        if not scheduler:  # our own workers share our terminal: Ctrl-C is for us to handle
            client.run(_ignore_interrupts)
        client.run(warm_up, job.kiwi_threads, job.alliances_only)
        shared_job = client.scatter(job, broadcast=True)
        slots = sum(client.nthreads().values()) or workers
        with _answering(client, _asked(stored)) as ask:
            yield from ordered(lambda chunk: client.submit(process_chunk, list(chunk), shared_job, stored=ask,
                                                           pure=False), chunks, 2 * slots)


@dataclass(frozen=True)
class _AskOverDask:
    """`Stored` in a Dask worker: the question goes through the scheduler (a Dask queue) to a
    thread of the process that holds the database, and the answer comes back the same way."""
    queue: str
    timeout: float

    def __call__(self, sha256s: list[str]) -> set[str]:
        from distributed import Queue  # lazy: Dask only for this engine

        reply = Queue()
        try:
            Queue(self.queue).put([reply.name, list(sha256s)])
            found = reply.get(timeout=self.timeout)
        finally:
            reply.close()
        if found is None:
            raise RuntimeError("the process that runs the job could not look up stored articles")
        return set(found)


@contextmanager
def _answering(client, stored: Stored | None, timeout: float = 600.0) -> Iterator[Stored | None]:
    """Answer the workers' `_AskOverDask` questions with `stored`, in a thread, while the block runs."""
    if stored is None:
        yield None
        return
    from distributed import Queue  # lazy: Dask only for this engine

    requests = Queue(client=client)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                reply, sha256s = requests.get(timeout=0.5)
            except TimeoutError:
                continue
            except Exception:  # noqa: BLE001 — the client is closing
                return
            try:
                found = sorted(stored(sha256s))
            except Exception:  # noqa: BLE001 — the worker reports it; the run stops there
                logging.getLogger(__name__).exception("looking up stored articles failed")
                found = None
            with suppress(Exception):
                Queue(reply, client=client).put(found)

    thread = threading.Thread(target=serve, name="stored-articles", daemon=True)
    thread.start()
    try:
        yield _AskOverDask(requests.name, timeout)
    finally:
        stop.set()
        thread.join()
        with suppress(Exception):
            requests.close()


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
