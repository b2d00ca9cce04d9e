"""An organisation's name and a region word name its subsidiary there: 넷마블 재팬, 넷마블 아메리카,
블랙록차이나, 보다폰 일본법인."""
from __future__ import annotations

from pipeline.extract.organizations.rules.spaced_name import phrase_ends
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule

SUBSIDIARY_PLACES = frozenset({"country", "region"})   # 일본법인, 유럽법인 (a city's is a branch)


@rule("org.region_subsidiary.v2", label="")
def region_subsidiary_end(s: SentenceView, j: int) -> int:
    """A region word (차이나, 재팬, 아메리카, 유럽 …) right after a name, spaced or glued, that ends
    the noun phrase (하이브 재팬, / 하이브 차이나(… ) / 하이브 라틴에); or a country or region glued
    to a subsidiary noun (보다폰 일본법인도): the end after it, or j."""
    ms, vocab = s.ms, s.res.vocab
    if j < len(ms) and ms[j].form in vocab.subsidiary_regions:
        return j + 1 if phrase_ends(s, j + 1) else j
    if j + 1 < len(ms) and ms[j + 1].form in vocab.subsidiary_nouns and s.glued(j + 1) \
            and s.res.lexicon.is_non_organization(ms[j].form) in SUBSIDIARY_PLACES:
        return j + 2 if phrase_ends(s, j + 2) else j
    return j
