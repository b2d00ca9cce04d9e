"""Asides between a name and its particle: 삼성전자(005930)는, 누리반도체[123450]는, 누리온(대표
김철수)은, 한빛(10억달러·약 1조2000억원)과. An aside holds no verb and no ending, and is short."""
from __future__ import annotations

from pipeline.korean.grammar import grammar

G = grammar()
T = G.tags
ASIDE_STOP = T.verb | T.final_ending | T.connective_ending
# Morphemes an aside may hold: an amount with its won value (10억달러·약 1조2000억원) takes 12.
ASIDE_MAX = 16


def aside_end(ms, p: int) -> int:
    """The index after an aside opening at p (a bracket of configs/korean.yaml `marks.aside_opens`), or p."""
    if p < len(ms) and ms[p].form in G.marks.aside_opens and ms[p].tag in T.opening_bracket:
        for q in range(p + 1, min(len(ms), p + ASIDE_MAX)):
            if ms[q].tag in T.closing_bracket:
                return q + 1 if all(x.tag not in ASIDE_STOP for x in ms[p + 1:q]) else p
    return p

