"""A country before an unseen name: 대만 폭스콘이, 美 애브비와 — unless the name is a place in it."""
from __future__ import annotations

from pipeline.extract.organizations import evidence
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.country.v1", label="context:country")
def after_country(s: SentenceView, span: NameSpan) -> Verdict | None:
    """COUNTRY NAME followed by a particle, a list mark or a possession noun; COUNTRY NAME에서 /
    에 공장 is a place (미국 조지아에 합작공장), which no later rule may take for a company."""
    if not evidence.country_before(s, span.i):
        return None
    if evidence.place_particle_at(s, span.after):
        return Verdict.REJECT
    ms, i, j = s.ms, span.i, span.j
    if _describes_a_kind(s, j, span.after):
        return None   # 미국 클라우드 업체와 (a kind of firm), 독일 함부르크의 로이드사 (a city's firm)
    # a word Kiwi knows as a proper noun after a country is often a city: it needs a relation
    unknown = ms[i].oov or ms[i].tag in T.foreign_word
    properish_end = ms[j - 1].tag in T.name_like or ms[j - 1].oov
    if properish_end and (unknown or s.has_trigger) and evidence.case_follows(s, span.after):
        return Verdict.ACCEPT
    return None


def _describes_a_kind(s: SentenceView, j: int, after: int) -> bool:
    """The word after the candidate is a type noun (클라우드 업체), or its genitive comes before a
    name (함부르크의 로이드사): it describes what follows."""
    ms = s.ms
    if evidence.kind_noun_after(s, j):
        return True
    return after + 1 < len(ms) and ms[after].tag in T.genitive_case \
        and (ms[after + 1].tag in T.name_like or ms[after + 1].oov)
