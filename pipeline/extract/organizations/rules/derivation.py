"""A name glued to a derivational suffix is a word made of it: '탈(脫) 삼성화' (de-Samsung-isation)."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.derivation.v1", label="")
def derivation(s: SentenceView, span: NameSpan) -> Verdict | None:
    """NAME + 화 (a noun suffix glued to it): a process named after the organisation, not the organisation."""
    ms, j = s.ms, span.j
    if j < len(ms) and s.glued(j) and ms[j].tag in T.noun_suffix and ms[j].form in s.res.vocab.derivation_suffixes:
        return Verdict.REJECT
    return None
