"""The alliances-only pass: which parts of an article can hold an alliance record.

Every record needs a relation word in its sentence, so one automaton over the relation words
as written (configs/relations.yaml `written`: 맞바꿨 for 맞바꾸, 손을 잡 for 손+잡) finds the
sentences worth analysing. Each is taken with the sentences before it that discourse needs (a
dropped subject, 양사, a funding round's investee) and the article's first lines (headline and
lead); Kiwi then reads only those spans."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from pipeline.extract.relations.vocabulary import RelationVocabulary

# A sentence ends at a line break, or at a full stop, question or exclamation mark before a space.
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])[ \t]+")


@dataclass(frozen=True)
class PrefilterSettings:
    before: int = 1        # sentences kept before each sentence with a relation word
    lead: int = 2          # first sentences (headline, lead) always kept


@lru_cache(maxsize=4)
def _automaton(vocabulary: RelationVocabulary) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for surface in relation_surfaces(vocabulary):
        automaton.add_word(surface, surface)
    automaton.make_automaton()
    return automaton


def relation_surfaces(vocabulary: RelationVocabulary) -> frozenset[str]:
    """What the relation words look like in text (configs/relations.yaml: `written`, else the first form)."""
    return vocabulary.written_triggers


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentences (start, end) of a text, cheap and without Kiwi."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def relevant_spans(text: str, vocabulary: RelationVocabulary,
                   settings: PrefilterSettings = PrefilterSettings()) -> list[tuple[int, int]]:
    """Merged character spans of the article to analyse: sentences with a relation word, the
    sentences before them that discourse needs, and the lead."""
    sentences = sentence_spans(text)
    if not sentences:
        return []
    hits = sorted(end for end, _word in _automaton(vocabulary).iter(text))
    keep = set(range(min(settings.lead, len(sentences))))
    for index, (start, end) in enumerate(sentences):
        k = bisect_left(hits, start)
        if k < len(hits) and hits[k] < end:
            keep.update(range(max(0, index - settings.before), index + 1))
    spans: list[tuple[int, int]] = []
    for index in sorted(keep):
        start, end = sentences[index]
        if spans and not text[spans[-1][1]:start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
