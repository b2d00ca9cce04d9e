"""Directed relations (investment, acquisition, supply, absorbing mergers) bound by the trigger's
voice: which case role holds the source and which the target (configs/relations.yaml `voices`)."""
from __future__ import annotations

from pipeline.extract.organizations import OrgMention
from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause, dedup
from pipeline.extract.relations.items import Group, Role
from pipeline.extract.relations.rules.maker_partner import maker_partner
from pipeline.extract.relations.vocabulary import BIDDER_VOICE, SUPPLIER_VOICE
from pipeline.korean import grammar

G = grammar()
T = G.tags
NOUN_PHRASE_TAGS = T.noun | T.bound_noun | T.figure | T.foreign_word | T.other_symbol | T.separator | T.bracket \
    | T.noun_suffix | T.determiner | T.object_case | T.genitive_case
INVESTEE_VOICES = frozenset({"active", "receive", "participate"})


@rule("rel.directed.v1", label="voice")
def voiced(c: Clause) -> tuple[list[Candidate], list[OrgMention] | None]:
    """Source and target by the voice's role lists: A가 B에 투자 (active: subj → dat), B가 A로부터 투자를
    유치 (receive: src → subj), A가 B로부터 수주 (order: subj → src) … Also returns the investee later
    sentences may refer to (이번 투자에는 C도 참여), or None."""
    voice_name = c.head.entry.voice or "active"
    voice = c.vocab.voices[voice_name]
    before = [g for g in c.groups if g.i < c.head.i and g.members]
    selected = [g for g in before if c.role(g) == Role.SELECTED]
    if selected and voice_name == "active" and c.relation == "supply" and c.subj_orgs:
        # "B를 공급사로 선정해 공급 계약을 맺었다": the chosen supply the one who chose
        members = dedup([m for g in selected for m in g.members])
        label = f"{voice_name}:{Role.SELECTED}>{Role.SUBJ}"
        return [c.candidate(a, b, voiced, label, directed=True) for a in members for b in c.subj_orgs], None
    named = _named_by_noun(c, before, voice_name, voice)
    if named is not None:
        return named, None
    sources, src_role, src_group = _pick(c, before, voice.source)
    targets, tgt_role, tgt_group = _pick(c, before, voice.target, exclude=(src_group,))
    if not targets and selected:
        targets, tgt_role, tgt_group = dedup([m for g in selected for m in g.members]), Role.SELECTED, selected[-1]
    if not targets and voice_name == "active" and c.relation == "investment" and sources \
            and not _plain_dative(c) and c.recent_investee():
        targets, tgt_role = c.recent_investee(), Role.DISCOURSE   # "C도 200억원을 투자했다" in a funding round
    if not targets and voice_name == "active":  # after the source only: not '모회사의 펀드 누리캐피탈이'
        after_source = [g for g in before if (not isinstance(src_group, Group) or g.i > src_group.i) and not g.joint]
        targets, tgt_role, _ = _pick(c, after_source, (Role.COM, Role.GEN), exclude=(src_group,))
    rule_fn = voiced
    filled = relative_head(c, sources, targets)
    if filled is not None:
        sources, targets, rule_fn = filled[0], filled[1], relative_head
        src_role, tgt_role = (src_role, Role.RELATIVE) if filled[2] == "target" else (Role.RELATIVE, tgt_role)
    investee = None
    if voice_name == "receive" and c.subj_orgs and not sources and c.relation == "investment":
        investee = c.subj_orgs
    if voice_name == "active" and targets and tgt_role != Role.COM:
        sources = sources + [m for g in before if c.role(g) == Role.COM for m in g.members]
    elif sources and targets:   # B와 함께 (공동으로): B acts with the subject, on its side
        joint = [m for g in before if g.joint and c.role(g) == Role.COM for m in g.members]
        sources = sources + joint if src_role == Role.SUBJ else sources
        targets = targets + joint if tgt_role == Role.SUBJ else targets
    if not (sources and targets) and voice_name == "active":
        pair = written_order(c, before)
        if pair:
            sources, targets, src_role, tgt_role, rule_fn = [pair[0]], [pair[1]], Role.FIRST, Role.SECOND, written_order
    label = f"{voice_name}:{src_role}>{tgt_role}"
    directed = c.relation != "merger"
    src_parts, tgt_parts = _parts(c, before, src_group), _parts(c, before, tgt_group)
    if rule_fn is voiced and len(src_parts) > 1:   # A에서 1억달러, B에서 2억달러를 유치했다
        out = [c.candidate(a, b, rule_fn, label, directed, window=dw, amount_window=w)
               for g, w, dw in src_parts for a in dedup(g.members) for b in targets]
    elif rule_fn is voiced and len(tgt_parts) > 1:   # B에 100억원, C에 50억원을 투자했다
        out = [c.candidate(a, b, rule_fn, label, directed, window=dw, amount_window=w)
               for g, w, dw in tgt_parts for b in dedup(g.members) for a in dedup(sources)]
    else:
        out = [c.candidate(a, b, rule_fn, label, directed) for a in dedup(sources) for b in targets]
    out = maker_partner(c, out)
    if c.relation == "investment" and targets and voice_name in INVESTEE_VOICES \
            and (voice_name != "active" or tgt_role == Role.DISCOURSE or _speaks_of_a_round(c)):
        investee = targets   # an investment made, not received: a round's investee only where a round is spoken of
    return out, investee


@rule("rel.relative_head.v1", label="relative")
def relative_head(c: Clause, sources: list[OrgMention], targets: list[OrgMention]):
    """A가 인수한 B: the head noun of the trigger's relative clause fills the missing side;
    (sources, targets, the side it filled) or None."""
    if c.head_group is None:
        return None
    head = dedup(c.head_group.parts[0][0])   # A가 투자한 B와 C: the clause modifies B
    if not targets and sources:
        return sources, head, "target"
    if not sources and targets:
        return head, targets, "source"
    return None


@rule("rel.written_order.v1", label="first>second")
def written_order(c: Clause, before: list[Group]) -> list[OrgMention] | None:
    """'A와 B의 인수 협상', 'A와 B는 공급 계약을 맺었다': no case marks the roles (for supply, a pair
    as the subject and no other party); the acquirer, the supplier is written first."""
    pairs = [g for g in reversed(before) if c.role(g) in (Role.GEN, Role.BARE)]
    if c.relation == "supply" and isinstance(c.subj, Group) and not c.subj.inherited and not c.subj.listing \
            and not any(g.members for g in before) and not c.marked_in_clause(c.items.distributive):
        pairs.append(c.subj)   # a supply contract between the two (not 'A와 B가 각각 투자를 늘렸다')
    for g in pairs:
        if g.is_pair_structure and len(g.parts) == 1 and len(dedup(g.members)) == 2 and g.j <= c.head.i:
            return dedup(g.members)
    return None


def _pick(c: Clause, before: list[Group], roles, exclude=()):
    """The organisations of the first role in `roles` that some group (or the subject) fills."""
    for role in roles:
        if role == Role.SUBJ:
            if c.subj_orgs and c.subj not in exclude:
                return c.subj_orgs, role, c.subj
            continue
        if role == Role.DISCOURSE:
            if c.discourse.last_investee:
                return c.discourse.last_investee, role, None
            continue
        if role == Role.STAKE_OWNER:
            owner = next((g for g in reversed(before) if c.role(g) == Role.BARE and g not in exclude
                          and g.j < len(c.ms) and c.ms[g.j].form in c.vocab.share_words), None)
            if owner is not None:
                return dedup(owner.members), role, owner
            continue
        for g in reversed(before):
            if c.role(g) == role and g not in exclude and not g.joint:   # B와 함께: a co-agent, not a party
                if role == Role.BARE and not _noun_phrase_between(c.ms, g.j, c.head.i):
                    continue
                return dedup(g.members), role, g
    return [], None, None


def _parts(c: Clause, before: list[Group], chosen: Group | None) -> list[tuple[Group, tuple, tuple]]:
    """The groups that share the chosen group's role in the clause (a list of sources or targets, each
    with its own amount and date): (group, its amount span — from it to the next —, its date span —
    from the previous one's end to the next)."""
    if not isinstance(chosen, Group) or chosen is c.subj:
        return []
    same = [g for g in before if c.role(g) == c.role(chosen)]
    ends = [g.i for g in same[1:]] + [c.head.i]
    starts = [c.span[0]] + [g.j for g in same[:-1]]
    return [(g, (g.i, end), (start, end)) for g, start, end in zip(same, starts, ends, strict=True)]


def _speaks_of_a_round(c: Clause) -> bool:
    return any(m.form in c.vocab.funding_words for m in c.ms)


def _plain_dative(c: Clause) -> bool:
    """Something that is no organisation takes the dative between the subject and the trigger
    (A는 공장에 투자; not '이번 라운드에는 A가 …', which sets the scene)."""
    ms = c.ms
    start = c.subj.j if isinstance(c.subj, Group) and not c.subj.inherited else c.span[0]
    return any(ms[k].tag in T.adverbial_case and ms[k].form in G.particles.dative and ms[k - 1].tag in T.nominal
               for k in range(max(start, 1), c.head.i))


def _noun_phrase_between(ms, a: int, b: int) -> bool:
    """Only a noun phrase, a price and adverbs stand between a bare name and the trigger:
    "B 지분 10%를 인수", "B 지분 21%를 15억 유로에 사들이다", "B 지분 30%를 추가로 인수"."""
    return all(m.tag in NOUN_PHRASE_TAGS or m.tag in T.adverb
               or (m.form in G.particles.plain_dative and k > a and ms[k - 1].tag in T.bound_noun | T.numeral)
               or (m.form in G.particles.means and k > a and ms[k - 1].tag in T.common_noun)
               for k, m in ((k, ms[k]) for k in range(a, b)))


def _bidder(c: Clause, before: list[Group], voice) -> list[Candidate]:
    """B (매각) 우선협상대상자로 A를 선정했다 / A가 선정됐다 / 선정된 A: A bids for B. The one selected
    may follow the noun (A를 선정), so the whole clause is read for it."""
    targets, tgt_role, tgt_group = _pick(c, before, voice.target)
    if c.head_group is not None:
        sources, src_role = dedup(c.head_group.parts[0][0]), Role.RELATIVE
    else:
        after = [g for g in c.groups if g.members and g.i > c.head.i]
        sources, src_role, _ = _pick(c, before + after, voice.source, exclude=(tgt_group,))
    label = f"{BIDDER_VOICE}:{src_role}>{tgt_role}"
    return [c.candidate(a, b, voiced, label, True) for a in sources for b in targets if a != b]


def _named_by_noun(c: Clause, before: list[Group], voice_name: str, voice) -> list[Candidate] | None:
    """The relation word is a noun for a party (a preferred bidder; a supplier the copula's adnominal
    form ties to a name): its own binding, or None."""
    if voice_name == BIDDER_VOICE:
        return _bidder(c, before, voice)
    if voice_name == SUPPLIER_VOICE and c.head_group is not None:
        return _apposed_supplier(c, before, voice)
    return None


def _apposed_supplier(c: Clause, before: list[Group], voice) -> list[Candidate]:
    """B 공급사인 A: A supplies B (the name before the noun), else the subject (애플은 공급업체인 A에)."""
    apposed = dedup(c.head_group.parts[0][0])
    targets, tgt_role, _ = _pick(c, before, voice.target)
    targets, tgt_role = (targets, tgt_role) if targets else (c.subj_orgs, Role.SUBJ)
    label = f"{SUPPLIER_VOICE}:{Role.RELATIVE}>{tgt_role}"
    return [c.candidate(a, b, relative_head, label, True) for a in apposed for b in targets if a != b]
