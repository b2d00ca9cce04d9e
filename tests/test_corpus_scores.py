"""The bundled corpus scored against its own gold: a floor under every figure, so a
rule change that breaks other articles fails here (the corpus is a development set;
the product is judged on articles it has never seen)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.core import process_documents
from pipeline.ingest import SourceDocument, iter_documents
from pipeline.tools.evaluate import load_gold, score

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def summary():
    documents = [d for d in iter_documents([CORPUS]) if isinstance(d, SourceDocument)]
    predictions = {Path(r.article).name: json.loads(r.model_dump_json()) for r in process_documents(documents)}
    gold = load_gold([CORPUS])
    return score(gold, predictions).summary(len(gold))


def test_every_article_is_scored(summary):
    assert summary["articles"] >= 30 and summary["missing_articles"] == 0


def test_pairs(summary):
    assert summary["pair_prf"][2] >= 0.90
    assert summary["forbidden_hits"] == 0


def test_organizations_and_money(summary):
    assert summary["org_prf"][2] >= 0.95
    assert summary["money_prf"][2] >= 0.97


def test_relation_direction_amount(summary):
    assert summary["relation_acc"] >= 0.95
    assert summary["direction_acc"] >= 0.95
    assert summary["amount_acc"] >= 0.90
