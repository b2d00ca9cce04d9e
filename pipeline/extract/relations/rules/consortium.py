"""Shareholders joining a consortium: X 컨소시엄에 A가 최대주주로 참여한다. B와 C가 각각 10%씩
주주로 참여했다 — B and C are A's partners (and not each other's: co-members are no pair)."""
from __future__ import annotations

from pipeline.extract.organizations import OrgMention
from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Boundary, Group, Role, Trigger

MEMBER_ROLES = (Role.SUBJ, Role.BARE)


@rule("rel.consortium.v1", label="consortium")
def consortium_members(c: Clause) -> tuple[list[Candidate], list[OrgMention] | None]:
    """Members (subjects and names listed with them) of a 참여/합류 with a shareholding word: with a
    leader word (최대주주, 주도) in the clause they are the leader; otherwise each pairs with the
    leader of a consortium named in the last few sentences. Returns (candidates, new leader or None)."""
    last_trigger = max(t.i for t in c.triggers)
    members = list(c.subj_orgs)
    for g in c.groups:
        if c.role(g) in MEMBER_ROLES and g.i < last_trigger and not _names_the_consortium(c, g):
            members += g.members
    members = dedup(members)
    if not members:
        return [], None
    if _has_leader_word(c, c.span):
        return [], members[:1]
    d = c.discourse
    leader = _leader_in_sentence(c)
    named_here = leader is not None
    if leader is None:
        if not d.consortium_leader or d.sentence - d.consortium_sentence > c.vocab.consortium_scope:
            return [], None
        leader = d.consortium_leader[0]
    return [c.candidate(leader, m, consortium_members, consortium_members.label)
            for m in members if m.canonical != leader.canonical], [leader] if named_here else None


def _has_leader_word(c: Clause, span: tuple[int, int]) -> bool:
    clause = "".join(m.form for m in c.ms[span[0]:span[1]])   # Kiwi may cut 최대주주 into 최대 + 주주
    return any(word in clause for word in c.vocab.consortium_leader_words)


def _leader_in_sentence(c: Clause) -> OrgMention | None:
    """'A가 지분 40%로 최대주주를 맡고, B와 C가 각각 15%씩 참여한다': the subject of another clause
    of the sentence that holds a leader word leads."""
    bounds = [0] + [b.i + 1 for b in c.items.items if isinstance(b, Boundary)] + [len(c.ms)]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if (lo, hi) == c.span or not _has_leader_word(c, (lo, hi)):
            continue
        for g in c.items.items:
            if isinstance(g, Group) and g.role == Role.SUBJ and g.members and lo <= g.i < hi:
                return g.members[0]
    return None


def _names_the_consortium(c: Clause, g) -> bool:
    """'토스뱅크 컨소시엄에': the name right before the word 컨소시엄 is the consortium itself."""
    return any(isinstance(t, Trigger) and t.i == g.j and t.entry.name in c.vocab.consortium_words
               for t in c.items.items)
