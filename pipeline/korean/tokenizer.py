"""Kiwi morphological analysis, as morphemes grouped into sentences and as a spaCy `Doc`.

One Kiwi object per process (construction + lazy init take ~2 s and ~500 MB), with
the user dictionary generated from the organisation lexicon so that known names
come out as single tokens whatever particle follows.
"""
from __future__ import annotations

import threading
import warnings
from collections import deque
from functools import lru_cache
from itertools import islice
from typing import Iterable, Iterator, NamedTuple

import numpy
from kiwipiepy import Kiwi
from spacy.attrs import LEMMA, SENT_START, TAG
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.settings import config_path, load_settings
from pipeline.korean.textnorm import analysis_text


class Morph(NamedTuple):
    """One Kiwi morpheme. `form` is the analysed form; the surface is text[start:end].

    Contracted morphemes share a span (했 → 하/XSV + 었/EP) and some have no length.
    """
    form: str
    tag: str
    start: int
    end: int
    oov: bool = False   # not in Kiwi's dictionary: often a name it has never seen


class Sentence(NamedTuple):
    start: int
    end: int
    morphs: tuple[Morph, ...]


class Analysis(NamedTuple):
    """A text and its sentences of morphemes; offsets index `text`."""
    text: str
    sentences: tuple[Sentence, ...]


_lock = threading.Lock()
_DOC_ATTRS = [TAG, LEMMA, SENT_START]


@lru_cache(maxsize=None)
def _kiwi(num_workers: int) -> Kiwi:
    # num_workers >= 1 gives Kiwi its own analysis threads, so texts are analysed while
    # Python works on earlier results (worth it with a spare core); 0 analyses in the
    # calling thread (best when the process has one core to itself).
    settings = load_settings()["tokenizer"]
    with warnings.catch_warnings():  # 0 means "no threads" since kiwipiepy 0.21, and it warns so
        warnings.simplefilter("ignore", DeprecationWarning)
        kiwi = Kiwi(num_workers=num_workers, model_type=settings.get("model_type", "cong"))
    kiwi.analysis_threads = num_workers  # Kiwi reports 0 as 1
    path = config_path(settings["user_dictionary"])
    if path.exists():
        kiwi.load_user_dictionary(str(path))
    return kiwi


def get_kiwi(num_workers: int = 1) -> Kiwi:
    """The process's Kiwi with the user dictionary loaded (built once per thread count)."""
    with _lock:
        return _kiwi(num_workers)


def _sentences(text: str, tokens) -> tuple[Sentence, ...]:
    """Group Kiwi tokens into sentences: every line break, and Kiwi's own boundaries
    unless the 'ending' stands alone after a space (베이스 다이를 → 베이스/NNG 이/VCP 다/EF:
    a misanalysis, not the end of a sentence)."""
    sentences = []
    current: list[Morph] = []
    last_sent = last_line = None
    for tok in tokens:
        start = tok.start
        if current and tok.line_number != last_line:
            sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
            current = []
        elif current and tok.sent_position != last_sent and _real_sentence_end(text, current):
            sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
            current = []
        last_sent, last_line = tok.sent_position, tok.line_number
        if tok.oov and tok.tag in ("NNP", "NNG") and tok.len >= 3:
            current.extend(_split_glued_particle(text, tok))
        else:
            current.append(Morph(tok.form, tok.tag, start, start + tok.len, tok.oov))
    if current:
        sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
    return tuple(sentences)


# Particles Kiwi sometimes leaves inside a word it does not know (미스트랄에, 브로드컴과).
GLUED_PARTICLES = (("으로부터", "JKB"), ("로부터", "JKB"), ("에서", "JKB"), ("에게", "JKB"), ("와의", None),
                   ("과의", None), ("은", "JX"), ("는", "JX"), ("을", "JKO"), ("를", "JKO"),
                   ("와", "JKB"), ("과", "JKB"), ("에", "JKB"))
# 이/가/도/로/의 are left alone: too many names end in them (닌텐도, 세가, 마이크로, 하이).


def _split_glued_particle(text: str, tok) -> list[Morph]:
    """An unknown word ending in a particle before a space or punctuation: name + particle."""
    start, end = tok.start, tok.start + tok.len
    after = text[end:end + 1]
    if after and not (after.isspace() or after in ",.·)'\"」』…"):
        return [Morph(tok.form, tok.tag, start, end, True)]
    surface = text[start:end]
    for particle, tag in GLUED_PARTICLES:
        if surface.endswith(particle) and len(surface) - len(particle) >= 2:
            cut = end - len(particle)
            stem = Morph(surface[: -len(particle)], tok.tag, start, cut, True)
            if tag is None:  # 와의 / 과의
                return [stem, Morph(particle[0], "JKB", cut, cut + 1), Morph("의", "JKG", cut + 1, end)]
            return [stem, Morph(particle, tag, cut, end)]
    return [Morph(tok.form, tok.tag, start, end, True)]


def _real_sentence_end(text: str, morphs: list[Morph]) -> bool:
    last = morphs[-1]
    if last.tag in ("SF", "SSC", "SE", "SW", "SP") or not last.tag.startswith("E"):
        return True
    for m in reversed(morphs[:-1]):  # the content morpheme the ending attaches to
        if m.end > m.start and not m.tag.startswith(("E", "VCP")):
            gap = text[m.end:last.start]
            return not (gap and gap.isspace())
    return True


def analyse(text: str, kiwi: Kiwi | None = None) -> Analysis:
    """Morphemes and sentences of one text."""
    kiwi = kiwi or get_kiwi()
    return Analysis(text, _sentences(text, kiwi.tokenize(analysis_text(text))))


def analyse_many(texts: Iterable[str], kiwi: Kiwi | None = None) -> Iterator[Analysis]:
    """Analyses in order (see `tokenize_many` for how Kiwi is driven)."""
    originals: deque[str] = deque()

    def remembered():
        for text in texts:
            originals.append(text)
            yield text

    for tokens in tokenize_many(remembered(), kiwi):
        text = originals.popleft()
        yield Analysis(text, _sentences(text, tokens))


# Without threads of its own, Kiwi analyses this many texts in a row before Python works
# on them: each side then finds its data still in the CPU caches (~15% less CPU in all
# than alternating text by text, measured on one core).
SYNC_BATCH = 16


def tokenize_many(texts: Iterable[str], kiwi: Kiwi | None = None) -> Iterator[list]:
    """Kiwi's tokens of each text (masked by `analysis_text`), in order.

    A Kiwi with analysis threads (`get_kiwi(n)`, n >= 1) reads ahead through its
    iterable API, so the next texts are analysed while the caller works on earlier
    results; one without (n = 0) analyses `SYNC_BATCH` texts at a time."""
    kiwi = kiwi or get_kiwi()
    if getattr(kiwi, "analysis_threads", kiwi.num_workers) >= 1:
        yield from kiwi.tokenize(analysis_text(text) for text in texts)
        return
    texts = iter(texts)
    while batch := list(islice(texts, SYNC_BATCH)):
        yield from [kiwi.tokenize(analysis_text(text)) for text in batch]


def to_doc(vocab: Vocab, analysis: Analysis) -> Doc:
    """A spaCy Doc whose text is exactly `analysis.text`.

    Morphemes that overlap (contractions) or have no length merge into one token
    whose tag joins theirs with '+'; text between morphemes becomes whitespace tokens.
    """
    text = analysis.text
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    lemmas: list[str] = []
    sent_starts: list[bool] = []
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
                pos = _emit(text, pos, tok_start, tok_end, tok_tags, tok_forms, first,
                            words, spaces, tags, lemmas, sent_starts)
                first = False
            tok_start, tok_end, tok_tags, tok_forms = m.start, m.end, [m.tag], [m.form]
        if tok_tags:
            pos = _emit(text, pos, tok_start, tok_end, tok_tags, tok_forms, first,
                        words, spaces, tags, lemmas, sent_starts)
    if pos < len(text):
        _gap(text[pos:], words, spaces, tags, lemmas, sent_starts)
    doc = Doc(vocab, words=words, spaces=spaces)
    if words:
        # from_array is ~3x faster than passing tags/lemmas/sent_starts to Doc()
        sent_starts[0] = True
        add = vocab.strings.add
        columns = numpy.empty((len(words), 3), dtype="uint64")
        columns[:, 0] = [add(t) for t in tags]
        columns[:, 1] = [add(x) for x in lemmas]
        columns[:, 2] = numpy.where(sent_starts, 1, -1).astype("int64").view("uint64")
        doc.from_array(_DOC_ATTRS, columns)
    return doc


def _gap(gap: str, words, spaces, tags, lemmas, sent_starts) -> None:
    """Text between tokens: a single space is the previous token's trailing space."""
    if gap == " " and words and not spaces[-1]:
        spaces[-1] = True
        return
    if gap.startswith(" ") and words and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
        tags.append("_SP" if gap.isspace() else "SW")
        lemmas.append(gap)
        sent_starts.append(False)


def _emit(text, pos, start, end, tok_tags, tok_forms, first, words, spaces, tags, lemmas, sent_starts):
    if start > pos:
        _gap(text[pos:start], words, spaces, tags, lemmas, sent_starts)
        pos = start
    if end <= start:  # a lone zero-length morpheme has no surface
        return pos
    words.append(text[start:end])
    spaces.append(False)
    tags.append("+".join(tok_tags))
    lemmas.append("+".join(tok_forms))
    sent_starts.append(first)
    return end
