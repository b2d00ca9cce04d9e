"""A symmetric relation offered to a dative partner: A가 B에 제휴를 제안, B에 협력."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Group


@rule("rel.dative.v1", label="dative")
def dative(c: Clause, partners: list[Group]) -> list[Candidate]:
    """Every subject organisation with every member of every 에/에게 group before the trigger."""
    return [c.candidate(a, b, dative, dative.label) for g in partners for b in dedup(g.members) for a in c.subj_orgs]
