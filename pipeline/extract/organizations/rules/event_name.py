"""An organisation's name before an event noun names the event: X 인비테이셔널, X 챔피언십."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.event_name.v1", label="")
def event_name(s: SentenceView, span: NameSpan) -> Verdict | None:
    """NAME + 인비테이셔널/오픈/챔피언십/컵 … at the end of the noun phrase (or before a round number,
    2차대회): the sponsor's name is part of the event's (not 오픈 이노베이션: a noun goes on)."""
    ms, j, events = s.ms, span.after, s.res.vocab.event_nouns
    if j >= len(ms) or ms[j].form not in events:
        return None
    k = j + 1
    if k < len(ms) and ms[k].tag in T.common_noun and ms[k].form not in events:
        return None
    return Verdict.REJECT
