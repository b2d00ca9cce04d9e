"""A person's affiliation in brackets after the name and age: 김하늘(24 · 한빛건설)."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
SEPARATORS = G.marks.list_marks


@rule("org.affiliation.v1", label="context:affiliation")
def affiliation(s: SentenceView, span: NameSpan) -> Verdict | None:
    """PERSON(AGE · NAME): a proper noun, then in glued brackets a number, a middle dot or comma
    (and 이상, 'all of them') before the name, which closes the brackets."""
    ms, i, j = s.ms, span.i, span.j
    if j >= len(ms) or ms[j].tag not in T.closing_bracket:
        return None
    k = i - 1
    if k >= 0 and ms[k].form in s.res.vocab.affiliation_fillers:
        k -= 1
    if k < 3 or ms[k].form not in SEPARATORS or ms[k - 1].tag not in T.number:
        return None
    opening = k - 2
    if ms[opening].tag not in T.opening_bracket or not s.glued(opening) or ms[opening - 1].tag not in T.name_like:
        return None
    return Verdict.ACCEPT
