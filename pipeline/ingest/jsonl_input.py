"""JSON Lines of scraped articles: one object per line → one article, or a quarantine entry.

Each line is read with a size limit (a runaway line cannot exhaust memory), decoded (UTF-8,
or whatever `decode_bytes` makes of it), parsed, and its fields looked up by the names in
settings `ingest.jsonl`. A bad line is quarantined with its number; the other lines go on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

from pipeline.ingest.decode import NotText, decode_bytes
from pipeline.ingest.html import extract_fragment, looks_like_html_fragment, parse_date
from pipeline.records import Quarantine

DEFAULT_FIELDS = {
    "id_fields": ["id", "url"],
    "title_fields": ["title"],
    "body_fields": ["body", "text", "content"],
    "published_fields": ["published"],
}
_EPOCH_MILLISECONDS = 10**11   # numbers above this are milliseconds since 1970
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class JsonArticle:
    line: int
    raw_sha256: str
    source_id: str | None
    title: str | None
    body: str
    published: dt.date | None
    encoding: str
    warnings: tuple[str, ...]


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when longer than max_bytes, size) for each line."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:   # skip the rest of the over-long line
                rest = stream.readline(_CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None, size
            continue
        yield number, line, len(line)


def _first(obj: dict, names: list[str]) -> tuple[str | None, object]:
    for name in names:
        if name in obj and obj[name] not in (None, ""):
            return name, obj[name]
    return None, None


def _published(value: object) -> dt.date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > _EPOCH_MILLISECONDS else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        return parse_date(value)
    return None


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", int: "a number",
            float: "a number", str: "text", type(None): "null"}.get(type(value), type(value).__name__)


def _line_problem(path: str, number: int, raw: bytes | None, size: int, stage: str, reason: str) -> Quarantine:
    """The quarantine entry for line `number` of `path`: path "<file>#<line>", the hash of the line
    without its line break (None for a line too long to read)."""
    digest = hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest() if raw is not None else None
    return Quarantine(path=f"{path}#{number}", sha256=digest, stage=stage, reason=f"line {number}: {reason}", size=size)


def iter_jsonl(path: str, stream: BinaryIO, *, max_bytes: int, max_replacement_ratio: float,
               max_control_ratio: float, fields: dict | None = None,
               chrome_file: str = "chrome_lines.yaml") -> Iterator[JsonArticle | Quarantine]:
    """Articles (or quarantine entries, path "<file>#<line>") from an open JSON Lines file."""
    names = {**DEFAULT_FIELDS, **(fields or {})}
    for number, raw, size in _lines(stream, max_bytes):
        if raw is None:
            yield _line_problem(path, number, None, size, "read", f"line too long ({size} bytes; limit {max_bytes})")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue   # blank lines separate nothing and lose nothing
        problem = partial(_line_problem, path, number, raw, size)   # (stage, reason) -> Quarantine
        warnings: list[str] = []
        try:
            line, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                decoded = decode_bytes(raw, max_replacement_ratio=max_replacement_ratio,
                                       max_control_ratio=max_control_ratio)
            except NotText as error:
                yield problem("decode", str(error))
                continue
            line, encoding = decoded.text, decoded.encoding
            warnings += [f"line is not UTF-8: {w}" for w in decoded.warnings] or [f"line decoded as {encoding}"]
        try:
            obj = json.loads(line.rstrip("\r\n"))   # a line break left in would read as a control character
        except json.JSONDecodeError as error:
            message = error.msg.removesuffix(" at")   # "Invalid control character at"
            yield problem("decode", f"malformed JSON ({message} at column {error.colno})")
            continue
        if not isinstance(obj, dict):
            yield problem("extract", f"JSON value is {_type_name(obj)}, not an object")
            continue
        body_field, body = _first(obj, names["body_fields"])
        if body is None:
            yield problem("extract", f"no article body (none of the fields {', '.join(names['body_fields'])})")
            continue
        if not isinstance(body, str):
            yield problem("extract", f"field {body_field!r} is {_type_name(body)}, not text")
            continue
        if looks_like_html_fragment(body):
            body = extract_fragment(body, chrome_file=chrome_file)
            warnings.append(f"field {body_field!r} held HTML; its text was extracted")
        if not body.strip():
            yield problem("extract", f"field {body_field!r} has no text")
            continue
        _, title = _first(obj, names["title_fields"])
        title = " ".join(str(title).split()) if isinstance(title, (str, int, float)) else None
        _, source_id = _first(obj, names["id_fields"])
        source_id = str(source_id) if isinstance(source_id, (str, int)) else None
        published_field, published_value = _first(obj, names["published_fields"])
        published = _published(published_value)
        if published_value is not None and published is None:
            warnings.append(f"field {published_field!r} is not a date: {str(published_value)[:40]!r}")
        yield JsonArticle(number, hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest(), source_id, title or None,
                          body, published, encoding, tuple(warnings))
