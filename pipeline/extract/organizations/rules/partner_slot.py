"""A proper word in a relation's partner slot: X와 손잡고, X에 투자, X로부터 수주, X를 인수."""
from __future__ import annotations

from pipeline.extract.organizations import evidence
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.partner_slot.v1", label="context:partner_slot")
def partner_slot(s: SentenceView, span: NameSpan) -> Verdict | None:
    """A proper noun, foreign or unknown word before 와/에/로부터 (or 를 before 인수) and a relation word."""
    m = s.ms[span.i]
    if (m.tag in T.name_like or m.oov) and evidence.partner_slot_after(s, span.after):
        return Verdict.ACCEPT
    return None
