"""Partners named inside one group: A와 B가 합작법인을 세운다, A·B 컨소시엄, A와 B, C와 D가 각각 …"""
from __future__ import annotations

from itertools import combinations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Group, Role

SIGNING_KINDS = ("explicit", "generic")


@rule("rel.coordination.v1", label="coordination")
def coordination(c: Clause, g: Group) -> list[Candidate] | None:
    """One list of organisations that is the whole relation (A와 B가 협력, A·B 합병)."""
    if _lists_pairs(g):
        return None
    return [c.candidate(a, b, coordination, coordination.label, window=w) for a, b, w in _pairs(c, g)] or None


@rule("rel.pair_list.v1", label="pair_list")
def pair_list(c: Clause, g: Group) -> list[Candidate] | None:
    """A list of pairs (A와 B, C와 D가 각각 …; A와 B에 이어 C와 D가 …): each part is one relation."""
    if not _lists_pairs(g):
        return None
    return [c.candidate(a, b, pair_list, pair_list.label, window=w) for a, b, w in _pairs(c, g)] or None


def _pairs(c: Clause, g: Group) -> list[tuple]:
    members = dedup(g.members)
    if len(members) < 2 or (g.listing and not _lists_pairs(g)):
        return []
    distributive = c.marked_in_clause(c.items.distributive)
    if g.is_pair_structure:
        if distributive and len(g.parts) == 1:
            return []
        return [(a, b, _part_window(g, k)) for a, b, k in g.structured_pairs() if a.canonical != b.canonical]
    if distributive:
        return []
    explicit = any(t.entry.name in c.vocab.reciprocal_triggers or t.entry.relation in ("merger", "joint_venture")
                   for t in c.triggers)
    if c.role(g) in (Role.BARE, Role.GEN) or explicit or c.marked_in_clause(c.items.joint) or g.joint \
            or _signing_subjects(c, g):
        return [(a, b, None) for a, b in combinations(members, 2)]
    return []


def _part_window(g: Group, k: int) -> tuple[int, int]:
    part_members = [m for side in g.parts[k] for m in side]
    start = g.parts[k - 1][-1][-1].j if k > 0 else g.i - 6
    return (max(0, start), part_members[-1].j)


def _lists_pairs(g: Group) -> bool:
    """'A와 B, C와 D': a list of pairs (A, B, C and A와 B, C are one list; one 'A와 B 등' is a listing)."""
    return g.is_pair_structure and len(g.parts) > 1


def _signing_subjects(c: Clause, g: Group) -> bool:
    """'A·B·C가 협약을 맺었다': a listed subject of an agreement or a tie-up, with no other side
    named, is the set of parties (an activity such as 개발 alone says nothing of partners)."""
    return g is c.subj and not c.subject_borrowed and c.head.entry.kind in SIGNING_KINDS
