"""Ingest: input paths → decoded article texts (`SourceDocument`) or quarantine entries.

Nothing lost, nothing invented: every input ends up either as a document or as a
`Quarantine(path, sha256, stage, reason, size)` saying why, and one bad file never stops
a run. Plain text keeps what the file said (line endings become \\n, trailing whitespace
of the whole document goes); HTML becomes its title + "\\n\\n" + article body; each JSON
Lines object becomes one document. Every later offset points into `SourceDocument.text`.

    for item in iter_documents(["corpus/"]):
        if isinstance(item, SourceDocument): ...   # item.text, item.sha256, item.encoding
        else: ...                                  # a Quarantine

Workers that receive paths from `iter_paths` read them with `read_document` (or the lazy
`iter_file`, which keeps a huge JSON Lines file out of memory).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline.ingest import discover
from pipeline.ingest.decode import NotText, decode_bytes
from pipeline.ingest.html import declared_charset, extract_page, looks_like_html
from pipeline.ingest.jsonl_input import JsonArticle, iter_jsonl
from pipeline.records import Quarantine
from pipeline.settings import load_settings

__all__ = ["SourceDocument", "iter_documents", "iter_paths", "read_document", "iter_file", "ingest_settings"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SNIFF_BYTES = 4096
_DEFAULTS = {
    "extensions": [".txt", ".html", ".htm", ".jsonl"],
    "max_bytes": 20_000_000,
    "max_replacement_ratio": 0.01,
    "max_control_ratio": 0.02,
    "min_text_chars": 1,
    "skip_hidden": True,
    "chrome_lines": "chrome_lines.yaml",
    "html": {},
    "jsonl": {},
}


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
    source_id: str | None = None       # JSON Lines `id` / `url`


# Environment variables over the settings file. They decide which files are read at all, not
# what is extracted from them, so they stay out of the config hash: changing them does not
# make stored articles stale.
ENV_OVERRIDES = {"ALLIANCES_MAX_BYTES": "max_bytes"}


def _env_overrides() -> dict:
    overrides = {}
    for variable, key in ENV_OVERRIDES.items():
        value = os.environ.get(variable, "").strip().replace("_", "")
        if not value:
            continue
        if not value.isdigit() or int(value) <= 0:
            raise ValueError(f"{variable} must be a positive number of bytes, not {os.environ[variable]!r}")
        overrides[key] = int(value)
    return overrides


def ingest_settings(settings: dict | None = None) -> dict:
    """The `ingest:` settings, with environment overrides (ALLIANCES_MAX_BYTES) and then
    `settings` (whole settings or the section) laid over them."""
    merged = {**_DEFAULTS, **(load_settings().get("ingest") or {}), **_env_overrides()}
    if settings:
        section = settings["ingest"] if isinstance(settings.get("ingest"), dict) else settings
        merged.update(section)
    return merged


def iter_paths(paths: Iterable[str | Path], *, settings: dict | None = None) -> Iterator[Path | Quarantine]:
    """Candidate files under `paths` (lazily, sorted within each folder) or discovery problems."""
    config = ingest_settings(settings)
    yield from discover.iter_paths(paths, extensions=config["extensions"], skip_hidden=config["skip_hidden"])


def iter_documents(paths: Iterable[str | Path], *, settings: dict | None = None
                   ) -> Iterator[SourceDocument | Quarantine]:
    """Every article (or quarantine entry) under `paths`, one file at a time."""
    config = ingest_settings(settings)
    for item in discover.iter_paths(paths, extensions=config["extensions"], skip_hidden=config["skip_hidden"]):
        if isinstance(item, Quarantine):
            yield item
        else:
            yield from iter_file(item, settings=config)


def read_document(path: str | Path, *, settings: dict | None = None) -> list[SourceDocument | Quarantine]:
    """All documents (or quarantine entries) of one file."""
    return list(iter_file(path, settings=settings))


def iter_file(path: str | Path, *, settings: dict | None = None) -> Iterator[SourceDocument | Quarantine]:
    """Documents of one file, lazily; never raises for a bad file."""
    config = ingest_settings(settings)
    suffix = Path(path).suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_file(str(path), config)
        else:
            yield from _single_file(str(path), config, html=suffix in HTML_SUFFIXES)
    except Exception as error:   # a bug or an odd file must not stop the run: record it
        yield Quarantine(path=str(path), stage="process",
                         reason=f"unexpected error while ingesting: {type(error).__name__}: {error}")


# --- reading -----------------------------------------------------------------------------

_SPECIAL_FILES = (
    (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
)


def _not_regular(mode: int) -> str:
    for test, name in _SPECIAL_FILES:
        if test(mode):
            return f"not a regular file ({name})"
    return "not a regular file"


def _open_regular(path: str) -> tuple[BinaryIO, int] | Quarantine:
    """Open `path` for reading if it is a regular file (never blocks on a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        return Quarantine(path=path, stage="read", reason="unreadable: permission denied")
    except FileNotFoundError as error:
        return discover.lookup_problem(path, error)
    except OSError as error:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return discover.lookup_problem(path, error)
        if not stat.S_ISREG(mode):
            return Quarantine(path=path, stage="read", reason=f"unreadable: {_not_regular(mode)}")
        return Quarantine(path=path, stage="read", reason=f"unreadable: {error.strerror or error}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            return Quarantine(path=path, stage="read", reason=f"unreadable: {_not_regular(st.st_mode)}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except OSError as error:
        os.close(fd)
        return Quarantine(path=path, stage="read", reason=f"unreadable: {error.strerror or error}")


def _too_large(path: str, size: int, limit: int) -> Quarantine:
    return Quarantine(path=path, stage="read", size=size,
                      reason=f"file too large ({size:,} bytes; limit {limit:,})")


def _clean_text(text: str) -> str:
    """Line endings → \\n and no trailing whitespace; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def _document(path: str, text: str, encoding: str, raw_sha256: str, *, title=None, published=None,
              warnings=(), source_id=None) -> SourceDocument:
    return SourceDocument(path=path, text=text, encoding=encoding, title=title, published=published,
                          sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), raw_sha256=raw_sha256,
                          warnings=tuple(warnings), source_id=source_id)


def _short_text(text: str, config: dict) -> str | None:
    minimum = int(config["min_text_chars"])
    length = len(text.strip())
    if length < minimum:
        return f"text too short ({length} characters; minimum {minimum})"
    return None


def _single_file(path: str, config: dict, *, html: bool) -> Iterator[SourceDocument | Quarantine]:
    opened = _open_regular(path)
    if isinstance(opened, Quarantine):
        yield opened
        return
    stream, size = opened
    limit = int(config["max_bytes"])
    with stream:
        if size > limit:
            yield _too_large(path, size, limit)   # without reading it
            return
        data = stream.read(limit + 1)
    if len(data) > limit:   # it grew since fstat
        yield _too_large(path, len(data), limit)
        return
    size, raw_sha256 = len(data), hashlib.sha256(data).hexdigest()

    def problem(stage: str, reason: str) -> Quarantine:
        return Quarantine(path=path, sha256=raw_sha256, stage=stage, reason=reason, size=size)

    if not data:
        yield problem("read", "empty file (0 bytes)")
        return
    html = html or looks_like_html(data[:_SNIFF_BYTES].decode("latin-1"))
    try:
        decoded = decode_bytes(data, max_replacement_ratio=float(config["max_replacement_ratio"]),
                               max_control_ratio=float(config["max_control_ratio"]),
                               declared=declared_charset(data) if html else None)
    except NotText as error:
        yield problem("decode", str(error))
        return
    warnings = list(decoded.warnings)
    title = published = None
    if html:
        page = extract_page(decoded.text, chrome_file=config["chrome_lines"], meta=config.get("html") or {})
        title, published = page.title, page.published
        body = _clean_text(page.body)
        if not body:
            described = f" (title: {title!r})" if title else ""
            yield problem("extract", f"HTML page has no article text{described}")
            return
        if page.method == "fallback":
            warnings.append("trafilatura found no article text (or failed); plain HTML extraction used")
        text = f"{title}\n\n{body}" if title else body
    else:
        text = _clean_text(decoded.text)
        if not text.strip():
            yield problem("extract", f"whitespace-only file ({size} bytes)")
            return
    short = _short_text(text, config)
    if short:
        yield problem("extract", short)
        return
    yield _document(path, text, decoded.encoding, raw_sha256, title=title, published=published,
                    warnings=warnings)


def _jsonl_file(path: str, config: dict) -> Iterator[SourceDocument | Quarantine]:
    opened = _open_regular(path)
    if isinstance(opened, Quarantine):
        yield opened
        return
    stream, size = opened
    with stream:
        head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
        if size == 0:
            yield Quarantine(path=path, sha256=hashlib.sha256(b"").hexdigest(), stage="read",
                             reason="empty file (0 bytes)", size=0)
            return
        try:   # binary content is judged on the first bytes: the file may be huge
            decode_bytes(head, max_replacement_ratio=1.0, max_control_ratio=float(config["max_control_ratio"]))
        except NotText as error:
            if str(error).startswith("binary file"):
                yield Quarantine(path=path, stage="decode", reason=str(error), size=size)
                return
        produced = False
        for item in iter_jsonl(path, stream, max_bytes=int(config["max_bytes"]),
                               max_replacement_ratio=float(config["max_replacement_ratio"]),
                               max_control_ratio=float(config["max_control_ratio"]),
                               fields=config.get("jsonl") or {}, chrome_file=config["chrome_lines"]):
            produced = True
            yield item if isinstance(item, Quarantine) else _json_document(path, item, config)
        if not produced:
            yield Quarantine(path=path, stage="extract", size=size,
                             reason=f"whitespace-only file ({size} bytes): no JSON lines")


def _json_document(path: str, article: JsonArticle, config: dict) -> SourceDocument | Quarantine:
    where = f"{path}#{article.line}"
    body = _clean_text(article.body)
    text = f"{article.title}\n\n{body}" if article.title else body
    short = _short_text(text, config)
    if short:
        return Quarantine(path=where, sha256=article.raw_sha256, stage="extract",
                          reason=f"line {article.line}: {short}")
    return _document(where, text, article.encoding, article.raw_sha256, title=article.title,
                     published=article.published, warnings=article.warnings, source_id=article.source_id)
