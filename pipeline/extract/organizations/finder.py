"""The organisation finder: mentions in a sentence of morphemes, and in an article in two phases.

Known names come from the lexicon, matched over runs of morphemes so that boundaries fall
between morphemes; names never seen before need context (see `rules/`). An article is read
twice: first to introduce the names its context reveals (물류 스타트업 로지올래), then to
find them again wherever they stand alone.
"""
from __future__ import annotations

from typing import NamedTuple

from pipeline.extract.organizations import evidence, spans
from pipeline.extract.organizations.mention import OrgMention, name_key
from pipeline.extract.organizations.rules import (
    UNSEEN_NAME_EVIDENCE,
    after_mark,
    company_with_sa,
    drop_weak_alone,
    elided_suffix,
    introduced_name,
    known_name,
    list_members,
)
from pipeline.extract.organizations.sentence import MAX_NAME_MORPHS, FinderResources, NameSpan, SentenceView, Verdict
from pipeline.extract.trace import Trace
from pipeline.korean import Analysis, Morph, grammar

G = grammar()
T = G.tags
# Morphemes where only a known name may start, never an unseen one (한컴 may come out as 한/MM 컴/NNG).
ODD_NAME_STARTS = T.determiner | T.numeral | T.noun_prefix | T.adverb | T.verb | T.adjective | T.root
NAME_START_TAGS = T.nominal | T.other_symbol


class SentenceOrganizations(NamedTuple):
    mentions: list[OrgMention]
    dropped: list[OrgMention]   # found, then dropped for weak evidence (org.weak_needs_firm)


class OrganizationFinder:
    def __init__(self, resources: FinderResources):
        self.res = resources

    def find(self, text: str, ms: tuple[Morph, ...], names: dict[str, OrgMention] | None = None
             ) -> SentenceOrganizations:
        """Mentions in one sentence. `names` holds the names the article introduced with context
        (name key → first mention); new ones are added to it."""
        s = SentenceView(text, ms, any(m.form in self.res.trigger_forms for m in ms), self.res)
        found: list[OrgMention] = []
        taken = [False] * len(ms)
        starts = {k[0] for k in names} if names else set()
        i = 0
        while i < len(ms):
            mention = introduced_name(s, i, names) \
                if starts and text[ms[i].start:ms[i].start + 1].lower() in starts else None
            mention = mention or self._at(s, i)
            if isinstance(mention, int):  # a known look-alike (사우디 아라비아, 카카오 아이) to step over
                i = mention
                continue
            if mention is not None and not any(taken[mention.i:mention.j]):
                found.append(mention)
                for k in range(mention.i, mention.j):
                    taken[k] = True
                i = mention.j
            else:
                i += 1
        found += list_members(s, found, taken)
        found += elided_suffix(s, found, taken)
        kept = sorted(drop_weak_alone(found), key=lambda m: m.i)
        if names is not None:
            for m in kept:
                if m.source.startswith("context:") and not m.repeated:
                    names.setdefault(name_key(m.name), m)
        return SentenceOrganizations(kept, [m for m in found if m not in kept])

    def _at(self, s: SentenceView, i: int) -> OrgMention | int | None:
        ms = s.ms
        m = ms[i]
        marked = after_mark(s, i)
        if marked is not None and spans.lexicon_match(s, i) is None:
            return marked
        if m.tag not in NAME_START_TAGS and not (m.tag in ODD_NAME_STARTS and not s.glued(i)):
            return None
        if s.glued(i) and ms[i - 1].tag in T.nominal and ms[i - 1].tag not in T.number and m.tag not in T.foreign_word:
            return None  # inside a longer word
        with_sa = company_with_sa(s, i)
        if with_sa is not None:
            return with_sa
        hit = spans.lexicon_match(s, i)
        if isinstance(hit, int):
            return hit
        if hit is not None:
            known = known_name(s, i, hit)
            if known is not None:
                return known
        return self._unseen(s, i) if m.tag not in ODD_NAME_STARTS else None

    def _unseen(self, s: SentenceView, i: int) -> OrgMention | None:
        """A name never seen before, if some evidence rule accepts it."""
        ms = s.ms
        quoted = i > 0 and ms[i - 1].form in G.marks.open_quotes and s.glued(i)
        if not spans.can_start_name(s, i, quoted):
            return None
        if quoted:
            j = i
            while j < len(ms) and ms[j].form not in G.marks.close_quotes and j - i < MAX_NAME_MORPHS:
                j += 1
            if j >= len(ms) or j == i:
                return None
            after = j + 1
        else:
            j = spans.name_run_end(s, i)
            after = j
        name = s.surface(i, j)
        if not spans.plausible_name(s, name, ms[j - 1]):
            return None
        if evidence.product_noun_before(s, i) or evidence.person_title_at(s, after):
            return None
        span = NameSpan(i, j, after, name)
        for rule in UNSEEN_NAME_EVIDENCE:
            verdict = rule(s, span)
            if verdict is Verdict.REJECT:
                return None
            if verdict is Verdict.ACCEPT:
                return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, name, "company", rule.label,
                                  rule=rule.rule_id)
        return None


def find_article_organizations(analysis: Analysis, finder: OrganizationFinder,
                               trace: Trace | None = None) -> list[list[OrgMention]]:
    """Mentions per sentence of an article, in two phases: introduce, then find."""
    text = analysis.text
    names: dict[str, OrgMention] = {}
    # phase 1 (introduce): every sentence in reading order; names with context go into `names`
    per_sentence = [finder.find(text, s.morphs, names) for s in analysis.sentences]
    # phase 2 (find): sentences that hold an introduced name are read again knowing all of them
    if names:
        keys = [m.name for m in names.values()]
        per_sentence = [finder.find(text, s.morphs, names) if any(k in text[s.start:s.end] for k in keys)
                        else found for s, found in zip(analysis.sentences, per_sentence, strict=True)]
    if trace is not None:
        for k, found in enumerate(per_sentence):
            for m in found.mentions:
                origin = m.origin
                if origin is not None and origin.start == m.start:  # the introduction itself, read again
                    trace.add(k, origin.rule, f"{m.name!r} → {m.canonical!r} [{m.source}]")
                elif origin is not None:
                    trace.add(k, m.rule, f"{m.name!r} → {m.canonical!r} [{m.source}], introduced at "
                                         f"{origin.start} by {origin.rule}")
                else:
                    trace.add(k, m.rule, f"{m.name!r} → {m.canonical!r} [{m.source}]")
            for m in found.dropped:
                trace.add(k, drop_weak_alone.rule_id, f"{m.name!r} dropped: {m.source} with no firmer organisation")
    return [found.mentions for found in per_sentence]
