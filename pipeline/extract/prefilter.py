"""The alliances-only pass: which parts of an article can hold an alliance record.

Every record needs a relation word in its sentence, so one automaton over the relation words
as written (configs/relations.yaml `written`: 맞바꿨 for 맞바꾸, 손을 잡 for 손+잡) finds the
sentences worth analysing. A relation word that counts only beside certain words (`requires`:
받 with 라운드, 시리즈 …) counts only when one of them is written nearby, and a word that only
names an activity (`kind: activity`: 개발, 연구) only beside a partner: a comitative particle at
the end of a word (configs/korean.yaml `particles.comitative`: B와, B과의), a joint marker or a
pair dash (configs/relations.yaml `joint_markers`, `pair_dashes`). Each sentence kept
is taken with what the rules read around it:

- the sentences before it that discourse needs (a dropped subject, 양사, 이 회사, a funding
  round's investee) and the article's first lines (headline and lead);
- the sentences after it up to the last one within the amount rules' reach that states an
  amount (`amount_attachment.sentences_after`; `deal_noun_sentences_after` for one with a
  deal-amount noun, 계약금액은 …): a record may take its amount from there.

Kiwi then reads only those spans (pipeline.korean.tokenizer `analyse_spans_many`); an article without a
relation word is not analysed at all. The pass errs on the side of keeping: a word found here
that the analysis does not confirm costs time, never a record."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from pipeline.config_files import load_config
from pipeline.extract.money import find_amounts
from pipeline.extract.organizations import load_lexicon
from pipeline.extract.relations.vocabulary import get_relation_vocabulary
from pipeline.korean import grammar
from pipeline.korean.script import HANGUL_SYLLABLES
from pipeline.records import Amount

# A sentence ends at a line break, or at a full stop, question or exclamation mark before a space.
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])[ \t]+")
_SYLLABLES, _PER_INITIAL, _FINALS = 0xAC00, 588, 28   # Hangul syllables: 588 per initial consonant, 28 finals


@dataclass(frozen=True)
class PrefilterSettings:
    before: int = 1        # sentences kept before each sentence with a relation word
    lead: int = 0          # first sentences (headline, lead) kept when the article has a relation word
    after: int | None = None   # sentences after it that may lend an amount (None: the amount rules' reach)
    reach: int = 1         # sentences on either side where a `requires` word may stand (the analysis
                           # may join two of these rough sentences into one)


@dataclass(frozen=True)
class _Words:
    """Relation words as written, each with the words one of which it requires (empty: none)."""
    automaton: ahocorasick.Automaton        # relation words as written → their required-word groups
    required: re.Pattern | None             # every required word (verbs also contracted: 올리 → 올려, 올렸)
    group_of: dict[str, int]                # a required word's group name in `required` → its index
    amount_reach: int                       # amount_attachment.sentences_after
    deal_reach: int                         # amount_attachment.deal_noun_sentences_after
    deal_nouns: re.Pattern                  # the deal-amount nouns as written (계약금액, 계약 규모)
    names: ahocorasick.Automaton            # the lexicon's names that need no context, 양사, 이 회사 …


def relation_surfaces(config_dir: str | None = None) -> frozenset[str]:
    """What the relation words look like in text (configs/relations.yaml: `written`, else the first form)."""
    return get_relation_vocabulary(config_dir).written_triggers


_PARTNER = "partner"   # the required-word group of the activity words: a partner written nearby


@lru_cache(maxsize=4)
def _words(config_dir: str | None) -> _Words:
    # A surface counts unconditionally if any trigger written so needs nothing; otherwise it
    # needs one word of the union of its triggers' `requires` (an activity word: a partner).
    needs: dict[str, set[str] | None] = {}
    for row in load_config("relations.yaml", config_dir).triggers:
        for surface in row.written or row.forms[:1]:
            condition = set(row.requires) or ({_PARTNER} if row.kind == "activity" else set())
            if not condition or (surface in needs and needs[surface] is None):
                needs[surface] = None
            else:
                needs.setdefault(surface, set()).update(condition)
    vocabulary = get_relation_vocabulary(config_dir)
    required = sorted({w for words in needs.values() if words for w in words}, key=len, reverse=True)
    automaton = ahocorasick.Automaton()
    for surface, words in needs.items():
        automaton.add_word(surface, frozenset(required.index(w) for w in words) if words else frozenset())
    automaton.make_automaton()
    pattern = re.compile("|".join(f"(?P<w{k}>{_partner_forms(vocabulary) if w == _PARTNER else _written_forms(w)})"
                                  for k, w in enumerate(required))) if required else None
    reach = vocabulary.amount_attachment
    nouns = sorted({noun for row in reach.deal_amount_nouns for noun in row.nouns}, key=len, reverse=True)
    deal_nouns = re.compile("|".join("\\s?".join(map(re.escape, noun)) for noun in nouns))
    return _Words(automaton, pattern, {f"w{k}": k for k in range(len(required))}, reach.sentences_after,
                  reach.deal_noun_sentences_after, deal_nouns, _names(config_dir, vocabulary))


def _partner_forms(vocabulary) -> str:
    """A regex for what names a partner of an activity (개발, 연구 with whom): a comitative
    particle ending a word (B와, B과는, B와의: only a particle may follow it), a joint marker
    (함께, 공동 …) or a pair dash (A-B)."""
    particles = grammar().particles
    followers = sorted({p for forms in vars(particles).values() for p in forms}, key=len, reverse=True)
    comitative = "|".join(map(re.escape, sorted(particles.comitative, key=len, reverse=True)))
    after = "|".join(map(re.escape, followers))
    words = "|".join(map(re.escape, sorted(vocabulary.joint_markers | vocabulary.pair_dashes, key=len, reverse=True)))
    return f"(?<=\\S)(?:{comitative})(?![{HANGUL_SYLLABLES}])|(?<=\\S)(?:{comitative})(?:{after})|{words}"


def _names(config_dir: str | None, vocabulary) -> ahocorasick.Automaton:
    """Names that stand for an organisation as written: the lexicon's (those that are no ordinary
    word as well) and the anaphora that point back to organisations (양사, 이 회사), spaced or not."""
    folder = Path(config_dir) / "organizations" if config_dir else None
    automaton = ahocorasick.Automaton()
    for entry in load_lexicon(folder).entries:
        for surface in entry.surfaces:
            if len(surface) >= 2 and not entry.surface_needs_context(surface):
                automaton.add_word(surface, len(surface))
    for patterns in vocabulary.anaphora_by_first.values():
        for _kind, forms in patterns:
            for written in {"".join(forms), " ".join(forms)}:
                automaton.add_word(written, len(written))
    automaton.make_automaton()
    return automaton


def _written_forms(word: str) -> str:
    """A regex for `word` as written: a stem ending in a vowel may contract with its ending
    (올리 + 었 → 올렸), which keeps the last syllable's initial consonant."""
    last = ord(word[-1]) - _SYLLABLES
    if len(word) < 2 or not 0 <= last < 11172 or last % _FINALS:
        return re.escape(word)
    first = _SYLLABLES + last // _PER_INITIAL * _PER_INITIAL
    return f"{re.escape(word[:-1])}[{chr(first)}-{chr(first + _PER_INITIAL - 1)}]"


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


def _index(starts: list[int], position: int) -> int:
    """The sentence holding `position` (sentences given by their starts)."""
    return bisect_left(starts, position + 1) - 1


def relation_sentences(text: str, sentences: list[tuple[int, int]], reach: int = 1,
                       config_dir: str | None = None) -> set[int]:
    """Indices of the sentences with a relation word that may count there."""
    words = _words(config_dir)
    starts = [a for a, _b in sentences]
    conditional: dict[int, set[int]] = {}   # sentence → required-word groups any of which it needs
    found: set[int] = set()
    for end, groups in words.automaton.iter(text):
        k = _index(starts, end)
        if k < 0 or end >= sentences[k][1]:
            continue   # between sentences (white space): cannot happen for a word, kept for safety
        if groups:
            conditional.setdefault(k, set()).update(groups)
        else:
            found.add(k)
    conditional = {k: g for k, g in conditional.items() if k not in found}
    if conditional and words.required is not None:
        present: dict[int, set[int]] = {}
        for first, last in _windows(conditional, reach, len(sentences)):   # only around the words that need one
            for match in words.required.finditer(text, sentences[first][0], sentences[last][1]):
                k = _index(starts, match.start())
                if k >= 0:
                    present.setdefault(k, set()).add(words.group_of[match.lastgroup])
        for k, groups in conditional.items():
            near = set().union(*(present.get(j, ()) for j in range(k - reach, k + reach + 1)))
            if groups & near:
                found.add(k)
    return found


def _windows(indices, reach: int, count: int) -> list[tuple[int, int]]:
    """Runs (first, last) of the sentences within `reach` of `indices`, overlapping runs joined."""
    runs: list[tuple[int, int]] = []
    for k in sorted(indices):
        first, last = max(0, k - reach), min(count - 1, k + reach)
        if runs and first <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], last)
        else:
            runs.append((first, last))
    return runs


def named_sentences(text: str, sentences: list[tuple[int, int]], indices: set[int],
                    config_dir: str | None = None) -> set[int]:
    """Those of the sentences at `indices` that name a known organisation (or 양사, 이 회사) at
    the start of a word: a relation word there has something to bind to."""
    names = _words(config_dir).names
    out = set()
    for index in indices:
        start, end = sentences[index]
        for last, length in names.iter(text, start, end):
            first = last - length + 1
            if first == 0 or not text[first - 1].isalnum():
                out.add(index)
                break
    return out


def neighbourhood(text: str, sentences: list[tuple[int, int]], hits: set[int],
                  settings: PrefilterSettings = PrefilterSettings(), config_dir: str | None = None,
                  lenders: set[int] | None = None) -> set[int]:
    """The sentences to analyse for `hits`: each with the sentences before it that discourse needs,
    those after it up to the last one within the amount rules' reach that states an amount
    (`lenders`, else found here: `amount_sentences`), and the lead. Nothing without hits."""
    if not hits:
        return set()
    keep = set(range(min(settings.lead, len(sentences))))
    words = _words(config_dir)
    after, far = (words.amount_reach, words.deal_reach) if settings.after is None else (settings.after,) * 2
    if lenders is None:
        lenders = amount_sentences(text, sentences) if far else set()
    for index in hits:
        keep.update(range(max(0, index - settings.before), index + 1))
        lender = max((j for j in range(index + 1, min(len(sentences), index + far + 1)) if j in lenders
                      and (j - index <= after or words.deal_nouns.search(text, *sentences[j]))), default=index)
        keep.update(range(index + 1, lender + 1))   # and those between: the rules count sentences
    return keep


def amount_sentences(text: str, sentences: list[tuple[int, int]], amounts: list[Amount] | None = None) -> set[int]:
    """Indices of the sentences that state an amount of money (`amounts`: the text's, if found already)."""
    starts = [a for a, _b in sentences]
    return {_index(starts, a.start) for a in (find_amounts(text) if amounts is None else amounts)}


def merged_spans(text: str, sentences: list[tuple[int, int]], indices: set[int]) -> list[tuple[int, int]]:
    """Character spans of the sentences at `indices`, neighbours (only white space between) merged."""
    spans: list[tuple[int, int]] = []
    for index in sorted(indices):
        start, end = sentences[index]
        if spans and not text[spans[-1][1]:start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def relevant_spans(text: str, settings: PrefilterSettings = PrefilterSettings(),
                   config_dir: str | None = None) -> list[tuple[int, int]]:
    """Merged character spans of the article to analyse: sentences with a relation word and
    their neighbourhood (`neighbourhood`). Nothing when the article has no relation word."""
    sentences = sentence_spans(text)
    hits = relation_sentences(text, sentences, settings.reach, config_dir)
    return merged_spans(text, sentences, neighbourhood(text, sentences, hits, settings, config_dir))
