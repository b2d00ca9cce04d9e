"""A sentence without a subject continues the previous sentence's topic: A는 B와 제휴를 맺었다.
또한 C와도 손을 잡았다 (A–C)."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Discourse
from pipeline.extract.relations.items import Group, Role, SentenceItems, names_own_subject


@rule("rel.zero_subject.v1", label="zero_subject")
def zero_subject(items: SentenceItems, discourse: Discourse) -> Group | None:
    """Korean drops a subject that is the previous sentence's organisation topic: when the
    sentence's first clause names no subject, that topic (one organisation or a pair) acts.
    A sentence about competitors or with a subject that is no organisation ends the topic."""
    if names_own_subject(items, discourse.in_body) or not discourse.zero_subject:
        return None
    members = list(discourse.zero_subject)
    return Group(members, [[members]], role=Role.SUBJ, topic=True, inherited=True)
