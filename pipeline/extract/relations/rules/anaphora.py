"""양사는 …: the pair named before is the subject of this relation."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause
from pipeline.extract.relations.items import Group


@rule("rel.anaphora.v1", label="anaphora")
def pair_anaphora(c: Clause, g: Group) -> list[Candidate] | None:
    """A pair anaphor (양사, 두 회사) as subject stands for the last pair of the discourse."""
    if g.anaphor != "pair" or not c.discourse.last_pair or g is not c.subj:
        return None
    a, b = c.discourse.last_pair
    return [c.candidate(a, b, pair_anaphora, pair_anaphora.label)]
