"""An organisation mention inside one sentence of morphemes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class OrgMention:
    i: int          # first morpheme index in the sentence
    j: int          # one past the last morpheme index
    start: int      # code-point offsets into the article text
    end: int
    name: str       # as written
    canonical: str
    type: str | None
    source: str     # `lexicon` or the label of the context rule that introduced the name
    repeated: bool = False  # a later mention of a name the article introduced with context
    rule: str = ""          # id of the registered rule that found this mention


def name_key(surface: str) -> str:
    """How names are compared inside an article: spaces and case ignored."""
    return "".join(surface.split()).lower()
