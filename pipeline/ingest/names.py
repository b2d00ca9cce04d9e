"""File names as text any database, JSON file and terminal can hold.

The OS gives names as bytes; Python keeps bytes that are not UTF-8 as lone surrogates
(surrogateescape), which no UTF-8 encoder accepts. `shown_path` writes such bytes as `\\xNN`
escapes — the name every record, quarantine entry and message uses — while the file is still
opened by its real name. `terminal_text` escapes what would act on a terminal instead of being
shown (line breaks, ESC sequences, bidirectional overrides), so a file name cannot forge an
output line. A name that really contains a backslash followed by `xNN` reads the same: such
names are rare enough to accept the ambiguity.
"""
from __future__ import annotations

import os
import re

_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 and C1 controls, DEL, Unicode line and paragraph separators, bidirectional controls,
# and lone surrogates: shown as escapes on a terminal.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown_path(path: str | os.PathLike | bytes) -> str:
    """`path` as valid UTF-8 text: undecodable bytes of the name become \\xNN."""
    text = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
    if not _SURROGATES.search(text):
        return text
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:   # a surrogate that did not come from a byte of the name
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """`text` with every control character escaped: one line, nothing a terminal would act on."""
    return _TERMINAL_UNSAFE.sub(_escape, text)
