"""A merger with an organisation subject and object: A는 B를 합병했다, A는 B, C, D 등을 합병하며 —
A absorbs each of them; the absorbed are no partners of each other."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Role


@rule("rel.absorption.v1", label="absorption")
def absorption(c: Clause, last_trigger: int) -> list[Candidate] | None:
    """Subject → every member of an object list before 합병 (not a 'B와 C' pair: a parent merging
    two of its companies, whose pair the coordination rule binds)."""
    if c.relation != "merger" or not c.subj_orgs:
        return None
    objects = [g for g in c.groups if c.role(g) == Role.OBJ and g.members and g.i < last_trigger
               and not g.is_pair_structure]
    if not objects:
        return None
    return [c.candidate(a, b, absorption, absorption.label) for g in objects for b in dedup(g.members)
            for a in c.subj_orgs] or None
