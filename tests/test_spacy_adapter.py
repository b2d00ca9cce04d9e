"""The spaCy adapter: the same records as the core, and a pipeline that saves and loads with its data."""
from __future__ import annotations

import spacy

from pipeline import extract_text
from pipeline.spacy_adapter import get_nlp

TEXT = "삼성전자는 네이버와 손잡고 AI 반도체를 개발한다. 물류 스타트업 '로지올래'는 CJ대한통운에서 50억원을 투자받았다."


def _records(doc):
    return doc._.organizations, [a for a in doc._.amounts if not a.vague], doc._.alliances


def test_components_give_the_core_records():
    result = extract_text(TEXT)
    organizations, amounts, alliances = _records(get_nlp()(TEXT))
    assert (organizations, amounts, alliances) == (result.organizations, result.amounts, result.alliances)


def test_entities_cover_organisations_and_money():
    doc = get_nlp()(TEXT)
    assert {e.text for e in doc.ents if e.label_ == "ORG"} >= {"삼성전자", "네이버", "로지올래", "CJ대한통운"}
    assert [e.text for e in doc.ents if e.label_ == "MONEY"] == ["50억원"]


def test_a_saved_pipeline_loads_with_its_data(tmp_path):
    nlp = get_nlp()
    nlp.to_disk(tmp_path / "model")
    for component in ("organizations", "relations"):
        saved = tmp_path / "model" / component
        assert (saved / "relations.yaml").is_file() and (saved / "organizations" / "curated.jsonl").is_file()
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert _records(loaded(TEXT)) == _records(nlp(TEXT))


def test_the_trace_names_the_rules_that_fired():
    doc = get_nlp()(TEXT)
    fired = doc._.trace.rules_fired()
    assert {"org.lexicon.v2", "org.apposition.v2", "rel.comitative.v1"} <= fired
