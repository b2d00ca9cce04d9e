"""'A가 B, C와 함께 합작사를 설립', 'A는 B, C와 함께 협약을 맺었다': one venture or agreement, of all of them."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Group


@rule("rel.joint_founders.v2", label="joint_founders")
def joint_founders(c: Clause, partners: list[Group]) -> list[Candidate]:
    """A joint venture set up with several comitative partners, or any relation made together with
    them (B, C와 함께): they are all its parties, so each two of them are partners too — even when
    the subject is no organisation (a ministry) — unless 각각 says there is one per partner, or 등
    lists examples (A는 B, C 등과 합작법인을 세웠다: one venture with each)."""
    together = any(g.joint for g in partners)
    if not (c.relation == "joint_venture" and c.subj_orgs or together) or c.marked_in_clause(c.items.distributive) \
            or any(g.listing for g in partners):
        return []
    members = [m for m in dedup([m for g in partners for m in g.members]) if m not in c.subj_orgs]
    return [c.candidate(a, b, joint_founders, joint_founders.label)
            for k, a in enumerate(members) for b in members[k + 1:]]
