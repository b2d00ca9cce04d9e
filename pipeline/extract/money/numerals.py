"""Korean numerals to exact Decimals.

Handles Arabic figures (1,000 / 3.5), Sino-Korean numerals (오십팔만천구백, 일점이삼),
the two mixed (217억4천800만, 3.5조, 2천 만), native numerals (스물, 쉰둘, 열한),
minus (마이너스 3) and fractions (3/4, 사분의삼). Spaces may separate the parts.

Korean groups digits by 10^4: a number is a sum of groups `section × big`, where
big is 만/억/조/경 (strictly decreasing) and a section is below 10^4, itself a sum
of `digit × small` with small = 십/백/천 (strictly decreasing). Arabic figures
stand where a digit may stand (217억, 4천, 800만).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal, Optional

from pipeline.config_files import ConfigModel, config_schema, load_config

Bound = Literal["ge", "gt", "le", "lt"]   # ≥ > ≤ <


@config_schema("numerals.yaml")
class NumeralsConfig(ConfigModel):
    """configs/numerals.yaml: numeral words (read here) and money qualifiers (read by the grammar)."""
    sino_digits: dict[str, int]
    scan_digits: list[str]
    small_multipliers: dict[str, int]
    big_multipliers: dict[str, int]
    points: list[str]
    minus: list[str]
    fraction: str
    native_units: dict[str, int]
    native_tens: dict[str, int]
    approx_prefix: list[str]
    approx_suffix: list[str]
    approx_infix: str
    bound_suffix: dict[str, Bound]
    bound_prefix: dict[str, Bound]
    level_suffix: str
    level_not_followed_by: list[str]
    vague_heads: list[str]
    range_separators: list[str]

_INF = Decimal("Infinity")


@dataclass(frozen=True)
class NumeralInfo:
    """What the money grammar needs to know about a number besides its value."""
    value: Decimal
    approximate: bool           # 여 inside the number: 10여억, 1천여만
    has_multiplier: bool        # any 십/백/천/만/억/조/경
    lead_factor: Optional[Decimal]  # product of the first run of multipliers: 5천만 -> 10^7, 3억5천만 -> 10^8
    has_big: bool               # any 만/억/조/경
    parts: int                  # numeral tokens: 이천 -> 2, 만 -> 1, 2천 -> 2
    arabic: bool                # contains an Arabic figure


@dataclass(frozen=True)
class _Lexicon:
    token_re: re.Pattern
    words: dict[str, tuple[str, Decimal]]  # literal -> (kind, value)
    minus: tuple[str, ...]
    fraction: str


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    cfg = load_config("numerals.yaml")
    words: dict[str, tuple[str, Decimal]] = {}
    for kind, table in (("digit", cfg.sino_digits), ("small", cfg.small_multipliers), ("big", cfg.big_multipliers),
                        ("nten", cfg.native_tens), ("nunit", cfg.native_units)):
        for word, value in table.items():
            words[word] = (kind, Decimal(value))
    for word in cfg.points:
        words[word] = ("point", Decimal(0))
    words[cfg.approx_infix] = ("yeo", Decimal(0))
    literals = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    token_re = re.compile(
        r"(?P<arabic>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>" + literals + r")|(?P<space>\s+)")
    return _Lexicon(token_re, words, tuple(sorted(cfg.minus, key=len, reverse=True)), cfg.fraction)


def _tokens(text: str) -> Optional[list[tuple[str, Decimal]]]:
    """Split into (kind, value) tokens; None if anything is not a numeral part."""
    lex = lexicon()
    out: list[tuple[str, Decimal]] = []
    pos, n = 0, len(text)
    while pos < n:
        m = lex.token_re.match(text, pos)
        if m is None:
            return None
        if m.lastgroup == "arabic":
            out.append(("arabic", Decimal(m.group().replace(",", ""))))
        elif m.lastgroup == "word":
            kind, value = lex.words[m.group()]
            out.append(("figure" if kind == "digit" else kind, value))
        pos = m.end()
    return out


def exact(value: Decimal) -> Decimal:
    """Drop exponent/trailing-zero noise: 3.5 × 10^12 -> 3500000000000, 1.230 -> 1.23."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _native(tokens: list[tuple[str, Decimal]]) -> Optional[Decimal]:
    """스물, 쉰둘, 열한, 십하나: an optional ten then an optional unit (1-99)."""
    ten = unit = None
    for kind, value in tokens:
        if kind in ("nten", "small") and ten is None and unit is None:
            if kind == "small" and value != 10:
                return None
            ten = value
        elif kind == "nunit" and unit is None:
            unit = value
        else:
            return None
    return (ten or 0) + (unit or 0)


def _figure(tokens: list[tuple[str, Decimal]], i: int) -> tuple[Optional[Decimal], int]:
    """The figure at tokens[i], with its fraction when 점 follows, and the index of the next token.
    일점이삼 = 1.23: the digits after 점 are read one by one. None for 점 without digits after it
    or after a figure that is not whole."""
    value = tokens[i][1]
    if i + 1 < len(tokens) and tokens[i + 1][0] == "point":
        end, digits = i + 2, []
        while end < len(tokens) and tokens[end][0] == "figure" and tokens[end][1] < 10 \
                and tokens[end][1] == int(tokens[end][1]):
            digits.append(str(int(tokens[end][1])))
            end += 1
        if not digits or value != int(value):
            return None, end
        return value + Decimal("0." + "".join(digits)), end
    return value, i + 1


def _sino(tokens: list[tuple[str, Decimal]]) -> Optional[Decimal]:
    """Value of a Sino-Korean or mixed numeral (이천삼백, 2조5천억, 1.5억): a figure times 십/백/천
    within a section, sections times 만/억/조 in falling order; None when the tokens read as no number."""
    total = section = Decimal(0)
    current: Optional[Decimal] = None
    last_small = last_big = _INF
    seen = False
    i, n = 0, len(tokens)
    while i < n:
        kind, value = tokens[i]
        if kind == "figure":
            if current is not None:
                return None          # two figures in a row: 이삼, 2 3
            current, i = _figure(tokens, i)
            if current is None:
                return None
            seen = True
            continue
        elif kind == "small":
            coef = Decimal(1) if current is None else current
            if coef >= 10 or value >= last_small:
                return None
            section += coef * value
            last_small, current = value, None
        elif kind == "big":
            group = section + (current or 0)
            if current is None and section == 0:
                if seen:
                    return None      # 2조억: a multiplier with no coefficient after the start
                group = Decimal(1)   # 만, 억 on their own
            if value >= last_big:
                return None
            total += group * value
            section, current, last_small, last_big = Decimal(0), None, _INF, value
        elif kind == "yeo":
            if not seen:
                return None
        else:
            return None
        seen = True
        i += 1
    if not seen:
        return None
    return total + section + (current or 0)


def _lead_factor(tokens: list[tuple[str, Decimal]]) -> Optional[Decimal]:
    factor = None
    for kind, value in tokens:
        if kind in ("small", "big"):
            factor = (factor or Decimal(1)) * value
        elif kind == "yeo":
            continue
        elif factor is not None:
            break
    return factor


def numeral_info(text: str, *, allow_approx: bool = True) -> Optional[NumeralInfo]:
    """Value and structure of a non-negative whole numeral (no sign, no fraction)."""
    tokens = _tokens(text)
    if not tokens:
        return None
    arabic = any(k == "arabic" for k, _ in tokens)
    tokens = [("figure" if k == "arabic" else k, v) for k, v in tokens]
    kinds = {k for k, _ in tokens}
    approx = "yeo" in kinds
    if approx and not allow_approx:
        return None
    if kinds & {"nten", "nunit"}:
        value = _native(tokens)
    else:
        value = _sino(tokens)
    if value is None:
        return None
    has_mult = bool(kinds & {"small", "big"})
    return NumeralInfo(exact(value), approx, has_mult, _lead_factor(tokens) if has_mult else None,
                       "big" in kinds, len(tokens), arabic)


def parse_number(text: str) -> Optional[Decimal]:
    """The exact value of a numeral written alone, or None.

    >>> parse_number("217억4천800만"), parse_number("오십팔만천구백"), parse_number("쉰둘")
    (Decimal('21748000000'), Decimal('581900'), Decimal('52'))
    """
    lex = lexicon()
    s = text.strip()
    sign = 1
    if s[:1] in ("-", "−"):
        sign, s = -1, s[1:].lstrip()
    else:
        for word in lex.minus:
            if s.startswith(word):
                sign, s = -1, s[len(word):].lstrip()
                break
    if not s:
        return None
    if "/" in s or lex.fraction in s:
        if "/" in s:
            num_text, _, den_text = s.partition("/")
        else:
            den_text, _, num_text = s.partition(lex.fraction)
        num, den = numeral_info(num_text, allow_approx=False), numeral_info(den_text, allow_approx=False)
        if num is None or den is None or den.value == 0:
            return None
        return exact(sign * num.value / den.value)
    info = numeral_info(s, allow_approx=False)
    return None if info is None else exact(sign * info.value)
