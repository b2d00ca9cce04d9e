"""Confidence of alliance records: a rule's measured precision, lowered by weaker evidence."""
from __future__ import annotations

import pytest

from pipeline import extract_text
from pipeline.extract.relations.confidence import confidence, features

LEXICON = ("lexicon", "lexicon")

# (rule, party sources, status) pairs where the first must be trusted more than the second
ORDERED = [
    pytest.param(("partnership:협력:coordination", LEXICON), ("partnership:협력:coordination",
                 ("lexicon", "context:partner_slot")), id="a party known only from its slot"),
    pytest.param(("partnership:손잡:comitative", LEXICON), ("partnership:손잡:comitative+zero_subject", LEXICON),
                 id="a subject carried from an earlier sentence"),
    pytest.param(("investment:투자:active:subj>dat", LEXICON), ("investment:투자:active:subj>discourse", LEXICON),
                 id="a target from the discourse"),
    pytest.param(("partnership:MOU:comitative", LEXICON), ("partnership:협력:dative", LEXICON),
                 id="a dative partner"),
]


@pytest.mark.parametrize("stronger, weaker", ORDERED)
def test_weaker_evidence_lowers_confidence(stronger, weaker):
    assert confidence(*stronger, "announced") > confidence(*weaker, "announced")


def test_features_name_the_evidence():
    assert features("investment:투자:active:subj>discourse+zero_subject", ("lexicon", "context:list"), "planned") == [
        "rule:voice:active", "modifier:zero_subject", "target:discourse", "trigger:typed", "party:weak",
        "status:planned"]


# Sentences and the band their record must fall in: high for a typed relation between known
# companies, lower for a partner known only from its slot.
SENTENCES = [
    ("삼성전자는 네이버와 AI 반도체를 공동 개발한다.", 0.8, 1.0),
    ("네이버는 미스트랄에 500억원을 투자했다.", 0.8, 1.0),
    ("삼성전자는 바이오누리와 협력한다.", 0.0, 0.8),
]


@pytest.mark.parametrize("text, low, high", SENTENCES)
def test_records_carry_confidence(text, low, high):
    alliances = extract_text(text).alliances
    assert alliances and all(low <= a.confidence <= high for a in alliances), \
        [(a.rule, a.confidence) for a in alliances]
