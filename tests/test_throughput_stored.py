"""Which articles are stored already is asked per chunk, of the process holding the database: no
worker gets the set of every stored SHA-256 (10M of them would not fit), and a database without a
current article is not asked at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import SourceDocument, iter_documents
from pipeline.run import engines, runner
from pipeline.run.engines import Job, Skipped
from pipeline.run.runner import StoredArticles
from pipeline.settings import config_hash
from pipeline.sinks.database import Database
from pipeline.version import PIPELINE_VERSION

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(str(p) for p in CORPUS.iterdir() if p.suffix == ".txt")[:6]


def _shas(paths) -> list[str]:
    return [d.sha256 for d in iter_documents(paths) if isinstance(d, SourceDocument)]


def test_the_job_carries_no_set_of_stored_articles():
    assert not any("current" in f.name or "stored" in f.name for f in Job.__dataclass_fields__.values())


def test_stored_articles_are_skipped_as_the_lookup_says():
    asked: list[list[str]] = []

    def stored(sha256s: list[str]) -> set[str]:
        asked.append(list(sha256s))
        return set(sha256s)

    items = engines.process_paths(FILES[:2], Job(), stored=stored)
    assert asked == [_shas(FILES[:2])]
    assert [type(i) for i in items] == [Skipped, Skipped]


class Recorded(StoredArticles):
    """Answers as the run's lookup does, and keeps each question."""
    questions: list[list[str]] = []

    def __call__(self, sha256s):
        Recorded.questions.append(list(sha256s))
        return super().__call__(sha256s)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rerun_asks_chunk_by_chunk(workers, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'stored.db'}"
    monkeypatch.setattr(runner, "StoredArticles", Recorded)
    Recorded.questions = []
    first = runner.run(FILES, db_url=url, workers=1)
    assert first.processed == len(FILES) and Recorded.questions == []   # nothing stored yet: nobody asks
    with Database(url) as db:
        lookup = StoredArticles(db, PIPELINE_VERSION, config_hash())
        assert lookup.active and lookup(_shas(FILES[:1]) + ["0" * 64]) == set(_shas(FILES[:1]))
    again = runner.run(FILES, db_url=url, workers=workers, chunk_size=2)
    assert again.skipped == len(FILES) and again.processed == 0
    assert sorted(sha for q in Recorded.questions for sha in q) == sorted(_shas(FILES))
    assert max(len(q) for q in Recorded.questions) <= 2


def test_a_new_database_is_never_asked(tmp_path):
    with Database(f"sqlite:///{tmp_path / 'new.db'}") as db:
        db.create()
        assert not StoredArticles(db, PIPELINE_VERSION, config_hash()).active
