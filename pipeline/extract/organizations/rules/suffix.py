"""A company suffix ends the name: 한빛로보틱스, 누리 테크놀로지, 비거 마린 그룹, 김앤장법률사무소."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
JOINER_TAGS = T.joining_mark | T.other_symbol
MAX_ONE_WORD_MORPHS = 4   # a company's one-word name: proper noun, at most two common nouns, the suffix


@rule("org.suffix.v2", label="context:suffix")
def company_suffix(s: SentenceView, span: NameSpan) -> Verdict | None:
    """The name ends in a company suffix after a proper-noun head (한빛로보틱스, 누리 테크놀로지,
    코브라-푸마골프); one morpheme must be a word Kiwi reads as a name or does not know at all
    (한빛로보틱스/NNP, 현대스위스저축은행/NNG*). The suffix may be cut in pieces (법률/사무소)."""
    ms, vocab, i, j, name = s.ms, s.res.vocab, span.i, span.j, span.name
    suffix = next((name[-size:] for size in range(min(len(name) - 1, vocab.max_suffix_len), 0, -1)
                   if name[-size:] in vocab.suffix_set), None)
    if suffix is None:
        return None
    head = name[:-len(suffix)].rstrip()
    if len(head) < (2 if suffix in vocab.strict_suffixes else 1):
        return None
    if j - i == 1:
        m = ms[i]
        if m.tag in T.proper_noun or (m.oov and m.tag in T.noun and suffix not in vocab.strict_suffixes):
            return Verdict.ACCEPT
        return None  # an unknown common noun needs a suffix that is a company word by itself (리딩금융: no)
    if vocab.is_common_term(ms[i].form):
        return None
    suffix_start = ms[j - 1].end - len(suffix)
    if suffix not in vocab.spaced_suffixes and any(m.start == suffix_start and not s.glued(k)
                                                   for k, m in enumerate(ms[i:j], i)):
        return None  # a suffix written apart must be one that stands apart (누리 테크놀로지, not 폴라 오토)
    if _one_written_word(s, i, j) and (suffix in vocab.institute_suffixes or j - i <= MAX_ONE_WORD_MORPHS):
        return Verdict.ACCEPT   # 경북IT융합산업기술원, 대한종합상사: a proper noun, common nouns, the suffix
    for m in ms[i:j]:
        if m.start >= suffix_start:
            break
        if not (m.tag in T.name_like or m.oov or m.form in vocab.suffix_set
                or (m.tag in JOINER_TAGS and m.form in G.marks.name_joiners)):
            return None
    return Verdict.ACCEPT


def _one_written_word(s: SentenceView, i: int, j: int) -> bool:
    """One written word from a proper noun (or Latin letters) to the suffix."""
    return s.ms[i].tag in T.name_like and all(s.glued(k) for k in range(i + 1, j))
