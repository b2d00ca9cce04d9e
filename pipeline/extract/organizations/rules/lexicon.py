"""Known names: the lexicon's organisations, matched over runs of morphemes."""
from __future__ import annotations

from pipeline.extract.organizations import evidence, spans
from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags
NOT_PARTIES = frozenset({"government"})  # lexicon types that make no alliances (ministries, regulators)


@rule("org.lexicon.v1", label="lexicon")
def known_name(s: SentenceView, i: int, hit) -> OrgMention | None:
    """A lexicon name at i, extended by glued nouns or a spaced suffix (현대차그룹, 소니 인터랙티브
    엔터테인먼트); a name that is also an ordinary word needs an organisation context."""
    base_j, entry = hit
    if entry.type in NOT_PARTIES:
        return None
    ms, lexicon = s.ms, s.res.lexicon
    j = spans.extend_known_name(s, base_j)
    name = s.surface(i, j)
    if j > base_j:  # 신세계 + 그룹: a longer name
        whole = lexicon.lookup(name)
        if whole is None and lexicon.is_non_organization(name):
            return None
        canonical, etype = (whole.canonical, whole.type) if whole else (name, entry.type)
    else:
        canonical, etype = entry.canonical, entry.type
        if entry.surface_needs_context(name) and not organisation_context(s, i, j):
            return None
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, canonical, etype, known_name.label,
                      rule=known_name.rule_id)


def organisation_context(s: SentenceView, i: int, j: int) -> bool:
    """An ambiguous lexicon name (also an ordinary word) counts only in an organisation context."""
    if s.ms[i].tag in T.proper_noun and (j - i) == 1:
        return True
    if evidence.headline_subject(s, i, j):
        return True
    if evidence.type_noun_before(s, i) or evidence.corporate_mark_around(s, i, j):
        return True
    return evidence.partner_slot_after(s, j) or evidence.subject_of_relation(s, i, j)


@rule("org.company_sa.v1", label="lexicon")
def company_with_sa(s: SentenceView, i: int) -> OrgMention | None:
    """'애플사', '구글사' (one word for Kiwi): a known company with the 사 of 회사."""
    m = s.ms[i]
    sa = s.res.vocab.company_suffix_sa
    if m.tag not in T.noun or len(m.form) < 3 or not m.form.endswith(sa):
        return None
    stem = m.form[:-len(sa)]
    entry = s.res.lexicon.lookup(stem)
    if entry is None or entry.type in NOT_PARTIES or entry.surface_needs_context(stem):
        return None
    return OrgMention(i, i + 1, m.start, m.end, s.text[m.start:m.end], entry.canonical, entry.type,
                      company_with_sa.label, rule=company_with_sa.rule_id)
