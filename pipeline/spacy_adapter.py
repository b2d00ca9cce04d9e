"""The spaCy pipeline: a Kiwi-backed tokenizer and our registered components.

Every component is registered here, with a versioned name, what it assigns and its
default config:

  tokenizer  alliances.kiwi_tokenizer.v1  Doc from Kiwi morphemes; doc.user_data["analysis"]
  component  alliances_organizations_v1   doc._.org_mentions (per sentence), doc._.organizations, doc.ents (ORG)
  component  alliances_money_v1           doc._.amounts, doc.ents (MONEY)
  component  alliances_relations_v1       doc._.alliances

`get_nlp()` builds the pipeline once per process. spaCy's Matcher, SpanRuler and
displaCy work on its Docs; offsets of every record index `doc.text`.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline.extract.money import find_amounts
from pipeline.extract.organizations.finder import OrganizationFinder
from pipeline.records import Organization
from pipeline.extract.relations import extract_alliances, trigger_forms
from pipeline.korean.tokenizer import Analysis, analyse, analyse_many, get_kiwi, to_doc

for _name in ("org_mentions", "organizations", "amounts", "alliances"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


class KiwiTokenizer:
    """Text → Doc with Kiwi; the morpheme analysis rides along in doc.user_data."""

    def __init__(self, vocab, num_workers: int = 1):
        self.vocab = vocab
        self.num_workers = num_workers

    @property
    def kiwi(self):
        return get_kiwi(self.num_workers)

    def __call__(self, text: str) -> Doc:
        return self._doc(analyse(text, self.kiwi))

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        for analysis in analyse_many(texts, self.kiwi):
            yield self._doc(analysis)

    def _doc(self, analysis: Analysis) -> Doc:
        doc = to_doc(self.vocab, analysis)
        doc.user_data["analysis"] = analysis
        return doc

    # spaCy calls these when saving a pipeline; the Kiwi model is not serialised.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs):
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs):
        return self


@spacy.registry.tokenizers("alliances.kiwi_tokenizer.v1")
def create_kiwi_tokenizer(num_workers: int = 1):
    def make(nlp: Language) -> KiwiTokenizer:
        return KiwiTokenizer(nlp.vocab, num_workers)
    return make


def _analysis(doc: Doc) -> Analysis:
    analysis = doc.user_data.get("analysis")
    if analysis is None:  # a Doc made elsewhere: analyse its text
        analysis = analyse(doc.text)
        doc.user_data["analysis"] = analysis
    return analysis


def _set_ents(doc: Doc, label: str, offsets: Iterable[tuple[int, int]]) -> None:
    spans = [s for s in (doc.char_span(a, b, label=label, alignment_mode="expand") for a, b in offsets) if s is not None]
    doc.ents = filter_spans(list(doc.ents) + spans)


@Language.factory("alliances_organizations_v1", assigns=["doc._.org_mentions", "doc._.organizations", "doc.ents"],
                  default_config={"set_ents": True})
def make_organizations(nlp: Language, name: str, set_ents: bool):
    finder = OrganizationFinder(*trigger_forms())

    def organizations(doc: Doc) -> Doc:
        analysis = _analysis(doc)
        text = analysis.text
        names: dict = {}
        per_sentence = [finder.find(text, s.morphs, names) for s in analysis.sentences]
        if names:  # a name introduced later in the article also counts where it came first
            keys = [m.name for m in names.values()]
            per_sentence = [finder.find(text, s.morphs, names) if any(k in text[s.start:s.end] for k in keys)
                            else found for s, found in zip(analysis.sentences, per_sentence)]
        doc._.org_mentions = per_sentence
        doc._.organizations = [
            Organization(name=m.name, canonical=m.canonical, type=m.type, start=m.start, end=m.end, source=m.source)
            for mentions in per_sentence for m in mentions
        ]
        if set_ents:
            _set_ents(doc, "ORG", ((o.start, o.end) for o in doc._.organizations))
        return doc

    return organizations


@Language.factory("alliances_money_v1", assigns=["doc._.amounts", "doc.ents"], default_config={"set_ents": True})
def make_money(nlp: Language, name: str, set_ents: bool):
    def money(doc: Doc) -> Doc:
        doc._.amounts = find_amounts(doc.text)
        if set_ents:
            _set_ents(doc, "MONEY", ((a.start, a.end) for a in doc._.amounts))
        return doc

    return money


@Language.factory("alliances_relations_v1", assigns=["doc._.alliances"],
                  requires=["doc._.org_mentions", "doc._.amounts"], default_config={})
def make_relations(nlp: Language, name: str):
    def relations(doc: Doc) -> Doc:
        published = doc._.published
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        doc._.alliances = extract_alliances(_analysis(doc), doc._.org_mentions or [], doc._.amounts or [], published)
        return doc

    return relations


PIPE_NAMES = ("alliances_organizations_v1", "alliances_money_v1", "alliances_relations_v1")


def build_nlp(num_workers: int = 1, set_ents: bool = True) -> Language:
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "alliances.kiwi_tokenizer.v1",
                                                           "num_workers": num_workers}}})
    for pipe in PIPE_NAMES:
        config = {"set_ents": set_ents} if pipe != "alliances_relations_v1" else {}
        nlp.add_pipe(pipe, name=pipe.removeprefix("alliances_").removesuffix("_v1"), config=config)
    return nlp


@lru_cache(maxsize=None)
def get_nlp(num_workers: int = 1) -> Language:
    """The process's spaCy pipeline (Kiwi tokenizer + organisations, money, relations)."""
    return build_nlp(num_workers)


@lru_cache(maxsize=None)
def get_record_nlp(num_workers: int = 1) -> Language:
    """The pipeline batch runs use: the same components, no entity spans (see `annotate`)."""
    return build_nlp(num_workers, set_ents=False)


def sets_ents(nlp: Language) -> bool:
    return any(nlp.get_pipe_config(name).get("set_ents", False) for name in nlp.pipe_names)


class _Extensions:
    """`doc._` of a `RecordDoc`: the Doc extensions, unset ones at their default."""

    def __getattr__(self, name: str):
        if not Doc.has_extension(name):
            raise AttributeError(f"no Doc extension {name!r}")
        default, method, getter, _setter = Doc.get_extension(name)
        if method is not None or getter is not None:
            raise AttributeError(f"Doc extension {name!r} is not a plain attribute")
        return default


class RecordDoc:
    """The part of a spaCy `Doc` our components read and write — text, user_data["analysis"],
    doc._ — without tokens. Batch runs need the records, not a Doc: building one per
    article costs ~6% of Kiwi's time and every new word grows the shared vocab."""
    __slots__ = ("text", "user_data", "_")

    def __init__(self, analysis: Analysis, published: dt.date | None = None):
        self.text = analysis.text
        self.user_data = {"analysis": analysis}
        self._ = _Extensions()
        self._.published = published


def annotate(nlp: Language, analysis: Analysis, published: dt.date | None = None) -> RecordDoc:
    """The pipeline's components run on one analysed text. Needs a pipeline whose
    components set no entity spans (`get_record_nlp`)."""
    doc = RecordDoc(analysis, published)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc
