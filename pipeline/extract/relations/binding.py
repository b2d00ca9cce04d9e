"""Clause binding: from a sentence's items to (source, target, relation) candidates.

A sentence splits into clauses at connective endings. Inside a clause each subject
group opens a *frame*; the other groups and the triggers that follow attach to it.
A frame with triggers binds its arguments by the relation's voice; a frame that has a
subject and a partner but no trigger of its own takes the next frame's triggers
(A는 B와, C는 D와 각각 …). A clause without a subject borrows the sentence's topic.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from pipeline.extract.organizations.finder import OrgMention
from pipeline.extract.relations.chunks import Boundary, GenericArg, Group, RelativeEnd, SentenceItems, Trigger
from pipeline.extract.relations.vocabulary import KIND_RANK, RelationLexicon

PARTNER_ROLES = frozenset({"com", "dat", "src", "obj"})
SYMMETRIC = frozenset({"partnership", "joint_development", "joint_venture", "merger"})


@dataclass(slots=True, eq=False)
class Frame:
    subj: Group | GenericArg | None = None
    args: list = field(default_factory=list)       # Group | GenericArg in order
    triggers: list[Trigger] = field(default_factory=list)
    start: int = 0


@dataclass(slots=True, eq=False)
class Candidate:
    source: OrgMention
    target: OrgMention
    relation: str
    directed: bool
    rule: str
    trigger: Trigger
    clause: tuple[int, int]     # morpheme span of the clause
    anchor: int                 # morpheme index the date/amount search centres on
    window: tuple[int, int] | None = None  # morpheme span of a pair-list part, for its date


@dataclass(slots=True, eq=False)
class Discourse:
    """What later sentences may refer back to."""
    last_pair: tuple[OrgMention, OrgMention] | None = None
    last_topic: list[OrgMention] = field(default_factory=list)
    last_investee: list[OrgMention] = field(default_factory=list)


NOUN_PHRASE_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SN", "SL", "SW", "SP", "SSO", "SSC", "XSN", "MM", "JKO", "JKG"})


def _noun_phrase_between(ms, a: int, b: int) -> bool:
    """Only a noun phrase (and a price) stands between a bare name and the trigger:
    "B 지분 10%를 인수", "B 지분 21%를 15억 유로에 사들이다"."""
    return all(m.tag in NOUN_PHRASE_TAGS or (m.form == "에" and k > a and ms[k - 1].tag in ("NNB", "NR"))
               for k, m in ((k, ms[k]) for k in range(a, b)))


def _percent(digits: str) -> float:
    try:
        return float(digits.replace(",", ""))
    except ValueError:
        return 0.0



def _dedup(members: list[OrgMention]) -> list[OrgMention]:
    seen, out = set(), []
    for m in members:
        if m.canonical not in seen:
            seen.add(m.canonical)
            out.append(m)
    return out


class Binder:
    def __init__(self, lexicon: RelationLexicon):
        self.lex = lexicon

    def bind_sentence(self, ms, items: SentenceItems, discourse: Discourse) -> list[Candidate]:
        clauses: list[list] = [[]]
        for item in items.items:
            if isinstance(item, Boundary):
                clauses.append([])
            else:
                clauses[-1].append(item)
        bounds = [0] + [b.i + 1 for b in items.items if isinstance(b, Boundary)] + [len(ms)]
        out: list[Candidate] = []
        carried: Group | None = None
        carried_com: list[Group] = []
        for k, clause_items in enumerate(clauses):
            span = (bounds[k], bounds[k + 1])
            if any(span[0] <= c < span[1] for c in items.competition):
                carried = self._carry(clause_items, carried)
                carried_com = []
                continue
            frames = self._frames(clause_items)
            if not any(isinstance(x, Trigger) for x in clause_items):
                # "A는 B와 지분을 교환하며 제휴를 맺었다": a partner named in a clause with no
                # relation word is the partner of the next clause's relation
                carried_com = [g for g in clause_items if isinstance(g, Group) and g.role == "com" and g.members]
            else:
                if carried_com and frames and frames[0].triggers and not any(
                        a.role == "com" for a in frames[0].args if isinstance(a, (Group, GenericArg))):
                    frames[0].args[:0] = carried_com
                carried_com = []
                out.extend(self._bind_clause(ms, frames, carried, items, span, discourse))
            carried = self._carry(clause_items, carried)
        self._update_discourse(items, out, discourse)
        return out

    # -- structure ----------------------------------------------------------
    @staticmethod
    def _frames(clause_items) -> list[Frame]:
        """Frames in order. A relative clause (A가 주도한 투자) opens a frame that closes at
        its ending; what follows belongs to the enclosing frame again, and a closed frame
        without a trigger hands its subject to the enclosing frame as `rel_subj`."""
        frames: list[Frame] = []
        stack: list[Frame] = []
        for item in clause_items:
            if isinstance(item, RelativeEnd):
                # a relative clause's subject takes 이/가; a topic (은/는) belongs to the main clause
                if len(stack) > 1 and not (isinstance(stack[-1].subj, Group) and stack[-1].subj.topic):
                    closed = stack.pop()
                    if not closed.triggers and isinstance(closed.subj, Group):
                        closed.subj.role = "rel_subj"
                        stack[-1].args.extend([closed.subj, *closed.args])
                        frames.remove(closed)
                continue
            is_subj = (isinstance(item, Group) and item.role == "subj") or \
                      (isinstance(item, GenericArg) and item.role == "subj")
            if is_subj:
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

    @staticmethod
    def _carry(clause_items, carried: Group | None) -> Group | None:
        """The subject later clauses of the sentence inherit: the latest topic (은/는/도)."""
        for item in clause_items:
            if isinstance(item, Group) and item.role == "subj" and (item.topic or carried is None) and item.members:
                carried = item
        return carried

    # -- binding ------------------------------------------------------------
    def _bind_clause(self, ms, frames: list[Frame], carried, items: SentenceItems, span, discourse) -> list[Candidate]:
        out: list[Candidate] = []
        pending: list[Frame] = []
        orphans: list = []
        for idx, frame in enumerate(frames):
            if not frame.triggers:
                # "A는 B와, C는 D와 각각 …", "A는 B에, C는 D에 각각 팔렸다": the relation comes later
                if isinstance(frame.subj, Group) and any(isinstance(a, Group) and a.role in PARTNER_ROLES and a.members
                                                         for a in frame.args):
                    pending.append(frame)
                elif frame.subj is None:
                    orphans.extend(frame.args)  # "X에는 A의 B가 공급된다": arguments before a non-org subject
                continue
            if orphans and not isinstance(frame.subj, Group):
                frame.args[:0] = orphans
            orphans = []
            subj = frame.subj
            if subj is None:
                subj = frames[idx - 1].subj if idx > 0 and frames[idx - 1].subj is not None else carried
            clusters = self._clusters(frame)
            for waiting in pending:
                out.extend(self._bind(ms, waiting.args, waiting.subj, clusters[0][1], items, span, discourse, frames))
            pending = []
            for args, triggers in clusters:
                out.extend(self._bind(ms, args, subj, triggers, items, span, discourse, frames))
        return out

    @staticmethod
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

    def _resolve_type(self, triggers: list[Trigger]) -> tuple[Trigger, str]:
        """The trigger that names the relation, and the relation."""
        ranked = sorted(triggers, key=lambda t: (KIND_RANK[t.entry.kind], t.i))
        head = ranked[-1]
        if head.entry.kind == "typed" and head.entry.relation in ("investment", "supply") and head.purpose == "adnominal":
            later = [t for t in triggers if t.i > head.i and t.entry.kind in ("explicit", "generic")]
            if later:
                head = later[-1]
        if head.entry.kind == "generic":
            if any(t.entry.kind == "activity" and (t.purpose == "adverbial" or t.compound) for t in triggers):
                return head, "joint_development"
            return head, "partnership"
        return head, head.entry.relation

    def _bind(self, ms, args: list, subj, triggers, items: SentenceItems, span, discourse, frames) -> list[Candidate]:
        head, relation = self._resolve_type(triggers)
        if self._negated(items, head, span):
            return []
        if relation == "acquisition" and head.entry.voice == "active" and self._stake_only(ms, span, head):
            relation = "investment"
        groups = [a for a in args if isinstance(a, Group)]
        generic_roles = {a.role for a in args if isinstance(a, GenericArg) and a.i < head.i}
        subj_orgs = self._resolve_anaphor(subj, discourse) if isinstance(subj, Group) else []
        head_group = self._head_group(head, frames)
        if relation in SYMMETRIC and not (relation == "merger" and head.entry.voice):
            return self._symmetric(subj, subj_orgs, groups, generic_roles, head, triggers, relation,
                                   items, span, discourse, head_group)
        return self._directed(ms, subj, subj_orgs, groups, head, relation, span, discourse, head_group)

    def _stake_only(self, ms, span, head: Trigger) -> bool:
        """지분 … 인수 without a change of control (경영권 anywhere in the sentence, a majority
        stake) is an investment."""
        if not {m.form for m in ms[span[0]:span[1]]} & self.lex.stake_words:
            return False
        if {m.form for m in ms} & self.lex.control_words:
            return False
        return not any(m.tag == "SN" and k + 1 < len(ms) and ms[k + 1].form == "%" and _percent(m.form) > 50
                       for k, m in enumerate(ms[span[0]:span[1]], span[0]))

    def _head_group(self, head: Trigger, frames: list[Frame]) -> Group | None:
        if head.head_after is None:
            return None
        for frame in frames:
            for g in [frame.subj, *frame.args]:
                if isinstance(g, Group) and g.members and g.i == head.head_after:
                    return g
        return None

    def _resolve_anaphor(self, group: Group, discourse: Discourse) -> list[OrgMention]:
        if group.anaphor == "pair" and discourse.last_pair:
            return list(discourse.last_pair)
        if group.anaphor == "single" and discourse.last_topic:
            return discourse.last_topic[:1]
        return _dedup(group.members)

    def _negated(self, items: SentenceItems, head: Trigger, span) -> bool:
        """협력하지 않는다, 투자를 하지 않기로: a negation right after the trigger's own verb."""
        return any(head.j <= k < min(span[1], head.j + 5) for k in items.negation)

    # -- symmetric relations ------------------------------------------------
    def _symmetric(self, subj, subj_orgs, groups, generic_roles, head, triggers, relation,
                   items, span, discourse, head_group) -> list[Candidate]:
        last_trigger = max(t.i for t in triggers)
        partners = [g for g in groups if g.role == "com" and g.i < last_trigger]
        rule = f"{relation}:{head.entry.name}"
        if not subj_orgs and head_group is not None:
            subj_orgs = _dedup(head_group.members)
        out = []
        if partners:
            respectively = self._respectively(subj, partners, items, span)
            if respectively:
                return [self._cand(a, b, relation, False, rule + ":respectively", head, span) for a, b in respectively]
            for g in partners:
                for b in _dedup(g.members):
                    for a in subj_orgs:
                        out.append(self._cand(a, b, relation, False, rule + ":comitative", head, span))
            return out
        if "com" in generic_roles:
            return []  # the partner slot holds something that is not an organisation
        if head.entry.kind == "activity" and not self._joint_in(items, span):
            # 개발 alone is a relation only with a partner or a joint marker
            if not (isinstance(subj, Group) and subj.is_pair_structure and len(subj.parts) > 1):
                return []
        dat = [g for g in groups if g.role == "dat" and g.i < last_trigger and g.members]
        if dat and subj_orgs and head.entry.kind != "activity":
            for g in dat:
                for b in _dedup(g.members):
                    for a in subj_orgs:
                        out.append(self._cand(a, b, relation, False, rule + ":dative", head, span))
            return out
        # A group that names the partners itself: subject (A와 B가), or right before the trigger
        # (A·B 컨소시엄, A와 B의 합병, A-B 간).
        for g in [subj] + [g for g in groups if g.role in ("bare", "gen", "obj") and g.i < last_trigger]:
            if not isinstance(g, Group):
                continue
            if g.anaphor == "pair" and discourse.last_pair and g is subj:
                a, b = discourse.last_pair
                return [self._cand(a, b, relation, False, rule + ":anaphora", head, span)]
            pairs = self._internal_pairs(g, head, triggers, items, span)
            if pairs:
                return [self._cand(a, b, relation, False, rule + f":{'pair_list' if len(g.parts) > 1 else 'coordination'}",
                                   head, span, window) for a, b, window in pairs]
        return out

    @staticmethod
    def _respectively(subj, partners: list[Group], items: SentenceItems, span) -> list[tuple]:
        """'A와 B는 각각 C, D와 …': members pair up in order when both lists are as long."""
        if not isinstance(subj, Group) or len(partners) != 1:
            return []
        left, right = _dedup(subj.members), _dedup(partners[0].members)
        marker = [k for k in items.distributive if subj.j <= k < partners[0].i]
        if len(left) < 2 or len(left) != len(right) or not marker:
            return []
        return list(zip(left, right))

    def _joint_in(self, items: SentenceItems, span) -> bool:
        return any(span[0] <= k < span[1] for k in items.joint)

    def _internal_pairs(self, g: Group, head: Trigger, triggers, items: SentenceItems, span):
        """Partners named inside one group, when the group is the whole relation."""
        members = _dedup(g.members)
        if len(members) < 2 or g.listing:
            return []
        distributive = any(span[0] <= k < span[1] for k in items.distributive)
        if g.is_pair_structure:
            if distributive and len(g.parts) == 1:
                return []
            out = []
            for a, b, k in g.structured_pairs():
                if a.canonical != b.canonical:
                    out.append((a, b, self._part_window(g, k)))
            return out
        if distributive:
            return []
        explicit = any(t.entry.name in self.lex.reciprocal_triggers or t.entry.relation in ("merger", "joint_venture")
                       for t in triggers)
        if g.role in ("bare", "gen") or explicit or self._joint_in(items, span) or g.joint:
            return [(a, b, None) for a, b in combinations(members, 2)]
        return []

    @staticmethod
    def _part_window(g: Group, k: int) -> tuple[int, int]:
        part_members = [m for side in g.parts[k] for m in side]
        start = g.parts[k - 1][-1][-1].j if k > 0 else g.i - 6
        return (max(0, start), part_members[-1].j)

    # -- directed relations -------------------------------------------------
    def _directed(self, ms, subj, subj_orgs, groups, head, relation, span, discourse, head_group) -> list[Candidate]:
        voice_name = head.entry.voice or "active"
        voice = self.lex.voices[voice_name]
        before = [g for g in groups if g.i < head.i and g.members]

        def pick(roles, exclude=()):
            for role in roles:
                if role == "subj":
                    if subj_orgs and subj not in exclude:
                        return subj_orgs, role, subj
                    continue
                if role == "discourse":
                    if discourse.last_investee:
                        return discourse.last_investee, role, None
                    continue
                for g in reversed(before):
                    if g.role == role and g not in exclude:
                        if role == "bare" and not _noun_phrase_between(ms, g.j, head.i):
                            continue
                        return _dedup(g.members), role, g
            return [], None, None

        sources, src_role, src_group = pick(voice.source)
        targets, tgt_role, _ = pick(voice.target, exclude=(src_group,))
        if not targets and voice_name == "active":
            targets, tgt_role, _ = pick(("com", "gen"), exclude=(src_group,))
        if head_group is not None:
            if not targets and sources:
                targets, tgt_role = _dedup(head_group.members), "relative"
            elif not sources and targets:
                sources, src_role = _dedup(head_group.members), "relative"
        if voice_name == "receive" and subj_orgs and not sources and relation == "investment":
            discourse.last_investee = subj_orgs
        if voice_name == "active" and targets and tgt_role != "com":
            sources = sources + [m for g in before if g.role == "com" for m in g.members]
        if not (sources and targets) and voice_name == "active":
            pair = self._written_order_pair(before, head)
            if pair:  # "A와 B의 인수 협상": no case marks the roles; the acquirer is written first
                sources, targets, src_role, tgt_role = [pair[0]], [pair[1]], "first", "second"
        rule = f"{relation}:{head.entry.name}:{voice_name}:{src_role}>{tgt_role}"
        out = []
        for a in _dedup(sources):
            for b in targets:
                out.append(self._cand(a, b, relation, relation != "merger", rule, head, span))
        if relation == "investment" and targets and voice_name in ("active", "receive", "participate"):
            discourse.last_investee = targets
        return out

    @staticmethod
    def _written_order_pair(before: list[Group], head: Trigger):
        """The two members of one 'A와 B' group that names the deal itself (A와 B의 인수)."""
        for g in reversed(before):
            if isinstance(g, Group) and g.role in ("gen", "bare") and g.is_pair_structure \
                    and len(g.parts) == 1 and len(_dedup(g.members)) == 2 and g.j <= head.i:
                return _dedup(g.members)
        return None

    @staticmethod
    def _cand(a, b, relation, directed, rule, head, span, window=None) -> Candidate:
        return Candidate(a, b, relation, directed, rule, head, span, head.i, window)

    # -- discourse ----------------------------------------------------------
    @staticmethod
    def _update_discourse(items: SentenceItems, out: list[Candidate], discourse: Discourse) -> None:
        pairs = [(c.source, c.target) for c in out if c.source.canonical != c.target.canonical]
        if pairs:
            discourse.last_pair = pairs[-1]
        for item in items.items:
            if isinstance(item, Group) and item.role == "subj" and item.members:
                discourse.last_topic = _dedup(item.members)
                break
