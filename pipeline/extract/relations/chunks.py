"""A sentence as a sequence of items the binder reasons over.

Organisation mentions joined by 와/과, commas and middle dots become one `Group`
whose case particle gives its role in the clause (subj, com, dat, src, obj, gen,
bare). Relation words become `Trigger`s; connective endings (-고, -며, -면서 …)
become `Boundary`s; generic nouns with a partner particle become `GenericArg`s
(여러 부품 업체와 …) so that a partner slot filled by something that is not an
organisation is known to be filled.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.extract.organizations.finder import OrgMention, get_org_context
from pipeline.korean.tokenizer import Morph
from pipeline.extract.relations.vocabulary import RelationLexicon, TriggerEntry

QUOTES = frozenset("'\"‘’“”「」『』")
LIST_COMMAS = frozenset({",", "、"})
LIST_DOTS = frozenset({"·", "•", "ㆍ", "/", "-", "‧", "∙", "・"})
COMITATIVE = frozenset({"와", "과", "랑", "이랑", "하고"})
CORPORATE_MARKS = frozenset({"㈜", "株"})
DESCRIPTOR_TAGS = frozenset({"NNG", "NNP", "SL", "SN", "SH", "NR", "MM", "NNB", "XSN", "XPN"})


@dataclass(slots=True, eq=False)
class Group:
    members: list[OrgMention]
    parts: list[list[list[OrgMention]]]  # parts (split by , or 에 이어) → sides (split by 와) → members
    role: str = "other"                   # subj com dat src obj gen bare other
    topic: bool = False                   # 은/는/도: may carry over to later clauses
    i: int = 0
    j: int = 0                            # morpheme index after the group and its particle
    listing: bool = False                 # "A, B 등 기업이": a category listing
    joint: bool = False                   # "와 함께"
    anaphor: str | None = None            # "pair" (양사) or "single" (이 회사)

    @property
    def is_pair_structure(self) -> bool:
        """Every part is 'X와 Y': the group lists pairs (롯데케미칼과 GS칼텍스, 한화솔루션과 SK이노베이션)."""
        return bool(self.parts) and all(len(sides) == 2 for sides in self.parts)

    def structured_pairs(self) -> list[tuple[OrgMention, OrgMention, int]]:
        """Pairs of a pair-structured group, with the index of the part each came from."""
        pairs = []
        for k, (left, right) in enumerate(self.parts):
            for a in left:
                for b in right:
                    pairs.append((a, b, k))
        return pairs


@dataclass(slots=True, eq=False)
class Trigger:
    entry: TriggerEntry
    i: int
    j: int
    purpose: str | None = None   # activity trigger in "…을 위해" (adverbial) / "…을 위한" (adnominal)
    compound: bool = False       # activity noun right before another trigger (개발 협력)
    head_after: int | None = None  # "A가 인수한 B": index of the morpheme after the relative ending


@dataclass(slots=True, eq=False)
class GenericArg:
    role: str
    i: int


@dataclass(slots=True, eq=False)
class Boundary:
    i: int


@dataclass(slots=True, eq=False)
class RelativeEnd:
    """The ending of a relative clause with a head noun (A가 주도한 [투자]): the
    relative clause's subject is not the subject of what follows."""
    i: int


@dataclass(slots=True, eq=False)
class SentenceItems:
    items: list = field(default_factory=list)
    competition: list[int] = field(default_factory=list)
    distributive: list[int] = field(default_factory=list)
    joint: list[int] = field(default_factory=list)
    negation: list[int] = field(default_factory=list)


def _is_particle(m: Morph) -> bool:
    return m.tag.startswith("J")


def particle_role(ms: tuple[Morph, ...], p: int) -> tuple[str, bool, int, bool]:
    """Role of the particle(s) at p: (role, topic, index after, joint)."""
    n = len(ms)
    if p >= n:
        return "other", False, p, False
    m = ms[p]
    nxt = ms[p + 1] if p + 1 < n else None
    if m.form in COMITATIVE and m.tag in ("JKB", "JC"):
        q = p + 1
        if nxt is not None and nxt.tag.startswith("J"):  # 와의, 와는, 와도
            q += 1
        joint = q < n and ms[q].form in ("함께", "같이")
        if joint and q + 1 < n and ms[q + 1].tag.startswith("J"):
            q += 1  # "와 함께" already read
        return "com", False, q, joint
    if m.tag == "JKS":
        return "subj", False, p + 1, False
    if m.tag == "JX" and m.form in ("은", "는", "도", "만", "까지", "조차"):
        return "subj", True, p + 1, False
    if m.tag == "ETM" and m.form in ("은", "는") and p > 0 and ms[p - 1].end == m.start:
        return "subj", True, p + 1, False  # Kiwi cut a known name oddly (…로직/스/VV 는/ETM)
    if m.tag == "JKO":
        return "obj", False, p + 1, False
    if m.tag == "JKG":
        if nxt is not None and nxt.form == "경우":  # "A의 경우": a topic
            q = p + 2
            if q < n and ms[q].tag.startswith("J"):
                q += 1
            return "subj", True, q, False
        return "gen", False, p + 1, False
    if m.tag == "JKB":
        q = p + 1
        if nxt is not None and nxt.tag == "JX":
            q += 1
        if m.form in ("로부터", "으로부터", "에게서", "한테서"):
            return "src", False, q, False
        if m.form == "에서":  # a source (A에서 투자를 받다) or a place (A에서 판매하다)
            return "loc", False, q, False
        if m.form in ("에", "에게", "한테"):
            if nxt is not None and nxt.form == "대하":  # "B에 대한/대해"
                return "dat", False, p + 1, False
            return "dat", False, q, False
        return "other", False, q, False
    return "other", False, p, False


class SentenceChunker:
    def __init__(self, lexicon: RelationLexicon):
        self.lex = lexicon
        self.ctx = get_org_context()

    # -- triggers -----------------------------------------------------------
    def trigger_at(self, ms: tuple[Morph, ...], i: int, sentence_forms: frozenset[str]) -> Trigger | None:
        m = ms[i]
        options = self.lex.triggers_by_first.get(m.form)
        if not options or not m.tag.startswith(("NNG", "NNP", "VV", "SL", "XR", "XSV", "VA")):
            return None
        for entry in options:
            k = i + 1
            ok = True
            for form in entry.forms[1:]:
                if entry.gap and k < len(ms) and _is_particle(ms[k]) and ms[k].form != form:
                    k += 1
                if k >= len(ms) or ms[k].form != form:
                    ok = False
                    break
                k += 1
            if not ok:
                continue
            if entry.requires and not any(r in sentence_forms for r in entry.requires):
                continue
            if entry.relation != "joint_venture" and k < len(ms) and ms[k].start == ms[k - 1].end \
                    and ms[k].form in self.lex.derived_noun_suffixes and ms[k].tag in ("NNG", "XSN", "NNB"):
                return None  # 투자사, 공급망, 협력사: a noun derived from the trigger
            return Trigger(entry, i, k)
        return None

    # -- boundaries ---------------------------------------------------------
    def is_boundary(self, ms: tuple[Morph, ...], i: int) -> bool:
        m = ms[i]
        if m.tag == "SP" and m.form == ";":
            return True
        if m.tag == "NNG" and m.form in self.lex.clause_words:
            return True
        if m.tag != "EC" or m.form not in self.lex.clause_endings:
            return False
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if nxt is not None and nxt.tag.startswith("VX"):
            return False  # 하고 있다, 알려지다
        if m.form in ("어", "아", "여"):
            v = i - 1
            while v >= 0 and ms[v].tag == "EP":
                v -= 1
            if v < 0:
                return False
            verb = ms[v]
            if verb.form == "잇":  # "…에 이어" is a connector, "…는 데 이어" ends a clause
                return i >= 2 and ms[i - 2].form == "데"
            if verb.form in self.lex.adverbial_verbs:
                return False
        return True

    # -- groups -------------------------------------------------------------
    def _skip_descriptors(self, ms, p, starts: dict[int, OrgMention], limit: int = 5, allow_dates: bool = False) -> int | None:
        """Index of the next organisation if only descriptive words stand before it
        (일본 도요타, 물류 기업 오카도, 반도체 기업인 X)."""
        q = p
        while q < len(ms) and q - p <= limit:
            if q in starts:
                return q
            m = ms[q]
            if m.form in QUOTES or m.tag in DESCRIPTOR_TAGS or m.form in CORPORATE_MARKS:
                q += 1
                continue
            if m.form == "(" and q + 2 < len(ms) and ms[q + 1].form == "주" and ms[q + 2].form == ")":
                q += 3
                continue
            if m.tag == "VCP" and q + 1 < len(ms) and ms[q + 1].tag == "ETM":
                q += 2
                continue
            if allow_dates and (m.tag in ("VV", "ETM", "MM") or m.form in ("지나", "올", "지난")):
                q += 1
                continue
            return None
        return None

    def _skip_parenthetical(self, ms, p) -> int:
        """"SK텔레콤(SKT)과": step over a parenthesised alias or ticker."""
        if p < len(ms) and ms[p].form == "(" and ms[p].tag == "SSO":
            for q in range(p + 1, min(len(ms), p + 8)):
                if ms[q].tag == "SSC":
                    inner = ms[p + 1:q]
                    if all(x.tag not in ("VV", "EF", "EC") for x in inner):
                        return q + 1
                    break
        return p

    def build_group(self, ms, mention: OrgMention, starts: dict[int, OrgMention]) -> Group:
        parts: list[list[list[OrgMention]]] = [[[mention]]]
        members = [mention]
        p = mention.j
        while True:
            p = self._skip_parenthetical(ms, p)
            while p < len(ms) and ms[p].form in QUOTES and ms[p].tag in ("SSC", "SSO", "SW"):
                p += 1
            if p >= len(ms):
                break
            m = ms[p]
            connector = None
            q = None
            if m.form in COMITATIVE and m.tag in ("JC", "JKB"):
                q = self._skip_descriptors(ms, p + 1, starts)
                # 'A와 B가' and 'A와 B를' read the same: coordination whenever B is an organisation
                connector = "wa"
            elif m.form in LIST_COMMAS or m.form in LIST_DOTS or (m.form == "및" and m.tag == "MAJ"):
                q = self._skip_descriptors(ms, p + 1, starts)
                connector = "comma" if m.form in LIST_COMMAS or m.form == "및" else "dot"
                if q is not None and m.form == "-" and ms[p - 1].end != m.start:
                    q = None  # a hyphen joins names only when it touches the first (A-B 합작법인)
            elif m.form in ("에", "에게") and p + 2 < len(ms) and ms[p + 1].form == "잇" and ms[p + 2].form == "어":
                q = self._skip_descriptors(ms, p + 3, starts, limit=7, allow_dates=True)
                connector = "then"
            if q is None or connector is None:
                break
            nxt = starts[q]
            if connector == "wa":
                parts[-1].append([nxt])
            elif connector == "dot":
                parts[-1][-1].append(nxt)
            else:
                parts.append([[nxt]])
            members.append(nxt)
            p = nxt.j
        group = Group(members, parts, i=mention.i)
        self._read_tail(ms, p, group)
        return group

    def _owned_phrase_role(self, ms, p: int):
        """'현대차 미국 공장에는': a name owns the noun phrase after it, and takes its role when
        that is a dative or a source (not a subject: '삼성전자 관계자는' is someone else)."""
        q = p
        while q < len(ms) and q - p < 4 and ms[q].tag in ("NNG", "NNP", "SN", "SL", "NR") \
                and ms[q].form not in self.lex.triggers_by_first:
            q += 1
        if q == p or q >= len(ms):
            return None
        owned = particle_role(ms, q)
        return owned if owned[0] in OWNED_ROLES else None

    def _read_tail(self, ms, p: int, group: Group) -> None:
        n = len(ms)
        listing = False
        while p < n:
            p = self._skip_parenthetical(ms, p)
            if p < n and ms[p].form in QUOTES:
                p += 1
                continue
            if p + 1 < n and ms[p].tag in ("MM", "SN", "NR") and ms[p + 1].form in self.lex.counted_companies:
                p += 2  # "삼성전자와 네이버 양사는", "KT, LG유플러스, SK텔레콤 3사는"
                continue
            if p < n and ms[p].form in self.ctx.group_tail_nouns and ms[p].tag in ("NNB", "NNG", "XSN", "VA", "MAG"):
                if ms[p].form in ("기업", "회사", "업체") and p > 0 and ms[p - 1].form == "등":
                    listing = True
                p += 1
                if ms[p - 1].form == "등":  # "등 대형 증권사들은": a category after the list
                    q = p
                    while q < n and q - p < 4 and ms[q].tag in ("NNG", "XSN", "XPN") and not ms[q].tag.startswith("J"):
                        q += 1
                    if q > p and (ms[q - 1].form in self.ctx.type_nouns or ms[q - 1].form == "들"):
                        listing, p = True, q
                if p < n and ms[p].tag in ("JKG", "ETM") and p + 1 < n and ms[p + 1].tag in ("NNG", "NNB") \
                        and ms[p + 1].form in self.ctx.group_tail_nouns | {"기업", "회사", "업체"}:
                    p += 1  # "등의 기업", "같은 회사"
                continue
            break
        group.listing = listing
        role, topic, q, joint = particle_role(ms, p)
        if role == "other" and p < n and not ms[p].tag.startswith("J"):
            # No particle: a name right before a trigger noun (B 인수, A·B 컨소시엄) or 간/사이,
            # or the owner of the noun phrase that takes the particle (현대차 미국 공장에는 → dative).
            role, q = "bare", p
            owned = self._owned_phrase_role(ms, p)
            if owned is not None:
                role, topic, q, joint = owned
        group.role, group.topic, group.j, group.joint = role, topic, q, joint


OWNED_ROLES = frozenset({"dat", "src", "loc"})


def anaphor_at(lex: RelationLexicon, ms: tuple[Morph, ...], i: int) -> tuple[str, int] | None:
    """'양사', '양측', '이 회사' … starting at i: (kind, index after)."""
    for kind, pattern in lex.anaphora_by_first.get(ms[i].form, ()):
        k = i + len(pattern)
        if k <= len(ms) and all(ms[i + t].form == f for t, f in enumerate(pattern)):
            return kind, k
    return None


def chunk_sentence(chunker: SentenceChunker, ms: tuple[Morph, ...], mentions: list[OrgMention]) -> SentenceItems:
    lex = chunker.lex
    starts = {m.i: m for m in mentions}
    forms = frozenset(m.form for m in ms)
    out = SentenceItems()
    n = len(ms)
    i = 0
    while i < n:
        if i in starts:
            group = chunker.build_group(ms, starts[i], starts)
            if not out.items and _starts_content(ms, i):
                out.items.extend(_headline_subject(ms, group))
            else:
                out.items.append(group)
            i = max(group.j, group.members[-1].j)
            continue
        m = ms[i]
        ana = anaphor_at(lex, ms, i) if m.tag in ("MM", "NNG", "NP") else None
        if ana is not None:
            kind, k = ana
            role, topic, q, joint = particle_role(ms, k)
            if role != "other":
                out.items.append(Group([], [], role=role, topic=topic, i=i, j=q, joint=joint, anaphor=kind))
                i = q
                continue
        trig = chunker.trigger_at(ms, i, forms)
        if trig is not None:
            _annotate_trigger(ms, trig, lex)
            out.items.append(trig)
            i = trig.j
            continue
        if chunker.is_boundary(ms, i):
            out.items.append(Boundary(i))
            i += 1
            continue
        if m.tag == "ETM" and _closes_relative(ms, i, lex):
            out.items.append(RelativeEnd(i))
        if m.tag in ("NNG", "NNP", "SL", "NP", "NNB") and i + 1 < n and ms[i + 1].tag.startswith("J"):
            role, topic, q, _ = particle_role(ms, i + 1)
            if role == "com" or (role == "subj" and (ms[i + 1].tag == "JKS" or m.tag == "NP")) or \
                    (role == "subj" and m.form in chunker.ctx.type_nouns):
                out.items.append(GenericArg(role, i))
        if m.form in lex.competition and m.tag in ("NNG", "VV", "VV-R", "VV-I", "VA"):
            if not (i + 1 < n and ms[i + 1].start == m.end and ms[i + 1].tag in ("XSN", "NNG") and ms[i + 1].form in ("력", "사", "자", "국")):
                out.competition.append(i)
        if m.form in lex.distributive:
            out.distributive.append(i)
        if m.form in lex.joint_markers:
            out.joint.append(i)
        if m.form in lex.negation and m.tag in ("VX", "MAG"):
            out.negation.append(i)
        i += 1
    return out


LEAD_TAGS = frozenset({"SW", "SSO", "SSC", "SP", "SO", "SE", "SF"})


def _starts_content(ms: tuple[Morph, ...], i: int) -> bool:
    """Only bullets, quotes and bracketed labels ([보도자료], ▶) come before morpheme i."""
    depth = 0
    for m in ms[:i]:
        if m.form in ("[", "【", "<", "〈", "("):
            depth += 1
        elif m.form in ("]", "】", ">", "〉", ")"):
            depth = max(0, depth - 1)
        elif depth == 0 and m.tag not in LEAD_TAGS and m.form not in ("㈜", "주"):
            return False
    return True


def _headline_subject(ms: tuple[Morph, ...], group: Group) -> list[Group]:
    """Headline style 'A, B와 손잡고 …' / 'A, B에 투자': a leading name closed by a comma is
    the subject. 'A-B, 전략적 제휴 체결' keeps its pair."""
    first = group.parts[0]
    comma_after_first = len(group.parts) > 1 and len(first) == 1 and len(first[0]) == 1
    if comma_after_first and group.role != "subj":
        lead = first[0][0]
        rest = Group([m for part in group.parts[1:] for side in part for m in side], group.parts[1:],
                     role=group.role, topic=group.topic, i=group.parts[1][0][0].i, j=group.j,
                     listing=group.listing, joint=group.joint)
        return [Group([lead], [[[lead]]], role="subj", topic=True, i=group.i, j=lead.j), rest]
    if group.role == "bare" and len(group.members) == 1 and group.j < len(ms) and ms[group.j].form in LIST_COMMAS:
        group.role, group.topic = "subj", True
    return [group]




def _closes_relative(ms: tuple[Morph, ...], i: int, lex: RelationLexicon) -> bool:
    """An adnominal ending of a verb followed by a real head noun (not 것/데/등 or a date)."""
    if i == 0 or ms[i - 1].tag.startswith(("VCP", "VCN")) or ms[i - 1].form == "지나":
        return False
    nxt = ms[i + 1] if i + 1 < len(ms) else None
    return nxt is not None and nxt.tag in ("NNG", "NNP", "SL", "SH", "SN", "NR", "MM") and nxt.form not in lex.time_heads


def _annotate_trigger(ms, trig: Trigger, lex: RelationLexicon) -> None:
    k = trig.j
    n = len(ms)
    # "개발을 위해" (adverbial purpose) vs "개발을 위한" (modifies the next noun)
    q = k
    if q < n and ms[q].tag == "JKO":
        q += 1
    if q + 1 < n and ms[q].form == "위하":
        trig.purpose = "adverbial" if ms[q + 1].tag == "EC" else "adnominal"
    if trig.entry.kind == "activity" and k < n and ms[k].form in lex.triggers_by_first and ms[k].tag == "NNG":
        trig.compound = True
    # "A가 인수한 B": a relative ending right after the trigger verb
    q = k
    while q < n and ms[q].tag in ("XSV", "EP", "XSA") or (q < n and ms[q].form in ("되", "받") and ms[q].tag.startswith(("XSV", "VV", "VX"))):
        q += 1
    if q < n and ms[q].tag == "ETM":
        trig.head_after = q + 1
