"""The records this pipeline produces: the single source of truth.

Pydantic models here define the JSONL output, the JSON Schema (`alliances schema`)
and, through `pipeline.sinks.tables`, the database tables. Offsets are code-point
offsets into `ArticleResult.text`, the decoded article text.

`Store(...)` in a field's annotation tells the tables how to keep it (an index, a foreign key,
rows of a table shared by all articles); a field described with `ISO_DATE` is a DATE column.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Relation = Literal[
    "partnership", "joint_development", "joint_venture", "investment",
    "acquisition", "merger", "supply",
]
Status = Literal["announced", "planned", "under_review", "rumored", "denied", "cancelled"]
DIRECTED_RELATIONS = frozenset({"investment", "acquisition", "supply"})

ISO_DATE = {"format": "date"}   # json_schema_extra of a str field holding an ISO date: a DATE column


@dataclass(frozen=True)
class Store:
    """How the database tables keep a field (read by pipeline.sinks.tables).

    `index`: the name of an index the column belongs to; columns sharing a name form one index,
    ordered by `index_order`. `references`: "table.column" of a foreign key. `table`: a list of
    models whose items are rows of that table, shared by every article and keyed by the model's
    first field, instead of rows of the article's own."""
    index: str | None = None
    index_order: int = 0
    references: str | None = None
    table: str | None = None


ENTITY_REF = Store(index="entity", references="entities.entity_id")


def name_key(name: str) -> str:
    """How unseen names are told apart: compatibility forms, case and spaces ignored."""
    return unicodedata.normalize("NFKC", "".join(name.split())).lower()


def unseen_entity_id(name: str) -> str:
    """The entity id of an organisation the lexicon does not know: the same name, the same id."""
    return "name:" + hashlib.sha256(name_key(name).encode("utf-8")).hexdigest()[:16]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Amount(Record):
    """A money expression: the raw text and its exact value."""
    text: str = Field(description="the expression as written")
    value: Annotated[Optional[Decimal], Store(index="value", index_order=1)] = Field(
        description="exact value in `currency` units; null when vague (수백억 원)")
    currency: Annotated[str, Store(index="value", index_order=0)] = Field(description="ISO 4217 code")
    start: int = -1
    end: int = -1
    approximate: bool = Field(False, description="약, 가량, 여, 남짓, 안팎 …")
    vague: bool = Field(False, description="수백억 원: an order of magnitude, no value")
    min: Optional[Decimal] = Field(None, description="lower bound of a range or an open bound")
    max: Optional[Decimal] = Field(None, description="upper bound of a range or an open bound")
    bound: Optional[Literal["ge", "gt", "le", "lt"]] = Field(None, description="이상/초과/이하/미만")
    level: bool = Field(False, description="7조원대: the value is the level's floor")
    krw_equivalent: Optional[Decimal] = Field(None, description="the KRW amount given in parentheses")


class Organization(Record):
    """One mention of an organisation."""
    name: str = Field(description="as written")
    canonical: str = Field(description="the lexicon's canonical name, or the name itself")
    type: Optional[str] = Field(None, description="company, university, institute, bank, investor, government …")
    start: int
    end: int
    source: str = Field("lexicon", description="lexicon, or the context rule that found it")
    entity_id: Annotated[Optional[str], ENTITY_REF] = Field(
        None, description="the organisation's id in `entities` (krx:005930, org:google, name:<hash>)")


class Party(Record):
    name: str
    canonical: str
    role: str = Field(description="partner | investor | investee | acquirer | target | supplier | customer | …")
    start: int
    end: int
    entity_id: Annotated[Optional[str], ENTITY_REF] = Field(None, description="the organisation's id in `entities`")


class Evidence(Record):
    text: str
    start: int
    end: int


class Alliance(Record):
    relation: Annotated[Relation, Store(index="relation")]
    directed: bool = Field(description="true for investment, acquisition and supply: parties[0] is the source")
    status: Status = "announced"
    parties: list[Party] = Field(min_length=2, max_length=2)
    amount: Optional[Amount] = None
    date_text: Optional[str] = None
    date_start: Annotated[Optional[str], Store(index="date")] = Field(
        None, description="ISO date: the resolved date, or the start of a period", json_schema_extra=ISO_DATE)
    date_end: Optional[str] = Field(None, description="ISO date: the end of a period (equal to date_start for a day)",
                                    json_schema_extra=ISO_DATE)
    evidence: Evidence
    rule: str = Field(description="the rule that produced the record")
    confidence: float = Field(1.0, ge=0.0, le=1.0,
                              description="how far to trust the record: the precision measured for records made "
                                          "by the same rule on the same kind of evidence (docs/quality.md)")


class Entity(Record):
    """An organisation, whatever name an article gives it: one row of the `entities` table."""
    entity_id: str = Field(description="krx:<code> for a company listed on KRX, org:<slug> for one the lexicon "
                                       "knows otherwise, name:<hash of the name> for a name it does not know")
    name: str = Field(description="canonical (Korean) name: the lexicon's, or the name as written")
    name_en: Optional[str] = Field(None, description="English or romanised name, when the lexicon has one")
    type: Optional[str] = Field(None, description="company, university, institute, bank, investor, government …")
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2 code (INT for international bodies)")
    market: Optional[str] = Field(None, description="KOSPI, KOSDAQ, KONEX for listed companies")
    krx_code: Optional[str] = Field(None, description="six-digit KRX short code")
    isin: Optional[str] = None
    parent_id: Optional[str] = Field(None, description="the parent organisation's entity id (its row is there too)")
    parent: Optional[str] = Field(None, description="the parent organisation's canonical name")
    public_body: bool = Field(False, description="a ministry, regulator, local government, central bank …")
    in_lexicon: bool = Field(description="known to the lexicon (false: a name found from its context)")


class ArticleResult(Record):
    article: str = Field(description="the input path relative to the input root (with #line for JSON Lines input)")
    sha256: str = Field(description="SHA-256 of the decoded text; the article's id")
    encoding: str
    title: Optional[str] = None
    published: Annotated[Optional[str], Store(index="published")] = Field(
        None, description="ISO publication date when known", json_schema_extra=ISO_DATE)
    source_id: Annotated[Optional[str], Store(index="source_id")] = Field(
        None, description="the source's own id of the article (JSON Lines `id` field …)")
    url: Annotated[Optional[str], Store(index="url")] = Field(
        None, description="the article's URL: a JSON Lines `url` field, an HTML page's canonical link or og:url")
    text: str = Field(description="the decoded article text every offset points into")
    organizations: list[Organization] = []
    amounts: list[Amount] = Field([], description="money amounts with an exact value")
    vague_amounts: list[Amount] = Field([], description="amounts with no exact value (수백억 원)")
    alliances: list[Alliance] = []
    entities: Annotated[list[Entity], Store(table="entities")] = Field(
        [], description="every organisation the mentions and parties refer to (and their parents), by entity_id")
    warnings: list[str] = []
    pipeline_version: str
    config_hash: str


class Quarantine(Record):
    """An input that could not be processed, and why."""
    path: str
    sha256: Optional[str] = Field(None, description="SHA-256 of the raw bytes, when they could be read")
    stage: Literal["discover", "read", "decode", "extract", "process"]
    reason: str
    size: Optional[int] = None


class Event(Record):
    """One real-world deal: the alliance records of every article that reports it (pipeline.sinks.events)."""
    event_id: str = Field(description="ev:<hash of the group key and the first mention's date>")
    group_key: Annotated[str, Store(index="group")] = Field(
        description="relation family and party entity ids the mentions were grouped by")
    relation: Annotated[Relation, Store(index="relation")] = Field(description="the relation most mentions give")
    directed: bool
    party0_entity_id: Annotated[str, Store(index="party0", references="entities.entity_id")] = Field(
        description="source of a directed relation; the smaller id of an undirected one")
    party0_name: str
    party1_entity_id: Annotated[str, Store(index="party1", references="entities.entity_id")]
    party1_name: str
    status: Status = Field(description="the status the latest report gives")
    first_seen: Annotated[Optional[str], Store(index="first_seen")] = Field(
        None, description="earliest publication date of a reporting article", json_schema_extra=ISO_DATE)
    last_seen: Optional[str] = Field(None, description="latest publication date of a reporting article",
                                     json_schema_extra=ISO_DATE)
    num_articles: int
    num_mentions: int = Field(description="alliance records (one article may report the deal several times)")
    num_sources: int = Field(description="distinct URL hosts among the reporting articles")
    amount_value: Annotated[Optional[Decimal], Store(index="value", index_order=1)] = Field(
        None, description="the amount most reporting articles give")
    amount_currency: Annotated[Optional[str], Store(index="value", index_order=0)] = None
    amount_text: Optional[str] = None
    date_start: Annotated[Optional[str], Store(index="date")] = Field(
        None, description="the deal's date most reports give", json_schema_extra=ISO_DATE)
    date_end: Optional[str] = Field(None, json_schema_extra=ISO_DATE)
    confidence: float = Field(description="the highest confidence of its alliance records")
    first_article: str = Field(description="sha256 of the earliest article reporting it")


class EventMention(Record):
    """Links one alliance record (article_sha256, ordinal) to its event."""
    article_sha256: str
    ordinal: int
    event_id: Annotated[str, Store(index="event", references="events.event_id")]
    group_key: Annotated[str, Store(index="group")]
    mention_date: Optional[str] = Field(None, description="the date the record was placed at",
                                        json_schema_extra=ISO_DATE)


def json_schema() -> dict:
    """JSON Schema of one output line (an article result) and of a quarantine entry."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Korean alliance extraction records",
        "oneOf": [{"$ref": "#/$defs/ArticleResult"}, {"$ref": "#/$defs/Quarantine"}],
        "$defs": {
            **ArticleResult.model_json_schema(ref_template="#/$defs/{model}")["$defs"],
            "ArticleResult": {k: v for k, v in ArticleResult.model_json_schema(
                ref_template="#/$defs/{model}").items() if k != "$defs"},
            "Quarantine": Quarantine.model_json_schema(),
        },
    }
