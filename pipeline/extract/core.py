"""The extraction core: analyse → organisations → amounts → alliances, as typed functions.

Batch runs call `process_documents`; `extract_text` is the one-text entry point; the spaCy
adapter calls the same stage functions from its components. Nothing here touches a spaCy Doc.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.config_files import CONFIG_DIR
from pipeline.extract.dates import find_published
from pipeline.extract.entities import with_identities, with_organization_ids, with_party_ids
from pipeline.extract.money import find_amounts
from pipeline.extract.organizations import (
    FinderResources,
    OrganizationFinder,
    OrgMention,
    find_article_organizations,
    get_org_vocabulary,
    load_lexicon,
)
from pipeline.extract.prefilter import (
    PrefilterSettings,
    amount_sentences,
    merged_spans,
    named_sentences,
    neighbourhood,
    relation_sentences,
    sentence_spans,
)
from pipeline.extract.relations import RelationExtractor, get_relation_vocabulary
from pipeline.extract.relations.chunker import chunk_sentence
from pipeline.extract.relations.items import Group, Trigger
from pipeline.extract.trace import Trace
from pipeline.ingest import SourceDocument
from pipeline.korean import Analysis, analyse, analyse_many, grammar
from pipeline.korean.tokenizer import analyse_spans_many, text_batches
from pipeline.records import Alliance, Amount, ArticleResult, Organization
from pipeline.settings import config_hash
from pipeline.version import PIPELINE_VERSION


@dataclass(frozen=True)
class Extractor:
    """The rules' data of one configuration folder (lexicon, vocabularies), loaded once."""
    config_dir: Path
    finder: OrganizationFinder
    relations: RelationExtractor

    @classmethod
    def load(cls, config_dir: Path | str | None = None) -> Extractor:
        return _load_extractor(str(Path(config_dir or CONFIG_DIR).resolve()))


@lru_cache(maxsize=4)
def _load_extractor(config_dir: str) -> Extractor:
    org_vocab = get_org_vocabulary(config_dir)
    rel_vocab = get_relation_vocabulary(config_dir)
    resources = FinderResources.build(load_lexicon(Path(config_dir) / "organizations"), org_vocab, grammar(),
                                      rel_vocab.trigger_forms, rel_vocab.object_trigger_forms)
    return Extractor(Path(config_dir), OrganizationFinder(resources), RelationExtractor(rel_vocab, org_vocab))


def load_rules(alliances_only: bool = False) -> Extractor:
    """Load now what the stages load on first use (lexicon, vocabularies, the money grammar,
    the config hash; the pre-pass's automata for the alliances-only mode), so that a worker is
    ready before its first article (pipeline.run.engines `warm_up`)."""
    extractor = Extractor.load()
    find_amounts("")
    config_hash()
    if alliances_only:
        relation_sentences("", [], config_dir=str(extractor.config_dir))
    return extractor


@dataclass(frozen=True)
class Extraction:
    """Everything one text yields, with the morphemes it was read from."""
    analysis: Analysis
    published: dt.date | None
    mentions: list[list[OrgMention]]      # per sentence, with morpheme indices
    organizations: list[Organization]
    amounts: list[Amount]                 # exact and vague
    alliances: list[Alliance]
    trace: Trace | None = None


def find_organizations(analysis: Analysis, extractor: Extractor, trace: Trace | None = None) -> list[list[OrgMention]]:
    """Organisation mentions per sentence."""
    return find_article_organizations(analysis, extractor.finder, trace)


def organization_records(mentions: list[list[OrgMention]]) -> list[Organization]:
    return with_organization_ids([Organization(name=m.name, canonical=m.canonical, type=m.type, start=m.start,
                                               end=m.end, source=m.source) for sentence in mentions for m in sentence])


def find_alliances(analysis: Analysis, mentions: list[list[OrgMention]], amounts: list[Amount],
                   published: dt.date | None, extractor: Extractor, trace: Trace | None = None) -> list[Alliance]:
    return with_party_ids(extractor.relations.extract(analysis, mentions, amounts, published, trace))


def extract(analysis: Analysis, published: dt.date | None = None, *, extractor: Extractor | None = None,
            trace: bool = False) -> Extraction:
    """All stages on one analysed text; `trace=True` records which rule fired where."""
    extractor = extractor or Extractor.load()
    steps = Trace() if trace else None
    mentions = find_organizations(analysis, extractor, steps)
    amounts = find_amounts(analysis.text)
    alliances = find_alliances(analysis, mentions, amounts, published, extractor, steps)
    return Extraction(analysis, published, mentions, organization_records(mentions), amounts, alliances, steps)


def publication_date(document: SourceDocument, default: dt.date | None = None) -> dt.date | None:
    """Metadata first, then a dateline in the text, then the run's --published."""
    return document.published or find_published(document.text[:2000]) or default


def article_result(document: SourceDocument, extraction: Extraction) -> ArticleResult:
    published = extraction.published
    return ArticleResult(
        article=document.path,
        sha256=document.sha256,
        encoding=document.encoding,
        title=document.title,
        published=published.isoformat() if published else None,
        text=document.text,
        organizations=extraction.organizations,
        amounts=[a for a in extraction.amounts if not a.vague],
        vague_amounts=[a for a in extraction.amounts if a.vague],
        alliances=extraction.alliances,
        warnings=list(document.warnings),
        pipeline_version=PIPELINE_VERSION,
        config_hash=config_hash(),
    )


# The warning every alliances-only record carries (and what tells its records apart).
ALLIANCES_ONLY_NOTE = ("alliances-only: only the sentences that can hold an alliance were analysed; "
                       "organisations and amounts are those of the alliances")


@lru_cache(maxsize=None)
def alliances_only_config_hash() -> str:
    """The config hash alliances-only records carry: not the full mode's, so that a full run
    never takes them for its own (and the reverse)."""
    return hashlib.sha256(f"{config_hash()}\0alliances-only".encode()).hexdigest()[:16]


def alliances_only_result(document: SourceDocument, extraction: Extraction) -> ArticleResult:
    """The article's alliances, with their amounts and the mentions of their organisations only."""
    alliances = extraction.alliances
    parties = {p.canonical for a in alliances for p in a.parties}
    amounts = [a for _, a in sorted({(a.amount.start, a.amount.end): a.amount
                                     for a in alliances if a.amount is not None}.items())]
    return article_result(document, extraction).model_copy(update={
        "organizations": [o for o in extraction.organizations if o.canonical in parties],
        "amounts": [a for a in amounts if not a.vague],
        "vague_amounts": [a for a in amounts if a.vague],
        "warnings": [*document.warnings, ALLIANCES_ONLY_NOTE],
        "config_hash": alliances_only_config_hash(),
    })


def process_documents(documents: Iterable[SourceDocument], published: dt.date | None = None, *,
                      kiwi=None, extractor: Extractor | None = None,
                      alliances_only: bool = False) -> Iterator[ArticleResult]:
    """Article results in input order; Kiwi analyses ahead when it has worker threads.
    `published` is the date for documents that state none. `alliances_only`: Kiwi reads only
    what can hold an alliance (`alliances_only_reading`), and the results hold alliances, their
    amounts and their organisations."""
    extractor = extractor or Extractor.load()
    pending: deque[SourceDocument] = deque()  # read ahead by Kiwi, not yet yielded

    def texts():
        for document in documents:
            pending.append(document)
            yield document.text

    if alliances_only:
        for analysis, amounts in alliances_only_readings(texts(), kiwi, extractor):
            document = pending.popleft()
            extraction = _alliances_only_extraction(analysis, amounts, publication_date(document, published), extractor)
            yield with_identities(alliances_only_result(document, extraction), document)
        return
    for analysis in analyse_many(texts(), kiwi):
        document = pending.popleft()
        yield with_identities(article_result(document, extract(analysis, publication_date(document, published),
                                                               extractor=extractor)), document)


PREFILTER = PrefilterSettings()
# Read uncertain sentences first only in articles where fewer than this share of the sentences with
# a relation word name a known organisation: where more do, the article is about alliances, most
# uncertain sentences would be confirmed, and reading them twice costs more than it saves.
FIRST_READING_BELOW = 0.15


def _alliances_only_extraction(analysis: Analysis, amounts: list[Amount], date: dt.date | None,
                               extractor: Extractor) -> Extraction:
    """The stages on an alliances-only reading. The amounts are the whole text's, as in the full
    mode, found once by the pre-pass; a text Kiwi did not read has no alliance and needs no rules."""
    if not analysis.sentences:
        return Extraction(analysis, date, [], [], amounts, [])
    mentions = find_organizations(analysis, extractor)
    alliances = find_alliances(analysis, mentions, amounts, date, extractor)
    return Extraction(analysis, date, mentions, organization_records(mentions), amounts, alliances)


def alliances_only_reading(text: str, kiwi=None, extractor: Extractor | None = None) -> tuple[Analysis, list[Amount]]:
    """The analysis of what in `text` can hold an alliance, read in one or two passes, and the
    text's amounts when it has a relation word (else none: no record can take one).

    The cheap pass (pipeline.extract.prefilter) finds the sentences with a relation word as
    written. Those that also name a known organisation (or 양사, 이 회사) are kept; Kiwi reads
    the others alone first, and one stays only if a relation word is confirmed there with
    something to bind it to: an organisation, an anaphor, or no subject of its own (the previous
    sentence's topic). Kiwi then reads the sentences kept with the neighbours the rules read
    around them (`prefilter.neighbourhood`). Offsets index `text`."""
    return next(alliances_only_readings([text], kiwi, extractor))


def alliances_only_readings(texts: Iterable[str], kiwi=None,
                            extractor: Extractor | None = None) -> Iterator[tuple[Analysis, list[Amount]]]:
    """`alliances_only_reading` of each text, in order. Texts go in batches (`text_batches`) so
    that Kiwi reads a batch's first readings, then its final spans, in a row: each side then finds
    its data still in the CPU caches, as in the full mode (`analyse_many`)."""
    extractor = extractor or Extractor.load()
    for batch in text_batches(texts):
        plans = [_ReadingPlan.of(text, extractor) for text in batch]
        unsure = [plan for plan in plans if plan.unsure]
        readings = analyse_spans_many(((p.text, merged_spans(p.text, p.sentences, p.unsure)) for p in unsure), kiwi)
        for plan, first in zip(unsure, readings, strict=True):
            plan.keep |= plan.around(_bindable(first, plan.sentences, extractor))
        finals = analyse_spans_many(((p.text, merged_spans(p.text, p.sentences, p.keep)) for p in plans if p.keep),
                                    kiwi)
        for plan in plans:
            yield (next(finals) if plan.keep else Analysis(plan.text, ())), plan.amounts


@dataclass
class _ReadingPlan:
    """What the pre-pass found in one text: its rough sentences, the amounts, the sentences to
    read (`keep`) and those to read alone first (`unsure`)."""
    text: str
    config_dir: str
    sentences: list[tuple[int, int]]
    amounts: list[Amount]
    lenders: set[int]
    keep: set[int]
    unsure: set[int]

    @classmethod
    def of(cls, text: str, extractor: Extractor) -> _ReadingPlan:
        config_dir = str(extractor.config_dir)
        sentences = sentence_spans(text)
        hits = relation_sentences(text, sentences, PREFILTER.reach, config_dir)
        if not hits:
            return cls(text, config_dir, sentences, [], set(), set(), set())
        named = named_sentences(text, sentences, hits, config_dir)
        amounts = find_amounts(text)
        plan = cls(text, config_dir, sentences, amounts, amount_sentences(text, sentences, amounts), set(), set())
        plan.keep = plan.around(named)
        # a sentence whose neighbourhood is read anyway needs no first reading: it changes nothing
        unsure = {k for k in hits - named if not plan.around({k}) <= plan.keep}
        if len(named) >= len(hits) * FIRST_READING_BELOW:
            plan.keep |= plan.around(unsure)   # an article about alliances: most of the rest would stay anyway
        else:
            plan.unsure = unsure
        return plan

    def around(self, indices: set[int]) -> set[int]:
        return neighbourhood(self.text, self.sentences, indices, PREFILTER, self.config_dir, self.lenders)


def _bindable(analysis: Analysis, sentences: list[tuple[int, int]], extractor: Extractor) -> set[int]:
    """The rough sentences under analysed sentences with a relation word and something to bind it to."""
    starts = [a for a, _b in sentences]
    out: set[int] = set()
    for sentence, found in zip(analysis.sentences, find_organizations(analysis, extractor), strict=True):
        items = chunk_sentence(extractor.relations.chunker, sentence.morphs, found)
        if not any(isinstance(item, Trigger) for item in items.items):
            continue
        if found or not items.names_subject or any(isinstance(g, Group) and g.anaphor for g in items.items):
            out.update(range(bisect_right(starts, sentence.start) - 1, bisect_right(starts, sentence.end - 1)))
    return out


def extract_text(text: str, *, article: str = "<text>", title: str | None = None,
                 published: dt.date | str | None = None, alliances_only: bool = False) -> ArticleResult:
    """One Korean text → its validated article result (organisations, amounts, alliances)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = SourceDocument(path=article, text=text, encoding="str", title=title, published=published,
                              sha256=digest, raw_sha256=digest, warnings=(), source_id=None)
    return next(process_documents([document], alliances_only=alliances_only))


def explain_text(text: str, published: dt.date | None = None) -> Extraction:
    """One text through every stage with the trace on (what `alliances explain` prints)."""
    return extract(analyse(text), published, trace=True)
