"""What is marked in an evidence sentence: the parties (with their roles), the trigger, the amount and
the date of an alliance record, as (start, end, kind, label) offsets into the sentence.

The database keeps the offsets of the parties, the amount and the evidence sentence (code points
into the article text); parties and amount are marked from those. It keeps no offsets of the
trigger or of the date: the date is found again with the extractor's own date finder
(`pipeline.extract.dates.find_dates`, the expression whose text is the record's `date_text`), the
trigger by the forms of the trigger the rule names (`rule` is `relation:TRIGGER:…`), written as the
relation vocabulary (configs/relations.yaml) says, nearest the parties. The spaCy adapter uses the
same labels for `doc.spans[SPANS_KEY]`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

SPANS_KEY = "alliances"          # doc.spans[SPANS_KEY]: the span group displaCy's span style shows
TRIGGER, MONEY, DATE = "TRIGGER", "MONEY", "DATE"
PARTY, AMOUNT, DATE_KIND, TRIGGER_KIND = "party", "amount", "date", "trigger"
KINDS = (PARTY, TRIGGER_KIND, AMOUNT, DATE_KIND)          # priority when marks overlap
FORM_GAP = r"[^.!?\n]{0,24}?"   # between the forms of a phrase trigger (투자 … 유치): within the sentence


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked stretch of an evidence sentence; offsets index the sentence."""
    start: int
    end: int
    kind: str      # party, trigger, amount, date
    label: str     # a party's role (investor …), the relation of a trigger, the currency, the date as resolved


def party_label(role: str) -> str:
    """The span label of a party: its role in capitals (INVESTOR, PARTNER …)."""
    return role.upper()


def span_label(mark: Mark) -> str:
    """The label a mark gets in doc.spans (and displaCy): the party's role, TRIGGER, MONEY or DATE."""
    if mark.kind == PARTY:
        return party_label(mark.label)
    return {TRIGGER_KIND: TRIGGER, AMOUNT: MONEY, DATE_KIND: DATE}[mark.kind]


def trigger_name(rule: str) -> str | None:
    """The trigger a relation rule label names: 'investment:투자유치:receive:src>subj' → '투자유치'."""
    parts = rule.split(":")
    return parts[1] if len(parts) > 1 and parts[1] else None


def _written(text: str) -> str:
    """A written form whose spaces may be any whitespace, or none."""
    return r"\s*".join(re.escape(c) for c in text if not c.isspace())


def _fused(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The forms as written when a verb stem fuses with its ending (하다 → 했다, 되다 → 됐다, 사들이다 →
    사들였다): the last syllable goes (a last form of one syllable, after others, goes whole)."""
    last = forms[-1]
    if len(last) >= 2:
        return (*forms[:-1], last[:-1])
    return forms[:-1] if len(forms) > 1 else forms


@lru_cache(maxsize=1)
def _trigger_forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Trigger name → how each trigger of that name is written (relation vocabulary)."""
    from pipeline.config_files import load_config
    from pipeline.extract.relations import vocabulary  # noqa: F401 — registers the file's schema

    ways: dict[str, list[tuple[str, ...]]] = {}
    for row in load_config("relations.yaml").triggers:
        name = "".join(row.forms)
        written = [(w,) for w in row.written] if row.written else [tuple(row.forms)]
        ways.setdefault(name, []).extend(written)
    return {name: tuple(dict.fromkeys(options)) for name, options in ways.items()}


def _patterns(options: Iterable[tuple[str, ...]]) -> tuple[re.Pattern, ...]:
    """One pattern per way of writing, longest first: each starts with a literal, which `re` finds
    by a fast scan (one alternation of them all is tried at every position, 5x slower)."""
    return tuple(re.compile(FORM_GAP.join(_written(f) for f in forms))
                 for forms in sorted(set(options), key=lambda f: (-sum(map(len, f)), f)))


@lru_cache(maxsize=512)
def trigger_patterns(name: str) -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    """How a trigger is written: (each way the vocabulary gives, the same with a fused verb ending).
    A name the vocabulary no longer has is matched as written."""
    options = _trigger_forms().get(name) or ((name,),)
    return _patterns(options), _patterns(_fused(forms) for forms in options)


def _distance(start: int, end: int, around: tuple[int, int] | None) -> tuple[int, int]:
    """How far a match lies from the parties (0 inside their stretch); after them wins a tie (Korean is
    verb-final)."""
    if around is None:
        return (0, start)
    low, high = around
    if start >= high:
        return (start - high, 0)
    if end <= low:
        return (low - end, 1)
    return (0, 0)


def trigger_span(sentence: str, rule: str, around: tuple[int, int] | None = None,
                 avoid: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where the trigger of `rule` is written in `sentence`: the occurrence nearest `around` (the
    parties' stretch) outside the `avoid` spans (party names: 미래에셋벤처투자 holds 투자), as the
    vocabulary writes it, else with a fused verb ending; None when it is not there."""
    name = trigger_name(rule)
    if not name:
        return None
    for patterns in trigger_patterns(name):
        found = [(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(sentence)
                 if m.end() > m.start() and all(m.end() <= a or m.start() >= b for a, b in avoid)]
        if found:
            return nearest(found, around)
    return None


def nearest(spans: Sequence[tuple[int, int]], around: tuple[int, int] | None) -> tuple[int, int] | None:
    """Of several places a trigger is written, the one nearest the parties' stretch `around`."""
    return min(spans, key=lambda span: (_distance(*span, around), span)) if spans else None


def date_span(sentence: str, date_text: str | None) -> tuple[int, int] | None:
    """Where the record's date expression is in `sentence` (the extractor's date finder), or None: a
    date shared from another sentence of the article (the headline has none) is not in this one."""
    if not date_text:
        return None
    from pipeline.extract.dates import find_dates  # lazy: compiles the date patterns on first use

    for mention in find_dates(sentence):
        if mention.text == date_text:
            return mention.start, mention.end
    at = sentence.find(date_text)
    return (at, at + len(date_text)) if at >= 0 else None


def resolve_overlaps(marks: Iterable[Mark]) -> list[Mark]:
    """Marks that do not overlap, in order: on an overlap the earlier kind of KINDS wins (a party
    over a trigger written inside its name), then the longer mark."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (KINDS.index(m.kind), m.start - m.end, m.start)):
        if mark.end > mark.start and all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    return sorted(kept, key=lambda m: (m.start, m.end))


def within(start: int | None, end: int | None, sentence_start: int, sentence_end: int) -> bool:
    return start is not None and end is not None and sentence_start <= start < end <= sentence_end


@dataclass(frozen=True, slots=True)
class RecordOffsets:
    """What marking one alliance record needs (columns of the alliances table)."""
    sentence: str
    sentence_start: int
    parties: Sequence[tuple[int, int, str]]           # (start, end, role), offsets into the article
    amount: tuple[int, int, str] | None = None         # (start, end, currency)
    date_text: str | None = None
    date_label: str | None = None                      # the resolved date (2024-03-12), or the text
    rule: str = ""
    relation: str = ""


def record_marks(record: RecordOffsets) -> list[Mark]:
    """The marks of one alliance record in its evidence sentence (parties outside it are not marked)."""
    base, end = record.sentence_start, record.sentence_start + len(record.sentence)
    marks = [Mark(s - base, e - base, PARTY, role) for s, e, role in record.parties if within(s, e, base, end)]
    if record.amount and within(record.amount[0], record.amount[1], base, end):
        marks.append(Mark(record.amount[0] - base, record.amount[1] - base, AMOUNT, record.amount[2]))
    dated = date_span(record.sentence, record.date_text)
    if dated:
        marks.append(Mark(*dated, DATE_KIND, record.date_label or record.date_text or ""))
    inside = [(m.start, m.end) for m in marks if m.kind == PARTY]
    around = (min(s for s, _ in inside), max(e for _, e in inside)) if inside else None
    trigger = trigger_span(record.sentence, record.rule, around, inside)
    if trigger:
        marks.append(Mark(*trigger, TRIGGER_KIND, record.relation))
    return resolve_overlaps(marks)
