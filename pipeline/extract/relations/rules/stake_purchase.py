"""지분 … 인수 without a change of control is an investment, not an acquisition."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Clause
from pipeline.korean import grammar

G = grammar()


@rule("rel.stake_purchase.v2", label="")
def stake_purchase(c: Clause) -> bool:
    """A stake word in the clause, no control word (경영권, 최대주주) in the sentence and no stake over 50%."""
    ms, (lo, hi) = c.ms, c.span
    if not {m.form for m in ms[lo:hi]} & c.vocab.stake_words:
        return False
    forms = {m.form for m in ms}
    sentence = "".join(m.form for m in ms)   # Kiwi may cut 최대주주 into 최대 + 주주
    if any(word in forms if word.isdigit() else word in sentence for word in c.vocab.control_words):
        return False
    return not any(m.tag in G.tags.number and k + 1 < len(ms) and ms[k + 1].form in G.marks.percent
                   and _percent(m.form) > 50 for k, m in enumerate(ms[lo:hi], lo))


def _percent(digits: str) -> float:
    try:
        return float(digits.replace(",", ""))
    except ValueError:
        return 0.0
