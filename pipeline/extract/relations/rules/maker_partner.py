"""'A는 음극재 전문 제조사인 B와 음극재 공급 계약을 맺었다': B makes what the contract supplies, so
B supplies A (the subject of '공급 계약' is either side)."""
from __future__ import annotations

import dataclasses

from pipeline.extract.registry import rule
from pipeline.extract.relations.clause import Candidate, Clause
from pipeline.korean import grammar

G = grammar()
T = G.tags
# a product as Kiwi may cut it (음극/재, and 재 read as a prefix)
PRODUCT_TAGS = T.common_noun | T.foreign_word | T.proper_noun | T.noun_prefix | T.noun_suffix
BOUND_TO_PARTNER = "subj>com"   # 'A는 B와 공급 계약': the voice's reading this rule may turn round


@rule("rel.maker_partner.v1", label="maker")
def maker_partner(c: Clause, found: list[Candidate]) -> list[Candidate]:
    """Supply bound subject → partner turns round when the partner is described as a maker of the
    very product named before the relation word (음극재 제조사인 B와 음극재 공급); a maker of
    something else (반도체 제조사인 B와 과산화수소 공급) is the customer as before."""
    supplied = _nouns_before(c.ms, c.head.i, 2) if c.relation == "supply" else set()
    if not supplied:
        return found
    out = []
    for cand in found:
        if cand.rule.endswith(BOUND_TO_PARTNER) and _made_by(c, cand.target.i) & supplied:
            cand = dataclasses.replace(cand, source=cand.target, target=cand.source,
                                       rule=f"{cand.rule}+{maker_partner.label}", rule_id=maker_partner.rule_id)
        out.append(cand)
    return out


def _made_by(c: Clause, i: int) -> set[str]:
    """The products of a maker noun describing the organisation at i (X (전문) 제조사(인) B)."""
    ms, k = c.ms, i - 1
    if k >= 1 and ms[k].tag in T.adnominal_ending and ms[k - 1].tag in T.copula:
        k -= 2
    if k < 0 or ms[k].form not in c.vocab.maker_nouns:
        return set()
    return _nouns_before(ms, k, 3) - c.vocab.maker_modifiers


def _nouns_before(ms, i: int, count: int) -> set[str]:
    """The nouns of the noun phrase right before morpheme i (at most `count`)."""
    out: set[str] = set()
    k = i - 1
    while k >= 0 and len(out) < count and ms[k].tag in PRODUCT_TAGS:
        out.add(ms[k].form)
        k -= 1
    return out
