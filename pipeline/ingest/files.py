"""One input file → its documents (or quarantine entries): plain text, HTML, JSON Lines.

Plain text keeps what the file said (line endings become \\n, trailing whitespace of the
whole document goes); HTML becomes its title + "\\n\\n" + article body; each JSON Lines
object becomes one document.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

from pipeline.ingest.decode import NotText, decode_bytes
from pipeline.ingest.documents import SourceDocument, clean_text, make_document, too_short
from pipeline.ingest.html import declared_charset, extract_page, looks_like_html
from pipeline.ingest.jsonl_input import JsonArticle, iter_jsonl
from pipeline.ingest.regular_files import open_regular, too_large
from pipeline.ingest.settings import ingest_settings
from pipeline.records import Quarantine

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SNIFF_BYTES = 4096   # enough to tell HTML or binary content from the start of a file


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


def _single_file(path: str, config: dict, *, html: bool) -> Iterator[SourceDocument | Quarantine]:
    """A plain-text or HTML file: one document."""
    opened = open_regular(path)
    if isinstance(opened, Quarantine):
        yield opened
        return
    stream, size = opened
    limit = int(config["max_bytes"])
    with stream:
        if size > limit:
            yield too_large(path, size, limit)   # without reading it
            return
        data = stream.read(limit + 1)
    if len(data) > limit:   # it grew since fstat
        yield too_large(path, len(data), limit)
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
        body = clean_text(page.body)
        if not body:
            described = f" (title: {title!r})" if title else ""
            yield problem("extract", f"HTML page has no article text{described}")
            return
        if page.method == "fallback":
            warnings.append("trafilatura found no article text (or failed); plain HTML extraction used")
        text = f"{title}\n\n{body}" if title else body
    else:
        text = clean_text(decoded.text)
        if not text.strip():
            yield problem("extract", f"whitespace-only file ({size} bytes)")
            return
    short = too_short(text, int(config["min_text_chars"]))
    if short:
        yield problem("extract", short)
        return
    yield make_document(path, text, decoded.encoding, raw_sha256, title=title, published=published,
                        warnings=warnings)


def _jsonl_file(path: str, config: dict) -> Iterator[SourceDocument | Quarantine]:
    """A JSON Lines file: one document per object, read lazily (the file may be huge)."""
    opened = open_regular(path)
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
    body = clean_text(article.body)
    text = f"{article.title}\n\n{body}" if article.title else body
    short = too_short(text, int(config["min_text_chars"]))
    if short:
        return Quarantine(path=where, sha256=article.raw_sha256, stage="extract",
                          reason=f"line {article.line}: {short}")
    return make_document(where, text, article.encoding, article.raw_sha256, title=article.title,
                         published=article.published, warnings=article.warnings, source_id=article.source_id)
