"""The records this pipeline produces: the single source of truth.

Pydantic models here define the JSONL output, the JSON Schema (`alliances schema`)
and, through `pipeline.sinks.tables`, the database tables. Offsets are code-point
offsets into `ArticleResult.text`, the decoded article text.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Relation = Literal[
    "partnership", "joint_development", "joint_venture", "investment",
    "acquisition", "merger", "supply",
]
Status = Literal["announced", "planned", "under_review", "rumored", "denied", "cancelled"]
DIRECTED_RELATIONS = frozenset({"investment", "acquisition", "supply"})


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Amount(Record):
    """A money expression: the raw text and its exact value."""
    text: str = Field(description="the expression as written")
    value: Optional[Decimal] = Field(description="exact value in `currency` units; null when vague (수백억 원)")
    currency: str = Field(description="ISO 4217 code")
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


class Party(Record):
    name: str
    canonical: str
    role: str = Field(description="partner | investor | investee | acquirer | target | supplier | customer | …")
    start: int
    end: int


class Evidence(Record):
    text: str
    start: int
    end: int


class Alliance(Record):
    relation: Relation
    directed: bool = Field(description="true for investment, acquisition and supply: parties[0] is the source")
    status: Status = "announced"
    parties: list[Party] = Field(min_length=2, max_length=2)
    amount: Optional[Amount] = None
    date_text: Optional[str] = None
    date_start: Optional[str] = Field(None, description="ISO date: the resolved date, or the start of a period")
    date_end: Optional[str] = Field(None, description="ISO date: the end of a period (equal to date_start for a day)")
    evidence: Evidence
    rule: str = Field(description="the rule that produced the record")
    confidence: float = Field(1.0, ge=0.0, le=1.0,
                              description="how far to trust the record: the precision measured for records made "
                                          "by the same rule on the same kind of evidence (docs/quality.md)")


class ArticleResult(Record):
    article: str = Field(description="the input path (with #line for JSON Lines input)")
    sha256: str = Field(description="SHA-256 of the decoded text; the article's id")
    encoding: str
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO publication date when known")
    text: str = Field(description="the decoded article text every offset points into")
    organizations: list[Organization] = []
    amounts: list[Amount] = Field([], description="money amounts with an exact value")
    vague_amounts: list[Amount] = Field([], description="amounts with no exact value (수백억 원)")
    alliances: list[Alliance] = []
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
