"""'A와 B는 각각 C, D와 …': the two lists pair up in order."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Group


@rule("rel.respectively.v1", label="respectively")
def respectively(c: Clause, partners: list[Group]) -> list[Candidate] | None:
    """With 각각 between them, a subject list and a partner list of the same length pair up member by member."""
    subj = c.subj
    if not isinstance(subj, Group) or len(partners) != 1:
        return None
    left, right = dedup(subj.members), dedup(partners[0].members)
    marker = [k for k in c.items.distributive if subj.j <= k < partners[0].i]
    if len(left) < 2 or len(left) != len(right) or not marker:
        return None
    return [c.candidate(a, b, respectively, respectively.label) for a, b in zip(left, right, strict=True)]
