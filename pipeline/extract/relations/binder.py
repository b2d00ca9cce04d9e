"""Clause binding: from a sentence's items to (source, target, relation) candidates.

A sentence splits into clauses at connective endings. Inside a clause each subject
group opens a *frame*; the other groups and the triggers that follow attach to it.
A frame with triggers binds its arguments through the relation rules (`rules/`); a frame
that has a subject and a partner but no trigger of its own takes the next frame's
triggers (A는 B와, C는 D와 각각 …). A clause without a subject borrows the sentence's topic.

The binder reads the chunker's items and never changes them: a group whose role the
binding reinterprets (the subject of a relative clause) is relabelled in the binder's
own table, and what later sentences may refer back to lives in `Discourse`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from pipeline.extract.organizations import OrgMention
from pipeline.extract.relations import rules
from pipeline.extract.relations.clause import Candidate, Clause, Discourse, dedup
from pipeline.extract.relations.items import (
    PARTNER_ROLES,
    Boundary,
    GenericArg,
    Group,
    RelativeEnd,
    Role,
    SentenceItems,
    Trigger,
    names_own_subject,
)
from pipeline.extract.relations.vocabulary import BIDDER_VOICE, KIND_RANK, RelationVocabulary
from pipeline.extract.trace import Trace
from pipeline.korean import grammar

SYMMETRIC = frozenset({"partnership", "joint_development", "joint_venture", "merger"})
NUMBER_TAGS = grammar().tags.number | grammar().tags.numeral
UNIT_TAGS = grammar().tags.numeral | grammar().tags.bound_noun
LIST_COMMAS = grammar().marks.list_commas
QUOTES = grammar().marks.quotes
PERCENT = grammar().marks.percent
COPULA_TAGS = grammar().tags.copula


@dataclass(slots=True, eq=False)
class Frame:
    subj: Group | GenericArg | None = None
    args: list = field(default_factory=list)       # Group | GenericArg in order
    triggers: list[Trigger] = field(default_factory=list)
    start: int = 0


TRANSFER_RELATIONS = ("acquisition", "investment")
STAKE_VOICES = ("active", "sell", "buy")   # voices in which a stake without control is an investment


class Binder:
    def __init__(self, vocabulary: RelationVocabulary):
        self.lex = vocabulary

    def bind_sentence(self, ms, items: SentenceItems, discourse: Discourse, trace: Trace | None = None,
                      sentence: int = 0) -> list[Candidate]:
        roles: dict[int, Role] = {}   # groups the binding reinterprets (id → role)
        discourse.sentence = sentence
        clauses: list[list] = [[]]
        for item in items.items:
            if isinstance(item, Boundary):
                clauses.append([])
            else:
                clauses[-1].append(item)
        bounds = [0] + [b.i + 1 for b in items.items if isinstance(b, Boundary)] + [len(ms)]
        out: list[Candidate] = []
        carried = rules.zero_subject(items, discourse)
        carried_com: list[Group] = []
        for k, clause_items in enumerate(clauses):
            span = (bounds[k], bounds[k + 1])
            if any(span[0] <= c < span[1] for c in items.competition):
                carried = _carry(clause_items, carried, roles)
                carried_com = []
                continue
            bought = rules.additive_object(ms, clause_items, carried) if k else None
            if bought is not None:   # an additive-marked organisation before a buying verb: the object
                roles[id(bought)] = Role.OBJ
                if trace is not None:
                    trace.add(sentence, rules.additive_object.rule_id,
                              f"{', '.join(m.name for m in bought.members)}: additive-marked, what was bought")
            frames = _frames(clause_items, roles, subject_dropped=not k and carried is not None and carried.inherited)
            if not any(isinstance(x, Trigger) for x in clause_items):
                # "A는 B와 지분을 교환하며 제휴를 맺었다": a partner named in a clause with no
                # relation word is the partner of the next clause's relation
                carried_com = [g for g in clause_items if isinstance(g, Group) and g.role == Role.COM and g.members]
                # "B와 C 등을 협력사로 선정해 계약을 맺었다": whom a clause selects is the next relation's partner
                if any(m.form in self.lex.selection_verbs for m in ms[span[0]:span[1]]):
                    for g in clause_items:
                        if isinstance(g, Group) and g.role == Role.OBJ and g.members:
                            roles[id(g)] = Role.SELECTED
                            carried_com.append(g)
            else:
                first_args = [a for a in frames[0].args if isinstance(a, (Group, GenericArg))] if frames else []
                if carried_com and frames and frames[0].triggers \
                        and not any(roles.get(id(a), a.role) == Role.COM for a in first_args):
                    frames[0].args[:0] = carried_com
                carried_com = []
                out.extend(self._bind_clause(ms, frames, carried, items, span, discourse, roles, trace, sentence))
            carried = _carry(clause_items, carried, roles)
        update_discourse(ms, items, out, discourse, roles)
        return out

    def _bind_clause(self, ms, frames: list[Frame], carried, items: SentenceItems, span, discourse: Discourse,
                     roles: dict[int, Role], trace: Trace | None, sentence: int) -> list[Candidate]:
        out: list[Candidate] = []
        pending: list[Frame] = []
        orphans: list = []
        for idx, frame in enumerate(frames):
            if not frame.triggers:
                # "A는 B와, C는 D와 각각 …", "A는 B에, C는 D에 각각 팔렸다", "A와 B가 각각 300억원씩,
                # C가 200억원을 투자했다": the relation comes later
                if isinstance(frame.subj, Group) and (any(
                        isinstance(a, Group) and roles.get(id(a), a.role) in PARTNER_ROLES and a.members
                        for a in frame.args) or _own_share(ms, items, frame, frames[idx + 1:], span)):
                    pending.append(frame)
                elif frame.subj is None:
                    orphans.extend(frame.args)  # "X에는 A의 B가 공급된다": arguments before a non-org subject
                continue
            if orphans:  # "X에는 A가 공급한다": a topicalised argument belongs to the next relation
                frame.args[:0] = orphans
            orphans = []
            subj = frame.subj
            if _subject_after(frame, frames[idx + 1:]):
                subj = frames[idx + 1].subj   # B의 우선협상대상자로 A가 선정됐다: the one selected comes after
            if subj is None:
                subj = frames[idx - 1].subj if idx > 0 and frames[idx - 1].subj is not None else carried
            clusters = _clusters(frame)
            for k, waiting in enumerate(pending):
                share = (waiting.start, (pending[k + 1] if k + 1 < len(pending) else frame).start)
                out.extend(self._bind(ms, waiting.args, waiting.subj, clusters[0][1], items, span, discourse, frames,
                                      roles, trace, sentence, share))
            own_share = (frame.start, span[1]) if pending else None
            pending = []
            for args, triggers in clusters:
                out.extend(self._bind(ms, args, subj, triggers, items, span, discourse, frames, roles, trace,
                                      sentence, own_share, borrowed=frame.subj is None))
        return out

    def _bind(self, ms, args: list, subj, triggers, items: SentenceItems, span, discourse: Discourse, frames,
              roles: dict[int, Role], trace: Trace | None, sentence: int,
              amount_window: tuple[int, int] | None = None, borrowed: bool = False) -> list[Candidate]:
        head, relation = self._resolve_type(triggers)
        if any(head.j <= k < min(span[1], head.j + 5) for k in items.negation):
            return []  # 협력하지 않는다, 투자를 하지 않기로: a negation right after the trigger's own verb
        if head.entry.holding and head.head_after is not None and _transferred(items, head):
            return []  # "C가 보유한 B 주식을 A가 양수", "인수 대상은 C가 보유한 B 주식": the seller's stake
        clause = Clause(
            ms=ms, items=items, span=span, discourse=discourse, roles=roles, vocab=self.lex, subj=subj,
            subj_orgs=_resolve_anaphor(subj, discourse) if isinstance(subj, Group) else [],
            groups=[a for a in args if isinstance(a, Group)],
            generic_roles=frozenset(a.role for a in args if isinstance(a, GenericArg) and a.i < head.i),
            head=head, triggers=triggers, relation=relation, head_group=_head_group(ms, head, frames),
            amount_window=amount_window, subject_borrowed=borrowed)
        stake_voice = (head.entry.voice or "active") in STAKE_VOICES
        if relation == "acquisition" and stake_voice and rules.stake_purchase(clause):
            clause = clause.with_relation("investment")
            if trace is not None:
                trace.add(sentence, rules.stake_purchase.rule_id,
                          f"{head.entry.name}: a stake, not control: investment")
        if head.entry.frame == "consortium":
            found, leader = rules.consortium_members(clause)
            if leader is not None:
                discourse.consortium_leader, discourse.consortium_sentence = leader, sentence
        elif relation in SYMMETRIC and not (relation == "merger" and head.entry.voice):
            found = rules.bind_symmetric(clause)
        else:
            found, investee = rules.bind_directed(clause)
            if investee is not None:
                discourse.last_investee, discourse.investee_sentence = investee, sentence
        if isinstance(subj, Group) and subj.inherited:
            found = [dataclasses.replace(c, rule=c.rule + "+zero_subject")
                     if c.source in subj.members or c.target in subj.members else c for c in found]
            if trace is not None and found:
                trace.add(sentence, rules.zero_subject.rule_id,
                          f"subject {', '.join(m.name for m in subj.members)} carried from an earlier sentence")
        if trace is not None:
            for c in found:
                arrow = "→" if c.directed else "—"
                trace.add(sentence, c.rule_id, f"{c.relation} {c.source.name} {arrow} {c.target.name} "
                                               f"[{c.rule}] trigger {head.entry.name}")
        return found

    def _resolve_type(self, triggers: list[Trigger]) -> tuple[Trigger, str]:
        """The trigger that names the relation, and the relation."""
        ranked = sorted(triggers, key=lambda t: (KIND_RANK[t.entry.kind], t.i))
        head = ranked[-1]
        if (head.entry.kind == "typed" and head.entry.relation in ("investment", "supply")
                and head.purpose in ("adnominal", "means")):
            later = [t for t in triggers if t.i > head.i and t.entry.kind in ("explicit", "generic")]
            if later:
                head = later[-1]
        if head.entry.kind == "generic":
            if any(t.entry.kind == "activity" and (t.purpose == "adverbial" or t.compound) for t in triggers):
                return head, "joint_development"
            return head, "partnership"
        return head, head.entry.relation


def _own_share(ms, items: SentenceItems, frame: Frame, later: list[Frame], span) -> bool:
    """A subject frame that states its own share and hands the relation word to the next
    frame: 'A와 B가 각각 300억원씩, C가 200억원을 투자했다'."""
    if not later or not any(f.triggers for f in later):
        return False
    end = later[0].start
    part = ms[frame.subj.j:end]
    closed_by_comma = any(m.form in LIST_COMMAS for m in part)
    counted = any(a.tag in NUMBER_TAGS and (b.tag in UNIT_TAGS or b.form in PERCENT)
                  for a, b in zip(part, part[1:], strict=False))
    distributive = any(frame.start <= k < end for k in items.distributive)
    return closed_by_comma and (counted or distributive)


def _subject_after(frame: Frame, later: list[Frame]) -> bool:
    """A preferred bidder's word before its subject: the next frame holds only the one selected."""
    return bool(later) and later[0].subj is not None and not later[0].triggers \
        and any(t.entry.voice == BIDDER_VOICE for t in frame.triggers)


def _frames(clause_items, roles: dict[int, Role], subject_dropped: bool = False) -> list[Frame]:
    """Frames in order. A relative clause (A가 주도한 투자) opens a frame that closes at
    its ending; what follows belongs to the enclosing frame again, and a closed frame
    without a trigger hands its subject to the enclosing frame as `rel_subj`. With the
    sentence's subject dropped (`subject_dropped`: carried from the previous sentence), a
    relative clause may open the sentence: 'B가 발주한 선박의 건조 계약을 맺었다'."""
    frames: list[Frame] = []
    stack: list[Frame] = []
    dropped: Frame | None = None   # the main clause whose subject was dropped, opened by a relative clause
    for item in clause_items:
        if isinstance(item, RelativeEnd) and subject_dropped and dropped is None and len(frames) == len(stack) == 1 \
                and isinstance(stack[0].subj, Group) and not stack[0].subj.topic:
            dropped = Frame(start=stack[0].start)
            stack.insert(0, dropped)
            frames.insert(0, dropped)
        if isinstance(item, RelativeEnd):
            # a relative clause's subject takes 이/가; a topic (은/는) belongs to the main clause, and so
            # does the only subject there is (A가 지분을 쥔 최대주주로 합류: the clause has no subject)
            if len(stack) > 1 and not (isinstance(stack[-1].subj, Group) and stack[-1].subj.topic) \
                    and (stack[-2].subj is not None or stack[-2] is dropped):
                closed = stack.pop()
                if not closed.triggers and isinstance(closed.subj, Group):
                    roles[id(closed.subj)] = Role.REL_SUBJ
                    stack[-1].args.extend([closed.subj, *closed.args])
                    frames.remove(closed)
                elif _orders_alone(closed):   # A는 B가 발주한 선박의 건조 계약을: B is A's customer
                    roles[id(closed.subj)] = Role.ORDERER
                    stack[-1].args.append(closed.subj)
                    frames.remove(closed)
            continue
        if isinstance(item, (Group, GenericArg)) and roles.get(id(item), item.role) == Role.SUBJ:
            frame = Frame(subj=item, start=item.i)
            frames.append(frame)
            stack.append(frame)
            continue
        if not stack:
            frame = Frame(start=getattr(item, "i", 0))
            frames.append(frame)
            stack.append(frame)
        if isinstance(item, Trigger):
            stack[-1].triggers.append(item)
        else:
            stack[-1].args.append(item)
    return frames


CUSTOMER_VOICES = frozenset({"receive", "buy"})   # 발주, 공급받 / 구매, 도입: the customer's words


def _orders_alone(frame: Frame) -> bool:
    """A relative clause whose only party is its subject and whose relation words are a customer's
    supply words (B가 발주한, B가 도입한): what it orders is what the enclosing clause supplies."""
    return isinstance(frame.subj, Group) and bool(frame.subj.members) and bool(frame.triggers) \
        and all(t.entry.relation == "supply" and t.entry.voice in CUSTOMER_VOICES for t in frame.triggers) \
        and not any(isinstance(a, Group) and a.members for a in frame.args)


def _carry(clause_items, carried: Group | None, roles: dict[int, Role]) -> Group | None:
    """The subject later clauses of the sentence inherit: the latest topic (은/는/도)."""
    for item in clause_items:
        if isinstance(item, Group) and roles.get(id(item), item.role) == Role.SUBJ \
                and (item.topic or carried is None) and (item.members or item.anaphor):
            carried = item
    return carried


def _clusters(frame: Frame) -> list[tuple[list, list[Trigger]]]:
    """Triggers with no argument between them name one relation (개발을 위한 파트너십);
    each such cluster binds the arguments that came after the previous cluster."""
    merged = sorted([*frame.args, *frame.triggers], key=lambda x: x.i)
    clusters: list[tuple[list, list[Trigger]]] = []
    args: list = []
    triggers: list[Trigger] = []
    for item in merged:
        if isinstance(item, Trigger):
            triggers.append(item)
            continue
        if triggers:
            clusters.append((args, triggers))
            args, triggers = [], []
        args.append(item)
    if triggers:
        clusters.append((args, triggers))
    elif args and clusters:  # arguments after the last trigger: a relative head (A가 인수한 B)
        clusters[-1][0].extend(args)
    return clusters


def _head_group(ms, head: Trigger, frames: list[Frame]) -> Group | None:
    """The organisation the trigger's relative clause modifies: A가 투자한 [‘]B[’]."""
    if head.head_after is None:
        return None
    start = head.head_after
    while start < len(ms) and ms[start].form in QUOTES:
        start += 1
    for frame in frames:
        for g in [frame.subj, *frame.args]:
            if isinstance(g, Group) and g.members and g.i == start:
                return g
    return None


def _resolve_anaphor(group: Group, discourse: Discourse) -> list[OrgMention]:
    if group.anaphor == "pair" and discourse.last_pair:
        return list(discourse.last_pair)
    if group.anaphor == "single" and discourse.last_topic:
        return discourse.last_topic[:1]
    return dedup(group.members)


def _before_copula(ms, g: Group) -> bool:
    """'… 곳은 A와 B다': the group is what the sentence says something is."""
    after = g.members[-1].j   # a zero-length copula (…스다 → 스 + 이 + 다) may end the mention itself
    return any(k < len(ms) and ms[k].tag in COPULA_TAGS for k in (after - 1, after))


def update_discourse(ms, items: SentenceItems, out: list[Candidate], discourse: Discourse,
                     roles: dict[int, Role] | None = None) -> None:
    """After a sentence: its last pair and its first subject are what 양사 and 이 회사 refer to."""
    roles = roles or {}
    pairs = [(c.source, c.target) for c in out if c.source.canonical != c.target.canonical]
    if len({frozenset((a.canonical, b.canonical)) for a, b in pairs}) > 1:
        pairs = pairs[-1:] if len({c.relation for c in out}) > 1 else []   # several pairs of one relation: ambiguous
    named = [dedup(g.members) for g in items.items if isinstance(g, Group) and len(dedup(g.members)) == 2
             and g.role in (Role.SUBJ, Role.BARE) and (g.role == Role.SUBJ or _before_copula(ms, g))]
    if pairs:
        discourse.last_pair = pairs[-1]
    elif out:
        discourse.last_pair = None   # 양사 after a list of investors: which two is not said
    elif named:  # "… 곳은 A와 B다. 두 곳은 …": the last two organisations named together
        discourse.last_pair = tuple(named[-1])
    subject = next((item for item in items.items if isinstance(item, Group) and item.members
                    and roles.get(id(item), item.role) == Role.SUBJ), None)
    if subject is not None:
        discourse.last_topic = dedup(subject.members)
    # what a following sentence without a subject continues: this one's organisation subject;
    # nothing after a subject that is no organisation, or a sentence about competitors
    if items.competition:
        discourse.zero_subject = []
    elif _joins_a_round(out):
        pass   # the round's investee stays the topic
    elif subject is not None and not subject.listing:
        discourse.zero_subject = dedup(subject.members)
    elif names_own_subject(items, discourse.in_body):
        discourse.zero_subject = []
    if not items.unfinished:
        discourse.in_body = True


def _joins_a_round(out: list[Candidate]) -> bool:
    """이번 투자에는 A가 참여했다: an investor joins someone's round; the round's investee stays the topic."""
    return bool(out) and all(c.trigger.entry.voice == "participate" for c in out)


def _transferred(items: SentenceItems, head: Trigger) -> bool:
    """A purchase or an investment word in the sentence (what the relative clause describes changes hands)."""
    return any(isinstance(t, Trigger) and t is not head and t.entry.kind == "typed"
               and t.entry.relation in TRANSFER_RELATIONS and not t.entry.holding for t in items.items)
