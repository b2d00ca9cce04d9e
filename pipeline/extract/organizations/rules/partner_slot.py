"""A proper word in a relation's partner slot: X와 손잡고, X에 투자, X로부터 수주, X를 인수."""
from __future__ import annotations

from pipeline.extract.organizations import evidence
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags


@rule("org.partner_slot.v2", label="context:partner_slot")
def partner_slot(s: SentenceView, span: NameSpan) -> Verdict | None:
    """A proper noun, foreign or unknown word before 와/에/로부터 (or 를 before 인수) and a relation
    word, or right before a relation noun whose object is an organisation (X 인수 협약)."""
    if span.j - span.i == 1 and _plural(s, span.j):
        return None   # 글로벌 에이전시들과: a kind of company, counted
    proper = any(m.tag in T.name_like or m.oov for m in s.ms[span.i:span.j])  # 21세기 폭스 starts with a number
    if span.j - span.i > 1 and s.ms[span.i].tag in T.common_noun and not s.ms[span.i].oov and not s.glued(span.i + 1):
        return None   # 건조사 헌팅턴 잉걸스: a common noun spaced before the name describes it
    if proper and evidence.partner_slot_after(s, span.after) and not _listed_with_a_field(s, span.i) \
            and not evidence.kind_noun_after(s, span.j):
        return Verdict.ACCEPT
    return None


def _listed_with_a_field(s: SentenceView, i: int) -> bool:
    """가상융합기술 및 애드테크 등에 투자: joined by 및 or a comma to a word of common nouns that is
    no organisation nor a kind of one (기업, 스타트업), the word names a field too."""
    k = i - 1
    if k < 1 or not (s.ms[k].form in G.list_conjunctions or s.ms[k].form in G.marks.list_commas):
        return False
    first = s.word_start(k - 1)
    word = s.ms[first:k]
    vocab = s.res.vocab
    compact = "".join(m.form for m in word)
    return all(m.tag in T.common_noun and not m.oov for m in word) and word[-1].form not in vocab.type_nouns \
        and not vocab.ends_in_company_suffix(compact) and s.res.lexicon.lookup(compact) is None


def _plural(s: SentenceView, j: int) -> bool:
    return j < len(s.ms) and s.ms[j].tag in T.noun_suffix and s.ms[j].form in s.res.vocab.plural_suffixes \
        and s.glued(j)
