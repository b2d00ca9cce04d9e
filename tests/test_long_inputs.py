"""Long inputs: where the text Kiwi reads gets its line breaks (same length, every offset still
into the article), pieces of long texts, the per-article time budget in this process, and
the analysis time staying linear in the article's size."""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from pipeline.ingest import SourceDocument
from pipeline.korean.textnorm import analysis_text
from pipeline.korean.tokenizer import LongTextLimits, _pieces, analyse, kiwi_text, long_text_cuts, long_text_note
from pipeline.records import ArticleResult, Quarantine
from pipeline.run.deadline import ArticleTimeout, Deadline
from pipeline.run.engines import Job, process_paths

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLE = (CORPUS / "101_wire_chip_euv.txt").read_text(encoding="utf-8")
SMALL = LongTextLimits(sentence=10, paragraph=25, piece=60)


def _lines_after(text: str, cuts: list[int]) -> list[str]:
    return "".join("\n" if i in set(cuts) else ch for i, ch in enumerate(text)).split("\n")


CUT_ROWS = [
    # (name, text, limits, expected cut positions)
    ("short text: nothing", "가나다 라마.", SMALL, []),
    ("short lines: nothing", "가나다 라마바.\n사아자 차카.\n" * 5, SMALL, []),
    ("a long stretch: at the last space within reach", "가나다 라마바 사아자 차카타 파하 가나다 라마바.", SMALL,
     [7, 18]),
    ("one long word: at the limit", "가" * 35, SMALL, [10, 21, 32]),
    ("a long paragraph of short sentences: at sentence ends", "가나. 다라. 마바사. 아자차. 카타파. 하가나. 다라마. 끝.",
     SMALL, [22]),
    ("both limits", "가나다 라마바 사아자 차카타. 하. " * 2, SMALL, [7, 27]),
    ("the default limits leave a news paragraph alone", ARTICLE.replace("\n", " "), None, []),
]


@pytest.mark.parametrize("name, text, limits, cuts", CUT_ROWS, ids=[r[0] for r in CUT_ROWS])
def test_where_long_text_is_cut(name, text, limits, cuts):
    found = long_text_cuts(text, limits)
    assert found == cuts
    limits = limits or LongTextLimits(1000, 5000, 50000)
    assert all(len(line) <= limits.paragraph for line in _lines_after(text, found))


@pytest.mark.parametrize("text", [
    "가나다 " * 5000,                                 # one 20,000-character line of short words
    "한빛전자가 누리소프트와 협력한다. " * 3000,       # a 57,000-character paragraph
    "가" * 30000,                                     # no space at all
    ("가나다 " * 400 + "끝.\n") * 40,                 # long lines with a line break now and then
])
def test_cut_texts_keep_their_length_and_every_run_within_the_limits(text):
    cut, count = kiwi_text(text)
    assert len(cut) == len(text) and count > 0
    assert all(len(line) <= 5000 for line in cut.split("\n"))
    for line in cut.split("\n"):   # no stretch without a sentence end over the sentence limit
        assert all(len(part) <= 1000 for part in line.split(". "))
    assert [i for i, (a, b) in enumerate(zip(cut, analysis_text(text), strict=True)) if a != b] == \
        long_text_cuts(analysis_text(text))


def test_pieces_are_whole_lines_within_the_size():
    text = "가나다라\n" * 40
    pieces = _pieces(text, 22)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(end - start <= 22 and text[end - 1] == "\n" for start, end in pieces[:-1])
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))


def test_a_long_text_is_analysed_in_pieces_with_offsets_into_the_whole_text():
    text = (ARTICLE + "\n") * 120   # ~70,000 characters: two pieces
    analysis = analyse(text)
    morphs = [m for s in analysis.sentences for m in s.morphs]
    assert morphs[-1].end > 50_000
    assert all(0 <= m.start <= m.end <= len(text) for m in morphs)
    assert all(text[m.start:m.end] == m.form for m in morphs if m.tag.startswith("NN") and m.end > m.start)
    assert all(s.start < t.start for s, t in zip(analysis.sentences, analysis.sentences[1:], strict=False))


NOTE_ROWS = [
    ("an ordinary article", ARTICLE, None),
    ("one long line", "가나다 " * 2000, "long text: 7 line breaks added for analysis"),
    ("a long text of short lines", (ARTICLE + "\n") * 120, "analysed in 2 pieces of at most 50,000 characters"),
]


@pytest.mark.parametrize("name, text, note", NOTE_ROWS, ids=[r[0] for r in NOTE_ROWS])
def test_the_article_says_when_its_analysis_was_cut(name, text, note):
    found = long_text_note(text)
    assert (found is None) if note is None else (note in found)


def _document(path: str, text: str) -> SourceDocument:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceDocument(path, text, "utf-8", None, None, digest, digest)


@pytest.mark.slow
def test_analysis_time_is_linear_in_the_length_of_a_line():
    """A line without sentence ends used to take time with the square of its length (8x the
    text took 23x the time); cut for analysis, it takes about 8x."""
    from pipeline.extract.core import process_documents

    line = ARTICLE.replace("\n", " ").replace(".", " ").replace("다 ", "고 ") + " "
    seconds = {}
    for copies in (40, 320):
        started = time.perf_counter()
        next(process_documents([_document("x", line * copies)]))
        seconds[copies] = time.perf_counter() - started
    assert seconds[320] < 12 * seconds[40], seconds


# --- the time budget in this process ------------------------------------------------------

def test_a_deadline_stops_python_code_in_this_thread_and_names_the_unit():
    with Deadline(0.3) as deadline:
        deadline.restart("slow")
        with pytest.raises(ArticleTimeout):
            while True:
                sum(range(100))
        assert deadline.fired_unit == "slow"
        deadline.restart("fast")   # the next unit has a budget of its own
        sum(range(1000))
        deadline.pause()
        time.sleep(0.5)            # nothing is under way: nothing runs over


def test_no_budget_is_no_deadline():
    with Deadline(None) as deadline:
        deadline.restart("x")
        time.sleep(0.05)


def test_an_article_over_its_time_is_quarantined_and_the_chunk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "long.txt").write_text(("가나다 라마바 " * 30 + "끝.\n") * 4000, encoding="utf-8")
    (tmp_path / "b.txt").write_text((CORPUS / "104_wire_telecom_ai_chip_funding.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    started = time.monotonic()
    items = process_paths([str(tmp_path / n) for n in ("a.txt", "long.txt", "b.txt")],
                          Job(kiwi_threads=0, article_seconds=1.0))
    assert time.monotonic() - started < 10
    assert [type(i).__name__ for i in items] == ["ArticleResult", "Quarantine", "ArticleResult"]
    assert isinstance(items[1], Quarantine) and items[1].stage == "extract"
    assert items[1].reason.startswith("took over 1 s") and items[1].path == str(tmp_path / "long.txt")
    assert all(isinstance(i, ArticleResult) and i.alliances for i in (items[0], items[2]))


def test_a_json_line_over_its_time_is_quarantined_and_the_file_goes_on(tmp_path, monkeypatch):
    import json

    import pipeline.ingest.jsonl_input as jsonl_input

    real = jsonl_input.extract_fragment

    def slow_fragment(html, **kwargs):   # a page that takes long to take apart
        if "slow" in html:
            while True:
                sum(range(100))
        return real(html, **kwargs)

    monkeypatch.setattr(jsonl_input, "extract_fragment", slow_fragment)
    lines = [{"id": 1, "body": ARTICLE}, {"id": 2, "body": "<div><p>slow</p></div>"},
             {"id": 3, "body": ARTICLE + " 끝"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    items = process_paths([str(path)], Job(kiwi_threads=0, article_seconds=0.5))
    assert [(type(i).__name__, i.article if isinstance(i, ArticleResult) else i.path) for i in items] == [
        ("ArticleResult", f"{path}#1"), ("Quarantine", f"{path}#2"), ("ArticleResult", f"{path}#3")]
    assert items[1].reason.startswith("took over 0.5 s")
