"""A name Kiwi shredded into one-syllable pieces before a company suffix: 대광그룹 → 대/광/그룹."""
from __future__ import annotations

from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
PIECE_TAGS = T.noun_prefix | T.common_noun | T.proper_noun | T.determiner | T.root | T.bound_noun
MAX_STEM = 4   # syllables


@rule("org.cut_word.v1", label="context:cut_word")
def cut_word(s: SentenceView, i: int) -> OrgMention | None:
    """One spaceless word: two to four one-syllable pieces, one of them not a common noun (a prefix,
    a proper noun, a root), then a company suffix of two or more syllables, then a particle or a
    space. Kiwi cuts an unknown stem that way (대/광/그룹); a common word before the suffix stays
    one piece (금융/그룹), and pieces that are all common nouns make a compound (법/과/대학)."""
    ms, suffixes = s.ms, s.res.vocab.suffix_set
    if len(ms[i].form) != 1 or (s.glued(i) and ms[i - 1].tag in T.nominal) or ms[i].tag in T.determiner:
        return None  # 양/대/그룹 is 'both big groups'
    k = i
    while k < len(ms) and (k == i or s.glued(k)) and ms[k].tag in PIECE_TAGS and len(ms[k].form) == 1:
        k += 1
    if not 2 <= k - i <= MAX_STEM or k >= len(ms) or not s.glued(k):
        return None
    if all(m.tag in T.common_noun for m in ms[i:k]):
        return None  # 법/과/대학: Kiwi knows each piece as a word, so it knows the compound
    if ms[k].form not in suffixes or len(ms[k].form) < 2 or ms[k].tag not in T.noun:
        return None
    j = k + 1
    if j < len(ms) and s.glued(j) and ms[j].tag in T.nominal:
        return None
    name = s.surface(i, j)
    if s.res.lexicon.is_non_organization(name) or s.res.vocab.is_common_term(name):
        return None
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, name, "company", cut_word.label,
                      rule=cut_word.rule_id, shaped_by=cut_word.rule_id)
