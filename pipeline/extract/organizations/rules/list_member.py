"""Members of a list that holds an organisation: A, B 등과 …; 반도체 기업인 A, B, C에 …"""
from __future__ import annotations

from pipeline.extract.organizations import spans
from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.rules.lexicon import NOT_PARTIES
from pipeline.extract.organizations.rules.relation_subject import relation_subject
from pipeline.extract.organizations.rules.spaced_name import phrase_ends
from pipeline.extract.organizations.rules.veto import veto
from pipeline.extract.organizations.sentence import NameSpan, SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
MEMBER_TAGS = T.name_like | T.common_noun | T.number | T.other_symbol
WORD_TAGS = T.name_like | T.common_noun


@rule("org.list.v2", label="context:list")
def list_members(s: SentenceView, found: list[OrgMention], taken: list[bool]) -> list[OrgMention]:
    """Unknown proper words listed next to an organisation are organisations too; a member may
    bring its own descriptor ('물류 기업 B'), and a lexicon name that is also a word (토스, 바른손)
    counts as a member. A member ends its noun phrase ('B 시리즈의 C' lists no B). Returns the new
    mentions (and marks them taken)."""
    ms, marks = s.ms, G.marks.list_marks
    by_start = {f.i: f for f in found}
    new_mentions: list[OrgMention] = []

    def take(mention: OrgMention) -> None:
        new_mentions.append(mention)
        by_start[mention.i] = mention
        for k in range(mention.i, mention.j):
            taken[k] = True

    for mention in list(found):
        if mention.source == relation_subject.label and not mention.repeated:
            continue
        k = mention.j
        while k + 1 < len(ms) and (ms[k].form in marks or _joins_known_word(s, k)):  # forwards
            nxt = _after_descriptor(s, k + 1)
            if nxt in by_start:
                k = by_start[nxt].j
                continue
            new = _member(s, nxt, taken)
            if new is None:
                break
            take(new)
            k = new.j
        k = mention.i - 1
        while k >= 1 and ms[k].form in marks:  # backwards: the word before the mark
            start = k - 1
            while start > 0 and s.glued(start) and ms[start - 1].tag in WORD_TAGS:
                start -= 1
            if start in by_start:
                k = by_start[start].i - 1
                continue
            new = _member(s, start, taken, end=k)
            if new is None:
                break
            take(new)
            k = start - 1
    return new_mentions


def _member(s: SentenceView, i: int, taken: list[bool], end: int | None = None) -> OrgMention | None:
    ms = s.ms
    if i >= len(ms) or taken[i]:
        return None
    ambiguous = _known_word(s, i, end)
    if ambiguous is not None:
        return ambiguous
    m = ms[i]
    if not (m.oov or m.tag in T.foreign_word or (m.tag in T.proper_noun and end is None)) \
            or not spans.can_start_name(s, i, False):
        return None
    j = end if end is not None else spans.name_run_end(s, i)
    if any(taken[i:j]) or any(ms[k].tag not in MEMBER_TAGS for k in range(i, j)):
        return None
    if end is None and not phrase_ends(s, j):
        return None  # 'B 시리즈의 C': B modifies the next noun, it is no member
    name = s.surface(i, j)
    if len(name) < 2 or s.res.lexicon.is_non_organization(name) or s.res.vocab.is_common_term(name):
        return None
    if veto(s, NameSpan(i, j, j, name)):
        return None
    return OrgMention(i, j, m.start, ms[j - 1].end, name, name, "company", list_members.label,
                      rule=list_members.rule_id)


def _known_word(s: SentenceView, i: int, end: int | None) -> OrgMention | None:
    """A lexicon name that is also an ordinary word (토스, 바른손), as one whole word of the list."""
    ms = s.ms
    j = end if end is not None else s.word_end(i, frozenset(T.particle | T.punctuation))
    if j - i != 1 or (end is None and not phrase_ends(s, j)):
        return None
    entry = s.res.lexicon.lookup(ms[i].form)
    if entry is None or entry.type in NOT_PARTIES or not entry.surface_needs_context(ms[i].form):
        return None
    return OrgMention(i, j, ms[i].start, ms[i].end, ms[i].form, entry.canonical, entry.type, list_members.label,
                      rule=list_members.rule_id)


def _joins_known_word(s: SentenceView, k: int) -> bool:
    """'한솔홀딩스와 한솔 등': 와/과 joining a lexicon name that is also an ordinary word,
    which closes a list (등, a comma) rather than opening a relation (X와 손잡고)."""
    ms = s.ms
    if ms[k].tag not in T.conjunctive_particle or ms[k].form not in G.particles.comitative:
        return False
    return _known_word(s, k + 1, None) is not None and k + 2 < len(ms) \
        and (ms[k + 2].form in s.res.vocab.list_closers or ms[k + 2].form in G.marks.list_marks)


def _after_descriptor(s: SentenceView, k: int) -> int:
    """Skip '물류 기업' before a list member: nouns ending in an organisation type noun."""
    ms = s.ms
    for q in range(k, min(len(ms), k + 5)):
        if ms[q].tag not in T.common_noun:
            break
        if ms[q].form in s.res.vocab.type_nouns:
            return q + 1
    return k
