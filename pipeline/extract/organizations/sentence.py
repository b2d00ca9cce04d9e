"""What every organisation rule reads: the sentence, its morphemes and the shared resources."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from pipeline.extract.organizations.lexicon import OrganizationLexicon
from pipeline.extract.organizations.mention import name_key
from pipeline.extract.organizations.vocabulary import OrgVocabulary
from pipeline.korean import Morph
from pipeline.korean.grammar import Grammar

MAX_NAME_MORPHS = 6


@dataclass(frozen=True)
class FinderResources:
    """Data the organisation rules need, loaded once."""
    lexicon: OrganizationLexicon
    vocab: OrgVocabulary
    grammar: Grammar
    trigger_forms: frozenset[str]         # first forms of relation words
    object_trigger_forms: frozenset[str]  # … of those whose object is an organisation (B를 인수)
    prefixes: frozenset[str]              # every prefix of every known surface key
    # surface → (lexicon entry, non-organisation kind) for the surfaces `lexicon_match` looks up
    # (only those whose key is a known prefix: a bounded set)
    known_surfaces: dict[str, tuple] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def build(cls, lexicon: OrganizationLexicon, vocab: OrgVocabulary, grammar: Grammar,
              trigger_forms: frozenset[str], object_trigger_forms: frozenset[str]) -> FinderResources:
        # the search for the longest known name stops at the first morpheme no name continues with
        surfaces = [s for s, _ in lexicon.iter_surfaces()]
        surfaces += [s for non in lexicon.non_organizations for s in non.surfaces]
        prefixes = frozenset(k[:n] for k in map(name_key, surfaces) for n in range(1, len(k) + 1))
        return cls(lexicon, vocab, grammar, trigger_forms, object_trigger_forms, prefixes)


@dataclass(frozen=True, slots=True)
class SentenceView:
    text: str
    ms: tuple[Morph, ...]
    has_trigger: bool        # the sentence holds a relation word
    res: FinderResources
    # (rule id, surface) of each name a rule turned down in this sentence, for the trace
    rejected: list[tuple[str, str]] = field(default_factory=list)
    legal_form_hint: bool = False   # the sentence holds a legal form (…합자회사): worth reading whole words
    # glue[k]: morpheme k follows k-1 with no space between them (glue[0] is False); asked millions
    # of times per thousand articles, so computed once per sentence
    glue: tuple[bool, ...] = ()   # given by a reader that has them already, else computed here

    def __post_init__(self) -> None:
        if not self.glue:
            object.__setattr__(self, "glue", glue_flags(self.ms))

    def reject(self, rule_id: str, i: int, j: int) -> None:
        self.rejected.append((rule_id, self.surface(i, j)))

    def glued(self, k: int) -> bool:
        """Morpheme k follows k-1 with no space between them."""
        return k > 0 and self.glue[k]

    def surface(self, i: int, j: int) -> str:
        return self.text[self.ms[i].start:self.ms[j - 1].end]

    def word_start(self, i: int) -> int:
        """First morpheme of the spaceless word that morpheme i ends."""
        while i > 0 and self.glued(i):
            i -= 1
        return i

    def word_end(self, i: int, stop_tags: frozenset[str]) -> int:
        """End (exclusive) of the glued run of morphemes from i, before the first one tagged in `stop_tags`."""
        j = i + 1
        while j < len(self.ms) and self.glued(j) and self.ms[j].tag not in stop_tags:
            j += 1
        return j


def glue_flags(ms: tuple[Morph, ...]) -> tuple[bool, ...]:
    """For each morpheme: does it follow the one before with no space between them (never the first)."""
    return (False, *[a.end >= b.start for a, b in zip(ms[:-1], ms[1:], strict=True)])


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A candidate name: morphemes i..j-1; `after` is the morpheme after it (past a closing quote)."""
    i: int
    j: int
    after: int
    name: str


class Verdict(Enum):
    """What an evidence rule says about a candidate name."""
    ACCEPT = "accept"
    REJECT = "reject"   # a veto: no later rule may accept the name
