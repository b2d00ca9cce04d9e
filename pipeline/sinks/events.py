"""Alliance events: one row per real-world deal, however many sentences and articles report it.

The merge rule (docs/operations.md, "Events"):

1. Alliance records are grouped by their parties' entity ids and a relation family: cooperation
   (partnership, joint_development, joint_venture), stake (investment, acquisition), merger, supply.
   Directed families (stake, supply) keep the direction (source → target); undirected ones sort
   the two ids. A party without an entity id counts under the id of its canonical name.
2. Each record is placed at a date: its own `date_start` when that lies on or before the article's
   publication date (a deal the text dates), else the publication date (a plan's target date is
   not when it was reported), else `date_start`; records with neither are undated.
3. Within a group, dated records sorted by that date form one event while each is at most
   `GAP_DAYS` after the previous record and `SPAN_DAYS` after the event's first record; past
   either, a new event starts (the same pair's deal a year later is another event). Undated
   records join the group's latest event, or form one event when the group has no dated record.

An event is a function of the set of its records only — never of the order they were written in
— so re-runs, other input orders and any number of workers give the same events. Its id hashes
the group key and the first record's date, and stays the same while no earlier report arrives.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from pipeline.records import DIRECTED_RELATIONS, unseen_entity_id

GAP_DAYS = 90      # a report more than this after the previous one starts a new event
SPAN_DAYS = 300    # an event never spans more than this from its first report

FAMILIES = {
    "partnership": "cooperation", "joint_development": "cooperation", "joint_venture": "cooperation",
    "investment": "stake", "acquisition": "stake", "merger": "merger", "supply": "supply",
}
DIRECTED_FAMILIES = frozenset(FAMILIES[r] for r in DIRECTED_RELATIONS)
# Equal counts: the more specific relation names the event.
RELATION_PREFERENCE = ("joint_venture", "joint_development", "partnership", "acquisition", "investment",
                       "merger", "supply")
# Reports of the same day: the later stage of a deal wins.
STATUS_ORDER = ("rumored", "under_review", "planned", "announced", "denied", "cancelled")


@dataclass(frozen=True, slots=True)
class Mention:
    """What the events need of one alliance record and its article."""
    article: str                 # sha256
    ordinal: int
    relation: str
    status: str
    confidence: float
    source: str                  # entity ids in the record's party order
    target: str
    source_name: str
    target_name: str
    amount_value: Decimal | None
    amount_currency: str | None
    amount_text: str | None
    date_start: str | None
    date_end: str | None
    published: str | None
    host: str | None

    @property
    def key(self) -> str:
        family = FAMILIES[self.relation]
        if family in DIRECTED_FAMILIES:
            return f"{family}:{self.source}>{self.target}"
        low, high = sorted((self.source, self.target))
        return f"{family}:{low}+{high}"

    @property
    def date(self) -> str | None:
        """Where the record is placed in time (rule 2)."""
        if self.date_start and self.published:
            return self.date_start if self.date_start <= self.published else self.published
        return self.published or self.date_start

    @property
    def seen(self) -> str | None:
        return self.published or self.date

    def name_of(self, entity: str) -> str:
        return self.source_name if entity == self.source else self.target_name


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def host_of(url: str | None) -> str | None:
    """The outlet of an article: its URL's host without 'www.'."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def mention_of(alliance: Mapping[str, Any], article: Mapping[str, Any]) -> Mention:
    """A Mention from an alliances row and its articles row (prepared rows or rows read back)."""
    ids = [alliance[f"party{i}_entity_id"] or unseen_entity_id(alliance[f"party{i}_canonical"]) for i in (0, 1)]
    return Mention(
        article=alliance["article_sha256"], ordinal=alliance["ordinal"], relation=alliance["relation"],
        status=alliance["status"], confidence=float(alliance["confidence"]), source=ids[0], target=ids[1],
        source_name=alliance["party0_canonical"], target_name=alliance["party1_canonical"],
        amount_value=alliance["amount_value"], amount_currency=alliance["amount_currency"],
        amount_text=alliance["amount_text"], date_start=_iso(alliance["date_start"]),
        date_end=_iso(alliance["date_end"]), published=_iso(article["published"]), host=host_of(article["url"]))


def _order(m: Mention) -> tuple:
    return (m.date or "", m.article, m.ordinal)


def _clusters(members: list[Mention]) -> list[list[Mention]]:
    """Rule 3 for one group."""
    dated = sorted((m for m in members if m.date), key=_order)
    undated = sorted((m for m in members if not m.date), key=_order)
    clusters: list[list[Mention]] = []
    first = previous = None
    for m in dated:
        day = dt.date.fromisoformat(m.date)
        if not clusters or (day - previous).days > GAP_DAYS or (day - first).days > SPAN_DAYS:
            clusters.append([])
            first = day
        clusters[-1].append(m)
        previous = day
    if undated:
        if clusters:
            clusters[-1].extend(undated)
        else:
            clusters.append(undated)
    return clusters


def _best_amount(members: list[Mention]) -> Mention | None:
    """The amount most articles give (then most records, highest confidence, smallest value)."""
    by_value: dict[tuple, list[Mention]] = defaultdict(list)
    for m in members:
        if m.amount_value is not None:
            by_value[(m.amount_currency or "", m.amount_value)].append(m)
    if not by_value:
        return None
    best = min(by_value, key=lambda k: (-len({m.article for m in by_value[k]}), -len(by_value[k]),
                                         -max(m.confidence for m in by_value[k]), k))
    return min(by_value[best], key=_order)


def _best_date(members: list[Mention]) -> tuple[str | None, str | None]:
    """The deal date most articles give (then most records, the earliest)."""
    by_date: dict[tuple, list[Mention]] = defaultdict(list)
    for m in members:
        if m.date_start:
            by_date[(m.date_start, m.date_end or "")].append(m)
    if not by_date:
        return None, None
    start, end = min(by_date, key=lambda k: (-len({m.article for m in by_date[k]}), -len(by_date[k]), k))
    return start, end or None


def _relation(members: list[Mention]) -> str:
    counts = Counter(m.relation for m in members)
    return min(counts, key=lambda r: (-counts[r], RELATION_PREFERENCE.index(r)))


def _name(members: list[Mention], entity: str) -> str:
    counts = Counter(m.name_of(entity) for m in members if entity in (m.source, m.target))
    return min(counts, key=lambda n: (-counts[n], n))


def event_row(key: str, members: list[Mention]) -> dict[str, Any]:
    """The events row of one cluster."""
    members = sorted(members, key=_order)
    sample = members[0]
    directed = FAMILIES[sample.relation] in DIRECTED_FAMILIES
    party0, party1 = (sample.source, sample.target) if directed else sorted((sample.source, sample.target))
    relation = _relation(members)
    latest = max(members, key=lambda m: (m.seen or "", STATUS_ORDER.index(m.status), m.article, m.ordinal))
    seen = sorted(m.seen for m in members if m.seen)
    amount = _best_amount(members)
    date_start, date_end = _best_date(members)
    first_date = next((m.date for m in members if m.date), None) or "undated"
    earliest = min(members, key=lambda m: (m.seen or "9999", m.article, m.ordinal))
    return {
        "event_id": "ev:" + hashlib.sha256(f"{key}|{first_date}".encode("utf-8")).hexdigest()[:16],
        "group_key": key,
        "relation": relation,
        "directed": relation in DIRECTED_RELATIONS,
        "party0_entity_id": party0, "party0_name": _name(members, party0),
        "party1_entity_id": party1, "party1_name": _name(members, party1),
        "status": latest.status,
        "first_seen": seen[0] if seen else None,
        "last_seen": seen[-1] if seen else None,
        "num_articles": len({m.article for m in members}),
        "num_mentions": len(members),
        "num_sources": len({m.host for m in members if m.host}),
        "amount_value": amount.amount_value if amount else None,
        "amount_currency": amount.amount_currency if amount else None,
        "amount_text": amount.amount_text if amount else None,
        "date_start": date_start, "date_end": date_end,
        "confidence": max(m.confidence for m in members),
        "first_article": earliest.article,
    }


def build_events(mentions: Iterable[Mention]) -> tuple[list[dict], list[dict]]:
    """(events rows, event_mentions rows) for every group the mentions belong to; the mentions must be
    every record of those groups."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    events, links = [], []
    for key in sorted(groups):
        for cluster in _clusters(groups[key]):
            row = event_row(key, cluster)
            events.append(row)
            links += [{"article_sha256": m.article, "ordinal": m.ordinal, "event_id": row["event_id"],
                       "group_key": key, "mention_date": m.date} for m in sorted(cluster, key=_order)]
    return events, links
