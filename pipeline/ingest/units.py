"""Units of reading — a whole file, or one line of a JSON Lines file — and the hook a caller
may pass to the readers to watch them.

Before each unit the reader calls `hook(unit)` with the unit's name (`FILE`, or `FILE#LINE`
for a JSON line, as `shown_path` spells it). The hook returns None to go on, a `Quarantine`
to give instead of reading the unit (a unit that killed a worker, or ran over its time), or
`SKIP` to pass over it silently (a unit already read before a reader was restarted). The
batch engines use this to report progress, restart the time budget and resume a file.
"""
from __future__ import annotations

from typing import Callable, Union

from pipeline.records import Quarantine


class _Skip:
    def __repr__(self) -> str:
        return "SKIP"


SKIP = _Skip()

UnitHook = Callable[[str], Union[Quarantine, _Skip, None]]


def line_unit(file_name: str, number: int) -> str:
    """The unit (and the article path) of line `number` of a JSON Lines file."""
    return f"{file_name}#{number}"
