"""The progress display of `alliances extract` on a terminal (Rich, on standard error).

Until the first files come back the display says the model is loading (Kiwi's model takes
seconds to load, in this process or in each worker); then it shows files done, articles
extracted, articles per second and the time left.
"""
from __future__ import annotations

import time
from typing import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

LOADING = "loading model"
WORKING = "extracting"


class RunProgress:
    """Context manager; `advance(files)` is the runner's progress callback."""

    def __init__(self, total_files: int, articles: Callable[[], int], console: Console | None = None):
        self.articles = articles
        self.started = time.monotonic()
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("files"), TextColumn("{task.fields[articles]:>7} articles  {task.fields[rate]:>6}/s"),
            TimeRemainingColumn(), console=console or Console(stderr=True), transient=True)
        self.task = self.progress.add_task(LOADING, total=total_files, articles=0, rate="-")

    def __enter__(self) -> "RunProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def advance(self, files: int) -> None:
        articles = self.articles()
        seconds = time.monotonic() - self.started
        rate = f"{articles / seconds:.1f}" if seconds > 0 else "-"
        self.progress.update(self.task, advance=files, description=WORKING, articles=articles, rate=rate)
