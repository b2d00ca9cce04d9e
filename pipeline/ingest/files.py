"""One input file → its documents (or quarantine entries): plain text, HTML, JSON Lines.

Plain text keeps what the file said (line endings become \\n, trailing whitespace of the
whole document goes); HTML becomes its title + "\\n\\n" + article body; each JSON Lines
object becomes one document. Documents and entries are named by `shown_path` (a name with
bytes that are not UTF-8 is still read, and stored with \\xNN escapes); an error of the
device (EIO) is a `read` problem; `hook` watches the units read (pipeline.ingest.units).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

from pipeline.ingest.decode import NotText, decode_bytes
from pipeline.ingest.documents import SourceDocument, clean_text, make_document, too_short
from pipeline.ingest.html import declared_charset, extract_page, looks_like_html
from pipeline.ingest.jsonl_input import JsonArticle, iter_jsonl
from pipeline.ingest.names import shown_path
from pipeline.ingest.regular_files import open_regular, too_large
from pipeline.ingest.settings import ingest_settings
from pipeline.ingest.units import SKIP, UnitHook
from pipeline.records import Quarantine

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SNIFF_BYTES = 4096   # enough to tell HTML or binary content from the start of a file


def read_document(path: str | Path, *, settings: dict | None = None,
                  hook: UnitHook | None = None) -> list[SourceDocument | Quarantine]:
    """All documents (or quarantine entries) of one file."""
    return list(iter_file(path, settings=settings, hook=hook))


def iter_file(path: str | Path, *, settings: dict | None = None,
              hook: UnitHook | None = None) -> Iterator[SourceDocument | Quarantine]:
    """Documents of one file, lazily; never raises for a bad file."""
    config = ingest_settings(settings)
    real, name = str(path), shown_path(path)
    suffix = Path(real).suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_file(real, name, config, hook)
        else:
            yield from _single_file(real, name, config, hook, html=suffix in HTML_SUFFIXES)
    except Exception as error:   # a bug or an odd file must not stop the run: record it
        yield Quarantine(path=name, stage="process",
                         reason=f"unexpected error while ingesting: {type(error).__name__}: {error}")


def _opened(real: str, name: str):
    """open_regular under the file's real name, its problems under the shown name."""
    opened = open_regular(real)
    if isinstance(opened, Quarantine) and opened.path != name:
        opened = opened.model_copy(update={"path": name, "reason": opened.reason.replace(real, name)})
    return opened


def _unreadable(name: str, error: OSError, size: int | None, where: str = "") -> Quarantine:
    return Quarantine(path=name, stage="read", size=size,
                      reason=f"{where}unreadable: {error.strerror or type(error).__name__}")


def _single_file(real: str, name: str, config: dict, hook: UnitHook | None, *,
                 html: bool) -> Iterator[SourceDocument | Quarantine]:
    """A plain-text or HTML file: one document."""
    verdict = hook(name) if hook else None
    if verdict is SKIP:
        return
    if isinstance(verdict, Quarantine):
        yield verdict
        return
    opened = _opened(real, name)
    if isinstance(opened, Quarantine):
        yield opened
        return
    stream, size = opened
    limit = int(config["max_bytes"])
    with stream:
        if size > limit:
            yield too_large(name, size, limit)   # without reading it
            return
        try:
            data = stream.read(limit + 1)
        except OSError as error:   # EIO from a failing disk or a network file system
            yield _unreadable(name, error, size)
            return
    if len(data) > limit:   # it grew since fstat
        yield too_large(name, len(data), limit)
        return
    yield _file_document(name, data, config, html=html)


def _file_document(path: str, data: bytes, config: dict, *, html: bool) -> SourceDocument | Quarantine:
    """The document in a plain-text or HTML file's bytes, or why there is none."""
    size, raw_sha256 = len(data), hashlib.sha256(data).hexdigest()

    def problem(stage: str, reason: str) -> Quarantine:
        return Quarantine(path=path, sha256=raw_sha256, stage=stage, reason=reason, size=size)

    if not data:
        return problem("read", "empty file (0 bytes)")
    html = html or looks_like_html(data[:_SNIFF_BYTES].decode("latin-1"))
    try:
        decoded = decode_bytes(data, max_replacement_ratio=float(config["max_replacement_ratio"]),
                               max_control_ratio=float(config["max_control_ratio"]),
                               declared=declared_charset(data) if html else None)
    except NotText as error:
        return problem("decode", str(error))
    warnings = list(decoded.warnings)
    title = published = url = None
    if html:
        page = extract_page(decoded.text, chrome_file=config["chrome_lines"], meta=config.get("html") or {})
        title, published, url = page.title, page.published, page.url
        body = clean_text(page.body)
        if not body:
            described = f" (title: {title!r})" if title else ""
            return problem("extract", f"HTML page has no article text{described}")
        if page.method == "fallback":
            warnings.append("trafilatura found no article text (or failed); plain HTML extraction used")
        text = f"{title}\n\n{body}" if title else body
    else:
        text = clean_text(decoded.text)
        if not text.strip():
            return problem("extract", f"whitespace-only file ({size} bytes)")
    short = too_short(text, int(config["min_text_chars"]))
    if short:
        return problem("extract", short)
    return make_document(path, text, decoded.encoding, raw_sha256, title=title, published=published,
                         warnings=warnings, url=url)


def _jsonl_file(real: str, name: str, config: dict, hook: UnitHook | None) -> Iterator[SourceDocument | Quarantine]:
    """A JSON Lines file: one document per object, read lazily (the file may be huge)."""
    opened = _opened(real, name)
    if isinstance(opened, Quarantine):
        yield opened
        return
    stream, size = opened
    with stream:
        try:
            head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
        except OSError as error:
            yield _unreadable(name, error, size)
            return
        if size == 0:
            yield Quarantine(path=name, sha256=hashlib.sha256(b"").hexdigest(), stage="read",
                             reason="empty file (0 bytes)", size=0)
            return
        try:   # binary content is judged on the first bytes: the file may be huge
            decode_bytes(head, max_replacement_ratio=1.0, max_control_ratio=float(config["max_control_ratio"]))
        except NotText as error:
            if str(error).startswith("binary file"):
                yield Quarantine(path=name, stage="decode", reason=str(error), size=size)
                return
        produced = False
        watched = _noting(hook)
        lines = iter_jsonl(name, stream, max_bytes=int(config["max_bytes"]),
                           max_replacement_ratio=float(config["max_replacement_ratio"]),
                           max_control_ratio=float(config["max_control_ratio"]),
                           fields=config.get("jsonl") or {}, chrome_file=config["chrome_lines"],
                           max_depth=int(config.get("max_json_depth", 64)), hook=watched)
        try:
            for item in lines:
                produced = True
                yield item if isinstance(item, Quarantine) else _json_document(name, item, config)
        except OSError as error:   # the rest of the file cannot be read; what was read stays
            yield _unreadable(name, error, size, where="after the lines read so far: ")
            return
        if not produced and not (watched and watched.seen):
            yield Quarantine(path=name, stage="extract", size=size,
                             reason=f"whitespace-only file ({size} bytes): no JSON lines")


def _noting(hook: UnitHook | None) -> UnitHook | None:
    """The hook, remembering that it saw a line (skipped lines were read: the file is not empty)."""
    if hook is None:
        return None

    def noted(unit: str):
        noted.seen = True
        return hook(unit)

    noted.seen = False
    return noted


def _json_document(path: str, article: JsonArticle, config: dict) -> SourceDocument | Quarantine:
    where = f"{path}#{article.line}"
    body = clean_text(article.body)
    text = f"{article.title}\n\n{body}" if article.title else body
    short = too_short(text, int(config["min_text_chars"]))
    if short:
        return Quarantine(path=where, sha256=article.raw_sha256, stage="extract",
                          reason=f"line {article.line}: {short}")
    return make_document(where, text, article.encoding, article.raw_sha256, title=article.title,
                         published=article.published, warnings=article.warnings, source_id=article.source_id,
                         url=article.url)
