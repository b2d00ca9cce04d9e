"""The alliances-only mode: Kiwi reads only what can hold an alliance, the records are the full
mode's alliances (with their amounts and organisations) and say how they were made."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.core import (
    ALLIANCES_ONLY_NOTE,
    alliances_only_config_hash,
    alliances_only_reading,
    process_documents,
)
from pipeline.ingest import SourceDocument, iter_documents
from pipeline.korean import get_kiwi
from pipeline.run import runner
from pipeline.settings import config_hash
from pipeline.sinks.database import Database

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Articles of corpus/ (by origin: wire, press release, analysis, market brief …) whose alliance
# records must come out of the alliances-only mode exactly as from the full mode.
SAME_RECORDS = [
    "101_wire_chip_euv.txt",
    "102_pr_battery_precursor_jv.txt",
    "103_analysis_auto_alliances.txt",
    "104_wire_telecom_ai_chip_funding.txt",
    "105_market_close_brief.txt",
]


def _document(name: str) -> SourceDocument:
    return next(d for d in iter_documents([CORPUS / name]) if isinstance(d, SourceDocument))


@pytest.mark.parametrize("name", SAME_RECORDS)
def test_alliances_only_gives_the_full_modes_alliances(name):
    document = _document(name)
    full = next(process_documents([document]))
    only = next(process_documents([document], alliances_only=True))
    assert [a.model_dump_json() for a in only.alliances] == [a.model_dump_json() for a in full.alliances]


@pytest.mark.parametrize("threads", [0, 1])
def test_articles_read_together_give_what_each_gives_alone(threads):
    # Kiwi reads a batch of articles' spans in a row (with threads of its own: ahead): no
    # article's reading may depend on another's
    kiwi = get_kiwi(threads)
    documents = [_document(path.name) for path in sorted(CORPUS.glob("*.txt"))[:24]]
    together = list(process_documents(documents, kiwi=kiwi, alliances_only=True))
    alone = [next(process_documents([d], kiwi=kiwi, alliances_only=True)) for d in documents]
    assert len(documents) > 16   # more than one batch (tokenizer.SYNC_BATCH)
    assert [r.model_dump_json() for r in together] == [r.model_dump_json() for r in alone]


def test_the_records_say_how_they_were_made():
    document = _document(SAME_RECORDS[2])
    full = next(process_documents([document]))
    only = next(process_documents([document], alliances_only=True))
    assert ALLIANCES_ONLY_NOTE in only.warnings and ALLIANCES_ONLY_NOTE not in full.warnings
    assert only.config_hash == alliances_only_config_hash() != full.config_hash == config_hash()
    parties = {p.canonical for a in only.alliances for p in a.parties}
    assert only.organizations and {o.canonical for o in only.organizations} == parties
    assert {(a.start, a.end) for a in only.amounts + only.vague_amounts} == \
        {(a.amount.start, a.amount.end) for a in only.alliances if a.amount}


# (text, what Kiwi reads of it): an article without a relation word is not analysed at all.
READINGS = [
    ("날씨가 맑았다.\n주가는 올랐다.", ()),
    ("네이버는 카카오와 손을 잡고 클라우드 사업을 키운다.", ("네이버는 카카오와 손을 잡고 클라우드 사업을 키운다.",)),
]


@pytest.mark.parametrize("text, read", READINGS)
def test_kiwi_reads_only_the_sentences_that_can_hold_an_alliance(text, read):
    analysis, _ = alliances_only_reading(text)
    assert tuple(text[s.start:s.end] for s in analysis.sentences) == read


def test_a_run_in_alliances_only_mode_is_stored_apart_from_a_full_run(tmp_path):
    files = [str(CORPUS / name) for name in SAME_RECORDS[:3]]
    url = f"sqlite:///{tmp_path / 'modes.db'}"
    first = runner.run(files, db_url=url, out=tmp_path / "only.jsonl", workers=1, alliances_only=True)
    again = runner.run(files, db_url=url, workers=1, alliances_only=True)
    full = runner.run(files, db_url=url, workers=1)
    assert (first.processed, again.skipped, full.processed) == (3, 3, 3)
    assert ALLIANCES_ONLY_NOTE in (tmp_path / "only.jsonl").read_text(encoding="utf-8")
    with Database(url) as db:
        assert all(ALLIANCES_ONLY_NOTE not in r.warnings for r in db.iter_results(
            [d.sha256 for d in iter_documents(files) if isinstance(d, SourceDocument)]))
