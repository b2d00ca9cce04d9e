"""Local worker processes that outlive the articles that kill them.

Each worker is a spawned process with a pipe to the main process. It builds the pipeline once,
says "ready", then runs chunks with `engines.process_chunk`, reporting every unit of work as it
starts (a file or JSON line read, an article extracted) and sending back the chunk's items.
The main process knows at every moment which unit each worker is on, and since when:

- A worker that dies (segfault, out of memory, `kill -9`) is replaced, and its chunk runs again
  with the unit it was on extracted alone; if a worker dies on that unit again, the unit is
  quarantined (stage `process`) and the chunk runs again without it.
- A worker whose unit goes past its time budget (`run.article_seconds`) stops it by itself (the
  in-process deadline, pipeline.run.deadline). One that cannot — stuck inside a C call — is
  killed once the unit has taken the budget plus a grace period; the unit is quarantined (stage
  `extract`) and the chunk runs again without it.

Chunks come back in submission order, with a bounded number in flight. Workers ignore Ctrl-C
(the main process decides), end when the main process dies, and are stopped when the run ends,
fails or is interrupted.

A worker takes seconds to be ready (Python, imports, Kiwi, the rules), so the command line starts
one with `prestart_worker` as soon as it has parsed its arguments, before this process imports
what the run needs; the next pool takes it over and sends it the job.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Iterable, Iterator, NoReturn, Sequence

if TYPE_CHECKING:   # imported where used: the command line imports this module to prestart a worker
    from pipeline.records import Quarantine

_POLL_SECONDS = 0.5
_START_FAILURES = 3          # workers dying before they are ready, in a row: the run stops
_STOP_SECONDS = 10           # a worker asked to stop gets this long before it is killed
# Fault injection for the tests: "kill:NAME" or "hang:NAME" makes a worker die (SIGKILL) or hang
# in a C call when it starts extracting an article whose name contains NAME.
FAULT_VARIABLE = "ALLIANCES_TEST_WORKER_FAULT"


def default_workers() -> int:
    """The cores this process may run on (the default number of workers)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def grace_seconds(budget: float) -> float:
    """How long past its budget a unit may run before its worker is killed."""
    return max(10.0, budget / 2)


@dataclass
class _Chunk:
    number: int
    paths: list[str]
    avoid: dict[str, Quarantine] = field(default_factory=dict)
    alone: set[str] = field(default_factory=set)
    deaths: dict[str, int] = field(default_factory=dict)
    unplaced_deaths: int = 0
    result: list | None = None


@dataclass
class _Unit:
    name: str
    stage: str
    sha256: str | None


class _Worker:
    def __init__(self, context, job, parent: int, early: tuple[int, bool] | None = None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, job, parent, early), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.chunk: _Chunk | None = None
        self.unit: _Unit | None = None
        # when the main process heard that the current unit (or chunk) started: a worker that could
        # not send while the main process was busy elsewhere is not blamed for that time
        self.since = 0.0
        self.out_of_time = False    # killed by the watchdog


# -- in the worker ---------------------------------------------------------------

def _exit_with_parent(parent: int) -> None:
    """A worker whose parent died (kill -9) would wait for tasks forever: end it instead."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _fault(unit: str, stage: str) -> None:
    spec = os.environ.get(FAULT_VARIABLE, "")
    kind, _, name = spec.partition(":")
    if stage == "extract" and name and name in unit:
        if kind == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif kind == "hang":
            ctypes.CDLL(None).sleep(3600)   # in C: no Python exception reaches it


def worker_main(conn, job, parent: int, early: tuple[int, bool] | None = None) -> None:
    """A worker process: build the pipeline, then run chunks until told to stop.

    A prestarted worker (`job` None) builds it for `early` = (the run's worker count, alliances-only)
    with the settings' Kiwi threads, then waits for the job (None: stop)."""
    from pipeline.run.engines import Task, process_chunk  # lazy: the engines import this module

    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C reaches the whole group: the parent decides
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    send = _Sender(conn)
    if job is None:
        if not _warm_up(send, early=early):
            return
        try:
            job = conn.recv()
        except (EOFError, OSError):   # the main process is gone
            return
        if job is None:   # not needed after all
            return
    if not _warm_up(send, job=job):   # nothing left to load if prestarted alike
        return
    send(("ready",))
    faults = bool(os.environ.get(FAULT_VARIABLE))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):   # the main process is gone (its end closed, or reset)
            _leave()
        if message is None:
            _leave()
        number, paths, avoid, alone, ask = message

        def report(unit: str, stage: str, sha256: str | None, number=number) -> None:
            send(("at", number, unit, stage, sha256))
            if faults:
                _fault(unit, stage)

        def stored(sha256s: list[str], number=number) -> set[str]:
            # the main process answers at once: it sends nothing else while a chunk is under way
            send(("stored?", number, sha256s))
            try:
                return conn.recv()
            except (EOFError, OSError):   # the main process is gone
                os._exit(1)

        try:
            items = process_chunk(paths, job, Task(avoid=avoid, alone=frozenset(alone)), report,
                                  stored if ask else None)
        except Exception as exc:  # noqa: BLE001 — a bug: the main process stops the run with it
            send(("failed", number, f"{type(exc).__name__}: {exc}"))
            continue
        send(("done", number, items))


def _leave() -> NoReturn:
    """End the worker at once: an interpreter's orderly exit frees Kiwi's model and the rules' millions
    of objects, which took 0.5-1 s that the main process (joining it) and the user waited for. Nothing
    of the worker's is left to save: its results went through the pipe."""
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(0)


def _warm_up(send, job=None, early: tuple[int, bool] | None = None) -> bool:
    """Load Kiwi and the rules for `job`, or for `early` = (workers, alliances-only) in a prestarted
    worker: the Kiwi threads `runner.run` gives a job of that many local workers when it is passed no
    thread count (the settings' `run.kiwi_threads`). False, and the main process told, when they
    cannot load."""
    from pipeline.run.engines import kiwi_threads_for, warm_up
    from pipeline.settings import load_settings

    try:
        if job is not None:
            warm_up(job.kiwi_threads, job.alliances_only)
        else:
            workers, alliances_only = early
            warm_up(kiwi_threads_for(load_settings()["run"].get("kiwi_threads"), workers, "local"), alliances_only)
    except Exception as exc:  # noqa: BLE001 — a configuration error: the main process says so in one line
        send(("unstartable", f"{type(exc).__name__}: {exc}"))
        return False
    return True


class _Sender:
    """Messages to the main process. When it is gone (killed: its end of the pipe is closed) there
    is no one to work for: the worker ends at once and quietly, before `_exit_with_parent` notices."""

    def __init__(self, conn):
        self.conn = conn

    def __call__(self, message: tuple) -> None:
        try:
            self.conn.send(message)
        except OSError:   # BrokenPipeError, ConnectionResetError
            os._exit(1)


# -- in the main process ---------------------------------------------------------

def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


class WorkerPool:
    """`workers` processes running chunks of `job`; `results(chunks)` yields each chunk's items."""

    def __init__(self, job, workers: int, stored=None):
        self.job = job
        self.stored = stored   # engines.Stored: which SHA-256s are stored, asked by workers per chunk
        self.context = multiprocessing.get_context("spawn")   # no Kiwi threads are forked
        budget = job.article_seconds
        self.hard_limit = budget + grace_seconds(budget) if budget else None
        self.start_failures = 0
        self.workers = [self._start() for _ in range(workers)]

    def _start(self) -> _Worker:
        if _prestarted:   # one the command line started: it learns its job now
            worker = _prestarted.pop()
            try:
                worker.conn.send(self.job)
            except OSError:   # it died: the next wait finds it dead (or reads why it could not start)
                pass
            return worker
        return _Worker(self.context, self.job, os.getpid())

    def results(self, chunks: Iterable[Sequence[str]], in_flight: int) -> Iterator[list]:
        chunks = iter(chunks)
        order: deque[_Chunk] = deque()   # submitted, in submission order
        todo: deque[_Chunk] = deque()    # waiting for a worker
        exhausted, number = False, 0
        while True:
            while not exhausted and len(order) < in_flight:
                paths = next(chunks, None)
                if paths is None:
                    exhausted = True
                    break
                chunk = _Chunk(number, list(paths))
                number += 1
                order.append(chunk)
                todo.append(chunk)
            self._dispatch(todo)   # first: the workers go on while the caller stores what is yielded
            while order and order[0].result is not None:
                yield order.popleft().result
            if exhausted and not order:
                return
            self._wait(todo)

    def _dispatch(self, todo: deque[_Chunk]) -> None:
        for worker in self.workers:
            if not todo:
                return
            if worker.ready and worker.chunk is None:
                chunk = todo.popleft()
                ask = self.stored is not None and getattr(self.stored, "active", True)
                try:
                    worker.conn.send((chunk.number, chunk.paths, dict(chunk.avoid), set(chunk.alone), ask))
                except OSError:   # it just died: the next wait replaces it
                    todo.appendleft(chunk)
                    continue
                worker.chunk, worker.unit, worker.since = chunk, None, time.monotonic()

    def _wait(self, todo: deque[_Chunk]) -> None:
        """Wait for messages or deaths (at most a poll interval), then handle them."""
        wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], timeout=_POLL_SECONDS)
        for worker in list(self.workers):
            if not self._drain(worker):
                self._replace(worker, todo)
        now = time.monotonic()
        for worker in list(self.workers):
            if self.hard_limit and worker.chunk is not None and now - worker.since > self.hard_limit:
                worker.out_of_time = True
                worker.process.kill()
                worker.process.join()
                self._replace(worker, todo)

    def _drain(self, worker: _Worker) -> bool:
        """Handle what the worker sent; False if it is dead."""
        try:
            while worker.conn.poll():
                self._handle(worker, worker.conn.recv())
        except (EOFError, OSError):   # its end of the pipe closed: it is dying
            pass
        if worker.process.is_alive():
            return True
        worker.process.join()
        return False

    def _handle(self, worker: _Worker, message: tuple) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready, self.start_failures = True, 0
        elif kind == "at":
            _, _, unit, stage, sha256 = message
            worker.unit, worker.since = _Unit(unit, stage, sha256), time.monotonic()
        elif kind == "stored?":
            found = self.stored(message[2])
            try:
                worker.conn.send(found)
            except OSError:   # it just died: the next wait replaces it
                pass
        elif kind == "done":
            worker.chunk.result = message[2]
            worker.chunk = worker.unit = None
        elif kind == "failed":
            raise RuntimeError(f"a worker process failed: {message[2]}")
        elif kind == "unstartable":
            raise RuntimeError(f"a worker process could not start: {message[1]}")

    def _replace(self, worker: _Worker, todo: deque[_Chunk]) -> None:
        """A worker died (or was killed): decide what becomes of its chunk, start another."""
        self.workers.remove(worker)
        worker.conn.close()
        how = "stopped: its article ran over its time" if worker.out_of_time else _how(worker.process.exitcode)
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures >= _START_FAILURES:
                raise RuntimeError(f"worker processes die while starting ({how})")
        chunk = worker.chunk
        if chunk is not None:
            self._after_death(chunk, worker, how)
            todo.appendleft(chunk)
        self.workers.append(self._start())

    def _after_death(self, chunk: _Chunk, worker: _Worker, how: str) -> None:
        from pipeline.records import Quarantine

        unit = worker.unit
        if unit is None:   # it died before it said where it was
            chunk.unplaced_deaths += 1
            if chunk.unplaced_deaths >= 2:
                raise RuntimeError(f"a worker process died twice on a chunk before starting any file ({how})")
            return
        if worker.out_of_time:
            chunk.avoid[unit.name] = Quarantine(
                path=unit.name, sha256=unit.sha256, stage="extract",
                reason=f"took over {self.job.article_seconds:g} s (run.article_seconds) and could not be "
                       f"interrupted; its worker was stopped after {self.hard_limit:g} s")
            return
        deaths = chunk.deaths[unit.name] = chunk.deaths.get(unit.name, 0) + 1
        if deaths >= 2:
            what = "reading it" if unit.stage == "read" else "extracting it, the second time alone"
            chunk.avoid[unit.name] = Quarantine(
                path=unit.name, sha256=unit.sha256, stage="process",
                reason=f"the worker process died twice while {what} ({how}); left out")
        else:
            chunk.alone.add(unit.name)

    def close(self, *, graceful: bool) -> None:
        """Stop every worker: asked to (after a completed run), or killed (error, Ctrl-C)."""
        for worker in self.workers:
            if graceful and worker.process.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            else:
                worker.process.kill()
        deadline = time.monotonic() + _STOP_SECONDS
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []


_prestarted: list[_Worker] = []


def prestart_worker(workers: int, alliances_only: bool = False) -> None:
    """Start a local worker process now, for a run of `workers` workers (more than one) whose job
    keeps the settings' Kiwi threads: it loads while this process prepares the run, and the run's
    pool takes it over. One is enough: a run of fewer files than a chunk holds uses no more.
    `discard_prestarted` stops it if no pool took it."""
    if not _prestarted:
        context = multiprocessing.get_context("spawn")
        _prestarted.append(_Worker(context, None, os.getpid(), (workers, alliances_only)))


def discard_prestarted() -> None:
    """Stop the prestarted worker that no run took over (the run stopped early, or ran in this process)."""
    while _prestarted:   # it has done no work yet, and may be loading for seconds: no need to wait
        worker = _prestarted.pop()
        worker.process.kill()
        worker.process.join()
        worker.conn.close()


class Pooled:
    """Each chunk's items, in order, from `workers` local worker processes, which start (and load
    Kiwi) as soon as this is made. Iterate it; `close()` stops the workers at once (a run that
    completes stops them gracefully)."""

    def __init__(self, chunks: Iterable[Sequence[str]], job, workers: int, in_flight: int, stored=None):
        self.pool = WorkerPool(job, workers, stored)
        self._results = self.pool.results(chunks, in_flight)
        self._open = True

    def __iter__(self) -> Iterator[list]:
        return self

    def __next__(self) -> list:
        try:
            return next(self._results)
        except StopIteration:
            self._close(graceful=True)
            raise
        except BaseException:
            self._close(graceful=False)
            raise

    def close(self) -> None:
        self._close(graceful=False)

    def _close(self, *, graceful: bool) -> None:
        if self._open:
            self._open = False
            self._results.close()
            self.pool.close(graceful=graceful)

