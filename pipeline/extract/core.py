"""The extraction core: analyse → organisations → amounts → alliances, as typed functions.

Batch runs call `process_documents`; `extract_text` is the one-text entry point; the spaCy
adapter calls the same stage functions from its components. Nothing here touches a spaCy Doc.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.config_files import CONFIG_DIR
from pipeline.extract.dates import find_published
from pipeline.extract.money import find_amounts
from pipeline.extract.organizations import (
    FinderResources,
    OrganizationFinder,
    OrgMention,
    find_article_organizations,
    get_org_vocabulary,
    load_lexicon,
)
from pipeline.extract.relations import RelationExtractor, get_relation_vocabulary
from pipeline.extract.trace import Trace
from pipeline.ingest import SourceDocument
from pipeline.korean import Analysis, analyse, analyse_many, grammar
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
    return [Organization(name=m.name, canonical=m.canonical, type=m.type, start=m.start, end=m.end, source=m.source)
            for sentence in mentions for m in sentence]


def find_alliances(analysis: Analysis, mentions: list[list[OrgMention]], amounts: list[Amount],
                   published: dt.date | None, extractor: Extractor, trace: Trace | None = None) -> list[Alliance]:
    return extractor.relations.extract(analysis, mentions, amounts, published, trace)


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


def process_documents(documents: Iterable[SourceDocument], published: dt.date | None = None, *,
                      kiwi=None, extractor: Extractor | None = None) -> Iterator[ArticleResult]:
    """Article results in input order; Kiwi analyses ahead when it has worker threads.
    `published` is the date for documents that state none."""
    extractor = extractor or Extractor.load()
    pending: deque[SourceDocument] = deque()  # read ahead by Kiwi, not yet yielded

    def texts():
        for document in documents:
            pending.append(document)
            yield document.text

    for analysis in analyse_many(texts(), kiwi):
        document = pending.popleft()
        yield article_result(document, extract(analysis, publication_date(document, published), extractor=extractor))


def extract_text(text: str, *, article: str = "<text>", title: str | None = None,
                 published: dt.date | str | None = None) -> ArticleResult:
    """One Korean text → its validated article result (organisations, amounts, alliances)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = SourceDocument(path=article, text=text, encoding="str", title=title, published=published,
                              sha256=digest, raw_sha256=digest, warnings=(), source_id=None)
    return next(process_documents([document]))


def explain_text(text: str, published: dt.date | None = None) -> Extraction:
    """One text through every stage with the trace on (what `alliances explain` prints)."""
    return extract(analyse(text), published, trace=True)
