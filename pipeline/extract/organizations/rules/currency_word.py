"""A known name that also spells a currency: (한화 약 270억 원) is the Korean won."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.currency_word.v1", label="")
def currency_word(s: SentenceView, span: NameSpan) -> Verdict | None:
    """A currency word opening brackets before an amount ('약' may stand between): a conversion, not a name."""
    ms, i, j = s.ms, span.i, span.after
    if span.name not in s.res.vocab.currency_words or i == 0 or ms[i - 1].tag not in T.opening_bracket:
        return None
    if j < len(ms) and ms[j].tag in T.determiner | T.adverb:
        j += 1
    return Verdict.REJECT if j < len(ms) and ms[j].tag in T.figure else None
