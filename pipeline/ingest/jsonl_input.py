"""JSON Lines of scraped articles: one object per line → one article, or a quarantine entry.

Each line is read with a size limit (a runaway line cannot exhaust memory), decoded (UTF-8,
or whatever `decode_bytes` makes of it), checked for nesting deeper than `ingest.max_json_depth`
(the parser would recurse that deep), parsed, checked for lone surrogate escapes ("\\ud800"
decodes to a string no UTF-8 encoder accepts), and its fields looked up by the names in
settings `ingest.jsonl`. A bad line is quarantined with its number; the other lines go on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

from pipeline.ingest.decode import NotText, decode_bytes
from pipeline.ingest.html import extract_fragment, looks_like_html_fragment, parse_date
from pipeline.ingest.units import SKIP, UnitHook, line_unit
from pipeline.records import Quarantine

DEFAULT_FIELDS = {
    "id_fields": ["id", "url"],
    "url_fields": ["url", "link", "canonical_url"],
    "title_fields": ["title"],
    "body_fields": ["body", "text", "content"],
    "published_fields": ["published"],
}
_EPOCH_MILLISECONDS = 10**11   # numbers above this are milliseconds since 1970
_CHUNK = 1 << 20
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class JsonArticle:
    line: int
    raw_sha256: str
    source_id: str | None
    url: str | None
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


def _too_deep(line: str, limit: int) -> bool:
    """True if arrays and objects nest deeper than `limit` (json would recurse that deep)."""
    if line.count("[") + line.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKETS.finditer(_JSON_STRING.sub("", line)):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return True
    return False


def _has_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _lone_surrogate(obj: object) -> str | None:
    """Which part of a parsed line holds a lone surrogate (JSON's "\\ud800" escape decodes to
    one, and no UTF-8 encoder accepts it), None if none does."""
    if not isinstance(obj, dict):
        return "the value" if _has_surrogate(obj) else None
    for key, value in obj.items():
        if _has_surrogate(key):
            return "a field name"
        if _has_surrogate(value):
            return f"field {key!r}"
    return None


@dataclass(frozen=True, slots=True)
class LineRules:
    """How each line is judged: limits and field names (from settings `ingest`)."""
    max_replacement_ratio: float
    max_control_ratio: float
    max_depth: int
    names: dict
    chrome_file: str


def _decoded(raw: bytes, rules: LineRules, warnings: list[str]) -> tuple[str, str]:
    """(text, encoding) of a line; NotText if it is not text."""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = decode_bytes(raw, max_replacement_ratio=rules.max_replacement_ratio,
                           max_control_ratio=rules.max_control_ratio)
    warnings += [f"line is not UTF-8: {w}" for w in decoded.warnings] or [f"line decoded as {decoded.encoding}"]
    return decoded.text, decoded.encoding


def _parsed(line: str, rules: LineRules) -> tuple[object, str | None]:
    """(the JSON value, None) or (None, why the line is not acceptable JSON)."""
    line = line.rstrip("\r\n")   # a line break left in would read as a control character
    if _too_deep(line, rules.max_depth):
        return None, f"JSON nested deeper than {rules.max_depth} levels (limit ingest.max_json_depth)"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as error:
        message = error.msg.removesuffix(" at")   # "Invalid control character at"
        return None, f"malformed JSON ({message} at column {error.colno})"
    if ("\\ud" in line or "\\uD" in line) and (where := _lone_surrogate(obj)):
        return None, f"{where} holds a lone surrogate escape, which is not text"
    return obj, None


def _line_item(path: str, number: int, raw: bytes, size: int, rules: LineRules) -> JsonArticle | Quarantine:
    """One non-blank line → its article or the reason it has none."""
    problem = partial(_line_problem, path, number, raw, size)   # (stage, reason) -> Quarantine
    warnings: list[str] = []
    try:
        line, encoding = _decoded(raw, rules, warnings)
    except NotText as error:
        return problem("decode", str(error))
    obj, reason = _parsed(line, rules)
    if reason:
        return problem("decode", reason)
    if not isinstance(obj, dict):
        return problem("extract", f"JSON value is {_type_name(obj)}, not an object")
    names = rules.names
    body_field, body = _first(obj, names["body_fields"])
    if body is None:
        return problem("extract", f"no article body (none of the fields {', '.join(names['body_fields'])})")
    if not isinstance(body, str):
        return problem("extract", f"field {body_field!r} is {_type_name(body)}, not text")
    if looks_like_html_fragment(body):
        body = extract_fragment(body, chrome_file=rules.chrome_file)
        warnings.append(f"field {body_field!r} held HTML; its text was extracted")
    if not body.strip():
        return problem("extract", f"field {body_field!r} has no text")
    _, title = _first(obj, names["title_fields"])
    title = " ".join(str(title).split()) if isinstance(title, (str, int, float)) else None
    _, source_id = _first(obj, names["id_fields"])
    source_id = str(source_id) if isinstance(source_id, (str, int)) else None
    _, url = _first(obj, names["url_fields"])
    url = (url.strip() or None) if isinstance(url, str) else None
    published_field, published_value = _first(obj, names["published_fields"])
    published = _published(published_value)
    if published_value is not None and published is None:
        warnings.append(f"field {published_field!r} is not a date: {str(published_value)[:40]!r}")
    return JsonArticle(number, hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest(), source_id, url, title or None,
                       body, published, encoding, tuple(warnings))


def iter_jsonl(path: str, stream: BinaryIO, *, max_bytes: int, max_replacement_ratio: float,
               max_control_ratio: float, fields: dict | None = None, chrome_file: str = "chrome_lines.yaml",
               max_depth: int = 64, hook: UnitHook | None = None) -> Iterator[JsonArticle | Quarantine]:
    """Articles (or quarantine entries, path "<file>#<line>") from an open JSON Lines file.

    Each line stands alone: whatever is wrong with one line (or whatever goes wrong reading it)
    is that line's quarantine entry, and the next line is read. `hook` sees each line first
    (pipeline.ingest.units). An OSError of the stream ends the file (the caller records it)."""
    rules = LineRules(max_replacement_ratio, max_control_ratio, max_depth,
                      {**DEFAULT_FIELDS, **(fields or {})}, chrome_file)
    for number, raw, size in _lines(stream, max_bytes):
        if raw is not None and number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if raw is not None and not raw.strip():
            continue   # blank lines separate nothing and lose nothing
        verdict = hook(line_unit(path, number)) if hook else None
        if verdict is SKIP:
            continue
        if isinstance(verdict, Quarantine):
            yield verdict
            continue
        if raw is None:
            yield _line_problem(path, number, None, size, "read", f"line too long ({size} bytes; limit {max_bytes})")
            continue
        try:
            yield _line_item(path, number, raw, size, rules)
        except Exception as error:  # noqa: BLE001 — a bug or an odd line must not end the file
            yield _line_problem(path, number, raw, size, "process",
                                f"unexpected error: {type(error).__name__}: {error}")
