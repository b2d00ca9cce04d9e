"""Names written in two words: 토카이 리카, 크라우스 마페이, SITC 쉽어닝, 21세기 폭스, and a
group's brand before a proper noun (코오롱 잭니클로스)."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
SECOND_WORD_TAGS = T.name_like | T.noun
PHRASE_END_TAGS = T.particle | T.opening_bracket | T.closing_bracket | T.final_punctuation


@rule("org.spaced_name.v1", label="")
def spaced_name_end(s: SentenceView, i: int, j: int) -> int:
    """The name i..j goes on with the next spaced word when both look like proper names (a proper,
    foreign or unknown word) and the noun phrase ends right after the second one (a particle, a
    bracket, a list mark, 등). Returns the new end, or j."""
    ms = s.ms
    if j >= len(ms) or s.glued(j) or not proper_word(s, j - 1):
        return j
    k = s.word_end(j, frozenset(T.particle | T.punctuation))
    if not all(proper_word(s, q) or (q > j and ms[q].tag in SECOND_WORD_TAGS) for q in range(j, k)):
        return j
    second = s.surface(j, k)
    if not usable_second_word(s, second) or not phrase_ends(s, k) or not usable_first_word(s, s.surface(i, j)) \
            or _complete_name(s, second):
        return j
    return k


def usable_first_word(s: SentenceView, word: str) -> bool:
    """Not a place or a term written before the name (텍사스주 휴스턴, 색조 ODM 코스모앤): a
    non-organisation, a common term or a word with a place ending."""
    vocab = s.res.vocab
    compact = "".join(word.split())
    return not (s.res.lexicon.is_non_organization(word) or vocab.is_common_term(word)
                or vocab.ends_in(compact, vocab.non_org_endings))


def _complete_name(s: SentenceView, word: str) -> bool:
    """The second word is a whole company name by itself (… 버진미디어): the first word only
    modifies it."""
    return s.res.vocab.ends_in_company_suffix("".join(word.split()))


def proper_word(s: SentenceView, k: int) -> bool:
    m = s.ms[k]
    return m.tag in T.name_like or (m.oov and m.tag in T.noun)


def usable_second_word(s: SentenceView, word: str) -> bool:
    """Not a word that stands on its own next to a name: a type noun, a title, a place, a term,
    another known organisation, a word that mixes Latin and Hangul across a period."""
    vocab, lexicon = s.res.vocab, s.res.lexicon
    if "." in word and not word.isascii():
        return False
    return not (word in vocab.type_nouns or word in vocab.person_titles or vocab.is_common_term(word)
                or lexicon.is_non_organization(word) or lexicon.lookup(word) is not None
                or word in vocab.possession_nouns or word in vocab.group_tail_nouns)


def phrase_ends(s: SentenceView, k: int) -> bool:
    """A particle, a bracket, a list mark, 등 or the sentence end comes next."""
    ms = s.ms
    return k >= len(ms) or ms[k].tag in PHRASE_END_TAGS or ms[k].form in G.marks.list_marks \
        or ms[k].form in s.res.vocab.group_tail_nouns


def numeral_head_start(s: SentenceView, i: int) -> int:
    """'21세기 폭스': a number glued to a head word (세기) before the name starts the name."""
    ms = s.ms
    if i >= 2 and not s.glued(i) and ms[i - 1].form in s.res.vocab.numeral_name_heads and s.glued(i - 1) \
            and ms[i - 2].tag in T.number and not (i >= 3 and s.glued(i - 2)):
        return i - 2
    return i


def brand_and_proper_word_end(s: SentenceView, j: int) -> int:
    """A business group's name goes on with a spaced proper noun that is not a person's
    (코오롱 잭니클로스는, not 카카오 김범수는)."""
    ms = s.ms
    if j >= len(ms) or s.glued(j) or ms[j].tag not in T.proper_noun:
        return j
    k = s.word_end(j, frozenset(T.particle | T.punctuation))
    if any(ms[q].tag not in T.name_like for q in range(j, k)):
        return j
    word = s.surface(j, k)
    compact = "".join(word.split())
    if len(compact) < 3 or s.res.vocab.looks_like_person(compact) or not usable_second_word(s, word) \
            or not phrase_ends(s, k):
        return j
    return k


def latin_word_end(s: SentenceView, j: int) -> int:
    """A Latin name goes on with a spaced Latin word built with a joiner (CJ E&M, LS E&S)."""
    ms = s.ms
    if j >= len(ms) or s.glued(j) or ms[j].tag not in T.foreign_word:
        return j
    k = j + 1
    while k < len(ms) and s.glued(k) and (ms[k].tag in T.foreign_word or ms[k].form in G.marks.name_joiners):
        k += 1
    if not any(ms[q].form in G.marks.name_joiners for q in range(j, k)) or not phrase_ends(s, k):
        return j
    return k
