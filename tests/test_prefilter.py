"""The alliances-only pass keeps the sentences that can hold a record and the ones discourse needs."""
from __future__ import annotations

from pipeline.extract.prefilter import PrefilterSettings, relevant_spans, sentence_spans

ARTICLE = "\n".join([
    "네이버, 새 AI 모델 공개",                                   # headline: always kept
    "네이버는 12일 새 언어 모델을 공개했다.",                       # lead: always kept
    "이 모델은 한국어 문서를 잘 읽는다.",                            # no relation word: dropped
    "날씨가 맑았다.",                                              # the sentence before a relation: kept
    "네이버는 카카오와 손을 잡고 클라우드 사업을 키운다.",            # a relation word (손을 잡)
    "주가는 올랐다.",                                               # dropped
    "양사는 지분도 맞바꿨다.",                                      # a contracted verb (맞바꿨다)
])


def _kept(text: str) -> list[str]:
    spans = relevant_spans(text, PrefilterSettings(before=1, lead=2))
    return [line for a, b in spans for line in text[a:b].split("\n")]


def test_relation_sentences_their_neighbours_and_the_lead_are_kept():
    kept = _kept(ARTICLE)
    assert kept == ["네이버, 새 AI 모델 공개", "네이버는 12일 새 언어 모델을 공개했다.", "날씨가 맑았다.",
                    "네이버는 카카오와 손을 잡고 클라우드 사업을 키운다.", "주가는 올랐다.", "양사는 지분도 맞바꿨다."]


def test_sentences_split_at_line_breaks_and_sentence_ends():
    text = "A사는 투자했다. B사는 협력했다!\nC사"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["A사는 투자했다.", "B사는 협력했다!", "C사"]


# (sentence, holds a relation word that counts): an activity word (개발, 연구) counts only beside
# a partner — a comitative particle ending a word, a joint marker, a pair dash.
ACTIVITY_WORDS = [
    ("삼성전자는 새 칩을 개발했다.", False),            # no partner: 개발 names what was done
    ("삼성전자는 LG와 칩을 개발했다.", True),            # B와
    ("삼성전자는 LG와의 연구를 이어간다.", True),        # B와의
    ("두 회사가 함께 개발한다.", True),                  # joint marker
    ("삼성전자와 LG가 공동개발에 나섰다.", True),        # a typed word: counts alone
]


def test_an_activity_word_counts_only_beside_a_partner():
    from pipeline.extract.prefilter import relation_sentences

    for text, counts in ACTIVITY_WORDS:
        assert bool(relation_sentences(text, sentence_spans(text))) is counts, text


def test_an_amount_is_kept_within_the_reach_of_its_kind():
    # 계약금액은 (a deal-amount noun) lends its amount five sentences on; a plain amount three
    sentences = ["한빛소재는 누리전지와 공급계약을 맺었다.", "물량은 10만t이다.", "기간은 5년이다.", "장소는 울산이다.",
                 "공장은 새것이다."]
    for last, kept in (("계약금액은 3조원이다.", True), ("올해 매출은 3조원이다.", False)):
        text = "\n".join(sentences + [last])
        assert (last in _kept(text)) is kept
