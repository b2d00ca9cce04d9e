"""An organisation mention inside one sentence of morphemes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


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
    rule: str = ""          # id of the registered rule that found this mention
    origin: OrgMention | None = None  # for a name the article introduced with context: that first mention
    shaped_by: str = ""     # id of the rule that drew the name's extent, when not the plain morpheme run

    @property
    def repeated(self) -> bool:
        """Found as a name the article introduced (in this sentence or another one)."""
        return self.origin is not None


@lru_cache(maxsize=1 << 16)   # asked at every morpheme where a known name may start
def name_key(surface: str) -> str:
    """How names are compared inside an article: spaces and case ignored."""
    return "".join(surface.split()).lower()
