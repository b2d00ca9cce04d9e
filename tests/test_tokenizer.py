"""The Kiwi-backed spaCy Doc round-trips every text exactly, and sentences split
where a Korean sentence really ends."""
from __future__ import annotations

import pytest

from pipeline.korean.textnorm import analysis_text
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
    # one-syllable country abbreviations joined by periods are a list, not sentence ends
    ("한.일 양국 기업 3곳이 합작사를 세운다.", 1),
    ("한.중.일 정상이 만나 미.중 갈등을 논의했다.", 1),
    # after an ending the sentence did end, even with no space after the period
    ("두 회사는 합의했다고 밝혔다.이어 계약서에 서명했다.", 2),
    # hard-wrapped lines: a break after a particle or a connective/adnominal ending is a wrap,
    # and then the paragraph's breaks after nouns are wraps too
    ("두 회사는 내년까지 공장을\n짓기로 합의했다.", 1),
    ("두 회사는 새 공장을 지어\n연말부터 가동한다.", 1),
    ("새로 짓는\n공장은 두 곳이다.", 1),
    ("가전 3사\n제조기업 연합이 출범했다. 이들은 내년까지\n공장을 짓는다.", 2),
    # a title ending in a noun, or a paragraph of whole lines, keeps its breaks
    ("한빛전자 새 공장\n한빛전자가 공장을 지었다.", 2),
    ("한빛전자가 공장을 지었다\n누리솔이 투자했다.", 2),
    ("사진 설명\n\n두 회사는 공장을\n짓는다.", 2),
    ("두 회사는\n\n공장을 짓는다.", 2),   # a blank line always ends the sentence
]


@pytest.mark.parametrize("text,count", SENTENCES)
def test_sentences(text, count):
    assert len(analyse(text).sentences) == count


TICKER_A, TICKER_B, TICKER_C = "(193,700원 ▼1,200 -0.62%)", "(38,450원 ▲350 +0.92%)", "(5,210원 0 0.00%)"
CLUTTER = [
    # a stock ticker glued before the next name becomes a list comma and spaces; before a
    # particle or a space, spaces only
    (f"네이버 {TICKER_A}카카오 {TICKER_B}는 펀드를 만든다.",
     f"네이버 ,{' ' * (len(TICKER_A) - 1)}카카오 {' ' * len(TICKER_B)}는 펀드를 만든다."),
    (f"카카오 {TICKER_C} 등이 참여했다.", f"카카오 {' ' * len(TICKER_C)} 등이 참여했다."),
    ("한.일 3개사와 한.중.일 정상", "한\u00b7일 3개사와 한\u00b7중\u00b7일 정상"),
    # an ordinary period, a decimal and an abbreviation inside a longer word stay
    ("밝혔다.이어 1.5배 늘었다. A.B", "밝혔다.이어 1.5배 늘었다. A.B"),
]


@pytest.mark.parametrize("text,masked", CLUTTER)
def test_analysis_text_masks_clutter(text, masked):
    assert analysis_text(text) == masked
    assert len(analysis_text(text)) == len(text)


GLUED_SUBJECT = [
    # an unknown word with 가/이 glued: split when the particle fits the word's last sound
    ("음반 레이블인 아스트라비가 신인을 냈다.", ["아스트라비", "가"]),
    ("신생 업체인 누리코텍이 상장했다.", ["누리코텍", "이"]),
]


@pytest.mark.parametrize("text,forms", GLUED_SUBJECT)
def test_glued_subject_particle_is_split(text, forms):
    morphs = [m.form for s in analyse(text).sentences for m in s.morphs]
    assert any(morphs[k:k + len(forms)] == forms for k in range(len(morphs)))
