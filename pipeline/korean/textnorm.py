"""The text the analysers read: same length as the article text, chrome and odd characters neutralised.

`analysis_text(text)` returns a string of exactly `len(text)` characters, so every offset
found in it is an offset into `text` as well (no offset map). It
- turns tabs, \\r, NBSP, zero-width characters, other Unicode spaces and control characters
  into ' ' (U+2028/U+2029 into '\\n', since they end a line);
- turns full-width ASCII (ＬＧ, ２０２４, ％) into the ASCII character (a 1 → 1 mapping);
- blanks page-chrome lines (configs/chrome_lines.yaml, schema `ChromeLinesConfig`: 본문 바로가기,
  반응형, copyright footers …) to spaces, keeping the newline.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, PositiveInt

from pipeline.config_files import ConfigModel, config_path, config_schema, load_config, parse_config
from pipeline.settings import Settings

CHROME_FILE = "chrome_lines.yaml"


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:   # reported as a validation error at the pattern's line
        raise ValueError(f"not a valid regex: {exc}") from None
    return pattern


class ChromeHtml(ConfigModel):
    """Read by pipeline.ingest.html: page elements dropped before article extraction."""
    drop_tags: list[str] = []
    class_prefixes: list[str] = []
    class_tokens: list[str] = []
    related_headings: list[str] = []


@config_schema(CHROME_FILE)
class ChromeLinesConfig(ConfigModel):
    max_pattern_line: PositiveInt = 160
    line_bullets: str              # each character is a bullet that may decorate a chrome line
    lines: list[str] = []
    patterns: list[Annotated[str, AfterValidator(_compiles)]] = []
    html: ChromeHtml = ChromeHtml()


def chrome_config(config_file: str = CHROME_FILE) -> ChromeLinesConfig:
    """The chrome file `configs/<config_file>` (settings `ingest.chrome_lines`), validated."""
    if config_file == CHROME_FILE:
        return load_config(CHROME_FILE)
    return parse_config(config_path(config_file).read_text(encoding="utf-8"), ChromeLinesConfig,
                        f"configs/{config_file}")

# Characters that read as a space (or as nothing) to a human; each becomes one ' '.
_SPACE_LIKE = (
    "\t\r\x0b\x0c\x85\xa0\xad\u1680\u180e"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u202f"
    "\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u3000\ufeff"
)
_LINE_ENDS = "\u2028\u2029"
_FULLWIDTH_FIRST, _FULLWIDTH_LAST = 0xFF01, 0xFF5E   # ！ … ～  →  ! … ~
_FULLWIDTH_OFFSET = 0xFEE0


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)):   # C0 and C1 controls
        if chr(code) != "\n":
            table[code] = " "
    for char in _SPACE_LIKE:
        table[ord(char)] = " "
    for char in _LINE_ENDS:
        table[ord(char)] = "\n"
    for code in range(_FULLWIDTH_FIRST, _FULLWIDTH_LAST + 1):
        table[code] = chr(code - _FULLWIDTH_OFFSET)
    # Any other character whose category is a separator (Zs) also becomes a space.
    for code in range(0x100, 0x10000):
        if code not in table and unicodedata.category(chr(code)) == "Zs":
            table[code] = " "
    return table


_TABLE = _build_table()
# str.translate is slow per character on non-Latin-1 text (~11 M chars/s), so translate
# only the runs of characters that need it: one regex pass finds them.
_ODD_RUN = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]+"
)

_ANY_SPACE = re.compile(r"(?<!\\)\\s")
_COUNT = r"(?:[ ]*[(\[]?[ ]*[\d,]+[ ]*[)\]]?)?"   # 댓글 12, 좋아요(3)


@dataclass(frozen=True)
class _ChromeRules:
    whole_lines: tuple[re.Pattern[str], ...]   # each match is a complete chrome line
    inside_line: tuple[re.Pattern[str], ...]   # a hit blanks its line if the line is short
    max_line: int


@lru_cache(maxsize=None)
def _chrome_rules(config_file: str) -> _ChromeRules:
    """Compiled chrome rules. Every unanchored pattern gets its own pass: alone, each is
    scanned at hundreds of MB/s by its literal prefix, while an alternation of them all
    runs at ~20 MB/s."""
    config = chrome_config(config_file)
    literals = sorted({" ".join(line.split()) for line in config.lines if line.strip()}, key=len, reverse=True)
    max_line = config.max_pattern_line
    # After normalize_chars every space but \n is ' ': \s must not reach into the next line.
    patterns = [_ANY_SPACE.sub("[ ]", p) for p in config.patterns]
    whole_lines = []
    if literals:
        alternatives = "|".join(r"[ ]*".join(re.escape(word) for word in line.split(" ")) for line in literals)
        bullets = f"[{_class_escape(config.line_bullets)}]*[ ]*" if config.line_bullets else ""
        whole_lines.append(re.compile(rf"(?m)^[ ]*{bullets}(?:{alternatives}){_COUNT}[ ]*$"))
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    if anchored:
        bodies = "|".join(f"(?:{p})" for p in anchored)
        whole_lines.append(re.compile(rf"(?m)^(?=[^\n]{{0,{max_line}}}$)(?:{bodies})[^\n]*$"))
    inside_line = tuple(re.compile(p, re.M) for p in patterns if not p.startswith("^"))
    return _ChromeRules(tuple(whole_lines), inside_line, max_line)


def _class_escape(chars: str) -> str:
    """`chars` as the inside of a regex character class (only \\ ] ^ - are special there)."""
    return "".join("\\" + c if c in "\\]^-" else c for c in chars)


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _translate_run(match: re.Match[str]) -> str:
    return match.group().translate(_TABLE)


def chrome_rules() -> _ChromeRules:
    """The compiled chrome rules of the configured chrome file."""
    settings: Settings = load_config("settings.yaml")
    return _chrome_rules(settings.ingest.chrome_lines)


def normalize_chars(text: str) -> str:
    """Odd whitespace, controls and full-width ASCII mapped 1 → 1 (same length)."""
    return _ODD_RUN.sub(_translate_run, text)


def blank_chrome_lines(text: str) -> str:
    """Chrome lines of an already normalised text replaced by spaces (same length)."""
    rules = chrome_rules()
    for regex in rules.whole_lines:
        text = regex.sub(_blank, text)
    lines: set[tuple[int, int]] = set()
    for regex in rules.inside_line:
        for match in regex.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.start())
            end = len(text) if end < 0 else end
            if end - start <= rules.max_line and match.end() <= end:
                lines.add((start, end))
    if not lines:
        return text
    parts, position = [], 0
    for start, end in sorted(lines):
        parts += [text[position:start], " " * (end - start)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def analysis_text(text: str) -> str:
    """`text` with odd characters mapped and chrome lines blanked; same length as `text`."""
    return blank_chrome_lines(normalize_chars(text))
