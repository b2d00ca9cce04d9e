"""One line of a `--lexicon` file: an organisation in the format of `configs/organizations/*.jsonl`."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.extract.organizations.lexicon import ORGANIZATION_TYPES


class UserOrganization(BaseModel):
    """Unknown keys are typos (`alias` for `aliases`), so they are errors."""
    model_config = ConfigDict(extra="forbid", strict=True)

    canonical: str = Field(min_length=1)
    aliases: list[str] = []
    type: str
    country: str = Field(min_length=1)
    needs_context: bool = False
    context_reason: Optional[str] = None
    ambiguous_aliases: list[str] = []
    public_body: bool = False
    parent: Optional[str] = None
    market: Optional[str] = None
    code: Optional[str] = None
    note: Optional[str] = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in ORGANIZATION_TYPES:
            raise ValueError(f"unknown type {value!r}: use one of {', '.join(sorted(ORGANIZATION_TYPES))}")
        return value

    @field_validator("canonical", "country")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value
