"""Kiwi morphological analysis, as morphemes grouped into sentences.

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

from kiwipiepy import Kiwi

from pipeline.korean.grammar import grammar
from pipeline.korean.textnorm import analysis_text
from pipeline.settings import config_path, load_settings

G = grammar()
T = G.tags
# Marks after which Kiwi's sentence boundary is real even after an ending.
SENTENCE_MARK_TAGS = T.final_punctuation | T.closing_bracket | T.ellipsis | T.other_symbol | T.separator


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
        if tok.oov and tok.tag in T.noun and tok.len >= 3:
            current.extend(_split_glued_particle(text, tok))
        else:
            current.append(Morph(tok.form, tok.tag, start, start + tok.len, tok.oov))
    if current:
        sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
    return tuple(sentences)


def _split_glued_particle(text: str, tok) -> list[Morph]:
    """An unknown word ending in a particle before a space or punctuation: name + particle
    (configs/korean.yaml `glued_particles`)."""
    start, end = tok.start, tok.start + tok.len
    after = text[end:end + 1]
    if after and not (after.isspace() or after in G.marks.word_end):
        return [Morph(tok.form, tok.tag, start, end, True)]
    surface = text[start:end]
    for particle in G.glued_particles:
        form = particle.form
        if surface.endswith(form) and len(surface) - len(form) >= 2:
            cut = end - len(form)
            morphs = [Morph(surface[: -len(form)], tok.tag, start, cut, True)]
            for part_form, part_tag in particle.parts or [(form, particle.tag)]:
                morphs.append(Morph(part_form, part_tag, cut, cut + len(part_form)))
                cut += len(part_form)
            return morphs
    for particle in G.sound_fitted_particles:
        stem = surface[: -len(particle.form)]
        if surface.endswith(particle.form) and len(stem) >= G.sound_fitted_min_stem \
                and _final_sound(stem[-1]) == particle.after:
            cut = end - len(particle.form)
            return [Morph(stem, tok.tag, start, cut, True), Morph(particle.form, particle.tag, cut, end)]
    return [Morph(tok.form, tok.tag, start, end, True)]


_SYLLABLE_FIRST, _SYLLABLE_LAST, _FINALS = 0xAC00, 0xD7A3, 28   # Hangul syllable blocks: 28 finals each


def _final_sound(char: str) -> str | None:
    """'vowel' or 'consonant': how a Hangul syllable ends (None for any other character)."""
    code = ord(char)
    if not _SYLLABLE_FIRST <= code <= _SYLLABLE_LAST:
        return None
    return "consonant" if (code - _SYLLABLE_FIRST) % _FINALS else "vowel"


def _real_sentence_end(text: str, morphs: list[Morph]) -> bool:
    last = morphs[-1]
    if last.tag in T.final_punctuation and _inside_word(text, morphs):
        return False
    if last.tag in SENTENCE_MARK_TAGS or last.tag not in T.ending:
        return True
    for m in reversed(morphs[:-1]):  # the content morpheme the ending attaches to
        if m.end > m.start and m.tag not in T.ending and m.tag not in T.copula:
            gap = text[m.end:last.start]
            return not (gap and gap.isspace())
    return True


def _inside_word(text: str, morphs: list[Morph]) -> bool:
    """A period between two Hangul syllables with no space, that closes no predicate (한.일
    written with periods): an abbreviation inside a noun phrase, not a sentence end. After an
    ending (밝혔다.이어) or a Latin word (Center.서울대) the sentence did end, space or not."""
    last = morphs[-1]
    if len(morphs) < 2 or morphs[-2].tag in T.ending or morphs[-2].end < last.start or last.start == 0:
        return False
    after = text[last.end:last.end + 1] or " "
    return _final_sound(text[last.start - 1]) is not None and _final_sound(after) is not None


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
