"""A sentence as the relation rules see it: groups of organisations with their case role,
relation words (triggers), clause boundaries and relative-clause ends."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pipeline.extract.organizations import OrgMention
from pipeline.extract.relations.vocabulary import TriggerEntry


class Role(StrEnum):
    """The role of a group in its clause (from its particle) or in a binding."""
    SUBJ = "subj"            # 이/가, 은/는, 도
    COM = "com"              # 와/과: a comitative partner
    DAT = "dat"              # 에, 에게
    SRC = "src"              # 로부터
    LOC = "loc"              # 에서: a source or a place
    OBJ = "obj"              # 을/를
    GEN = "gen"              # 의
    VIA = "via"              # 을/를 통해: the means (a vehicle, a channel), no party
    BARE = "bare"            # no particle: a name right before a trigger noun (B 인수)
    OTHER = "other"
    REL_SUBJ = "rel_subj"    # the subject of a relative clause inside the clause (A가 주도한 투자)
    RELATIVE = "relative"    # the head noun of a relative clause (A가 인수한 B)
    DISCOURSE = "discourse"  # the investee named in an earlier sentence
    STAKE_OWNER = "stake_owner"  # a name right before a share word: C 지분 30%를, C 주식을 (whose shares move)
    SELECTED = "selected"    # chosen in the clause before: B를 협력사로 선정해 (a partner; a supplier of supply)
    ORDERER = "orderer"      # the subject of a relative clause ordering what the clause supplies (B가 발주한 선박)
    FIRST = "first"          # written order: A와 B의 인수 (the acquirer first)
    SECOND = "second"


PARTNER_ROLES = frozenset({Role.COM, Role.DAT, Role.SRC, Role.OBJ, Role.SELECTED})


@dataclass(slots=True, eq=False)
class Group:
    members: list[OrgMention]
    parts: list[list[list[OrgMention]]]  # parts (split by , or 에 이어) → sides (split by 와) → members
    role: Role = Role.OTHER
    topic: bool = False                   # 은/는/도: may carry over to later clauses
    i: int = 0
    j: int = 0                            # morpheme index after the group and its particle
    listing: bool = False                 # "A, B 등 기업이": a category listing
    joint: bool = False                   # "와 함께"
    anaphor: str | None = None            # "pair" (양사) or "single" (이 회사)
    inherited: bool = False               # the subject of an earlier sentence, carried into one without its own

    @property
    def is_pair_structure(self) -> bool:
        """Every part is 'X와 Y': the group lists pairs (롯데케미칼과 GS칼텍스, 한화솔루션과 SK이노베이션)."""
        return bool(self.parts) and all(len(sides) == 2 for sides in self.parts)

    def structured_pairs(self) -> list[tuple[OrgMention, OrgMention, int]]:
        """Pairs of a pair-structured group, with the index of the part each came from."""
        return [(a, b, k) for k, (left, right) in enumerate(self.parts) for a in left for b in right]


@dataclass(slots=True, eq=False)
class Trigger:
    entry: TriggerEntry
    i: int
    j: int
    purpose: str | None = None     # "…을 위해" (adverbial) / "…을 위한" (adnominal) / "…을 통해" (means)
    compound: bool = False         # activity noun right before another trigger (개발 협력)
    head_after: int | None = None  # "A가 인수한 B": index of the morpheme after the relative ending


@dataclass(slots=True, eq=False)
class GenericArg:
    """A noun that is not an organisation in a slot that matters (여러 부품 업체와 협력)."""
    role: Role
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
    names_subject: bool = False   # a noun phrase marked as subject or topic stands before the first relation word
    unfinished: bool = False      # no final ending: a headline, a caption, a sentence cut off or ending in a noun


def names_own_subject(items: SentenceItems, in_body: bool) -> bool:
    """Does the sentence say who acts, or does it continue the previous sentence's topic? One
    without a final ending before the body of prose (a headline, a caption) drops subjects of its
    own, not the previous line's; in the body it is prose cut off (… 손잡고 차세대 네) or ending in
    a noun (… 강화할 계획), which drops a subject as any sentence does."""
    return items.names_subject or (items.unfinished and not in_body)
