"""A company suffix ends the name: 한빛로보틱스, 누리 테크놀로지, 비거 마린 그룹."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.suffix.v1", label="context:suffix")
def company_suffix(s: SentenceView, span: NameSpan) -> Verdict | None:
    """The name ends in a company suffix after a proper-noun head (한빛로보틱스, 누리 테크놀로지)."""
    ms, vocab, i, j, name = s.ms, s.res.vocab, span.i, span.j, span.name
    if j - i == 1:  # one morpheme: only a proper noun Kiwi knows as one (한빛로보틱스/NNP)
        if ms[i].tag not in T.proper_noun:
            return None
    elif not all(m.tag in T.name_like or m.oov or m.form in vocab.suffix_set for m in ms[i:j]) or \
            vocab.is_common_term(ms[i].form):
        return None
    for size in range(min(len(name) - 1, vocab.max_suffix_len), 0, -1):
        suffix = name[-size:]
        if suffix in vocab.suffix_set:
            head = name[:-size].rstrip()
            return Verdict.ACCEPT if len(head) >= (2 if suffix in vocab.strict_suffixes else 1) else None
    return None
