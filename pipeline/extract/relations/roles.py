"""The case role a particle gives the noun phrase before it (configs/korean.yaml `case_roles`)."""
from __future__ import annotations

from typing import NamedTuple

from pipeline.extract.relations.items import Role
from pipeline.korean import Morph, grammar

G = grammar()
T = G.tags


class CaseRole(NamedTuple):
    role: Role
    topic: bool      # 은/는/도: may carry over to later clauses
    after: int       # index after the particle(s) read
    joint: bool      # 와 함께, 와 공동으로


def case_role(ms: tuple[Morph, ...], p: int) -> CaseRole:
    """Role of the particle(s) at morpheme p; `other` when there is none."""
    n = len(ms)
    if p >= n:
        return CaseRole(Role.OTHER, False, p, False)
    m = ms[p]
    nxt = ms[p + 1] if p + 1 < n else None
    for row, tags, forms in G.case_roles:
        if m.tag not in tags or (forms is not None and m.form not in forms):
            continue
        if row.glued_only and not (p > 0 and ms[p - 1].end == m.start):
            continue
        if row.means_verbs and not (nxt is not None and nxt.form in G.means_verbs):
            continue
        q = p + 1
        if row.then_particle and nxt is not None and nxt.tag in T.particle:  # 와의, 와는, 와도
            q += 1
        if row.joint:
            joint = q < n and ms[q].form in G.joint_adverbs
            if joint and q + 1 < n and ms[q + 1].tag in T.particle:
                q += 1  # "와 함께" already read
            elif q + 1 < n and ms[q].form in G.joint_nouns and ms[q + 1].form in G.particles.means \
                    and ms[q + 1].tag in T.particle:
                joint, q = True, q + 2   # "와 공동으로": jointly, as 함께 (an adverb of the verb after it)
            return CaseRole(Role(row.role), row.topic, q, joint)
        if row.topic_nouns and nxt is not None and nxt.form in G.genitive_topic_nouns:  # "A의 경우": a topic
            q = p + 2
            if q < n and ms[q].tag in T.particle:
                q += 1
            return CaseRole(Role.SUBJ, True, q, False)
        if row.then_auxiliary and nxt is not None and nxt.tag in T.auxiliary_particle:  # 에는, 로부터도
            q += 1
        if row.about_verbs and nxt is not None and nxt.form in G.about_verbs:  # "B에 대한/대해"
            q = p + 1
        return CaseRole(Role(row.role), row.topic, q, False)
    return CaseRole(Role.OTHER, False, p, False)
