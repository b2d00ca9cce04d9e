"""A term or acronym in brackets glued to a common noun glosses that noun: 투자은행(IB), 배터리
관리 시스템(BMS), 팹리스(반도체 설계) 업체 — never an organisation, whatever the lexicon knows."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags


@rule("org.gloss.v1", label="")
def gloss(s: SentenceView, span: NameSpan) -> Verdict | None:
    """NOUN(NAME): the name fills brackets glued to a common noun. It is an alias only after an
    organisation type noun or an institution's Korean name, at the end of the noun phrase
    (자회사(SK온)이, 북대서양조약기구(NATO)에); otherwise a gloss. After a person's title the
    brackets hold an affiliation (김 교수(서울대)), no gloss."""
    ms, i, j = s.ms, span.i, span.j
    if i < 2 or ms[i - 1].tag not in T.opening_bracket or not s.glued(i - 1) or not s.glued(i):
        return None
    noun = ms[i - 2]
    if noun.tag not in T.common_noun or j >= len(ms) or ms[j].tag not in T.closing_bracket:
        return None
    if noun.form in s.res.vocab.person_titles:
        return None  # 김 교수(서울대): a person's affiliation
    phrase_goes_on = j + 1 < len(ms) and ms[j + 1].tag in T.common_noun
    vocab = s.res.vocab
    word = s.surface(s.word_start(i - 2), i - 1)
    organisation_word = vocab.is_type_noun(noun.form) or any(word.endswith(e) for e in vocab.institution_endings)
    if not organisation_word or phrase_goes_on:
        return Verdict.REJECT
    return None
