"""The spaCy face of the pipeline: a Kiwi-backed tokenizer and three components that call
the extraction core. This is the only module that touches a `Doc`.

  tokenizer  alliances.kiwi_tokenizer.v1  Doc from Kiwi morphemes; doc.user_data["analysis"]
  component  alliances_organizations_v1   doc._.org_mentions (per sentence), doc._.organizations, doc.ents (ORG)
  component  alliances_money_v1           doc._.amounts, doc.ents (MONEY)
  component  alliances_relations_v1       doc._.alliances, doc._.trace, doc.spans["alliances"]

doc.spans["alliances"] (`pipeline.report.marks.SPANS_KEY`) holds what each alliance record rests on,
labelled: its parties by role (PARTNER, INVESTOR, INVESTEE, ACQUIRER, TARGET, SUPPLIER, CUSTOMER,
ABSORBING, ABSORBED), its TRIGGER (the morphemes the chunker read as the relation word), its MONEY
and its DATE — `displacy.render(doc, style="span", options={"spans_key": "alliances"})` shows them.

The pipeline is spaCy's Korean (`nlp.lang == "ko"`) with Kiwi as its tokenizer. Components
get their data through their config: `data_dir` names the folder holding the lexicon and
vocabularies (default: the package's configs/); `nlp.to_disk(path)` writes those files beside
each component, and `spacy.load(path)` reads them back — in any process: the tokenizer and the
factories are declared as `spacy_tokenizers` and `spacy_factories` entry points (pyproject.toml),
so spaCy imports this module when a saved pipeline names them.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import LEMMA, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from pipeline.config_files import CONFIG_DIR
from pipeline.extract.core import Extractor, find_alliances, find_organizations, organization_records
from pipeline.extract.money import find_amounts
from pipeline.extract.organizations import OrgMention
from pipeline.extract.relations.chunker import chunk_sentence
from pipeline.extract.relations.items import Trigger
from pipeline.extract.trace import Trace
from pipeline.korean import Analysis, analyse, analyse_many, get_kiwi
from pipeline.records import Alliance
from pipeline.report.marks import (
    DATE,
    MONEY,
    SPANS_KEY,
    TRIGGER,
    date_span,
    nearest,
    party_label,
    trigger_name,
    trigger_span,
)

for _name in ("org_mentions", "organizations", "amounts", "alliances", "published", "trace"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# The files of configs/ an Extractor reads (what a component writes with to_disk).
DATA_FILES = ("org_context.yaml", "relations.yaml", "organizations")
_DOC_ATTRS = [TAG, LEMMA, SENT_START]


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

    # The Kiwi model ships in its own package; what is saved is how to build it.
    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps({"num_workers": self.num_workers}).encode()

    def from_bytes(self, data: bytes, **kwargs):
        self.num_workers = json.loads(data).get("num_workers", 1)
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs):
        return self.from_bytes(Path(path).read_bytes())


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
    spans = [s for s in (doc.char_span(a, b, label=label, alignment_mode="expand") for a, b in offsets)
             if s is not None]
    doc.ents = filter_spans(list(doc.ents) + spans)


class _DataComponent:
    """A component whose rules read the lexicon and vocabularies of `data_dir`."""

    def __init__(self, data_dir: str | None):
        self.data_dir = Path(data_dir) if data_dir else CONFIG_DIR
        self.extractor = Extractor.load(self.data_dir)

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in DATA_FILES:
            source, target = self.data_dir / name, path / name
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, target)

    def from_disk(self, path, exclude=()):
        self.data_dir = Path(path)
        self.extractor = Extractor.load(self.data_dir)
        return self


class OrganizationsComponent(_DataComponent):
    def __init__(self, data_dir: str | None, set_ents: bool):
        super().__init__(data_dir)
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        if doc._.trace is None:
            doc._.trace = Trace()
        mentions = find_organizations(_analysis(doc), self.extractor, doc._.trace)
        doc._.org_mentions = mentions
        doc._.organizations = organization_records(mentions)
        if self.set_ents:
            _set_ents(doc, "ORG", ((o.start, o.end) for o in doc._.organizations))
        return doc


class RelationsComponent(_DataComponent):
    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        doc._.alliances = find_alliances(_analysis(doc), doc._.org_mentions or [], doc._.amounts or [], published,
                                         self.extractor, doc._.trace)
        doc.spans[SPANS_KEY] = alliance_spans(doc, doc._.alliances, doc._.org_mentions or [], self.extractor)
        return doc


def alliance_spans(doc: Doc, alliances: list[Alliance], mentions: list[list[OrgMention]],
                   extractor: Extractor) -> list[Span]:
    """The parties (by role), triggers, amounts and dates of the records, once each, as labelled spans."""
    analysis = _analysis(doc)
    sentences = {s.start: k for k, s in enumerate(analysis.sentences)}
    chunked: dict[int, list[Trigger]] = {}
    found: dict[tuple[int, int, str], None] = {}
    for a in alliances:
        for p in a.parties:
            found[(p.start, p.end, party_label(p.role))] = None
        if a.amount is not None and 0 <= a.amount.start < a.amount.end:
            found[(a.amount.start, a.amount.end, MONEY)] = None
        evidence = a.evidence
        dated = date_span(evidence.text, a.date_text)
        if dated:
            found[(evidence.start + dated[0], evidence.start + dated[1], DATE)] = None
        trigger = _trigger(a, analysis, sentences.get(evidence.start), mentions, extractor, chunked)
        if trigger:
            found[(*trigger, TRIGGER)] = None
    spans = (doc.char_span(start, end, label=label, alignment_mode="expand") for start, end, label in found)
    return [span for span in spans if span is not None]


def _trigger(a: Alliance, analysis: Analysis, k: int | None, mentions: list[list[OrgMention]], extractor: Extractor,
             chunked: dict[int, list[Trigger]]) -> tuple[int, int] | None:
    """Where the record's trigger is: the morphemes of a trigger of its rule's name that the chunker
    finds in the evidence sentence, nearest the parties (else the trigger found by its written forms)."""
    evidence = a.evidence
    inside = [(p.start, p.end) for p in a.parties if evidence.start <= p.start < p.end <= evidence.end]
    around = (min(s for s, _ in inside), max(e for _, e in inside)) if inside else None
    name = trigger_name(a.rule)
    if k is not None and k < len(mentions) and name:
        if k not in chunked:
            ms = analysis.sentences[k].morphs
            chunked[k] = [item for item in chunk_sentence(extractor.relations.chunker, ms, mentions[k]).items
                          if isinstance(item, Trigger)]
        ms = analysis.sentences[k].morphs
        spans = [(ms[t.i].start, ms[max(t.i, t.j - 1)].end) for t in chunked[k] if t.entry.name == name]
        spot = nearest([s for s in spans if all(s[1] <= p or s[0] >= q for p, q in inside)], around)
        if spot:
            return spot
    relative = trigger_span(evidence.text, a.rule,
                            around and (around[0] - evidence.start, around[1] - evidence.start),
                            [(p - evidence.start, q - evidence.start) for p, q in inside])
    return (evidence.start + relative[0], evidence.start + relative[1]) if relative else None


@Language.factory("alliances_organizations_v1", assigns=["doc._.org_mentions", "doc._.organizations", "doc.ents"],
                  default_config={"data_dir": None, "set_ents": True})
def make_organizations(nlp: Language, name: str, data_dir: str | None, set_ents: bool):
    return OrganizationsComponent(data_dir, set_ents)


@Language.factory("alliances_money_v1", assigns=["doc._.amounts", "doc.ents"], default_config={"set_ents": True})
def make_money(nlp: Language, name: str, set_ents: bool):
    def money(doc: Doc) -> Doc:
        doc._.amounts = find_amounts(doc.text)
        if set_ents:
            _set_ents(doc, "MONEY", ((a.start, a.end) for a in doc._.amounts))
        return doc

    return money


@Language.factory("alliances_relations_v1", assigns=["doc._.alliances", "doc._.trace", "doc.spans"],
                  requires=["doc._.org_mentions", "doc._.amounts"], default_config={"data_dir": None})
def make_relations(nlp: Language, name: str, data_dir: str | None):
    return RelationsComponent(data_dir)


LANGUAGE = "ko"
PIPE_NAMES = ("alliances_organizations_v1", "alliances_money_v1", "alliances_relations_v1")


def build_nlp(num_workers: int = 1, data_dir: str | None = None) -> Language:
    # spaCy's Korean with Kiwi in place of its own tokenizer (which would need MeCab)
    nlp = spacy.blank(LANGUAGE, config={"nlp": {"tokenizer": {"@tokenizers": "alliances.kiwi_tokenizer.v1",
                                                               "num_workers": num_workers}}})
    for pipe in PIPE_NAMES:
        config = {} if pipe == "alliances_money_v1" else {"data_dir": data_dir}
        nlp.add_pipe(pipe, name=pipe.removeprefix("alliances_").removesuffix("_v1"), config=config)
    return nlp


@lru_cache(maxsize=None)
def get_nlp(num_workers: int = 1) -> Language:
    """The process's spaCy pipeline (Kiwi tokenizer + organisations, money, relations)."""
    return build_nlp(num_workers)


# -- Doc building ------------------------------------------------------------------

def to_doc(vocab: Vocab, analysis: Analysis) -> Doc:
    """A spaCy Doc whose text is exactly `analysis.text`.

    Morphemes that overlap (contractions) or have no length merge into one token
    whose tag joins theirs with '+'; text between morphemes becomes whitespace tokens.
    """
    text = analysis.text
    columns: dict[str, list] = {"words": [], "spaces": [], "tags": [], "lemmas": [], "sent_starts": []}
    pos = 0
    for sentence in analysis.sentences:
        first = True
        tok_start = tok_end = -1
        tok_tags: list[str] = []
        tok_forms: list[str] = []
        for m in sentence.morphs:
            if m.start < tok_end or (m.start == m.end and tok_end == m.start and tok_tags):
                tok_end = max(tok_end, m.end)
                tok_tags.append(m.tag)
                tok_forms.append(m.form)
                continue
            if tok_tags:
                pos = _emit(text, pos, tok_start, tok_end, tok_tags, tok_forms, first, columns)
                first = False
            tok_start, tok_end, tok_tags, tok_forms = m.start, m.end, [m.tag], [m.form]
        if tok_tags:
            pos = _emit(text, pos, tok_start, tok_end, tok_tags, tok_forms, first, columns)
    if pos < len(text):
        _gap(text[pos:], columns)
    words = columns["words"]
    doc = Doc(vocab, words=words, spaces=columns["spaces"])
    if words:
        # from_array is ~3x faster than passing tags/lemmas/sent_starts to Doc()
        sent_starts = columns["sent_starts"]
        sent_starts[0] = True
        add = vocab.strings.add
        array = numpy.empty((len(words), 3), dtype="uint64")
        array[:, 0] = [add(t) for t in columns["tags"]]
        array[:, 1] = [add(x) for x in columns["lemmas"]]
        array[:, 2] = numpy.where(sent_starts, 1, -1).astype("int64").view("uint64")
        doc.from_array(_DOC_ATTRS, array)
    return doc


GAP_TAG, SPACE_TAG = "SW", "_SP"   # text Kiwi left out: a symbol, or whitespace (spaCy's own tag)


def _gap(gap: str, columns: dict[str, list]) -> None:
    """Text between tokens: a single space is the previous token's trailing space."""
    words, spaces = columns["words"], columns["spaces"]
    if gap == " " and words and not spaces[-1]:
        spaces[-1] = True
        return
    if gap.startswith(" ") and words and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
        columns["tags"].append(SPACE_TAG if gap.isspace() else GAP_TAG)
        columns["lemmas"].append(gap)
        columns["sent_starts"].append(False)


def _emit(text, pos, start, end, tok_tags, tok_forms, first, columns: dict[str, list]) -> int:
    if start > pos:
        _gap(text[pos:start], columns)
        pos = start
    if end <= start:  # a lone zero-length morpheme has no surface
        return pos
    columns["words"].append(text[start:end])
    columns["spaces"].append(False)
    columns["tags"].append("+".join(tok_tags))
    columns["lemmas"].append("+".join(tok_forms))
    columns["sent_starts"].append(first)
    return end
