"""A business group's name at the start of one proper noun: an affiliate (LS전선, 한화오션)."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.known_prefix.v1", label="context:known_prefix")
def group_affiliate(s: SentenceView, span: NameSpan) -> Verdict | None:
    """One proper noun that begins with a known group's name (삼성바이오에피스)."""
    if span.j - span.i != 1 or s.ms[span.i].tag not in T.proper_noun:
        return None
    word = s.ms[span.i].form
    lexicon = s.res.lexicon
    for k in range(len(word) - 1, 1, -1):
        entry = lexicon.lookup(word[:k])
        if entry is not None and entry.type == "group" and not entry.surface_needs_context(word[:k]):
            return Verdict.ACCEPT
    return None
