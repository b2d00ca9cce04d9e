"""A legal-form word alone names nothing: 'Co.', 'Ltd.' cut from 'MIRAE ROBOTICS Co., Ltd.'."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule


@rule("org.legal_fragment.v1", label="")
def legal_fragment(s: SentenceView, span: NameSpan) -> Verdict | None:
    """The name is only a legal form or company word (Co., Ltd., Inc., Holdings)."""
    return Verdict.REJECT if span.name.strip(",") in s.res.vocab.latin_legal_forms else None
