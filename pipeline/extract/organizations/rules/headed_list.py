"""A list closed by 등 and a head that counts or names companies: every member is an organisation.
삼성벤처투자, 누리 투자, 한빛파트너스 등 다수의 벤처캐피탈이 …; ㈜대승 등 4개사와 …"""
from __future__ import annotations

import re

from pipeline.extract.organizations import spans
from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.rules.veto import veto
from pipeline.extract.organizations.sentence import NameSpan, SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
HEAD_TAGS = T.common_noun | T.bound_noun | T.number | T.numeral | T.determiner | T.noun_suffix | T.genitive_case \
    | T.separator | T.other_symbol | T.joining_mark | T.copula | T.adnominal_ending
MEMBER_TAGS = T.name_like | T.common_noun | T.number | T.joining_mark | T.other_symbol
MAX_HEAD = 14
MAX_MEMBER = 6
COUNT = re.compile(r"\d+")
WORD_TAGS = T.common_noun | T.bound_noun | T.number | T.noun_suffix


@rule("org.headed_list.v1", label="context:headed_list")
def headed_list_members(s: SentenceView, found: list[OrgMention], taken: list[bool]) -> list[OrgMention]:
    """Members of 'A, B(,) C 등 HEAD' where HEAD is a company count (3개사, 4사) or a noun phrase
    ending in an organisation type noun (다수의 벤처캐피탈, 부품 생산기업). A member needs a
    proper, foreign or unknown word, or a company suffix (지유 투자), and is not a place or term."""
    ms = s.ms
    new: list[OrgMention] = []
    for e, m in enumerate(ms):
        if m.form not in s.res.vocab.list_closers or e == 0 or not _company_head(s, e + 1):
            continue
        for i, j in _members(s, e):
            if any(taken[i:j]):
                continue
            mention = _member(s, i, j)
            if mention is not None:
                new.append(mention)
                for k in range(i, j):
                    taken[k] = True
    return new


def _company_head(s: SentenceView, k: int) -> bool:
    """After 등: a phrase whose last word is a count of companies (3개사, 20여 개사) or an
    organisation type (다수의 벤처캐피탈, 부품 생산기업), before a particle."""
    ms, vocab = s.ms, s.res.vocab
    last_word, counted, joined = None, False, False
    q = k
    while q < len(ms) and q - k < MAX_HEAD and (ms[q].tag in HEAD_TAGS or ms[q].tag in T.proper_noun
                                                or ms[q].form in G.list_conjunctions):
        if ms[q].form in G.list_conjunctions:
            joined = True  # 4개 기업 및 기관: the first head says what the members are
        elif ms[q].tag in T.noun and not joined:
            start = q
            while start > k and s.glued(start) and ms[start - 1].tag in WORD_TAGS:
                start -= 1
            last_word = s.surface(start, q + 1)
            counted = any(m.tag in T.figure for m in ms[max(k, start - 2):start])  # 20여 개사
        q += 1
    if last_word is None or (q < len(ms) and ms[q].tag not in T.particle | T.punctuation):
        return False
    count = COUNT.match(last_word)
    if count is not None:
        last_word, counted = last_word[count.end():].lstrip(), True
    if counted and last_word in vocab.company_counters:
        return True
    last_word = "".join(last_word.split())
    return vocab.is_type_noun(last_word) or any(last_word.endswith(t) for t in vocab.type_nouns if len(t) > 1)


def _members(s: SentenceView, e: int) -> list[tuple[int, int]]:
    """(start, end) of each member before 등, nearest first, separated by commas, middle dots,
    와/과 or 및; a bracketed gloss at a member's end is left out of it."""
    ms = s.ms
    out = []
    end = e
    while end > 0:
        j = end
        if ms[j - 1].tag in T.closing_bracket:  # NAME(GM): skip the gloss
            q = j - 1
            while q > 0 and ms[q].tag not in T.opening_bracket:
                q -= 1
            j = q
        i = j
        while i > 0 and ms[i - 1].tag in MEMBER_TAGS and ms[i - 1].form not in G.marks.list_marks \
                and j - (i - 1) <= MAX_MEMBER:
            i -= 1
        if i == j or _generic(s, i, j):
            break  # 지방은행과 신한, 롯데카드 등: the list starts after another noun phrase's head
        out.append((i, j))
        sep = i - 1
        if sep < 0 or not (ms[sep].form in G.marks.list_marks or ms[sep].form in G.list_conjunctions
                           or (ms[sep].tag in T.comitative_particle and ms[sep].form in G.particles.comitative)):
            break
        end = sep
    return out


def _generic(s: SentenceView, i: int, j: int) -> bool:
    """Common nouns ending in an organisation type noun: a description, not a name."""
    if any(m.tag in T.name_like or m.oov for m in s.ms[i:j]):
        return False
    word = "".join(s.surface(i, j).split())
    return any(word.endswith(t) for t in s.res.vocab.type_nouns)


def _member(s: SentenceView, i: int, j: int) -> OrgMention | None:
    ms, vocab, lexicon = s.ms, s.res.vocab, s.res.lexicon
    name = s.surface(i, j)
    known = lexicon.lookup(name)
    if known is None:
        if not spans.plausible_name(s, name, ms[j - 1]) or ms[i].tag not in T.noun | T.foreign_word:
            return None
        compact = "".join(name.split())
        if vocab.looks_like_person(compact) or any(m.form in vocab.person_titles for m in ms[i:j]):
            return None
        if not any(m.tag in T.name_like or m.oov for m in ms[i:j]) and not _cut_head_and_suffix(s, i, j):
            return None
        if veto(s, NameSpan(i, j, j, name)):
            return None
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, known.canonical if known else name,
                      known.type if known else "company", headed_list_members.label,
                      rule=headed_list_members.rule_id)


def _cut_head_and_suffix(s: SentenceView, i: int, j: int) -> bool:
    """Common nouns only: a company suffix after a head Kiwi cut into one-syllable pieces (지/유 투자),
    not a compound of words it knows (시중/은행)."""
    ms, suffixes = s.ms, s.res.vocab.suffix_set
    k = j - 1
    if ms[k].form not in suffixes or len(ms[k].form) < 2:
        return False
    head = ms[i:k]
    return len(head) >= 2 and all(len(m.form) == 1 for m in head)
