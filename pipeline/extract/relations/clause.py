"""What a relation rule reads (`Clause`) and what it returns (`Candidate`)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from pipeline.extract.organizations import OrgMention
from pipeline.extract.relations.items import GenericArg, Group, Role, SentenceItems, Trigger
from pipeline.extract.relations.vocabulary import RelationVocabulary
from pipeline.korean import Morph


@dataclass(frozen=True, slots=True)
class Candidate:
    source: OrgMention
    target: OrgMention
    relation: str
    directed: bool
    rule: str                   # the record's rule string: relation:trigger:label
    rule_id: str                # the registered rule that made it
    trigger: Trigger
    clause: tuple[int, int]     # morpheme span of the clause
    anchor: int                 # morpheme index the date/amount search centres on
    window: tuple[int, int] | None = None  # morpheme span of a pair-list part, for its date
    amount_window: tuple[int, int] | None = None  # morpheme span holding this pair's own amount (A가 300억원씩, …)


@dataclass(slots=True, eq=False)
class Discourse:
    """What later sentences may refer back to."""
    last_pair: tuple[OrgMention, OrgMention] | None = None
    last_topic: list[OrgMention] = field(default_factory=list)
    last_investee: list[OrgMention] = field(default_factory=list)
    investee_sentence: int = -1      # the sentence that named it
    consortium_leader: list[OrgMention] = field(default_factory=list)   # who leads the consortium being formed
    consortium_sentence: int = -1
    sentence: int = 0                # the sentence being bound
    # the topic a sentence without a subject of its own continues (A는 B와 제휴했다. 또한 C와도 …)
    zero_subject: list[OrgMention] = field(default_factory=list)
    in_body: bool = False            # a sentence with a final ending has been read: prose has begun


def dedup(members: list[OrgMention]) -> list[OrgMention]:
    """Mentions with distinct canonical names, first one kept."""
    seen, out = set(), []
    for m in members:
        if m.canonical not in seen:
            seen.add(m.canonical)
            out.append(m)
    return out


@dataclass(frozen=True, slots=True)
class Clause:
    """One relation to bind: a cluster of triggers with its arguments and the clause around it."""
    ms: tuple[Morph, ...]
    items: SentenceItems
    span: tuple[int, int]                 # morpheme span of the clause
    discourse: Discourse                  # read only: the binder updates it
    roles: dict[int, Role]                # groups the binder reinterpreted (id → role)
    vocab: RelationVocabulary
    subj: Group | GenericArg | None
    subj_orgs: list[OrgMention]           # the subject's organisations (an anaphor resolved)
    groups: list[Group]                   # the other groups of the frame
    generic_roles: frozenset[Role]        # roles filled by non-organisations before the trigger
    head: Trigger                         # the trigger that names the relation
    triggers: list[Trigger]
    relation: str
    head_group: Group | None              # the head noun of a relative clause (A가 인수한 B)
    amount_window: tuple[int, int] | None = None  # the part of the clause that holds this relation's own amount
    subject_borrowed: bool = False        # the subject is an earlier clause's (the clause names none)

    def role(self, g: Group | GenericArg) -> Role:
        return self.roles.get(id(g), g.role)

    def with_relation(self, relation: str) -> Clause:
        return dataclasses.replace(self, relation=relation)

    def marked_in_clause(self, positions: list[int]) -> bool:
        return any(self.span[0] <= k < self.span[1] for k in positions)

    def candidate(self, a: OrgMention, b: OrgMention, rule_fn, label: str, directed: bool = False,
                  window: tuple[int, int] | None = None, amount_window: tuple[int, int] | None = None) -> Candidate:
        return Candidate(a, b, self.relation, directed, f"{self.relation}:{self.head.entry.name}:{label}",
                         rule_fn.rule_id, self.head, self.span, self.head.i, window,
                         amount_window or self.amount_window)

    def recent_investee(self) -> list[OrgMention]:
        """The investee of a funding round named in this sentence or the last few, or anywhere
        earlier when this sentence speaks of the round (이번 라운드에서는 …)."""
        d = self.discourse
        if not d.last_investee:
            return []
        if d.sentence - d.investee_sentence <= self.vocab.investee_scope:
            return d.last_investee
        return d.last_investee if any(m.form in self.vocab.funding_words for m in self.ms) else []
