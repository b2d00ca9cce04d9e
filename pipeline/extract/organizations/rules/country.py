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
    # a word Kiwi knows as a proper noun after a country is often a city: it needs a relation
    unknown = ms[i].oov or ms[i].tag in T.foreign_word
    properish_end = ms[j - 1].tag in T.name_like or ms[j - 1].oov
    if properish_end and (unknown or s.has_trigger) and evidence.case_follows(s, span.after):
        return Verdict.ACCEPT
    return None
