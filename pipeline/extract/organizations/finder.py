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
    NAME_VETOES,
    UNSEEN_NAME_EVIDENCE,
    WHOLE_WORD_NAMES,
    after_mark,
    company_with_sa,
    drop_weak_alone,
    elided_suffix,
    headed_list_members,
    introduced_name,
    known_name,
    list_members,
    numeral_head_start,
    region_subsidiary_end,
    spaced_name_end,
    veto,
)
from pipeline.extract.organizations.rules.cut_word import PIECE_TAGS
from pipeline.extract.organizations.sentence import (
    MAX_NAME_MORPHS,
    FinderResources,
    NameSpan,
    SentenceView,
    Verdict,
    glue_flags,
)
from pipeline.extract.registry import RULES
from pipeline.extract.trace import Trace
from pipeline.korean import Analysis, Morph, grammar
from pipeline.korean.asides import aside_end

G = grammar()
T = G.tags
# Morphemes where only a known name may start, never an unseen one (한컴 may come out as 한/MM 컴/NNG).
ODD_NAME_STARTS = T.determiner | T.numeral | T.noun_prefix | T.adverb | T.verb | T.adjective | T.root
NAME_START_TAGS = T.nominal | T.other_symbol
# Tags of morphemes where `_at` may find anything (a name, a whole word; cut_word's pieces);
# elsewhere only a name glued after a corporate mark (after_mark) can start.
MAY_START_TAGS = NAME_START_TAGS | ODD_NAME_STARTS | T.nominal | T.proper_noun | T.common_noun | PIECE_TAGS
# A quoted name is read up to its closing quote: at most MAX_NAME_MORPHS morphemes, or this many
# when they are one spaceless word (a long registered name Kiwi cut in pieces).
MAX_QUOTED_MORPHS = 16


class _Replay(NamedTuple):
    """What `_at` found at a morpheme where rules also turned names down (replayed for the trace)."""
    found: OrgMention | int | None
    rejected: tuple[tuple[str, str], ...]


_NOT_READ = object()   # a morpheme `_at` has not read yet


class _SentenceFacts(NamedTuple):
    """What a reading of a sentence needs that does not depend on the names the article introduced."""
    has_trigger: bool
    legal_form_hint: bool
    glue: tuple[bool, ...]
    may_start: list[int]   # the morphemes `_at` reads (its first test); elsewhere nothing starts


class SentenceMemo:
    """A sentence read twice (see `find_article_organizations`): what the first reading learnt
    that the second can reuse, the sentence's facts and what `_at` found at each morpheme."""
    __slots__ = ("facts", "found")

    def __init__(self) -> None:
        self.facts: _SentenceFacts | None = None
        self.found: dict[int, object] = {}


class SentenceOrganizations(NamedTuple):
    mentions: list[OrgMention]
    dropped: list[OrgMention]   # found, then dropped for weak evidence (org.weak_needs_firm)
    rejected: tuple[tuple[str, str], ...] = ()   # (rule id, surface) of names a rule turned down


class OrganizationFinder:
    def __init__(self, resources: FinderResources):
        self.res = resources

    def find(self, text: str, ms: tuple[Morph, ...], names: dict[str, OrgMention] | None = None,
             memo: SentenceMemo | None = None) -> SentenceOrganizations:
        """Mentions in one sentence. `names` holds the names the article introduced with context
        (name key → first mention); new ones are added to it. `memo` keeps the sentence's facts and
        what was found at each morpheme (neither depends on `names`) for a second reading of it."""
        facts = memo.facts if memo is not None else None
        if facts is None:
            facts = self._facts(text, ms)
            if memo is not None:
                memo.facts = facts
        s = SentenceView(text, ms, facts.has_trigger, self.res, legal_form_hint=facts.legal_form_hint,
                         glue=facts.glue)
        found_at = memo.found if memo is not None else None
        found: list[OrgMention] = []
        taken = [False] * len(ms)
        starts = {k[0] for k in names} if names else set()
        i = 0   # the next morpheme not inside a name found or stepped over
        introduced = _introduced_at(text, ms, starts)
        for at in sorted(introduced.union(facts.may_start)) if introduced else facts.may_start:
            if at < i:
                continue
            i = at
            mention = introduced_name(s, i, names) if i in introduced else None
            if mention is not None:
                longer = self._at_once(s, i, found_at)
                if isinstance(longer, OrgMention) and longer.j > mention.j:
                    mention = longer  # SITC introduced, SITC 쉽어닝 here
            mention = mention or self._at_once(s, i, found_at)
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
        found += headed_list_members(s, found, taken)
        found += elided_suffix(s, found, taken)   # before list: 동양·ABL생명 is 동양생명, not a listed 동양
        found += list_members(s, found, taken)
        kept = sorted(drop_weak_alone(found), key=lambda m: m.i)
        if names is not None:
            for m in kept:
                if m.source.startswith("context:") and not m.repeated:
                    names.setdefault(name_key(m.name), m)
        return SentenceOrganizations(kept, [m for m in found if m not in kept], tuple(s.rejected))

    def _facts(self, text: str, ms: tuple[Morph, ...]) -> _SentenceFacts:
        surface = text[ms[0].start:ms[-1].end] if ms else ""
        marks = G.marks.corporate_mark_forms
        return _SentenceFacts(
            not self.res.trigger_forms.isdisjoint([m.form for m in ms]),
            any(f in surface for f in self.res.vocab.legal_forms),
            glue_flags(ms),
            [k for k, m in enumerate(ms) if m.tag in MAY_START_TAGS or (k and ms[k - 1].form in marks)])

    def _at_once(self, s: SentenceView, i: int, memo: dict[int, object] | None) -> OrgMention | int | None:
        """`_at`, computed once per morpheme of a sentence read twice: the second reading replays
        the result and the rejections the rules noted for the trace."""
        if memo is None:
            return self._at(s, i)
        known = memo.get(i, _NOT_READ)
        if known is not _NOT_READ:
            if type(known) is _Replay:
                s.rejected.extend(known.rejected)
                return known.found
            return known
        noted = len(s.rejected)
        found = self._at(s, i)
        memo[i] = found if len(s.rejected) == noted else _Replay(found, tuple(s.rejected[noted:]))
        return found

    def _at(self, s: SentenceView, i: int) -> OrgMention | int | None:
        ms = s.ms
        m = ms[i]
        if m.tag not in MAY_START_TAGS and not (i and ms[i - 1].form in G.marks.corporate_mark_forms):
            return None   # a particle, an ending, a mark: nothing starts here (the common case)
        glued = s.glue[i]
        if i and ms[i - 1].form in G.marks.corporate_mark_forms:   # after_mark's own first test, hoisted
            marked = after_mark(s, i)
            if marked is not None and spans.lexicon_match(s, i) is None:
                return marked
        # a whole word is the name, however Kiwi cut it (대/광/그룹): every shape reads a word Kiwi cut
        # in two or more pieces, so none where the next morpheme is spaced off (or there is none)
        if not (glued and ms[i - 1].tag in T.nominal) and i + 1 < len(ms) and s.glue[i + 1]:
            for shape in WHOLE_WORD_NAMES:
                whole = shape(s, i)
                if whole is not None:
                    return whole
        if m.tag not in NAME_START_TAGS and not (m.tag in ODD_NAME_STARTS and not glued):
            return None
        if glued and ms[i - 1].tag in T.nominal and ms[i - 1].tag not in T.number and m.tag not in T.foreign_word:
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
        quoted = i > 0 and s.glue[i] and ms[i - 1].form in G.marks.open_quotes
        if not spans.can_start_name(s, i, quoted):
            return None
        shaped_by = ""
        if quoted:
            j = i
            while j < len(ms) and ms[j].form not in G.marks.close_quotes and j - i < MAX_QUOTED_MORPHS \
                    and (j - i < MAX_NAME_MORPHS or s.glue[j]):
                j += 1
            if j >= len(ms) or j == i or ms[j].form not in G.marks.close_quotes:
                return None  # a quoted phrase, not a name
            after = j + 1
        else:
            j = spans.name_run_end(s, i)
            longer = spaced_name_end(s, i, j)
            if longer > j:
                j, shaped_by = longer, spaced_name_end.rule_id
            longer = region_subsidiary_end(s, j)
            if longer > j:
                j, shaped_by = longer, region_subsidiary_end.rule_id
            after = _past_company_aside(s, j)
        start = numeral_head_start(s, i)
        if start < i:
            shaped_by = spaced_name_end.rule_id
        name = s.text[ms[start].start:ms[j - 1].end]
        if not spans.plausible_name(s, name, ms[j - 1]):
            return None
        # before a title a person (이재용 회장), but not one word ending in a company suffix: its
        # officer's title follows (한빛그룹 회장; in 박승희 한빛전자 사장 the person's name comes first)
        officer = " " not in name and self.res.vocab.ends_in_company_suffix(name)
        if evidence.product_noun_before(s, start) or (evidence.person_title_at(s, after) and not officer):
            return None
        span = NameSpan(start, j, after, name)
        if veto(s, span, NAME_VETOES):
            return None
        for rule in UNSEEN_NAME_EVIDENCE:
            verdict = rule(s, span)
            if verdict is Verdict.REJECT:
                return None
            if verdict is Verdict.ACCEPT:
                return OrgMention(start, j, ms[start].start, ms[j - 1].end, name, name, "company", rule.label,
                                  rule=rule.rule_id, shaped_by=shaped_by)
        return None


def _past_company_aside(s: SentenceView, j: int) -> int:
    """Where the particle of a name ending at j is: past a company's aside glued to it, a stock code
    (누리반도체[123450]는, (코스닥 123450)), its head (누리온(대표 김철수)은) or its name in Latin
    letters (벨로르(Belor)와); not past a person's age (양수진(20)과)."""
    end = aside_end(s.ms, j) if j < len(s.ms) and s.glued(j) else j
    inner = s.ms[j + 1:end - 1]
    if not inner:
        return j
    ticker = any(m.tag in T.number and len(m.form) >= STOCK_CODE_DIGITS and m.form.isdigit() for m in inner)
    head = inner[0].form in s.res.vocab.person_titles and len(inner) > 1
    latin = all(m.tag in T.foreign_word for m in inner)   # 벨로르(Belor)와: the name in Latin letters
    return end if ticker or head or latin else j


STOCK_CODE_DIGITS = 6   # KRX codes: 005930


def _introduced_at(text: str, ms: tuple[Morph, ...], starts: set[str]) -> set[int]:
    """The morphemes where a name the article introduced may begin (`starts`: their first characters)."""
    if not starts:
        return set()
    return {k for k, m in enumerate(ms) if text[m.start:m.start + 1].lower() in starts}


def find_article_organizations(analysis: Analysis, finder: OrganizationFinder,
                               trace: Trace | None = None) -> list[list[OrgMention]]:
    """Mentions per sentence of an article, in two phases: introduce, then find."""
    text = analysis.text
    names: dict[str, OrgMention] = {}
    # phase 1 (introduce): every sentence in reading order; names with context go into `names`
    memos = [SentenceMemo() for _ in analysis.sentences]
    per_sentence = [finder.find(text, s.morphs, names, memo) for s, memo in zip(analysis.sentences, memos, strict=True)]
    # phase 2 (find): sentences that hold an introduced name are read again knowing all of them
    if names:
        keys = [m.name for m in names.values()]
        per_sentence = [finder.find(text, s.morphs, names, memo) if any(k in text[s.start:s.end] for k in keys)
                        else found for s, found, memo in zip(analysis.sentences, per_sentence, memos, strict=True)]
    if trace is not None:
        for k, found in enumerate(per_sentence):
            _trace_sentence(trace, k, found)
    return [found.mentions for found in per_sentence]


def _trace_sentence(trace: Trace, k: int, found: SentenceOrganizations) -> None:
    for m in found.mentions:
        origin = m.origin
        if origin is not None and origin.start == m.start:  # the introduction itself, read again
            trace.add(k, origin.rule, f"{m.name!r} → {m.canonical!r} [{m.source}]")
        elif origin is not None:
            trace.add(k, m.rule, f"{m.name!r} → {m.canonical!r} [{m.source}], introduced at "
                                 f"{origin.start} by {origin.rule}")
        else:
            trace.add(k, m.rule, f"{m.name!r} → {m.canonical!r} [{m.source}]")
        shaped_by = m.shaped_by or (origin.shaped_by if origin is not None else "")
        if shaped_by and shaped_by != m.rule:
            trace.add(k, shaped_by, f"{m.name!r}: {RULES[shaped_by].summary}")
    for m in found.dropped:
        trace.add(k, drop_weak_alone.rule_id, f"{m.name!r} dropped: {m.source} with no firmer organisation")
    for rule_id, surface in found.rejected:
        trace.add(k, rule_id, f"{surface!r} is no organisation here: {RULES[rule_id].summary}")
