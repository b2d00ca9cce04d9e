"""An organisation type noun right before a name: 반도체 설계 기업인 파두, 물류 스타트업 '로지올래'."""
from __future__ import annotations

from pipeline.extract.organizations import evidence
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule


@rule("org.apposition.v2", label="context:apposition")
def apposition(s: SentenceView, span: NameSpan) -> Verdict | None:
    """'… 기업(인) [quote] NAME': the word before the name says it is an organisation."""
    return Verdict.ACCEPT if evidence.type_noun_before(s, span.i) else None
