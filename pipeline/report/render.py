"""The report page: Jinja2 templates (templates/) filled with the report data, everything inline.

The page asks nothing of any host: its stylesheet, script and data are in the file, its network is
SVG drawn from positions computed here, and a Content-Security-Policy (default-src 'none') makes a
stray reference fail instead of loading. The events table is drawn by the page's script from the
data (a JSON block), so a table of tens of thousands of events costs one parse, not one template
loop per cell.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from pipeline.records import Relation, Status
from pipeline.report.data import EventItem, ReportData, ReportFilter, load_report_data
from pipeline.report.layout import EdgeIn, Network, layout
from pipeline.sinks.jsonl import atomic_path
from pipeline.sinks.tables import decimal_text
from pipeline.version import PIPELINE_VERSION

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE = "report.html.j2"
RELATIONS: tuple[str, ...] = Relation.__args__
STATUSES: tuple[str, ...] = Status.__args__
# Colours: relations (edges, badges) and the categories nodes are coloured by (countries, types).
RELATION_COLOURS = {
    "partnership": "#2f6fb5", "joint_development": "#7b4bb7", "joint_venture": "#11897a",
    "investment": "#d9731a", "acquisition": "#c0392b", "merger": "#8a5a2b", "supply": "#2e8b3d",
}
STATUS_COLOURS = {
    "announced": "#3f6fa8", "planned": "#8db1dc", "under_review": "#d9a93a", "rumored": "#efd48e",
    "denied": "#c4553f", "cancelled": "#7e2a1d",
}
CATEGORY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                    "#9c755f")
OTHER_COLOUR, UNKNOWN_COLOUR = "#a39e9a", "#d5d2cf"
COMPACT_UNITS = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


# --- formatting ------------------------------------------------------------------------

def compact_amount(value: Decimal | None, currency: str | None = None) -> str:
    """1400000000000 KRW → '1.4 tn KRW'."""
    if value is None:
        return ""
    for unit, name in COMPACT_UNITS:
        if abs(value) >= unit:
            text = f"{(value / unit):,.2f}".rstrip("0").rstrip(".") + f" {name}"
            break
    else:
        text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,}"
    return f"{text} {currency}" if currency else text


def number(value: int) -> str:
    return f"{value:,}"


# --- categories ------------------------------------------------------------------------

@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str
    slot: int


def categories(values: list[str | None]) -> tuple[list[Category], dict[str | None, int]]:
    """The most frequent values get a colour each, the rest 'other', none 'unknown': the legend and
    value → slot."""
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    top = sorted(counts, key=lambda v: (-counts[v], v))[:len(CATEGORY_COLOURS)]
    legend = [Category(v, v, CATEGORY_COLOURS[i], i) for i, v in enumerate(top)]
    slots: dict[str | None, int] = {v: i for i, v in enumerate(top)}
    other, unknown = len(CATEGORY_COLOURS), len(CATEGORY_COLOURS) + 1
    if len(counts) > len(top):
        legend.append(Category("other", "other", OTHER_COLOUR, other))
    for v in counts:
        slots.setdefault(v, other)
    if any(not v for v in values):
        legend.append(Category("unknown", "unknown", UNKNOWN_COLOUR, unknown))
    slots[None] = unknown
    return legend, slots


# --- the page's data ---------------------------------------------------------------------

def _amount(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def page_data(data: ReportData) -> dict:
    """The JSON the page's script reads: entities and articles by index, events with their evidence.
    Short keys: a report of 10,000 articles carries tens of thousands of events."""
    entity_ids = sorted(data.organisation_ids() | set(data.focus))
    entity_index = {eid: i for i, eid in enumerate(entity_ids)}
    article_ids = sorted(data.articles)
    article_index = {sha: i for i, sha in enumerate(article_ids)}
    entities = [[eid, e.name, e.name_en, e.country, e.type] for eid in entity_ids for e in [data.entities[eid]]]
    articles = [[a.path, a.title, a.url, a.published] for sha in article_ids for a in [data.articles[sha]]]
    return {
        "relations": list(RELATIONS), "statuses": list(STATUSES),
        "entities": entities, "articles": articles, "focus": [entity_index[f] for f in data.focus],
        "events": [_event(e, entity_index, article_index) for e in data.events],
    }


def _event(e: EventItem, entities: dict[str, int], articles: dict[str, int]) -> dict:
    return {
        "i": e.event_id, "r": e.relation, "s": e.status, "d": int(e.directed),
        "p": [entities[e.party_ids[0]], entities[e.party_ids[1]]],
        "f": e.reported[0], "l": e.reported[1], "ds": e.date_start, "de": e.date_end,
        "n": e.num_articles, "ns": e.num_sources, "nm": e.num_mentions,
        "av": _amount(e.amount_value), "ac": e.amount_currency, "at": e.amount_text, "c": round(e.confidence, 3),
        "ev": [[articles[ev.article], ev.text, [[m.start, m.end, m.kind, m.label] for m in ev.marks],
                [[o.name, o.role, o.context, o.start, o.end] for o in ev.outside],
                ev.relation, ev.status, ev.rule, round(ev.confidence, 3), ev.date_text, ev.date_start]
               for ev in e.evidence],
        "mo": e.more_evidence,
    }


def script_json(value) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' as themselves (no </script> can end the block)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def network_of(data: ReportData) -> Network:
    return layout([EdgeIn(e.event_id, e.party_ids[0], e.party_ids[1], e.relation, e.directed, e.num_articles)
                   for e in data.events], data.focus, {eid: e.name for eid, e in data.entities.items()})


# --- rendering --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(compact_amount=compact_amount, number=number, sum_values=lambda d: sum(d.values()))
    env.globals["asset"] = _asset
    return env


@lru_cache(maxsize=None)
def _asset(name: str) -> Markup:
    """A stylesheet or script of templates/, inline as it is."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if "</" + "script" in text.lower() or "</" + "style" in text.lower():
        raise ValueError(f"{name} would end its own inline block")
    return Markup(text)


def render_report(data: ReportData, network: Network | None = None, *, generated: str | None = None) -> str:
    """The whole page."""
    network = network or network_of(data)
    entities = data.entities
    drawn = [entities[n.entity_id] for n in network.nodes]
    countries, country_slot = categories([e.country for e in drawn])
    types, type_slot = categories([e.type for e in drawn])
    relations_present = [r for r in RELATIONS if r in data.summary.by_relation_status]
    return environment().get_template(PAGE).render(
        data=data, summary=data.summary, network=network, entities=entities,
        countries=countries, country_slot=country_slot, types=types, type_slot=type_slot,
        relations=RELATIONS, statuses=STATUSES, relations_present=relations_present,
        relation_colours=RELATION_COLOURS, status_colours=STATUS_COLOURS, scope=data.filter.describe(),
        generated=generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M"), version=PIPELINE_VERSION,
        page_data=script_json(page_data(data)),
    )


@dataclass(frozen=True)
class ReportResult:
    path: Path
    events: int
    organisations: int
    nodes: int
    left_out_nodes: int
    bytes: int
    seconds: float


def build_report(db_url: str, out: str | Path, scope: ReportFilter | None = None) -> ReportResult:
    """Read the database, lay out the network, write the page to `out` (replaced only once complete)."""
    started = time.perf_counter()
    data = load_report_data(db_url, scope)
    network = network_of(data)
    html = render_report(data, network)
    out = Path(out)
    with atomic_path(out) as temp:
        temp.write_text(html, encoding="utf-8")
    return ReportResult(out, len(data.events), data.summary.organisations, len(network.nodes),
                        network.left_out_nodes, out.stat().st_size, time.perf_counter() - started)
