"""Known names: the lexicon's organisations, matched over runs of morphemes."""
from __future__ import annotations

from pipeline.extract.organizations import evidence, spans
from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.rules.place import place
from pipeline.extract.organizations.rules.region import region_subsidiary_end
from pipeline.extract.organizations.rules.spaced_name import brand_and_proper_word_end, latin_word_end, spaced_name_end
from pipeline.extract.organizations.rules.veto import KNOWN_NAME_VETOES, veto
from pipeline.extract.organizations.rules.weak_alias import weak_alias
from pipeline.extract.organizations.sentence import NameSpan, SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

T = grammar().tags
NOT_PARTIES = frozenset({"government"})  # lexicon types that make no alliances (ministries, regulators)


@rule("org.lexicon.v2", label="lexicon")
def known_name(s: SentenceView, i: int, hit) -> OrgMention | int | None:
    """A lexicon name at i, extended by glued nouns or a spaced suffix (현대차그룹, 소니 인터랙티브
    엔터테인먼트) but not by a word for what it owns (KT지분 is KT); a name that is also an ordinary
    word needs an organisation context. Returns the end to step over when the name is used as
    something else (a gloss, an event, a currency, a model)."""
    base_j, entry = hit
    if entry.type in NOT_PARTIES:
        return None
    ms, lexicon = s.ms, s.res.lexicon
    j, shaped_by = _extent(s, i, base_j, entry)
    name = s.surface(i, j)
    vetoes = KNOWN_NAME_VETOES + ((place,) if j > base_j else ())
    if veto(s, NameSpan(i, j, j, name), vetoes):
        return j
    if j > base_j:  # 신세계 + 그룹: a longer name
        whole = lexicon.lookup(name)
        if whole is None and lexicon.is_non_organization(name):
            return None
        canonical, etype = (whole.canonical, whole.type) if whole else (name, entry.type)
    else:
        canonical, etype = entry.canonical, entry.type
        weak = weak_alias(s, i, j, entry)
        if weak and not organisation_context(s, i, j, firm=True):
            s.reject(weak_alias.rule_id, i, j)
            return None
        if (entry.surface_needs_context(name) or _spaced_common_words(s, i, j, entry)) \
                and not organisation_context(s, i, j):
            return None   # 도로 공사 (road works), not 한국도로공사 written 도로공사
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, canonical, etype, known_name.label,
                      rule=known_name.rule_id, shaped_by=shaped_by)


def _spaced_common_words(s: SentenceView, i: int, j: int, entry) -> bool:
    """A name the lexicon writes as one word, found spaced and made of common nouns: an ordinary phrase."""
    return j - i > 1 and not all(s.glued(k) for k in range(i + 1, j)) \
        and all(m.tag in T.common_noun for m in s.ms[i:j]) and not any(" " in sf for sf in entry.surfaces)


def _extent(s: SentenceView, i: int, base_j: int, entry) -> tuple[int, str]:
    """Where the known name ends, and the rule that drew a longer extent (a region subsidiary, a
    group's brand before a proper noun, a Latin name in two words)."""
    ms, regions = s.ms, s.res.vocab.subsidiary_regions
    j = spans.extend_known_name(s, base_j)
    if j > base_j:
        return j, region_subsidiary_end.rule_id if ms[j - 1].form in regions else ""
    longer = region_subsidiary_end(s, j)
    if longer > j:
        return longer, region_subsidiary_end.rule_id
    longer = latin_word_end(s, j) if s.surface(i, j).isascii() else j
    if longer == j and entry.type == "group":
        longer = brand_and_proper_word_end(s, j)
    return (longer, spaced_name_end.rule_id) if longer > j else (j, "")


def organisation_context(s: SentenceView, i: int, j: int, firm: bool = False) -> bool:
    """An ambiguous lexicon name (also an ordinary word) counts only in an organisation context:
    a headline's subject, a type noun or corporate mark next to it, a relation's partner or
    subject, or a word for an organisation's side after it (대상 측은). Kiwi reading it as a proper
    noun is enough unless `firm`."""
    if not firm and s.ms[i].tag in T.proper_noun and (j - i) == 1:
        return True
    if evidence.headline_subject(s, i, j):
        return True
    if evidence.type_noun_before(s, i) or evidence.corporate_mark_around(s, i, j):
        return True
    if j < len(s.ms) and s.ms[j].form in s.res.vocab.organisation_tail_nouns:
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
