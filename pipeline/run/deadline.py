"""A time budget per unit of work (one article), enforced in the thread doing the work.

    with Deadline(30) as deadline:
        for article in articles:
            deadline.restart(article)  # a new unit: 30 s from now
            try: ... except ArticleTimeout: ... deadline.fired_unit ...

When a unit runs over, a watchdog thread raises `ArticleTimeout` in the working thread
(`PyThreadState_SetAsyncExc`). Python delivers it at the thread's next bytecode, so code in C
(a Kiwi call) finishes its call first; the tokenizer keeps each such call short (long texts go to
Kiwi in pieces). `ArticleTimeout` is a BaseException: the pipeline's `except Exception` handlers
(a reader's fallback, a rule's guard) must not swallow it. What no exception can stop — a call in
C that never returns — is the worker pool's business (pipeline.run.pool kills the process).
"""
from __future__ import annotations

import ctypes
import threading
import time

_POLL_SECONDS = 0.1

# Two prototypes of one C function: raise an exception class, or clear (NULL) what is pending.
_set_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
_clear_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))


class ArticleTimeout(BaseException):
    """The unit of work under way ran over its time budget."""


class Deadline:
    """Raise ArticleTimeout in the entering thread once `seconds` pass without a `restart()`.

    `seconds=None` is no budget: the object does nothing."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._thread = 0
        self._expires = float("inf")
        self._fired = False
        self.unit: object = None
        self.fired_unit: object = None   # the unit that ran over (the handler checks it is the current one)

    def __enter__(self) -> "Deadline":
        if self.seconds is not None:
            self._thread = threading.get_ident()
            self._expires = time.monotonic() + self.seconds
            _watchdog.add(self)
        return self

    def restart(self, unit: object = None) -> None:
        """A new unit starts: its budget runs from now."""
        if self.seconds is None:
            return
        with _watchdog.lock:
            self._expires = time.monotonic() + self.seconds
            self.unit = unit
            self._withdraw()

    def pause(self) -> None:
        """No unit is under way: nothing runs over until the next `restart`."""
        if self.seconds is None:
            return
        with _watchdog.lock:
            self._expires = float("inf")
            self.unit = None
            self._withdraw()

    def __exit__(self, *exc) -> None:
        if self.seconds is None:
            return
        with _watchdog.lock:
            _watchdog.deadlines.discard(self)
            self._withdraw()

    def _withdraw(self) -> None:
        """Clear a timeout raised but not yet delivered (the unit ended just at its deadline).
        Runs in the working thread itself, so once this returns nothing is pending."""
        if self._fired:
            self._fired = False
            _clear_async_exc(self._thread, None)

    def _fire_if_due(self, now: float) -> None:
        if not self._fired and now >= self._expires:
            self._fired = True
            self.fired_unit = self.unit
            _set_async_exc(self._thread, ArticleTimeout)


class _Watchdog:
    """One daemon thread per process that fires every due deadline."""

    def __init__(self):
        self.lock = threading.Lock()
        self.deadlines: set[Deadline] = set()
        self._thread: threading.Thread | None = None

    def add(self, deadline: Deadline) -> None:
        with self.lock:
            self.deadlines.add(deadline)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="article-deadline", daemon=True)
                self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(_POLL_SECONDS)
            now = time.monotonic()
            with self.lock:
                for deadline in self.deadlines:
                    deadline._fire_if_due(now)


_watchdog = _Watchdog()
