"""An organisation's name and a region word name its subsidiary there: 넷마블 재팬, 넷마블 아메리카,
블랙록차이나."""
from __future__ import annotations

from pipeline.extract.organizations.rules.spaced_name import phrase_ends
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule


@rule("org.region_subsidiary.v1", label="")
def region_subsidiary_end(s: SentenceView, j: int) -> int:
    """A region word (차이나, 재팬, 아메리카, 유럽 …) right after a name, spaced or glued, that ends
    the noun phrase (하이브 재팬, / 하이브 차이나(… ) / 하이브 라틴에): the end after it, or j."""
    ms = s.ms
    if j >= len(ms) or ms[j].form not in s.res.vocab.subsidiary_regions:
        return j
    return j + 1 if phrase_ends(s, j + 1) else j
