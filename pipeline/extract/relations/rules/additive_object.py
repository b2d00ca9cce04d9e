"""'A는 B에 투자했고, C도 사들였다': in a later clause that goes on with the earlier subject, an
organisation with 도 before a buying verb whose object is not written is what was bought (A also
bought C), not a second buyer."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.items import GenericArg, Group, Role, Trigger
from pipeline.korean import grammar

G = grammar()
T = G.tags
PREDICATE_STARTS = T.verb | T.verb_suffix   # 사들이(다), 인수 + 하(다): the relation word is the verb


@rule("rel.additive_object.v1", label="additive_object")
def additive_object(ms, clause_items: list, carried: Group | None) -> Group | None:
    """The group to read as the clause's object, or None. Only with a subject carried from the
    sentence's earlier clause, a single 도-subject, no written object, and an active acquisition
    word that is the clause's verb (not 'C도 인수를 검토했다', where C is a second buyer)."""
    if carried is None or not (carried.members or carried.anaphor):
        return None
    subjects = [g for g in clause_items if isinstance(g, (Group, GenericArg)) and g.role == Role.SUBJ]
    if len(subjects) != 1 or not isinstance(subjects[0], Group) or not subjects[0].members:
        return None
    group = subjects[0]
    if ms[group.j - 1].form not in G.particles.additive or ms[group.j - 1].tag not in T.auxiliary_particle:
        return None
    if any(isinstance(g, (Group, GenericArg)) and g.role == Role.OBJ for g in clause_items):
        return None
    return group if any(isinstance(t, Trigger) and t.i > group.i and _buys(ms, t) for t in clause_items) else None


def _buys(ms, t: Trigger) -> bool:
    """An active acquisition word used as the verb: 사들였다, 인수했다 (not 인수를, 인수 추진)."""
    verb = ms[t.j - 1].tag in T.verb or (t.j < len(ms) and ms[t.j].tag in T.verb_suffix)
    return t.entry.relation == "acquisition" and (t.entry.voice or "active") == "active" and verb
