"""A subject and its comitative partner: A는 B와 손잡고, A가 B와 공동 개발."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Group


@rule("rel.comitative.v1", label="comitative")
def comitative(c: Clause, partners: list[Group]) -> list[Candidate]:
    """Every subject organisation with every member of every 와/과 group before the trigger."""
    return [c.candidate(a, b, comitative, comitative.label)
            for g in partners for b in dedup(g.members) for a in c.subj_orgs]
