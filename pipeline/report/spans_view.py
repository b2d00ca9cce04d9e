"""displaCy's span view of one text: what each alliance record rests on (`alliances explain --html`).

The text goes through the spaCy pipeline (`get_nlp`), whose relations component puts the records'
parties (labelled by role), triggers, amounts and dates in `doc.spans[SPANS_KEY]`. displaCy's span
style draws them. It draws one token per word with a space after each, so it is given the text's
own words, cut where a span starts or ends inside one (삼성전자|는), rather than Kiwi's morphemes
(which would put a space inside every word); one figure per sentence keeps the lines of the text.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pipeline.report.marks import DATE, MONEY, SPANS_KEY, TRIGGER

COLOURS = {TRIGGER: "#7fb8f0", MONEY: "#8fd19e", DATE: "#e3a6e8"}
PARTY_COLOUR = "#f5c242"
_WORD = re.compile(r"\S+")


def analysed_doc(text: str, published: dt.date | None = None):
    """The pipeline's Doc of `text`, its relative dates resolved against `published`."""
    from pipeline.spacy_adapter import get_nlp  # lazy: Kiwi and spaCy

    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.published = published
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _pieces(text: str, start: int, end: int, cuts: set[int]) -> list[tuple[int, int]]:
    """The words of text[start:end], each cut at the offsets in `cuts` that fall inside it."""
    out = []
    for word in _WORD.finditer(text, start, end):
        at = word.start()
        for cut in sorted(c for c in cuts if word.start() < c < word.end()):
            out.append((at, cut))
            at = cut
        out.append((at, word.end()))
    return out


def sentence_parses(doc) -> list[dict]:
    """displaCy's manual span format, one dict per sentence of the analysis (every span of
    doc.spans[SPANS_KEY] in the sentence it starts in)."""
    spans = sorted(doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else [],
                   key=lambda s: (s.start_char, -s.end_char, s.label_))
    cuts = {s.start_char for s in spans} | {s.end_char for s in spans}
    text = doc.text
    analysis = doc.user_data.get("analysis")
    bounds = [(s.start, s.end) for s in analysis.sentences] if analysis is not None else [(0, len(text))]
    parses = []
    for start, end in bounds:
        pieces = _pieces(text, start, end, cuts)
        if not pieces:
            continue
        index = {p[0]: i for i, p in enumerate(pieces)}
        ends = {p[1]: i + 1 for i, p in enumerate(pieces)}
        marked = []
        for span in spans:
            if start <= span.start_char < end and span.start_char in index:
                last = max((i for offset, i in ends.items() if offset <= span.end_char), default=None)
                if last is not None and last > index[span.start_char]:
                    marked.append({"start_token": index[span.start_char], "end_token": last, "label": span.label_})
        parses.append({"text": text[start:end], "tokens": [text[a:b] for a, b in pieces], "spans": marked})
    return parses


def colours(doc) -> dict[str, str]:
    labels = {s.label_ for s in doc.spans[SPANS_KEY]} if SPANS_KEY in doc.spans else set()
    return {**{label: PARTY_COLOUR for label in labels}, **COLOURS}


def span_markup(doc) -> str:
    """The span view of the Doc's sentences (HTML, without a page around it)."""
    from spacy import displacy

    return displacy.render(sentence_parses(doc), style="span", manual=True, options={"colors": colours(doc)})


def explain_html(text: str, published: dt.date | None = None, title: str | None = None) -> str:
    """A page with the span view of `text` and its records."""
    from markupsafe import Markup

    from pipeline.report.render import environment

    doc = analysed_doc(text, published)
    return environment().get_template("explain.html.j2").render(
        title=title or "alliances explain", markup=Markup(span_markup(doc)), alliances=doc._.alliances or [],
        labels=sorted(colours(doc).items()), published=published)


def write_explain_html(path: str | Path, text: str, published: dt.date | None = None,
                       title: str | None = None) -> Path:
    from pipeline.sinks.jsonl import atomic_path

    path = Path(path)
    with atomic_path(path) as temp:
        temp.write_text(explain_html(text, published, title), encoding="utf-8")
    return path
