"""The Kiwi-backed spaCy Doc round-trips every text exactly, and sentences split
where a Korean sentence really ends."""
from __future__ import annotations

import pytest

from pipeline.korean.tokenizer import analyse
from pipeline.spacy_adapter import get_nlp

ROUND_TRIP = {
    "plain": "삼성전자는 네이버와 손잡았다.",
    "double spaces": "삼성전자는  네이버와   손잡았다.",
    "tabs and newlines": "삼성전자는\t네이버와\n\n\n손잡았다.\r\n끝.",
    "zero-length morpheme after a space": "SK하이닉스는 TSMC와 베이스 다이를 공동 개발한다.",
    "contraction": "투자했다. 협력했으며 개발했다.",
    "full-width letters": "ＬＧ전자와 ＳＫ텔레콤이 협력한다.",
    "corporate mark": "㈜한빛소재는 (주)대성과 손잡았다.",
    "emoji and symbols": "🚀 카카오, 네이버와 협력 ▶ 투자 ※ 참고",
    "zero-width space": "카카오\u200b와 네이버",
    "chrome lines": "본문 바로가기\n\n반응형\n삼성전자가 투자했다.",
    "only spaces": "   ",
    "empty": "",
    "leading and trailing space": "  협력  ",
}


@pytest.mark.parametrize("text", ROUND_TRIP.values(), ids=ROUND_TRIP.keys())
def test_doc_text_is_the_input(text):
    doc = get_nlp().make_doc(text)
    assert doc.text == text


SENTENCES = [
    ("삼성전자는 투자했다. 네이버도 협력했다.", 2),
    ("제목 줄\n본문 첫 문장이다.", 2),
    ("SK하이닉스는 대만 TSMC와 차세대 HBM4의 베이스 다이를 공동 개발하기로 했다.", 1),
]


@pytest.mark.parametrize("text,count", SENTENCES)
def test_sentences(text, count):
    assert len(analyse(text).sentences) == count
