"""Kiwi morphological analysis, as morphemes grouped into sentences.

One Kiwi object per process (construction + lazy init take ~2 s and ~500 MB), with
the user dictionary generated from the organisation lexicon so that known names
come out as single tokens whatever particle follows.

Long inputs are cut before Kiwi reads them (settings `tokenizer.max_sentence_chars`,
`max_paragraph_chars`, `piece_chars`): the extraction rules take time that grows with the
square of a sentence's length, so no run of text without a sentence end may grow beyond a
bound. A cut turns one character of the analysis text into a line break — a space where there
is one — so the text keeps its length and every offset still indexes the article. A text longer
than `piece_chars` is given to Kiwi in pieces of whole lines, so that no single Kiwi call (which
nothing can interrupt) takes more than a second or two.
"""
from __future__ import annotations

import re
import threading
import warnings
from bisect import bisect_right
from collections import deque
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple, Sequence

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


_new_tuple = tuple.__new__


class Sentence(NamedTuple):
    start: int
    end: int
    morphs: tuple[Morph, ...]


class PieceToken(NamedTuple):
    """A Kiwi token of one piece of a long text, its offsets and line moved to the whole text."""
    form: str
    tag: str
    start: int
    len: int
    line_number: int
    sent_position: int
    oov: bool


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
        kiwi = Kiwi(
            num_workers=num_workers,
            model_type=settings.get("model_type", "cong"),
            load_multi_dict=settings.get("multi_word_dictionary", False),
        )
    kiwi.analysis_threads = num_workers  # Kiwi reports 0 as 1
    path = config_path(settings["user_dictionary"])
    if path.exists():
        kiwi.load_user_dictionary(str(path))
    return kiwi


# Any text makes Kiwi load its model (seconds); after that a first article takes milliseconds.
_WARM_UP_TEXT = "1."
_warm: set[int] = set()


def get_kiwi(num_workers: int = 1) -> Kiwi:
    """The process's Kiwi with the user dictionary and its model loaded (built once per thread count)."""
    with _lock:
        kiwi = _kiwi(num_workers)
        if num_workers not in _warm:
            kiwi.tokenize(_WARM_UP_TEXT)   # the model loads lazily, on the first text
            _warm.add(num_workers)
        return kiwi


def _sentences(text: str, tokens) -> tuple[Sentence, ...]:
    """Group Kiwi tokens into sentences: at line breaks but wrapped ones, and at Kiwi's own
    boundaries unless the 'ending' stands alone after a space (베이스 다이를 → 베이스/NNG
    이/VCP 다/EF: a misanalysis, not the end of a sentence)."""
    tokens = list(tokens)
    wrapped = _wrapped_lines(tokens)
    sentences = []
    current: list[Morph] = []
    last_sent = last_line = None
    for tok in tokens:
        start = tok.start
        new_line = tok.line_number != last_line
        if current and new_line and last_line not in wrapped:
            sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
            current = []
        elif current and not new_line and tok.sent_position != last_sent and _real_sentence_end(text, current):
            sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
            current = []
        last_sent, last_line = tok.sent_position, tok.line_number
        if tok.oov and tok.tag in T.noun and tok.len >= 3:
            current.extend(_split_glued_particle(text, tok))
        else:   # tuple.__new__ skips the named tuple's Python-level __new__ (one Morph per token)
            current.append(_new_tuple(Morph, (tok.form, tok.tag, start, start + tok.len, tok.oov)))
    if current:
        sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
    return tuple(sentences)


def _wrapped_lines(tokens: list) -> set[int]:
    """Lines whose break is a wrap inside a sentence. A line ending in a particle or an ending
    no sentence ends in (…정부가⏎추진하는) is wrapped, and so marks its paragraph (lines with no
    blank line between) as hard-wrapped; there a line ending in a noun is wrapped too when the
    next line follows at once (…등 배터리⏎제조기업 3사가)."""
    last_tag: dict[int, str] = {}
    for tok in tokens:
        last_tag[tok.line_number] = tok.tag
    lines = sorted(last_tag)
    wrapped = {line for line, tag in last_tag.items() if tag in T.unfinished and line + 1 in last_tag}
    paragraph: list[int] = []
    for line in lines + [None]:
        if line is None or (paragraph and line != paragraph[-1] + 1):
            if any(k in wrapped for k in paragraph[:-1]):
                wrapped.update(k for k in paragraph[:-1] if last_tag[k] in T.noun)
            paragraph = []
        if line is not None:
            paragraph.append(line)
    return wrapped


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


# -- long inputs --------------------------------------------------------------

class LongTextLimits(NamedTuple):
    sentence: int    # characters between two sentence ends (or line breaks)
    paragraph: int   # characters between two line breaks
    piece: int       # characters per Kiwi call


@lru_cache(maxsize=1)
def long_text_limits() -> LongTextLimits:
    settings = load_settings()["tokenizer"]
    return LongTextLimits(settings["max_sentence_chars"], settings["max_paragraph_chars"], settings["piece_chars"])


# The white space after a sentence's final mark (and any closing quotes or brackets): where a
# long paragraph is best cut.
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u2026][\"'\u201d\u2019\u300d\u300f)\]]*(\s)")
_WHITE = re.compile(r"\s")


def _last_white(text: str, start: int, end: int) -> int | None:
    """Position of the last white-space character in text[start:end], None if there is none."""
    found = None
    for match in _WHITE.finditer(text, start, end):
        found = match.start()
    return found


def _sentence_cuts(text: str, start: int, end: int, limit: int) -> list[int]:
    """Where to break text[start:end], a stretch without a sentence end, into runs of at most
    `limit` characters: the last white space within reach, else (one long 'word') at the limit."""
    cuts = []
    while end - start > limit:
        cut = _last_white(text, start + 1, start + limit + 1)
        if cut is None:
            cut = start + limit
        cuts.append(cut)
        start = cut + 1
    return cuts


def _paragraph_cuts(text: str, start: int, end: int, limits: LongTextLimits) -> list[int]:
    """Cuts for the line text[start:end]: first every stretch between sentence ends within the
    sentence limit; then, where the line is still longer than the paragraph limit, a cut at the
    last sentence end (or earlier cut) that keeps each part within it."""
    ends = [m.start(1) for m in _SENTENCE_END.finditer(text, start, end)]
    forced: list[int] = []
    previous = start
    for boundary in [*ends, end]:
        if boundary - previous > limits.sentence:
            forced += _sentence_cuts(text, previous, boundary, limits.sentence)
        previous = boundary + 1
    if end - start <= limits.paragraph and not forced:
        return []
    # Walk the possible breaks in order; the gap between two of them is within the sentence
    # limit, below the paragraph limit, so the last break that fits always exists.
    chosen: list[int] = []
    line_start, last_fit = start, None
    mandatory = set(forced)
    for position in [*sorted(mandatory | set(ends)), end]:
        if position - line_start > limits.paragraph and last_fit is not None:
            chosen.append(last_fit)
            line_start, last_fit = last_fit + 1, None
        if position in mandatory:
            line_start, last_fit = position + 1, None
        else:
            last_fit = position
    return sorted([*forced, *chosen])


def long_text_cuts(text: str, limits: LongTextLimits | None = None) -> list[int]:
    """Positions in an analysis text where a character becomes a line break, so that no line is
    longer than the paragraph limit and no run without a sentence end longer than the sentence limit."""
    limits = limits or long_text_limits()
    if len(text) <= limits.sentence:
        return []
    cuts: list[int] = []
    start = 0
    for line in text.split("\n"):
        if len(line) > limits.sentence:
            cuts += _paragraph_cuts(text, start, start + len(line), limits)
        start += len(line) + 1
    return cuts


def kiwi_text(text: str) -> tuple[str, int]:
    """What Kiwi reads for `text`: its analysis text with long runs cut (same length), and the
    number of cuts."""
    masked = analysis_text(text)
    cuts = long_text_cuts(masked)
    if not cuts:
        return masked, 0
    chars = list(masked)
    for cut in cuts:
        chars[cut] = "\n"
    return "".join(chars), len(cuts)


def long_text_note(text: str) -> str | None:
    """The warning an article gets when its analysis is cut or read in pieces, else None."""
    limits = long_text_limits()
    if len(text) <= limits.sentence:
        return None
    # masking only adds line breaks: with every line within the sentence limit nothing is cut
    if len(text) <= limits.piece and max(map(len, text.split("\n"))) <= limits.sentence:
        return None
    cut_text, cuts = kiwi_text(text)
    notes = []
    if cuts:
        notes.append(f"long text: {cuts:,} line break{'s' if cuts != 1 else ''} added for analysis (limits: "
                     f"{limits.sentence:,} characters without a sentence end, {limits.paragraph:,} per paragraph)")
    if len(cut_text) > limits.piece:
        notes.append(f"analysed in {len(_pieces(cut_text, limits.piece))} pieces of at most "
                     f"{limits.piece:,} characters")
    return "; ".join(notes) or None


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of whole lines, each at most `size` characters
    (a line is never longer: the paragraph limit is below the piece size)."""
    pieces = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        end = cut + 1 if cut >= start else start + size
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _tokenize_text(kiwi: Kiwi, text: str):
    """Kiwi's tokens of one analysis text: in one call, or piece by piece for a long text."""
    size = long_text_limits().piece
    if len(text) <= size:
        return kiwi.tokenize(text)
    tokens: list[PieceToken] = []
    lines = 0
    for start, end in _pieces(text, size):
        for tok in kiwi.tokenize(text[start:end]):
            tokens.append(PieceToken(tok.form, tok.tag, tok.start + start, tok.len, tok.line_number + lines,
                                     tok.sent_position, tok.oov))
        lines += text.count("\n", start, end)
    return tokens


# Quotes that open or close alike: Kiwi tells which by counting them from the start of the text,
# so they stay where the text is blanked, and a kept sentence reads its quotes as it would whole.
_SYMMETRIC_QUOTES = "".join(sorted(G.marks.open_quotes & G.marks.close_quotes))
_BLANKED = re.compile(f"[^\\n{re.escape(_SYMMETRIC_QUOTES)}]+")


def _blank(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def blank_outside(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with everything outside `spans` turned into spaces but line breaks and symmetric
    quotes: same length, same lines, so offsets and Kiwi's line numbers hold, and Kiwi skips the
    blanks almost for free."""
    parts, end = [], 0
    for start, stop in spans:
        parts += [_BLANKED.sub(_blank, text[end:start]), text[start:stop]]
        end = stop
    parts.append(_BLANKED.sub(_blank, text[end:]))
    return "".join(parts)


def _inside(tokens, spans: Sequence[tuple[int, int]]) -> list:
    """The tokens that start inside `spans` (the quotes left in the blanks are not analysed)."""
    starts = [a for a, _b in spans]
    out = []
    for tok in tokens:
        k = bisect_right(starts, tok.start) - 1
        if k >= 0 and tok.start < spans[k][1]:
            out.append(tok)
    return out


def analyse(text: str, kiwi: Kiwi | None = None) -> Analysis:
    """Morphemes and sentences of one text."""
    kiwi = kiwi or get_kiwi()
    return Analysis(text, _sentences(text, _tokenize_text(kiwi, kiwi_text(text)[0])))


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


def analyse_spans_many(parts: Iterable[tuple[str, Sequence[tuple[int, int]]]],
                       kiwi: Kiwi | None = None) -> Iterator[Analysis]:
    """Morphemes and sentences of the `spans` of each text (non-empty), in order: Kiwi reads the
    rest as blank, so offsets still index `text` (pipeline.extract.prefilter); driven as by
    `tokenize_many`."""
    originals: deque[tuple[str, Sequence[tuple[int, int]]]] = deque()

    def blanked():
        for text, spans in parts:
            originals.append((text, spans))
            yield blank_outside(kiwi_text(text)[0], spans)

    for tokens in _kiwi_tokens(blanked(), kiwi or get_kiwi()):
        text, spans = originals.popleft()
        yield Analysis(text, _sentences(text, _inside(tokens, spans)))


# Without threads of its own, Kiwi analyses this many texts in a row (at most `piece_chars`
# characters together) before Python works on them: each side then finds its data still in
# the CPU caches (~15% less CPU in all than alternating text by text, measured on one core).
SYNC_BATCH = 16


def tokenize_many(texts: Iterable[str], kiwi: Kiwi | None = None) -> Iterator[list]:
    """Kiwi's tokens of each text (masked by `analysis_text`), in order.

    A Kiwi with analysis threads (`get_kiwi(n)`, n >= 1) reads ahead through its
    iterable API, so the next texts are analysed while the caller works on earlier
    results; one without (n = 0) analyses `SYNC_BATCH` texts at a time."""
    return _kiwi_tokens((kiwi_text(text)[0] for text in texts), kiwi or get_kiwi())


def _kiwi_tokens(masked: Iterator[str], kiwi: Kiwi) -> Iterator[list]:
    """Kiwi's tokens of each text as Kiwi reads it (masked, long runs cut), in order."""
    if getattr(kiwi, "analysis_threads", kiwi.num_workers) >= 1:
        yield from _threaded(kiwi, masked)
        return
    for batch in text_batches(masked):
        yield from [_tokenize_text(kiwi, text) for text in batch]


def text_batches(texts: Iterable[str]) -> Iterator[list[str]]:
    """Up to SYNC_BATCH texts, together at most one piece of characters (a longer text alone): the
    time an article waits for the analysis of those after it stays short (pipeline.run.deadline)."""
    size = long_text_limits().piece
    batch: list[str] = []
    total = 0
    for text in texts:
        if batch and (len(batch) == SYNC_BATCH or total + len(text) > size):
            yield batch
            batch, total = [], 0
        batch.append(text)
        total += len(text)
    if batch:
        yield batch


def _threaded(kiwi: Kiwi, texts: Iterator[str]) -> Iterator[list]:
    """Kiwi's threads read ahead through runs of ordinary texts; a long text stops the run and
    is analysed piece by piece in this thread (a call in Kiwi's threads could not be interrupted)."""
    size = long_text_limits().piece
    long_text: list[str] = []

    def ordinary() -> Iterator[str]:
        for text in texts:
            if len(text) > size:
                long_text.append(text)
                return
            yield text

    while True:
        yield from kiwi.tokenize(ordinary())
        if not long_text:
            return
        yield _tokenize_text(kiwi, long_text.pop())
