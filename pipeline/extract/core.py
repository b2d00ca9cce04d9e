"""From decoded articles to validated `ArticleResult` records."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.dates import find_published
from pipeline.ingest import SourceDocument
from pipeline.spacy_adapter import RecordDoc, annotate, get_record_nlp, sets_ents
from pipeline.records import ArticleResult
from pipeline.settings import config_hash
from pipeline.korean.tokenizer import analyse_many
from pipeline.version import PIPELINE_VERSION


def publication_date(document: SourceDocument, default: dt.date | None = None) -> dt.date | None:
    """Metadata first, then a dateline in the text, then the run's --published."""
    return document.published or find_published(document.text[:2000]) or default


def result_from_doc(document: SourceDocument, doc: Doc | RecordDoc) -> ArticleResult:
    published = doc._.published
    return ArticleResult(
        article=document.path,
        sha256=document.sha256,
        encoding=document.encoding,
        title=document.title,
        published=published.isoformat() if published else None,
        text=document.text,
        organizations=doc._.organizations,
        amounts=[a for a in doc._.amounts if not a.vague],
        vague_amounts=[a for a in doc._.amounts if a.vague],
        alliances=doc._.alliances,
        warnings=list(document.warnings),
        pipeline_version=PIPELINE_VERSION,
        config_hash=config_hash(),
    )


def process_documents(documents: Iterable[SourceDocument], nlp: Language | None = None,
                      published: dt.date | None = None) -> Iterator[ArticleResult]:
    """Article results in input order; Kiwi analyses ahead when it has worker threads.

    A pipeline that sets entity spans (`get_nlp`) runs on spaCy Docs; otherwise
    (`get_record_nlp`, the default) its components run on `RecordDoc`s: same records."""
    nlp = nlp or get_record_nlp()
    pending: deque[SourceDocument] = deque()  # read ahead by Kiwi, not yet yielded

    def texts():
        for document in documents:
            pending.append(document)
            yield document.text

    if sets_ents(nlp):
        done = 0

        def dated():
            for k, doc in enumerate(nlp.tokenizer.pipe(texts())):
                doc._.published = publication_date(pending[k - done], published)
                yield doc

        for doc in nlp.pipe(dated()):
            document = pending.popleft()
            done += 1
            yield result_from_doc(document, doc)
        return
    for analysis in analyse_many(texts(), nlp.tokenizer.kiwi):
        document = pending.popleft()
        yield result_from_doc(document, annotate(nlp, analysis, publication_date(document, published)))


def extract_text(text: str, *, article: str = "<text>", title: str | None = None,
                 published: dt.date | str | None = None, nlp: Language | None = None) -> ArticleResult:
    """One Korean text → its validated article result (organisations, amounts, alliances)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = SourceDocument(path=article, text=text, encoding="str", title=title, published=published,
                              sha256=digest, raw_sha256=digest, warnings=(), source_id=None)
    return next(process_documents([document], nlp))
