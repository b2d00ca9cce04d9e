"""Money expressions -> `pipeline.records.Amount`: parse one, or find all in a text."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from pipeline.config_files import load_config
from pipeline.extract.money.currencies import Unit, currency_table, lookup
from pipeline.extract.money.grammar import grammar
from pipeline.extract.money.numerals import NumeralInfo, exact, numeral_info
from pipeline.records import Amount


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    cfg = load_config("numerals.yaml")
    return frozenset(cfg.approx_prefix), dict(cfg.bound_prefix), dict(cfg.bound_suffix)


class _Reject(Exception):
    """The span looked like money to the regex but is not a valid amount."""


def _number(text: str) -> tuple[Optional[NumeralInfo], bool, Optional[Decimal]]:
    """(info, vague, floor) for the number part; info is None when vague, floor is the
    exact head of a vague number (1조 수천억 -> 1조)."""
    vague = grammar().vague.fullmatch(text)
    if vague:
        head = vague.group("head")
        floor = numeral_info(head) if head else None
        if head and floor is None:
            raise _Reject(text)
        return None, True, floor.value if floor else None
    info = numeral_info(text)
    if info is None:
        raise _Reject(text)
    return info, False, None


def _one_word_is_money(m: re.Match, group: str, info: NumeralInfo) -> bool:
    """Running text: is the one-word Hangul numeral of `group` (k_lo or k_hi: 이, 구, 십, 만)
    a figure here? Mostly it is part of a word of its own (이불, 사원, 만원 = full house);
    configs/currencies.yaml (`after_single_digit`, `word_like`) says when it is money."""
    table = currency_table()
    cur_group = "k_lo_cur" if group == "k_lo" and m.group("k_lo_cur") else "k_cur"
    word = m.group(cur_group)
    if word is None:                                  # a code or symbol (이 USD): not money
        return False
    glued = m.end(group) == m.start(cur_group)
    if m.group("k_cents") is not None:                # 이불이십삼센트
        return glued or info.has_multiplier
    if not info.has_multiplier:                       # a single digit: 구파운드, not 이불 / 사원 / 이유로
        return glued and word in table.after_single_digit
    # a single multiplier: a qualifier or a range makes it money (약 천 달러, 만원 이하, 십달러 - 이십달러)
    if m.group("pre_q") or m.group("pre_q2") or m.group("post_q") or m.group("bound") or m.group("k_hi"):
        return True
    return glued and m.group(group) + word not in table.word_like


def _scale(text: Optional[str]) -> Optional[Decimal]:
    return None if not text else currency_table().scales[text.strip()]


def _unit_and_ends(gd: dict, span: str) -> tuple[Unit, str, Optional[str], Optional[Decimal], Optional[Decimal]]:
    """(currency, low end, high end or None, low end's scale, high end's scale) of a symbol-first
    ($20 million) or number-first (3~5억 원) expression; raise _Reject when there is no one currency."""
    if gd["s_sym"] is not None:                       # $20 million, USD 1.5 billion
        unit = lookup(gd["s_sym"])
        lo_text, hi_text = gd["s_lo"], gd["s_hi"]
        lo_scale, hi_scale = _scale(gd["s_lo_scale"]), _scale(gd["s_hi_scale"])
    else:                                             # 2천 만 달러, 3~5억 원, 20 USD
        unit = lookup(gd["k_cur"] or gd["k_code"] or gd["k_sym"])
        lo_text, hi_text = gd["k_lo"], gd["k_hi"]
        lo_scale = hi_scale = _scale(gd["k_scale"])   # 1-2 billion USD: one scale for both ends
        if hi_text is not None and gd["k_lo_cur"] is not None and lookup(gd["k_lo_cur"]) != unit:
            raise _Reject(span)                       # 10달러-20원: not one range
    if unit is None:
        raise _Reject(span)
    return unit, lo_text, hi_text, lo_scale, hi_scale


def _range_values(unit: Unit, lo: NumeralInfo, lo_scale: Optional[Decimal], hi: NumeralInfo,
                  hi_scale: Optional[Decimal]) -> dict:
    """value (the low end), min and max of a range, in the currency's base unit."""
    lo_value = lo.value * (lo_scale or 1)
    hi_value = hi.value * (hi_scale or 1)
    # 3~5억 원, $10-20 million: the lower end borrows the upper end's multiplier
    if not lo.has_multiplier and lo_scale is None:
        factor = (hi.lead_factor or 1) * (hi_scale or 1)
        if factor != 1 and lo.value * factor <= hi_value:
            lo_value = lo.value * factor
    lo_value, hi_value = lo_value * unit.factor, hi_value * unit.factor
    return {"value": exact(lo_value), "min": exact(min(lo_value, hi_value)), "max": exact(max(lo_value, hi_value))}


def _single_value(unit: Unit, number: NumeralInfo, scale: Optional[Decimal], cents_text: Optional[str],
                  span: str) -> Decimal:
    """One amount in the currency's base unit, with its cents (5달러 50센트); raise _Reject for
    cents that are not a number below 100 of the same currency."""
    value = number.value * (scale or 1) * unit.factor
    if cents_text:
        cents = numeral_info(cents_text)
        cents_unit = currency_table().words[grammar().cents_word]
        if cents is None or unit != Unit(cents_unit.iso) or cents.value >= 100:
            raise _Reject(span)
        value += cents.value * cents_unit.factor
    return value


def _fields(span: str, scan: bool) -> dict:
    """Amount fields (all but offsets/text) for one expression span, or raise _Reject."""
    m = grammar().analysis.fullmatch(span)
    if m is None:
        raise _Reject(span)
    gd = m.groupdict()
    approx_pre, bound_pre, bound_suf = _qualifiers()
    unit, lo_text, hi_text, lo_scale, hi_scale = _unit_and_ends(gd, span)

    lo, lo_vague, floor = _number(lo_text)
    hi, hi_vague, _ = _number(hi_text) if hi_text is not None else (None, False, None)
    if scan:
        for group, info in (("k_lo", lo), ("k_hi", hi)):
            if info is not None and not info.arabic and info.parts < 2 and not _one_word_is_money(m, group, info):
                raise _Reject(span)

    fields: dict = {"currency": unit.iso}
    approximate = bool(gd["pre_q2"] or gd["post_q"] or (gd["pre_q"] in approx_pre)
                       or any(i and i.approximate for i in (lo, hi)))
    if lo_vague or hi_vague:
        fields.update(value=None, vague=True)
        if floor is not None and hi_text is None:
            fields["min"] = exact(floor * unit.factor)   # 1조 수천억 원: more than 1조
    elif hi is not None:
        fields.update(_range_values(unit, lo, lo_scale, hi, hi_scale))
    else:
        fields["value"] = exact(_single_value(unit, lo, lo_scale, gd.get("k_cents"), span))
    if approximate:
        fields["approximate"] = True
    bound = bound_suf.get(gd["bound"]) if gd["bound"] else bound_pre.get(gd["pre_q"])
    if bound and fields.get("min") is None and fields.get("max") is None:
        fields["bound"] = bound
        if fields.get("value") is not None:
            fields["min" if bound in ("ge", "gt") else "max"] = fields["value"]
    if gd["level"]:
        fields["level"] = True
    return fields


def _pair(match, scan: bool) -> list[Amount]:
    """The amount (group a) and its converted equivalent in parentheses (group b)."""
    out = []
    try:
        a = _fields(match.group("a"), scan)
    except _Reject:
        a = None
    b = None
    if match.group("b") is not None:
        try:
            b = _fields(match.group("b"), scan)
        except _Reject:
            b = None
    if a is not None and b is not None and b["currency"] == "KRW" and a["currency"] != "KRW" \
            and b.get("value") is not None:
        a["krw_equivalent"] = b["value"]
    for name, fields in (("a", a), ("b", b)):
        if fields is not None:
            out.append(Amount(text=match.group(name), start=match.start(name), end=match.end(name), **fields))
    return out


def find_amounts(text: str) -> list[Amount]:
    """Every money expression in `text`, in order, with code-point offsets into `text`.

    A converted equivalent in parentheses (3천 만 달러(약 401억2천500만 원)) yields both
    amounts; the first carries `krw_equivalent` when the second is in KRW.
    """
    out: list[Amount] = []
    for m in grammar().scan.finditer(text):
        out.extend(_pair(m, scan=True))
    bare = _bare_amounts(text, out)
    return sorted(out + bare, key=lambda a: a.start) if bare else out


def _bare_amounts(text: str, found: list[Amount]) -> list[Amount]:
    """Headline amounts without a currency word (500억 조성, 6200억 투자해) where no
    amount was found."""
    pattern, spec = grammar().bare, currency_table().bare
    if pattern is None or not any(scale in text for scale in spec.scales):
        return []
    out = []
    for m in pattern.finditer(text):
        if any(a.start < m.end() and m.start() < a.end for a in found):
            continue
        info = numeral_info(m.group("num"))
        if info is None or not info.has_big:
            continue
        out.append(Amount(text=m.group("num"), start=m.start(), end=m.end("num"), currency=spec.currency,
                          value=exact(info.value)))
    return out


def parse_money(text: str) -> Optional[Amount]:
    """The amount `text` expresses as a whole ("2천 만 달러", "$20 million", "수백억 원"), or None.

    Offsets are into `text`. A trailing equivalent in parentheses is allowed and fills
    `krw_equivalent`.
    """
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    m = grammar().whole.fullmatch(text, lead, lead + len(stripped))
    if m is None:
        return None
    amounts = _pair(m, scan=False)
    return amounts[0] if amounts and amounts[0].start == m.start("a") else None
