"""A Latin gloss written inside a name: 에스케이(SK)이노베이션, 김영주(KYJ)골프 — one name whose
parts (엘지에너지솔루션, LG에너지솔루션) are its aliases."""
from __future__ import annotations

from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
SUFFIX_TAGS = T.common_noun | T.proper_noun | T.foreign_word
NAME_TAGS = T.proper_noun | T.common_noun   # 종이(Zongyi)그룹: Kiwi reads the name as a noun


@rule("org.gloss_in_name.v1", label="context:gloss_in_name")
def gloss_in_name(s: SentenceView, i: int) -> OrgMention | None:
    """NAME(LATIN)SUFFIX with no space anywhere: a proper noun (or a word Kiwi takes for a common
    noun, spelled as a name in Latin: 종이(Zongyi)그룹), its Latin spelling in brackets and a
    company word glued after them. The canonical name is the lexicon's for NAME+SUFFIX or
    LATIN+SUFFIX, else NAME+SUFFIX."""
    ms, vocab, lexicon = s.ms, s.res.vocab, s.res.lexicon
    k = i + 1   # the bracket first: the cheapest test, and the one that fails almost everywhere
    if k >= len(ms) or ms[k].tag not in T.opening_bracket or not s.glued(k) or ms[i].tag not in NAME_TAGS:
        return None
    latin_start = k + 1
    k = latin_start
    while k < len(ms) and s.glued(k) and ms[k].tag in T.foreign_word and _name_spelling(ms[k].form, ms[i].tag):
        k += 1
    if k == latin_start or k >= len(ms) or ms[k].tag not in T.closing_bracket or not s.glued(k):
        return None
    suffix_start = k + 1
    j = suffix_start
    while j < len(ms) and s.glued(j) and ms[j].tag in SUFFIX_TAGS:
        j += 1
    if j == suffix_start:
        return None
    suffix = s.surface(suffix_start, j)
    if not any(suffix.endswith(x) for x in vocab.suffix_set):
        return None
    stem, latin = ms[i].form, s.surface(latin_start, k)
    known = lexicon.lookup(stem + suffix) or lexicon.lookup(latin + suffix)
    name = s.surface(i, j)
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, known.canonical if known else stem + suffix,
                      known.type if known else "company", gloss_in_name.label, rule=gloss_in_name.rule_id,
                      shaped_by=gloss_in_name.rule_id)


def _name_spelling(latin: str, stem_tag: str) -> bool:
    """SK, KYJ; after a word Kiwi reads as a common noun also a capitalised name (Zongyi)."""
    return latin.isupper() or (stem_tag in T.common_noun and latin.istitle())
