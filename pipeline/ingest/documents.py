"""`SourceDocument`, one decoded article, and how every reader builds one from its text."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One decoded article."""
    path: str                          # file path; "<file>#<line>" for JSON Lines
    text: str                          # the article text every offset points into
    encoding: str                      # utf-8, utf-8-sig, cp949, utf-16, …
    title: str | None
    published: dt.date | None          # from HTML metadata or a JSON field, never from the text
    sha256: str                        # of `text` as UTF-8: the article's id
    raw_sha256: str                    # of the file's bytes (of the line's, for JSON Lines)
    warnings: tuple[str, ...] = ()
    source_id: str | None = None       # JSON Lines `id` (or `url` when there is no id)
    url: str | None = None             # JSON Lines `url`; an HTML page's canonical link or og:url


def clean_text(text: str) -> str:
    """Line endings → \\n and no trailing whitespace; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def too_short(text: str, min_text_chars: int) -> str | None:
    """Why `text` is too short to be an article, or None."""
    length = len(text.strip())
    if length < min_text_chars:
        return f"text too short ({length} characters; minimum {min_text_chars})"
    return None


def make_document(path: str, text: str, encoding: str, raw_sha256: str, *, title=None, published=None,
                  warnings=(), source_id=None, url=None) -> SourceDocument:
    """The document, with a warning when its analysis will be cut (pipeline.korean.tokenizer)."""
    # lazy: Kiwi's module only when a document is made, not for walking folders
    from pipeline.korean.tokenizer import long_text_note

    note = long_text_note(text)
    return SourceDocument(path=path, text=text, encoding=encoding, title=title, published=published,
                          sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), raw_sha256=raw_sha256,
                          warnings=(*warnings, note) if note else tuple(warnings), source_id=source_id, url=url)
