"""An unknown Hangul name glossed in Latin with a company word: 구보타(Kubota USA), 누리(Nuri Inc.)."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
INSIDE_TAGS = T.foreign_word | T.separator | T.number


@rule("org.latin_gloss.v1", label="context:latin_gloss")
def latin_gloss(s: SentenceView, span: NameSpan) -> Verdict | None:
    """NAME(Latin words … FORM) where the last Latin word is a legal form or a region of a company
    (Inc., Co., Ltd., USA, China …): the bracket spells a company's registered name."""
    ms, j = s.ms, span.j
    if j >= len(ms) or ms[j].tag not in T.opening_bracket or not s.glued(j):
        return None
    k = j + 1
    words = []
    while k < len(ms) and ms[k].tag in INSIDE_TAGS:
        words.append(ms[k].form)
        k += 1
    if k >= len(ms) or ms[k].tag not in T.closing_bracket or len(words) < 2:
        return None
    latin = [w for w in words if w[:1].isalpha()]
    return Verdict.ACCEPT if len(latin) >= 2 and latin[-1] in s.res.vocab.latin_legal_forms else None
