"""doc.spans["alliances"]: the parties (labelled by role), triggers, amounts and dates of each alliance
record, as displaCy's span style shows them; `alliances explain --html` writes that view."""
from __future__ import annotations

import datetime as dt

import pytest
from spacy import displacy

from pipeline.report.marks import DATE, MONEY, SPANS_KEY, TRIGGER, party_label, trigger_name
from pipeline.report.spans_view import analysed_doc, explain_html, sentence_parses
from pipeline.spacy_adapter import get_nlp
from pipeline.tools.cli import main

SPAN_ROWS = [
    # (text, the spans expected among doc.spans[SPANS_KEY] as (label, text))
    ("소니는 일본 배터리업체인 '에코셀'에 3천 만 달러(약 401억2천500만 원)의 투자를 12일 확정했다.",
     {("INVESTOR", "소니"), ("INVESTEE", "에코셀"), (MONEY, "3천 만 달러"), (TRIGGER, "투자"), (DATE, "12일")}),
    ("LG에너지솔루션은 테슬라에 배터리를 공급한다.",
     {("SUPPLIER", "LG에너지솔루션"), ("CUSTOMER", "테슬라"), (TRIGGER, "공급")}),
    ("삼성전자는 네이버와 손잡고 AI 반도체를 개발하기로 했다.",
     {("PARTNER", "삼성전자"), ("PARTNER", "네이버")}),
    ("삼성전자는 올해 매출이 늘었다.", set()),
]


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


@pytest.mark.parametrize("text, expected", SPAN_ROWS, ids=[row[0][:16] for row in SPAN_ROWS])
def test_the_span_group_holds_what_the_records_rest_on(nlp, text, expected):
    doc = nlp(text)
    found = {(span.label_, span.text) for span in doc.spans[SPANS_KEY]}
    assert expected <= found
    if not expected:
        assert not found and not doc._.alliances


@pytest.mark.parametrize("text", [row[0] for row in SPAN_ROWS[:3]], ids=[row[0][:16] for row in SPAN_ROWS[:3]])
def test_every_record_has_its_parties_and_trigger_in_the_group(nlp, text):
    doc = nlp(text)
    spans = {(span.start_char, span.end_char, span.label_) for span in doc.spans[SPANS_KEY]}
    triggers = [span.text.replace(" ", "") for span in doc.spans[SPANS_KEY] if span.label_ == TRIGGER]
    assert doc._.alliances
    for record in doc._.alliances:
        for party in record.parties:
            assert (party.start, party.end, party_label(party.role)) in spans
        if record.amount is not None:
            assert (record.amount.start, record.amount.end, MONEY) in spans
        name = trigger_name(record.rule)
        assert any(name.startswith(t) or t.startswith(name) for t in triggers), (name, triggers)


def test_displacy_shows_the_group(nlp):
    doc = nlp(SPAN_ROWS[0][0])
    html = displacy.render(doc, style="span", options={"spans_key": SPANS_KEY})
    for label in ("INVESTOR", "INVESTEE", MONEY, TRIGGER, DATE):
        assert label in html


def test_the_span_view_keeps_the_words_of_the_text():
    sentences = ["한빛전자는 누리소프트와 손잡았다.", "누리소프트는 한빛전자에 50억원을 투자했다."]
    parses = sentence_parses(analysed_doc("\n\n".join(sentences), dt.date(2025, 3, 3)))
    assert [p["text"] for p in parses] == sentences
    for parse in parses:
        assert "".join(parse["tokens"]) == parse["text"].replace(" ", "")   # words, cut only at span edges
        for span in parse["spans"]:
            assert 0 <= span["start_token"] < span["end_token"] <= len(parse["tokens"])
    labelled = {(p["tokens"][s["start_token"]], s["label"]) for p in parses for s in p["spans"]}
    assert {("한빛전자", "PARTNER"), ("누리소프트", "INVESTOR"), ("50억원", MONEY)} <= labelled


def test_the_explain_page_is_self_contained():
    html = explain_html("누리소프트는 한빛전자에 50억원을 투자했다.", title="t")
    assert "default-src 'none'" in html and "INVESTOR" in html and "Noto Sans CJK KR" in html
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")


def test_alliances_explain_html_writes_the_view(tmp_path, capsys):
    out = tmp_path / "view" / "explain.html"
    assert main(["explain", "--text", "LG에너지솔루션은 테슬라에 배터리를 공급한다.", "--html", str(out)]) == 0
    assert f"span view: {out}" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert "SUPPLIER" in page and "CUSTOMER" in page and TRIGGER in page
