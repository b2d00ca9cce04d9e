"""The text the analysers read: same length as the article text, chrome and odd characters neutralised.

`analysis_text(text)` returns a string of exactly `len(text)` characters, so every offset
found in it is an offset into `text` as well (no offset map). It
- turns tabs, \\r, NBSP, zero-width characters, other Unicode spaces and control characters
  into ' ' (U+2028/U+2029 into '\\n', since they end a line);
- turns full-width ASCII (ＬＧ, ２０２４, ％) into the ASCII character (a 1 → 1 mapping);
- blanks page-chrome lines (configs/chrome_lines.yaml, schema `ChromeLinesConfig`: 본문 바로가기,
  반응형, copyright footers …) to spaces, keeping the newline;
- blanks clutter inside a line (`inline_masks`: a stock ticker's price after a company name,
  `(63,200원 ▼450 -0.71%)`); when the clutter stands between two names, its first character
  becomes a list comma, so that the names read as a coordination;
- writes the period of a run of one-syllable abbreviations (한.일, 한.중.일) as a middle dot,
  so that Kiwi reads a list of countries there and not the end of a sentence.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, PositiveInt

from pipeline.config_files import ConfigModel, config_path, config_schema, load_config, parse_config
from pipeline.korean.grammar import grammar
from pipeline.korean.script import HANGUL_SYLLABLES
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
    # regexes whose matches (never a whole line) are blanked: clutter inside an article's sentence
    inline_masks: list[Annotated[str, AfterValidator(_compiles)]] = []
    inline_list_mark: str = ","   # first character of a blanked clutter that separates two names
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
    inline: tuple[re.Pattern[str], ...] = ()   # each match is blanked, the rest of the line kept
    list_mark: str = ","


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
    inline = tuple(re.compile(_ANY_SPACE.sub("[ ]", p)) for p in config.inline_masks)
    return _ChromeRules(tuple(whole_lines), inside_line, max_line, inline, config.inline_list_mark[:1] or " ")


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


# A run of one-syllable abbreviations joined by periods, none of them part of a longer word:
# 한.일, 한.중.일 (each syllable stands for a country).
_ABBREVIATION_RUN = re.compile(
    f"(?<![{HANGUL_SYLLABLES}.])[{HANGUL_SYLLABLES}](?:[.][{HANGUL_SYLLABLES}])+(?![{HANGUL_SYLLABLES}])")
_WORD_AFTER = re.compile(f"[{HANGUL_SYLLABLES}]+")


@lru_cache(maxsize=1)
def _particle_forms() -> frozenset[str]:
    """Every particle form the grammar names (는, 와, 에서 …): what may follow a name directly."""
    g = grammar()
    forms: set[str] = {p.form for p in g.glued_particles}
    for name, value in vars(g.particles).items():
        if isinstance(value, frozenset) and name != "range_limit":
            forms |= value
    return frozenset(forms)


def _is_particle_run(word: str) -> bool:
    """One or two particles (는, 에는, 와의): the word after a blanked clutter belongs to the name before it."""
    forms = _particle_forms()
    return word in forms or any(word[:k] in forms and word[k:] in forms for k in range(1, len(word)))


def _abbreviation_dots(match: re.Match[str]) -> str:
    return match.group().replace(".", ABBREVIATION_DOT)


ABBREVIATION_DOT = "\u00b7"


def clutter_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, separates) of each clutter match inside a line (configs/chrome_lines.yaml
    `inline_masks`), in text order, not overlapping; `separates` when a word that is not a particle
    is glued to its end (NAME (63,200원 ▼450 -0.71%)NAME2). Offsets index `text`: a reader of the
    original text (the money finder) can skip what the analysers never saw."""
    rules = chrome_rules()
    spans: list[tuple[int, int, bool]] = []
    for regex in rules.inline:
        for match in regex.finditer(text):
            start, end = match.span()
            if end <= start:
                continue
            rest = text[end:end + 40]
            word = _WORD_AFTER.match(rest)
            particle = word is not None and _is_particle_run(word.group()) \
                and not rest[word.end():word.end() + 1].isalnum()
            spans.append((start, end, rest[:1].isalnum() and not particle))
    kept, position = [], 0
    for start, end, separates in sorted(spans):
        if start >= position:
            kept.append((start, end, separates))
            position = end
    return kept


def blank_inline_clutter(text: str) -> str:
    """Clutter inside lines replaced by spaces (same length); the first character becomes a list
    mark when the clutter separates two names (NAME (63,200원 ▼450 -0.71%)NAME2 → NAME ,   NAME2)."""
    spans = clutter_spans(text)
    if not spans:
        return text
    mark = chrome_rules().list_mark
    parts, position = [], 0
    for start, end, separates in spans:
        parts += [text[position:start], mark + " " * (end - start - 1) if separates else " " * (end - start)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def analysis_text(text: str) -> str:
    """`text` with odd characters mapped, chrome lines and inline clutter blanked, and abbreviation
    periods read as list dots; same length as `text`."""
    text = blank_inline_clutter(blank_chrome_lines(normalize_chars(text)))
    return _ABBREVIATION_RUN.sub(_abbreviation_dots, text)
