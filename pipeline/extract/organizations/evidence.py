"""Context around a name that the organisation rules weigh: what stands before it (an
organisation type, ㈜, a country), what follows it (a particle before a relation word, a
person's title, a place particle)."""
from __future__ import annotations

from pipeline.extract.organizations.sentence import SentenceView
from pipeline.korean import grammar

G = grammar()
T = G.tags
HEADLINE_LEAD_TAGS = T.other_symbol | T.quote | T.bracket
CLAUSE_STOP_TAGS = T.final_ending | T.final_punctuation
CLOSING_TAGS = T.final_punctuation | T.closing_bracket
SUBJECT_TAGS = T.auxiliary_particle | T.subject_case


def word_before_name(s: SentenceView, i: int) -> int:
    """Index of the word before a name, past an opening quote or ㈜, a (주) and a '…인' ending."""
    ms = s.ms
    k = i - 1
    if k >= 0 and (ms[k].tag in T.opening_bracket or ms[k].form in G.marks.open_quotes
                   or ms[k].form in G.marks.corporate_mark_forms):
        k -= 1
    if k >= 2 and ms[k].form == ")" and ms[k - 1].form == G.marks.corporate_mark_word and ms[k - 2].form == "(":
        k -= 3
    if k >= 1 and ms[k].tag in T.adnominal_ending and ms[k - 1].tag in T.copula:
        k -= 2
    return k


def type_noun_before(s: SentenceView, i: int) -> bool:
    """'… 기업(인) [quote] NAME' — the word right before the name is an organisation type."""
    k = word_before_name(s, i)
    return k >= 0 and s.ms[k].tag in T.noun | T.foreign_word and s.res.vocab.is_type_noun(s.ms[k].form)   # PEF인 X


def product_noun_before(s: SentenceView, i: int) -> bool:
    """'X의 결제 플랫폼 NAME', "항암제 '루미셀'": a product or service of an organisation, not one
    itself (a quoted name after a product noun needs no owner)."""
    k = word_before_name(s, i)
    if k < 0 or s.ms[k].form not in s.res.vocab.non_org_type_nouns:
        return False
    quoted = i > 0 and s.ms[i - 1].form in G.marks.open_quotes
    return quoted or any(m.tag in T.genitive_case for m in s.ms[max(0, k - 4):k])


def corporate_mark_around(s: SentenceView, i: int, j: int) -> bool:
    """㈜, (주), 주식회사 right before or after the name."""
    before = s.text[max(0, s.ms[i].start - 4):s.ms[i].start]
    after = s.text[s.ms[j - 1].end:s.ms[j - 1].end + 4]
    return any(before.rstrip().endswith(mark) or after.startswith(mark) for mark in s.res.vocab.corporate_marks)


def past_tail(s: SentenceView, j: int) -> int:
    """Past '등', '측' … between a name and its particle."""
    ms = s.ms
    while j < len(ms) and ms[j].form in s.res.vocab.group_tail_nouns and ms[j].tag in TAIL_TAGS:
        j += 1
    return j


TAIL_TAGS = T.bound_noun | T.common_noun | T.noun_suffix


def kind_noun_after(s: SentenceView, j: int) -> bool:
    """A type noun spaced after the word (클라우드 업체와): the word says what kind of firm, it is no name."""
    return j < len(s.ms) and not s.glued(j) and s.ms[j].form in s.res.vocab.type_nouns


def partner_slot_after(s: SentenceView, j: int) -> bool:
    """NAME와/과/에/로부터 (등) followed closely by a relation word: 'X와 손잡고', 'X 등에
    투자'; NAME을/를 only before a relation whose object is an organisation (X를 인수), and
    NAME directly before such a relation noun (X 인수 협약)."""
    ms = s.ms
    if j < len(ms) and ms[j].tag in T.noun and ms[j].form in s.res.object_trigger_forms:
        return True  # NAME 인수, NAME 합병: the organisation a deal is about
    j = past_tail(s, j)
    if j >= len(ms) or ms[j].tag not in T.particle or ms[j].form not in G.particles.partner_slot:
        return False
    wanted = s.res.object_trigger_forms if ms[j].tag in T.object_case else s.res.trigger_forms
    for k in range(j + 1, min(len(ms), j + 9)):
        if ms[k].form in wanted:
            return True
        if ms[k].tag in CLAUSE_STOP_TAGS or (ms[k].tag in T.connective_ending and ms[k].form in G.endings.sequence):
            break
    return False


def subject_of_relation(s: SentenceView, i: int, j: int) -> bool:
    """A word starting its noun phrase as the subject of a sentence that names a relation
    ('AI 원팀은' is a modified noun, not a name)."""
    ms = s.ms
    if not (s.has_trigger and j < len(ms) and ms[j].tag in SUBJECT_TAGS and ms[j].form in G.particles.subject):
        return False
    before = ms[i - 1] if i > 0 else None
    vocab = s.res.vocab
    return before is None or before.tag not in T.nominal or before.form in vocab.type_nouns \
        or before.form in vocab.non_org_type_nouns


def person_title_at(s: SentenceView, j: int) -> bool:
    return j < len(s.ms) and s.ms[j].form in s.res.vocab.person_titles


def place_particle_at(s: SentenceView, j: int) -> bool:
    """터키 이스탄불에서, 미국 조지아에 공장을: a place ('미국 뉴스케일파워에 공급' is a customer)."""
    ms = s.ms
    if j >= len(ms) or ms[j].tag not in T.particle:
        return False
    if ms[j].form in G.particles.place_direction:
        return True
    return ms[j].form in G.particles.plain_dative and any(m.form in s.res.vocab.place_heads for m in ms[j + 1:j + 4])


def case_follows(s: SentenceView, j: int) -> bool:
    """A particle, a list mark or a word for what a company owns after the name (대만
    폭스콘이, 중국 립모터 지분), not any noun (체코 두코바니 원전)."""
    ms = s.ms
    j = past_tail(s, j)
    if place_particle_at(s, j):
        return False
    return j >= len(ms) or ms[j].tag in T.particle or ms[j].form in G.marks.list_marks or ms[j].tag in CLOSING_TAGS \
        or ms[j].form in s.res.vocab.possession_nouns


def country_before(s: SentenceView, i: int) -> bool:
    k = i - 1
    return k >= 0 and not s.glued(i) and s.res.lexicon.is_non_organization(s.ms[k].form) == "country"


def headline_subject(s: SentenceView, i: int, j: int) -> bool:
    """A headline's subject: '한컴, 레드햇과 파트너십 체결' — only marks or a label before, a comma after."""
    ms = s.ms
    return j < len(ms) and ms[j].form in G.marks.list_commas and all(
        m.tag in HEADLINE_LEAD_TAGS or m.form in s.res.vocab.headline_labels for m in ms[:i])
