"""An unknown word as the subject of a sentence that names a relation: 도허티는 … 투자 (weak)."""
from __future__ import annotations

from pipeline.extract.organizations import evidence
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.relation_subject.v1", label="context:relation_subject")
def relation_subject(s: SentenceView, span: NameSpan) -> Verdict | None:
    """An unknown or foreign word starting its noun phrase, with 은/는/이/가, in a sentence with a relation word."""
    m = s.ms[span.i]
    if (m.oov or m.tag in T.foreign_word) and evidence.subject_of_relation(s, span.i, span.after):
        return Verdict.ACCEPT
    return None
