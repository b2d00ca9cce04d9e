"""양사는 …: the pair named before is the subject of this relation."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause
from pipeline.extract.relations.items import Group, Role


@rule("rel.anaphora.v2", label="anaphora")
def pair_anaphora(c: Clause, g: Group) -> list[Candidate] | None:
    """A pair anaphor (양사, 두 회사) as subject, or naming the deal (양사의 합병, 양사 합작) stands
    for the last pair of the discourse."""
    if g.anaphor != "pair" or not c.discourse.last_pair or not (g is c.subj or c.role(g) in (Role.GEN, Role.BARE)):
        return None
    a, b = c.discourse.last_pair
    return [c.candidate(a, b, pair_anaphora, pair_anaphora.label)]
