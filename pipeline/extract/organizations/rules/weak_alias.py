"""Aliases that count only in an organisation context: a two-letter Latin alias from a generated
list (SI for 쎄트렉아이, TS), and a Hangul spelling of a Latin acronym before another proper noun
(포드 지엠 크래니: a person's name, not GM)."""
from __future__ import annotations

from pipeline.extract.organizations.lexicon import LexiconEntry
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags
SHORT_LATIN = 2      # letters
ACRONYM = 4          # letters of a canonical name that Hangul may spell out (지엠, 케이티)


@rule("org.weak_alias.v1", label="")
def weak_alias(s: SentenceView, i: int, j: int, entry: LexiconEntry) -> bool:
    """True when the surface i..j needs an organisation context: a Latin alias of at most two
    letters that is not the entry's own name and comes from a generated list, or a Hangul alias of a
    short Latin acronym followed by a spaced proper noun."""
    surface = "".join(s.surface(i, j).split())
    if surface.isascii() and surface.isalpha() and len(surface) <= SHORT_LATIN:
        return surface.lower() != "".join(entry.canonical.split()).lower() and \
            any(surface.lower() == a.lower() for a in entry.registry_aliases)
    canonical = entry.canonical
    if surface.isascii() or not (canonical.isascii() and canonical.isupper() and len(canonical) <= ACRONYM):
        return False
    ms = s.ms
    return j < len(ms) and not s.glued(j) and ms[j].tag in T.name_like
