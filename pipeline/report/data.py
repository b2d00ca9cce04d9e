"""What a review report shows, read from a pipeline database: the events in scope with the evidence
of their records, the articles and organisations they name, and the summary figures.

Scope (`ReportFilter`):
- `since` / `until`: events reported in the period — an event's reports run from `first_seen` to
  `last_seen` (publication dates; an event with none has its deal date, `date_start`), and the
  event is in scope when that stretch meets the period. Events with no date at all are left out
  when a period is given.
- `org`: events one of whose parties is the organisation, named by entity id (krx:005930) or by
  name (canonical Korean or English, spaces and case ignored): its neighbourhood.
- `min_confidence`: events (and the records shown as their evidence) of at least that confidence.

Everything else (summary, network, table, organisation profiles) is computed from the events in
scope, so the page's figures agree with each other.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from pipeline.records import name_key
from pipeline.report.marks import Mark, RecordOffsets, record_marks, within
from pipeline.sinks.database import Database, DatabaseError, redact_url

MAX_EVIDENCE = 6          # evidence sentences shown per event (the rest are counted)
IN_CHUNK = 500            # keys per IN (...) list
PROFILES = 12             # organisations profiled (the most events first; --org's first)
PARTNERS_SHOWN = 10
CONTEXT_CHARS = 60        # around a party named outside the evidence sentence (양사 …)


class ReportError(ValueError):
    """The report cannot be made as asked (an unknown --org); the message is one line."""


@dataclass(frozen=True)
class ReportFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    org: str | None = None
    min_confidence: float = 0.0

    def describe(self) -> list[str]:
        parts = []
        if self.since or self.until:
            parts.append(f"reported {self.since or '…'} – {self.until or '…'}")
        if self.org:
            parts.append(f"organisation {self.org}")
        if self.min_confidence > 0:
            parts.append(f"confidence ≥ {self.min_confidence:g}")
        return parts


@dataclass(frozen=True, slots=True)
class ArticleRef:
    sha256: str
    path: str
    title: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class EntityRef:
    entity_id: str
    name: str
    name_en: str | None = None
    type: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class OutsideParty:
    """A party the evidence sentence refers to (양사, 이 회사) but names elsewhere in the article."""
    name: str
    role: str
    context: str          # the article text around the mention
    start: int            # the mention within `context`
    end: int


@dataclass(frozen=True, slots=True)
class Evidence:
    article: str          # sha256
    ordinal: int
    text: str
    marks: tuple[Mark, ...]
    outside: tuple[OutsideParty, ...]
    relation: str
    status: str
    rule: str
    confidence: float
    date_text: str | None
    date_start: str | None


@dataclass(slots=True)
class EventItem:
    event_id: str
    relation: str
    status: str
    directed: bool
    party_ids: tuple[str, str]
    party_names: tuple[str, str]
    first_seen: str | None
    last_seen: str | None
    date_start: str | None
    date_end: str | None
    num_articles: int
    num_sources: int
    num_mentions: int
    amount_value: Decimal | None
    amount_currency: str | None
    amount_text: str | None
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    more_evidence: int = 0

    @property
    def reported(self) -> tuple[str | None, str | None]:
        """The stretch the event was reported in (its deal date when no report is dated)."""
        first = self.first_seen or self.date_start
        return first, self.last_seen or first

    @property
    def year(self) -> int | None:
        first = self.reported[0]
        return int(first[:4]) if first else None


@dataclass(frozen=True)
class CurrencyTotal:
    currency: str
    events: int
    total: Decimal
    largest: Decimal


@dataclass(frozen=True)
class Partner:
    entity_id: str
    name: str
    events: int
    relations: tuple[str, ...]


@dataclass(frozen=True)
class OrgProfile:
    entity: EntityRef
    events: int
    partners: tuple[Partner, ...]
    more_partners: int
    by_year: tuple[tuple[int | None, int], ...]    # (year or None for undated, events)
    totals: tuple[CurrencyTotal, ...]


@dataclass(frozen=True)
class Summary:
    stored_articles: int
    articles: int                                  # articles reporting the events in scope
    events: int
    records: int                                   # alliance records of those events
    organisations: int
    by_relation_status: dict[str, dict[str, int]]  # relation → status → events
    amounts: tuple[CurrencyTotal, ...]
    quarantined: dict[str, int]                    # stage → inputs


@dataclass
class ReportData:
    database: str                                  # redacted URL
    filter: ReportFilter
    events: list[EventItem]
    articles: dict[str, ArticleRef]
    entities: dict[str, EntityRef]
    focus: tuple[str, ...]                         # --org's entity ids
    summary: Summary
    profiles: list[OrgProfile]

    def organisation_ids(self, events: Iterable[EventItem] | None = None) -> set[str]:
        return {pid for e in (self.events if events is None else events) for pid in e.party_ids}


# --- reading ---------------------------------------------------------------------------

def _chunks(items: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


class _Reader:
    """Queries of one report on one database."""

    def __init__(self, db: Database):
        self.db = db
        schema = db.schema
        self.events = schema.events.table
        self.links = schema.event_mentions.table
        self.alliances = schema.children["alliances"].table
        self.articles = schema.articles.table
        self.entities = schema.shared["entities"].table
        self.quarantine = schema.quarantine.table

    def rows(self, query) -> list:
        try:
            with self.db.engine.connect() as conn:
                return list(conn.execute(query).mappings())
        except SQLAlchemyError as error:
            detail = " ".join(str(getattr(error, "orig", None) or error).split())[:300]
            raise DatabaseError(f"reading the report failed on {self.db.redacted_url}: {detail}") from None

    def focus(self, org: str) -> tuple[str, ...]:
        """Entity ids an --org value names: the id itself, else entities of that name (or English name)."""
        e = self.entities.c
        found = [r["entity_id"] for r in self.rows(select(e.entity_id).where(e.entity_id == org))]
        if found:
            return tuple(found)
        wanted = name_key(org)
        matches = [r["entity_id"] for r in self.rows(select(e.entity_id, e.name, e.name_en))
                   if wanted in (name_key(r["name"]), name_key(r["name_en"] or ""))]
        if not matches:
            raise ReportError(f"--org {org}: no organisation with that entity id or name in the database "
                              "(ids look like krx:005930, org:google, name:…)")
        return tuple(sorted(matches))

    def event_conditions(self, scope: ReportFilter, focus: tuple[str, ...]) -> list:
        e = self.events.c
        conditions = []
        if scope.min_confidence > 0:
            conditions.append(e.confidence >= scope.min_confidence)
        first = func.coalesce(e.first_seen, e.date_start)
        last = func.coalesce(e.last_seen, e.first_seen, e.date_start)
        if scope.since:
            conditions.append(last >= scope.since.isoformat())
        if scope.until:
            conditions.append(first <= scope.until.isoformat())
        if focus:
            conditions.append(or_(e.party0_entity_id.in_(focus), e.party1_entity_id.in_(focus)))
        return conditions

    def read_events(self, conditions: list) -> list[EventItem]:
        e = self.events.c
        first = func.coalesce(e.first_seen, e.date_start)
        # the latest first, undated last (on both databases: they order nulls differently)
        query = select(self.events).where(*conditions).order_by(first.is_(None), first.desc(), e.event_id)
        return [EventItem(
            event_id=r["event_id"], relation=r["relation"], status=r["status"], directed=bool(r["directed"]),
            party_ids=(r["party0_entity_id"], r["party1_entity_id"]), party_names=(r["party0_name"], r["party1_name"]),
            first_seen=_iso(r["first_seen"]), last_seen=_iso(r["last_seen"]), date_start=_iso(r["date_start"]),
            date_end=_iso(r["date_end"]), num_articles=r["num_articles"], num_sources=r["num_sources"],
            num_mentions=r["num_mentions"], amount_value=r["amount_value"], amount_currency=r["amount_currency"],
            amount_text=r["amount_text"], confidence=float(r["confidence"]),
        ) for r in self.rows(query)]

    def read_records(self, conditions: list, min_confidence: float) -> list:
        """The alliance records of the events in scope, with their event id and article date."""
        a, links, articles = self.alliances.c, self.links, self.articles
        scoped = select(self.events.c.event_id).where(*conditions)
        query = (select(links.c.event_id, a.article_sha256, a.ordinal, a.relation, a.status, a.rule, a.confidence,
                        a.party0_canonical, a.party0_role, a.party0_start, a.party0_end,
                        a.party1_canonical, a.party1_role, a.party1_start, a.party1_end,
                        a.amount_start, a.amount_end, a.amount_currency, a.date_text, a.date_start,
                        a.evidence_text, a.evidence_start, a.evidence_end, articles.c.published)
                 .join(links, and_(links.c.article_sha256 == a.article_sha256, links.c.ordinal == a.ordinal))
                 .join(articles, articles.c.sha256 == a.article_sha256)
                 .where(links.c.event_id.in_(scoped)))
        if min_confidence > 0:
            query = query.where(a.confidence >= min_confidence)
        return self.rows(query)

    def read_articles(self, shas: Sequence[str]) -> dict[str, ArticleRef]:
        t = self.articles.c
        found = {}
        for chunk in _chunks(sorted(shas)):
            for r in self.rows(select(t.sha256, t.article, t.title, t.url, t.published).where(t.sha256.in_(chunk))):
                found[r["sha256"]] = ArticleRef(r["sha256"], r["article"], r["title"], r["url"], _iso(r["published"]))
        return found

    def read_texts(self, shas: Sequence[str]) -> dict[str, str]:
        t = self.articles.c
        texts = {}
        for chunk in _chunks(sorted(shas)):
            rows = self.rows(select(t.sha256, t.text).where(t.sha256.in_(chunk)))
            texts.update((r["sha256"], r["text"]) for r in rows)
        return texts

    def read_entities(self, ids: Sequence[str]) -> dict[str, EntityRef]:
        t = self.entities.c
        found = {}
        for chunk in _chunks(sorted(ids)):
            for r in self.rows(select(t.entity_id, t.name, t.name_en, t.type, t.country).where(t.entity_id.in_(chunk))):
                found[r["entity_id"]] = EntityRef(r["entity_id"], r["name"], r["name_en"], r["type"], r["country"])
        return found

    def counts(self) -> tuple[int, dict[str, int]]:
        stored = self.rows(select(func.count().label("n")).select_from(self.articles))[0]["n"]
        q = self.quarantine.c
        stages = self.rows(select(q.stage, func.count().label("n")).group_by(q.stage).order_by(q.stage))
        return stored, {r["stage"]: r["n"] for r in stages}


# --- evidence --------------------------------------------------------------------------

def _outside(record, text: str | None) -> tuple[OutsideParty, ...]:
    """Parties named outside the evidence sentence, each with the article text around it."""
    out = []
    start, end = record["evidence_start"], record["evidence_end"]
    for i in (0, 1):
        p_start, p_end = record[f"party{i}_start"], record[f"party{i}_end"]
        if within(p_start, p_end, start, end):
            continue
        context, at = "", 0
        if text is not None and 0 <= p_start < p_end <= len(text):
            lo, hi = max(0, p_start - CONTEXT_CHARS), min(len(text), p_end + CONTEXT_CHARS)
            context, at = " ".join(text[lo:hi].split("\n")), p_start - lo
        name = record[f"party{i}_canonical"]
        out.append(OutsideParty(name, record[f"party{i}_role"], context, at, at + (p_end - p_start) if context else 0))
    return tuple(out)


def _evidence(record, text: str | None) -> Evidence:
    offsets = RecordOffsets(
        sentence=record["evidence_text"], sentence_start=record["evidence_start"],
        parties=[(record[f"party{i}_start"], record[f"party{i}_end"], record[f"party{i}_role"]) for i in (0, 1)],
        amount=(record["amount_start"], record["amount_end"], record["amount_currency"] or "")
        if record["amount_start"] is not None else None,
        date_text=record["date_text"], date_label=_iso(record["date_start"]), rule=record["rule"],
        relation=record["relation"])
    return Evidence(record["article_sha256"], record["ordinal"], record["evidence_text"], tuple(record_marks(offsets)),
                    _outside(record, text), record["relation"], record["status"], record["rule"],
                    float(record["confidence"]), record["date_text"], _iso(record["date_start"]))


def _attach_evidence(reader: _Reader, events: list[EventItem], records: list) -> set[str]:
    """Each event's evidence (at most MAX_EVIDENCE distinct sentences, earliest articles first);
    returns the articles of every record in scope."""
    by_event: dict[str, list] = defaultdict(list)
    for r in records:
        by_event[r["event_id"]].append(r)
    shown: dict[str, list] = {}
    for event_id, rows in by_event.items():
        rows.sort(key=lambda r: (_iso(r["published"]) or "9999", r["article_sha256"], r["ordinal"]))
        seen, keep = set(), []
        for r in rows:
            where = (r["article_sha256"], r["evidence_start"])
            if where not in seen:
                seen.add(where)
                keep.append(r)
        shown[event_id] = keep
    need_text = sorted({r["article_sha256"] for rows in shown.values() for r in rows[:MAX_EVIDENCE]
                        if not all(within(r[f"party{i}_start"], r[f"party{i}_end"], r["evidence_start"],
                                          r["evidence_end"]) for i in (0, 1))})
    texts = reader.read_texts(need_text) if need_text else {}
    for event in events:
        rows = shown.get(event.event_id, [])
        event.evidence = [_evidence(r, texts.get(r["article_sha256"])) for r in rows[:MAX_EVIDENCE]]
        event.more_evidence = max(0, len(rows) - MAX_EVIDENCE)
    return {r["article_sha256"] for r in records}


# --- figures ---------------------------------------------------------------------------

def currency_totals(events: Iterable[EventItem]) -> tuple[CurrencyTotal, ...]:
    """Disclosed amounts per currency: events with an amount, their sum and the largest (most events first)."""
    by_currency: dict[str, list[Decimal]] = defaultdict(list)
    for e in events:
        if e.amount_value is not None and e.amount_currency:
            by_currency[e.amount_currency].append(e.amount_value)
    return tuple(CurrencyTotal(c, len(v), sum(v, Decimal(0)), max(v))
                 for c, v in sorted(by_currency.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def summarise(events: list[EventItem], record_articles: set[str], records: int, stored: int,
              quarantined: dict[str, int]) -> Summary:
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in events:
        table[e.relation][e.status] += 1
    return Summary(stored_articles=stored, articles=len(record_articles), events=len(events), records=records,
                   organisations=len({pid for e in events for pid in e.party_ids}),
                   by_relation_status={r: dict(s) for r, s in table.items()},
                   amounts=currency_totals(events), quarantined=quarantined)


def profile(entity: EntityRef, events: list[EventItem], entities: dict[str, EntityRef]) -> OrgProfile:
    """One organisation's partners (most shared events first), events by year and disclosed totals."""
    mine = [e for e in events if entity.entity_id in e.party_ids]
    together: Counter = Counter()
    relations: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for e in mine:
        for pid, name in zip(e.party_ids, e.party_names, strict=True):
            if pid != entity.entity_id:
                together[pid] += 1
                relations[pid].add(e.relation)
                names.setdefault(pid, entities[pid].name if pid in entities else name)
    ranked = sorted(together, key=lambda pid: (-together[pid], names[pid], pid))
    partners = tuple(Partner(pid, names[pid], together[pid], tuple(sorted(relations[pid])))
                     for pid in ranked[:PARTNERS_SHOWN])
    years = Counter(e.year for e in mine)
    by_year = tuple(sorted(years.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))
    return OrgProfile(entity, len(mine), partners, max(0, len(ranked) - PARTNERS_SHOWN), by_year,
                      currency_totals(mine))


def profiles(events: list[EventItem], entities: dict[str, EntityRef], focus: Sequence[str]) -> list[OrgProfile]:
    """The --org organisations first, then those with the most events."""
    counts = Counter(pid for e in events for pid in set(e.party_ids))
    chosen = [pid for pid in focus if pid in counts]
    chosen += [pid for pid in sorted(counts, key=lambda pid: (-counts[pid], pid)) if pid not in chosen]
    return [profile(entities[pid], events, entities) for pid in chosen[:PROFILES] if pid in entities]


# --- the whole --------------------------------------------------------------------------

def load_report_data(db_url: str, scope: ReportFilter | None = None) -> ReportData:
    """Everything the report shows, for the events in `scope` (all of them by default)."""
    scope = scope or ReportFilter()
    with Database(db_url) as db:
        db.check()
        reader = _Reader(db)
        focus = reader.focus(scope.org) if scope.org else ()
        conditions = reader.event_conditions(scope, focus)
        events = reader.read_events(conditions)
        records = reader.read_records(conditions, scope.min_confidence)
        record_articles = _attach_evidence(reader, events, records)
        shown_articles = {ev.article for e in events for ev in e.evidence}
        articles = reader.read_articles(sorted(shown_articles))
        ids = {pid for e in events for pid in e.party_ids} | set(focus)
        entities = reader.read_entities(sorted(ids))
        for e in events:   # an id with no entities row (an older database) still has a name
            for pid, name in zip(e.party_ids, e.party_names, strict=True):
                entities.setdefault(pid, EntityRef(pid, name))
        stored, quarantined = reader.counts()
    summary = summarise(events, record_articles, len(records), stored, quarantined)
    return ReportData(redact_url(db_url), scope, events, articles, entities, focus, summary,
                      profiles(events, entities, focus))
