"""Date expressions in Korean news: find them, resolve them, find the publication date.

    find_dates(text, start=0, end=None) -> list[DateMention]
    resolve_date(expr, published, *, past=None) -> (first_day, last_day) | None
    find_published(text) -> date | None

Resolution rules (kept simple on purpose):
- A day resolves to (d, d); a month, quarter, half or year to its first and last day;
  a range (8~10월, 3~5일) to its ends' first and last days.
- Explicit years (2024년) and relative year words (올해, 지난해, 내년 …) fix the year.
  Relative month words (지난달, 이달, 다음 달) count from the publication month.
- Otherwise the publication year (month forms) or month (day-only forms, 14일) is used,
  then rolled by the qualifier: 지난 … moves back one year (or month for a day) when the
  candidate starts after publication; 오는 … moves forward when it ends before
  publication. 지난 11월 in an article of 2024-01-10 is 2023-11; 오는 3월 in 2024-11 is 2025-03.
- Without a qualifier nothing rolls unless the caller knows the tense: `past=True`
  (the clause's verb is past) rolls back like 지난, `past=False` forward like 오는.
- Parts: 초/초순 = days 1-10, 중순 11-20, 말/하순 21-end of a month; of a year
  초 = Jan-Feb, 말 = Nov-Dec; of a half/quarter 초 = its first month, 말 = its last.
  연내 = from the publication date to 31 December.
The words are in configs/dates.yaml (schema `DatesConfig`).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Annotated, Literal, Optional

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from pipeline.config_files import ConfigModel, config_schema, load_config
from pipeline.korean.script import HANGUL_SYLLABLES

_SEP = r"[~∼〜～\-–]"
_HANGUL_START = f"(?<![{HANGUL_SYLLABLES}])"

Month = Annotated[int, Field(ge=1, le=12)]
Day = Annotated[int, Field(ge=1, le=31)]
OneChar = Annotated[str, StringConstraints(min_length=1, max_length=1)]


class DateUnits(ConfigModel):
    """Unit words after a number (2024년 3월 5일, 1분기); year, month and day also stand in
    character classes, hence one character."""
    year: OneChar
    month: OneChar
    day: OneChar
    quarter: str


class PeriodParts(ConfigModel):
    month: dict[str, tuple[Day, Day | Literal["end"]]]   # day ranges; "end" = the month's last day
    year: dict[str, tuple[Month, Month]]                  # month ranges
    period: dict[str, Literal["first", "last"]]           # which month of a half or quarter


class DayCountWords(ConfigModel):
    """What makes N일 a count of days (3일간, 10일 후) rather than a date."""
    prefix: list[str]
    word: list[str]
    particles: list[str]


@config_schema("dates.yaml")
class DatesConfig(ConfigModel):
    years: dict[str, int]
    prefix_only_years: list[str]
    months: dict[str, int]
    weeks: dict[str, int]
    days: dict[str, int]
    qualifiers: dict[str, Literal["past", "future", "current"]]
    halves: dict[str, tuple[Month, Month]]
    decade_suffix: str
    units: DateUnits
    parts: PeriodParts
    year_words: dict[str, str]    # a part of `parts.year`, or "within" (the rest of the year)
    part_follow: list[str]
    word_follow: list[str]
    day_not_date_after: DayCountWords
    published_labels: list[str]
    published_label_suffixes: list[str]
    clock_prefixes: list[str]
    published_after: list[str]

    @field_validator("year_words")
    @classmethod
    def _year_parts_exist(cls, words: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        parts = info.data.get("parts")
        unknown = [kind for kind in words.values() if parts is not None and kind != "within" and kind not in parts.year]
        if unknown:
            raise ValueError(f"not a part of parts.year nor 'within': {', '.join(unknown)}")
        return words

    @field_validator("prefix_only_years")
    @classmethod
    def _prefix_only_are_years(cls, words: list[str], info: ValidationInfo) -> list[str]:
        unknown = [w for w in words if "years" in info.data and w not in info.data["years"]]
        if unknown:
            raise ValueError(f"not in years: {', '.join(unknown)}")
        return words


@lru_cache(maxsize=1)
def time_nouns() -> frozenset[str]:
    """One-word names of a time (올해, 지난해, 이날; configs/dates.yaml years and days): as a topic
    (올해는) they say when, not who acts."""
    cfg = load_config("dates.yaml")
    return frozenset(word for word in [*cfg.years, *cfg.days] if " " not in word)


def date_units() -> DateUnits:
    """The unit words of configs/dates.yaml (year 년, month 월, day 일, quarter 분기)."""
    return load_config("dates.yaml").units


@dataclass(frozen=True)
class DateMention:
    """A date expression as written, with code-point offsets into the text searched."""
    text: str
    start: int
    end: int


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _words(words) -> str:
    """Alternation of config words, longest first; a space inside a word is optional."""
    parts = sorted(set(words), key=lambda w: len(_compact(w)), reverse=True)
    return "(?:" + "|".join(r"\s?".join(re.escape(p) for p in w.split()) for w in parts) + ")"


def _follow(words) -> str:
    return f"(?:(?![{HANGUL_SYLLABLES}])|(?=" + _words(words) + "))"


def _in_order(words) -> str:
    """Alternation of config words, longest first, else in the file's order."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _Dates:
    finder: re.Pattern
    analysis: re.Pattern
    published_labelled: re.Pattern
    published_after: re.Pattern
    published_datetime: re.Pattern
    years: dict[str, int]
    months: dict[str, int]
    weeks: dict[str, int]
    days: dict[str, int]
    qualifiers: dict[str, str]
    halves: dict[str, tuple[int, int]]
    year_words: dict[str, str]
    month_parts: dict[str, tuple[int, Optional[int]]]
    year_parts: dict[str, tuple[int, int]]
    period_parts: dict[str, str]     # part word -> "first" or "last" month of a half or quarter


@lru_cache(maxsize=1)
def _dates() -> _Dates:
    cfg = load_config("dates.yaml")
    years = {_compact(k): v for k, v in cfg.years.items()}
    prefix_only = set(cfg.prefix_only_years)
    months = {_compact(k): v for k, v in cfg.months.items()}
    weeks = {_compact(k): v for k, v in cfg.weeks.items()}
    days = {_compact(k): v for k, v in cfg.days.items()}
    qualifiers = dict(cfg.qualifiers)
    halves = dict(cfg.halves)
    year_words = dict(cfg.year_words)
    month_parts = {k: (a, None if b == "end" else b) for k, (a, b) in cfg.parts.month.items()}
    year_parts = dict(cfg.parts.year)
    all_parts = set(month_parts) | set(year_parts) | set(cfg.parts.period)
    word_follow = _follow(list(cfg.word_follow) + list(all_parts))
    # the unit words, escaped: year, month and day are single characters
    yr, mon, dy, qtr = (re.escape(u) for u in (cfg.units.year, cfg.units.month, cfg.units.day, cfg.units.quarter))

    qual = _HANGUL_START + _words(qualifiers)
    part = _words(all_parts) + _follow(cfg.part_follow)
    half = _words(halves)
    quarter = rf"(?<!\d)[1-4]\s?(?:[·./]\s?4\s?)?{qtr}"
    month_num = rf"(?<![\d.,])\d{{1,2}}(?:{mon})?(?:\s?{_SEP}\s?\d{{1,2}})?{mon}"
    not_day = cfg.day_not_date_after
    day_num = (rf"(?<![\d.,])\d{{1,2}}(?:{dy})?(?:\s?{_SEP}\s?\d{{1,2}})?{dy}"
               rf"(?!\s?(?:{_words(not_day.prefix)}|{_words(not_day.word)}{_words(not_day.particles)}?"
               rf"(?![{HANGUL_SYLLABLES}])))")
    decade = re.escape(cfg.decade_suffix)
    month_word = _HANGUL_START + _words(cfg.months) + word_follow
    year_abs = rf"(?:{qual}\s?)?(?<![\d.,])(?:\d{{4}}{yr}?\s?{_SEP}\s?)?(?:19|20)\d\d{yr}{decade}?"
    year_rel = _HANGUL_START + _words(k for k in cfg.years if k not in prefix_only)
    year_pre = _HANGUL_START + _words(prefix_only)
    tail = rf"(?:{qual}\s?)?(?:{half}|{quarter}|{month_num}(?:\s?{day_num})?)"
    iso = (r"(?<![\d.,])(?:19|20)\d\d\s?([.\-/])\s?\d{1,2}\s?\1\s?\d{1,2}(?![\d])\.?"
           r"|(?<![\d.,])(?:19|20)\d\d\.\s?\d{1,2}(?![\d.,])\.?")
    # cheap first-character filter: most positions of a text fail here
    heads = set("0123456789") | {w[0] for group in ("years", "months", "weeks", "days", "qualifiers",
                                                    "halves", "year_words") for w in getattr(cfg, group)}
    head = "(?=[" + "".join(sorted(heads)) + "])"
    finder = re.compile(
        rf"{head}(?:{iso}"
        rf"|(?:{year_abs}|{year_rel})(?:\s?{tail})?(?:\s?{part})?"
        rf"|{year_pre}\s?(?:{tail}(?:\s?{part})?|{part})"
        rf"|(?:{qual}\s?)?(?:{half}|{quarter})(?:\s?{part})?"
        rf"|(?:{qual}\s?)?{month_num}(?:\s?{day_num})?(?:\s?{part})?"
        rf"|{month_word}(?:\s?{day_num})?(?:\s?{part})?"
        rf"|(?:{qual}\s?)?{day_num}"
        rf"|{_HANGUL_START}{_words(year_words)}"
        rf"|{_HANGUL_START}{_words(cfg.weeks)}{word_follow}"
        rf"|{_HANGUL_START}{_words(cfg.days)}{word_follow})")

    def alt(words) -> str:
        return "(?:" + "|".join(re.escape(_compact(w)) for w in sorted(set(words), key=len, reverse=True)) + ")"

    analysis = re.compile(
        r"(?:(?P<iso_y>\d{4})[.\-/](?P<iso_m>\d{1,2})(?:[.\-/](?P<iso_d>\d{1,2}))?\.?"
        rf"|(?:(?:{alt(qualifiers)})?(?:(?P<ya>\d{{4}}){yr}?{_SEP})?(?P<yb>\d{{4}}){yr}(?P<decade>{decade})?|(?P<yrel>{alt(years)}))?"
        rf"(?P<q>{alt(qualifiers)})?"
        rf"(?:(?P<half>{alt(halves)})"
        rf"|(?P<quarter>[1-4])(?:[·./]4)?{qtr}"
        rf"|(?P<m1>\d{{1,2}}){mon}?(?:{_SEP}(?P<m2>\d{{1,2}}))?{mon}(?:(?P<d1>\d{{1,2}}){dy}?(?:{_SEP}(?P<d2>\d{{1,2}}))?{dy})?"
        rf"|(?P<mrel>{alt(months)})(?:(?P<md1>\d{{1,2}}){dy}?(?:{_SEP}(?P<md2>\d{{1,2}}))?{dy})?"
        rf"|(?P<dd1>\d{{1,2}}){dy}?(?:{_SEP}(?P<dd2>\d{{1,2}}))?{dy}"
        rf"|(?P<yw>{alt(year_words)}))?"
        rf"(?P<part>{alt(all_parts)})?"
        rf"|(?P<week>{alt(weeks)})|(?P<day>{alt(days)}))")

    date_abs = rf"((?:19|20)\d\d)\s*[.\-/{yr}]\s*(\d{{1,2}})\s*[.\-/{mon}]\s*(\d{{1,2}})"
    labelled = re.compile(rf"{_words(cfg.published_labels)}\s*{_in_order(cfg.published_label_suffixes)}?"
                          rf"\s*[:：]?\s*{date_abs}")
    after = re.compile(rf"{date_abs}\s*{dy}?\.?\s*(?:\d{{1,2}}:\d\d(?::\d\d)?\s*)?{_words(cfg.published_after)}")
    datetime_ = re.compile(rf"{date_abs}\s*{dy}?\.?\s+{_in_order(cfg.clock_prefixes)}?\s*\d{{1,2}}:\d\d")
    return _Dates(finder, analysis, labelled, after, datetime_, years, months, weeks, days,
                  qualifiers, halves, year_words, month_parts, year_parts, dict(cfg.parts.period))


def find_dates(text: str, start: int = 0, end: Optional[int] = None) -> list[DateMention]:
    """Date expressions in text[start:end], with offsets into `text`, in order."""
    d = _dates()
    out = []
    for m in d.finder.finditer(text, start, len(text) if end is None else end):
        if resolve_date(m.group(), date(2000, 1, 15)) is None:
            continue   # 13월, 32일: matched the shape but is no date
        out.append(DateMention(m.group(), m.start(), m.end()))
    return out


# --- resolution -------------------------------------------------------------

def _month_add(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_span(year: int, m1: int, m2: int) -> tuple[date, date]:
    return date(year, m1, 1), date(year, m2, _last_day(year, m2))


def _safe(fn):
    try:
        return fn()
    except ValueError:   # 2월 30일, 13월
        return None


DateSpan = tuple[date, date]   # (first day, last day), both included


def resolve_date(expr: str, published: date, *, past: Optional[bool] = None) -> Optional[DateSpan]:
    """(first day, last day) of the date expression `expr` in an article published on
    `published`, or None when it is not a date. See the module docstring for the rules."""
    d = _dates()
    m = d.analysis.fullmatch(_compact(expr))
    if m is None or not m.group():
        return None
    g = m.groupdict()
    if g["iso_y"]:
        return _written_date(g)
    if g["day"] or g["week"]:
        return _relative_day_or_week(g, published, d)
    years = _years(g, published, d)
    if years is None:
        return None
    year, year_to, fixed_year = years
    span = _period(g, published, d, year_to, year, published.month)
    if fixed_year or g["mrel"]:
        return span
    return _rolled(g, span, published, d, year_to, year, past)


def _written_date(g: dict) -> Optional[DateSpan]:
    """A date or month written with numbers and separators: 2024.03.05, 2024-03."""
    y, mo = int(g["iso_y"]), int(g["iso_m"])
    if g["iso_d"]:
        return _safe(lambda: (date(y, mo, int(g["iso_d"])),) * 2)
    return _safe(lambda: _month_span(y, mo, mo))


def _relative_day_or_week(g: dict, published: date, d: _Dates) -> DateSpan:
    """A day word (오늘, 어제: one day) or week word (이번 주: Monday to Sunday), counted from publication."""
    if g["day"]:
        day = published + timedelta(days=d.days[g["day"]])
        return day, day
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=d.weeks[g["week"]])
    return monday, monday + timedelta(days=6)


def _years(g: dict, published: date, d: _Dates) -> Optional[tuple[int, int, bool]]:
    """(first year, last year, whether the expression fixes the year); None for a decade that is
    no decade (2024년대, or a range of decades). Without a year, the publication year stands in."""
    if g["decade"]:
        if g["ya"] or int(g["yb"]) % 10:
            return None
        return int(g["yb"]), int(g["yb"]) + 9, True
    if g["yb"]:
        return int(g["ya"] or g["yb"]), int(g["yb"]), True
    if g["yrel"]:
        year = published.year + d.years[g["yrel"]]
        return year, year, True
    return published.year, published.year, False


def _period(g: dict, published: date, d: _Dates, year_to: int, year: int, month: int) -> Optional[DateSpan]:
    """The period the expression names in `year` (and `month`, for day-only forms such as 14일);
    `year_to` ends a bare year range (2023~2024년)."""
    part = g["part"]
    if g["half"]:
        a, b = d.halves[g["half"]]
        return _period_part(year, a, b, part, d)
    if g["quarter"]:
        q = int(g["quarter"])
        return _period_part(year, 3 * q - 2, 3 * q, part, d)
    if g["m1"]:
        m1, m2 = int(g["m1"]), int(g["m2"] or g["m1"])
        if not (1 <= m1 <= m2 <= 12):
            return None
        if g["d1"]:
            return _days(year, m1, int(g["d1"]), int(g["d2"] or g["d1"])) if m1 == m2 else None
        return _month_part(year, m1, m2, part, d)
    if g["mrel"]:
        y, mo = _month_add(published.year, published.month, d.months[g["mrel"]])
        if g["md1"]:
            return _days(y, mo, int(g["md1"]), int(g["md2"] or g["md1"]))
        return _month_part(y, mo, mo, part, d)
    if g["dd1"]:
        return _days(year, month, int(g["dd1"]), int(g["dd2"] or g["dd1"]))
    if g["yw"]:
        kind = d.year_words[g["yw"]]
        if kind == "within":
            first = published if year == published.year else date(year, 1, 1)
            return first, date(year, 12, 31)
        return _year_part(year, year, kind, d)
    return _year_part(year, year_to, part, d)


def _roll_step(g: dict, span: Optional[DateSpan], published: date, d: _Dates, past: Optional[bool]) -> Optional[int]:
    """-1 (back), 1 (forward) or 0 (stays) for a yearless expression, by its qualifier or else the
    caller's tense; None when it names no date and cannot be rolled into one."""
    direction = d.qualifiers.get(g["q"]) if g["q"] else None
    back = direction == "past" or (direction is None and past is True)
    forward = direction == "future" or (direction is None and past is False)
    if span is None:
        if not (g["dd1"] and (back or forward)):
            return None
        return -1 if back else 1    # 지난 31일 in April: the day is in another month
    return -1 if back and span[0] > published else 1 if forward and span[1] < published else 0


def _rolled(g: dict, span: Optional[DateSpan], published: date, d: _Dates, year_to: int, year: int,
            past: Optional[bool]) -> Optional[DateSpan]:
    """A yearless expression moved a year (a day-only form: a month) back or forward when its
    qualifier or the caller's tense says it lies on the other side of publication."""
    step = _roll_step(g, span, published, d, past)
    if step is None:
        return None
    if step == 0:
        return span
    if g["dd1"]:
        # the nearest month in that direction that has the day (31일 in March, rolled back, is 31 January)
        for months in range(1, 4):
            y, mo = _month_add(published.year, published.month, step * months)
            rolled = _period(g, published, d, year_to, y, mo)
            if rolled is not None:
                return rolled
        return None
    return _period(g, published, d, year_to, year + step, published.month)


def _days(year: int, month: int, d1: int, d2: int) -> Optional[tuple[date, date]]:
    if d2 < d1:
        return None
    return _safe(lambda: (date(year, month, d1), date(year, month, d2)))


def _month_part(year: int, m1: int, m2: int, part: Optional[str], d: _Dates) -> Optional[tuple[date, date]]:
    if not part or part not in d.month_parts:
        return _month_span(year, m1, m2)
    a, b = d.month_parts[part]
    return date(year, m1, a), date(year, m2, b or _last_day(year, m2))


def _year_part(year: int, year_to: int, part: Optional[str], d: _Dates) -> Optional[tuple[date, date]]:
    if year_to < year:
        return None
    if not part or part not in d.year_parts:
        return date(year, 1, 1), date(year_to, 12, 31)
    a, b = d.year_parts[part]
    return date(year, a, 1), date(year_to, b, _last_day(year_to, b))


def _period_part(year: int, a: int, b: int, part: Optional[str], d: _Dates) -> tuple[date, date]:
    """A half or quarter, or its first (초) / last (말) month: `parts.period` of dates.yaml."""
    which = d.period_parts.get(part) if part else None
    if which == "first":
        b = a
    elif which == "last":
        a = b
    return _month_span(year, a, b)


# --- publication date -------------------------------------------------------

def _matched_date(m: re.Match) -> Optional[date]:
    """The date in groups 1-3 (year, month, day) of `m`, or None when there is no such day."""
    return _safe(lambda: date(int(m.group(1)), int(m.group(2)), int(m.group(3))))


def find_published(text: str) -> Optional[date]:
    """The publication date from a dateline or byline: `입력 2024.03.05 10:21`,
    `등록 2024년 3월 5일`, `2024-03-05 기사`; failing those, the first date written
    with a clock time (`2024.03.05 10:21`). None when there is none."""
    d = _dates()
    for pattern in (d.published_labelled, d.published_after, d.published_datetime):
        for m in pattern.finditer(text):
            found = _matched_date(m)
            if found is not None:
                return found
    return None
