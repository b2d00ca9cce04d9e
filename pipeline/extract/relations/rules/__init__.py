"""Relation rules.

Symmetric relations try, in order: `respectively` and `comitative` (a 와/과 partner;
`joint_founders` pairs the partners of one joint venture with each other), `absorption`
(A는 B, C 등을 합병), `dative` (an 에 partner), then a group that names the partners
itself: `anaphora` (양사), `pair_list` and `coordination`. Directed relations go by the
trigger's voice (`directed`, with `relative_head` and `written_order` for the unmarked
cases); `consortium` pairs members with a consortium's leader. `stake_purchase` turns a stake
acquisition into an investment first; `zero_subject` gives a sentence without a subject the
previous sentence's topic; `additive_object` reads 'C도' in a later clause as what was bought."""
from __future__ import annotations

import dataclasses

from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Group, Role
from pipeline.extract.relations.rules.absorption import absorption
from pipeline.extract.relations.rules.additive_object import additive_object
from pipeline.extract.relations.rules.anaphora import pair_anaphora
from pipeline.extract.relations.rules.comitative import comitative
from pipeline.extract.relations.rules.consortium import consortium_members
from pipeline.extract.relations.rules.coordination import coordination, pair_list
from pipeline.extract.relations.rules.dative import dative
from pipeline.extract.relations.rules.directed import voiced
from pipeline.extract.relations.rules.joint_founders import joint_founders
from pipeline.extract.relations.rules.respectively import respectively
from pipeline.extract.relations.rules.stake_purchase import stake_purchase
from pipeline.extract.relations.rules.zero_subject import zero_subject
from pipeline.korean import grammar

GROUP_RULES = (pair_anaphora, pair_list, coordination)
SUBJECT_TAGS = grammar().tags.subject_case | grammar().tags.auxiliary_particle
OWN_PAIR_ROLES = (Role.BARE, Role.GEN, Role.OBJ)

__all__ = ["additive_object", "bind_directed", "bind_symmetric", "consortium_members", "stake_purchase", "zero_subject"]


def bind_symmetric(c: Clause) -> list[Candidate]:
    """Partnerships, joint development and ventures, mergers of equals: the first rule that binds wins."""
    last_trigger = max(t.i for t in c.triggers)
    if c.head_group is not None and (not c.subj_orgs or c.subject_borrowed):
        # "B와 제휴를 맺어 온 C": the organisation the relative clause describes is its subject
        c = dataclasses.replace(c, subj_orgs=dedup(c.head_group.parts[0][0] if c.subj_orgs else c.head_group.members))
    partners = [g for g in c.groups if c.role(g) in (Role.COM, Role.SELECTED) and g.i < last_trigger]
    if partners and c.subject_borrowed and c.head_group is None and _relation_is_topic(c):
        return []   # "…, B와의 제휴는 줄어들 전망이다": the partnership with B, whoever its other side is
    if partners:
        return respectively(c, partners) or comitative(c, partners) + joint_founders(c, partners)
    if Role.COM in c.generic_roles:
        return []  # the partner slot holds something that is not an organisation
    if c.head.entry.kind == "activity" and not c.marked_in_clause(c.items.joint):
        # 개발 alone is a relation only with a partner or a joint marker
        if not (isinstance(c.subj, Group) and c.subj.is_pair_structure and len(c.subj.parts) > 1):
            return []
    absorbed = absorption(c, last_trigger)
    if absorbed:
        return absorbed
    datives = [g for g in c.groups if c.role(g) == Role.DAT and g.i < last_trigger and g.members]
    if datives and c.subj_orgs and c.head.entry.kind != "activity":
        return dative(c, datives)
    for g in [c.subj] + [g for g in c.groups if c.role(g) in OWN_PAIR_ROLES and g.i < last_trigger]:
        if not isinstance(g, Group) or g.inherited:  # an inherited pair was bound where it was named
            continue
        for group_rule in GROUP_RULES:
            found = group_rule(c, g)
            if found:
                return found
    return []


def _relation_is_topic(c: Clause) -> bool:
    """The relation noun itself takes the subject or topic particle (B와의 제휴는 …)."""
    j = c.head.j
    particles = grammar().particles
    return j < len(c.ms) and c.ms[j].tag in SUBJECT_TAGS and c.ms[j].form in particles.subject - particles.additive


def bind_directed(c: Clause):
    """Investment, acquisition, supply and absorbing mergers: (candidates, investee or None)."""
    return voiced(c)
