"""A sentence as a sequence of items the binder reasons over.

Organisation mentions joined by 와/과, commas and middle dots become one `Group`
whose particle gives its role in the clause (`roles.case_role`). Relation words become
`Trigger`s; connective endings (-고, -며, -면서 …) become `Boundary`s; generic nouns with
a partner particle become `GenericArg`s (여러 부품 업체와 …), so that a partner slot
filled by something that is not an organisation is known to be filled.
"""
from __future__ import annotations

from pipeline.extract.dates import time_nouns
from pipeline.extract.organizations import OrgMention, OrgVocabulary
from pipeline.extract.relations.items import Boundary, GenericArg, Group, RelativeEnd, Role, SentenceItems, Trigger
from pipeline.extract.relations.roles import case_role
from pipeline.extract.relations.vocabulary import BIDDER_VOICE, SUPPLIER_VOICE, RelationVocabulary
from pipeline.korean import Morph, grammar
from pipeline.korean.asides import aside_end

G = grammar()
T = G.tags
M = G.marks
DIGITS = "0123456789"
TRIGGER_TAGS = T.noun | T.verb | T.adjective | T.foreign_word | T.root | T.verb_suffix
DERIVED_NOUN_TAGS = T.common_noun | T.noun_suffix | T.bound_noun
DESCRIPTOR_TAGS = T.nominal | T.determiner | T.bound_noun | T.noun_suffix | T.noun_prefix
DATE_DESCRIPTOR_TAGS = T.verb | T.adnominal_ending | T.determiner
GROUP_QUOTE_TAGS = T.bracket | T.other_symbol
LIST_DOTS = M.list_dots | M.list_slashes
COUNT_TAGS = T.determiner | T.figure
TAIL_TAGS = T.bound_noun | T.common_noun | T.noun_suffix | T.adjective | T.adverb
CATEGORY_TAGS = T.common_noun | T.noun_suffix | T.noun_prefix
CATEGORY_HEAD_TAGS = T.common_noun | T.bound_noun
OWNED_TAGS = T.noun | T.number | T.foreign_word | T.numeral
OWNED_ROLES = frozenset({Role.DAT, Role.SRC, Role.LOC})
UNIT_TAGS = T.noun | T.noun_prefix | T.noun_suffix | T.foreign_word
HEAD_PHRASE_TAGS = T.nominal | T.determiner | T.bound_noun | T.noun_suffix | T.noun_prefix | T.genitive_case
HEAD_NOUN_TAGS = T.noun | T.foreign_word | T.noun_suffix | T.bound_noun
COMPOUND_TAIL_TAGS = T.common_noun | T.noun_suffix
TITLE_TAGS = T.noun | T.foreign_word
GENERIC_TAGS = T.noun | T.foreign_word | T.pronoun | T.bound_noun
COMPETITION_TAGS = T.common_noun | T.verb | T.adjective
DERIVED_COMPETITION_TAGS = T.noun_suffix | T.common_noun
NEGATION_TAGS = T.auxiliary_verb | T.adverb
LEAD_TAGS = T.other_symbol | T.bracket | T.separator | T.joining_mark | T.ellipsis | T.final_punctuation
RELATIVE_HEAD_TAGS = T.name_like | T.common_noun | T.figure | T.determiner
VERB_SUFFIXES = T.verb_suffix | T.prefinal_ending | T.adjective_suffix
VERB_CHAIN_TAGS = T.verb_suffix | T.prefinal_ending | T.connective_ending | T.auxiliary_verb
PASSIVE_TAGS = T.verb_suffix | T.verb | T.auxiliary_verb
ANAPHOR_TAGS = T.determiner | T.common_noun | T.pronoun
# Forms `is_boundary` may accept (a clause separator, a clause noun, a clause ending): a cheap
# test before the call at every morpheme.
BOUNDARY_FORMS = M.clause_separators | G.clause_nouns | G.endings.clause


class SentenceChunker:
    def __init__(self, vocabulary: RelationVocabulary, org_vocabulary: OrgVocabulary):
        self.lex = vocabulary
        self.org_vocab = org_vocabulary
        # forms `_note_clause_words` notes whatever their tag (a common noun it reads by its ending)
        self.clause_word_forms = vocabulary.competition | vocabulary.distributive | vocabulary.joint_markers \
            | G.negation

    # -- triggers -----------------------------------------------------------
    def trigger_at(self, ms: tuple[Morph, ...], i: int, sentence_forms: frozenset[str]) -> Trigger | None:
        m = ms[i]
        options = self.lex.triggers_by_first.get(m.form)
        if not options or m.tag not in TRIGGER_TAGS:
            return None
        for entry in options:
            k = i + 1
            ok = True
            for form in entry.forms[1:]:
                if entry.gap and k < len(ms) and ms[k].tag in T.particle and ms[k].form != form:
                    k += 1
                if k >= len(ms) or ms[k].form != form:
                    ok = False
                    break
                k += 1
            if not ok:
                continue
            if entry.requires and not any(r in sentence_forms for r in entry.requires):
                continue
            if entry.relation != "joint_venture" and k < len(ms) and ms[k].start == ms[k - 1].end \
                    and ms[k].form in self.lex.derived_noun_suffixes and ms[k].tag in DERIVED_NOUN_TAGS:
                return None  # 투자사, 공급망, 협력사: a noun derived from the trigger
            if self._names_a_firm(ms, k):
                return None  # 투자전문회사, 인수금융업체: a compound naming a kind of firm
            return Trigger(entry, i, k)
        return None

    def _names_a_firm(self, ms: tuple[Morph, ...], k: int) -> bool:
        """Two or more nouns glued after the relation word end in a word for a firm (전문+회사)."""
        tail = _glued_run_end(ms, k, DERIVED_NOUN_TAGS, limit=3)
        return tail > k + 1 and "".join(m.form for m in ms[k:tail]).endswith(self.lex.firm_words)

    # -- boundaries ---------------------------------------------------------
    def is_boundary(self, ms: tuple[Morph, ...], i: int) -> bool:
        m = ms[i]
        if m.tag in T.separator and m.form in M.clause_separators:
            return True
        if m.tag in T.common_noun and m.form in G.clause_nouns:
            return True
        if m.tag not in T.connective_ending or m.form not in G.endings.clause:
            return False
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if nxt is not None and nxt.tag in T.auxiliary_verb:
            return False  # 하고 있다, 알려지다
        if m.form in G.endings.infinitive:
            v = i - 1
            while v >= 0 and ms[v].tag in T.prefinal_ending:
                v -= 1
            if v < 0:
                return False
            verb = ms[v]
            if verb.form == G.continuation_verb:  # "…에 이어" is a connector, "…는 데 이어" ends a clause
                return i >= 2 and ms[i - 2].form == G.continuation_clause_noun
            if verb.form in G.adverbial_verbs:
                # "…을 체결함에 따라": a nominalised clause before 에 따라 ends there
                return v >= 2 and ms[v - 1].form in G.particles.plain_dative and ms[v - 2].tag in T.nominal_ending
        return True

    # -- groups -------------------------------------------------------------
    def _skip_descriptors(self, ms, p, starts: dict[int, OrgMention], limit: int = 5,
                          allow_dates: bool = False, listed: bool = False) -> int | None:
        """Index of the next organisation if only descriptive words stand before it
        (일본 도요타, 물류 기업 오카도, 반도체 기업인 X; a proper noun's genitive: A와 스위스의
        기업 B; after a list comma any noun's: A, 어벤져스 시리즈의 B)."""
        q = p
        while q < len(ms) and q - p <= limit:
            if q in starts:
                return q
            m = ms[q]
            if m.form in M.quotes or m.tag in DESCRIPTOR_TAGS or m.form in M.corporate_mark_forms:
                q += 1
                continue
            if m.tag in T.genitive_case and q > p and ms[q - 1].tag in (T.noun if listed else T.proper_noun):
                q += 1   # after a comma any noun's genitive; after 와 a place's (A와 스위스의 B)
                continue
            if m.form == "(" and q + 2 < len(ms) and ms[q + 1].form == M.corporate_mark_word and ms[q + 2].form == ")":
                q += 3
                continue
            if m.tag in T.copula and q + 1 < len(ms) and ms[q + 1].tag in T.adnominal_ending:
                if any(_competition_word(self.lex, x) for x in ms[max(p, q - 2):q]):
                    return None   # A와 라이벌인 B: B is A's rival, not listed with A
                q += 2
                continue
            if allow_dates and (m.tag in DATE_DESCRIPTOR_TAGS or m.form in self.lex.date_descriptor_words):
                q += 1
                continue
            return None
        return None

    def _named_by_apposition(self, ms, owner: OrgMention, starts: dict[int, OrgMention]) -> OrgMention:
        """'SK텔레콤 계열사 사피온코리아', 'X의 자회사(인) Y': the organisation a type noun puts after its
        owner is the one meant; the owner only describes it."""
        k = self._skip_parenthetical(ms, owner.j)   # KT(케이티) 계열사 …
        if k < len(ms) and ms[k].tag in T.genitive_case:
            k += 1
        q = k
        while q < len(ms) and q - k < 3 and ms[q].tag in T.common_noun and q not in starts:
            q += 1
        if q == k and k + 1 < len(ms) and ms[k].form in M.open_quotes and ms[k].tag in GROUP_QUOTE_TAGS:
            quoted = starts.get(k + 1)   # a headline's "KT ‘리벨리온’": KT's 리벨리온
            closed = quoted is not None and quoted.j < len(ms) and ms[quoted.j].form in M.close_quotes
            return quoted if closed else owner
        if q == k or ms[q - 1].form not in self.org_vocab.type_nouns:
            return owner
        if q + 1 < len(ms) and ms[q].tag in T.copula and ms[q + 1].tag in T.adnominal_ending:
            q += 2   # 'X 협력사 모임인 Y': the copula's adnominal form ties the description to Y
        while q < len(ms) and ms[q].form in M.quotes:
            q += 1
        return starts.get(q, owner)

    def _skip_org_unit(self, ms, p: int, starts: dict[int, OrgMention]) -> int:
        """'한빛증권 투자금융본부와 B': a unit of the organisation before the connector stands for it."""
        q = p
        while q < len(ms) and q - p < 6 and ms[q].tag in UNIT_TAGS and q not in starts:
            q += 1
        if q == p or q >= len(ms) or not "".join(m.form for m in ms[p:q]).endswith(self.lex.org_unit_suffixes):
            return p
        is_connector = ms[q].form in G.particles.comitative and ms[q].tag in T.comitative_particle \
            or ms[q].form in M.list_commas or ms[q].form in LIST_DOTS
        return q if is_connector and self._skip_descriptors(ms, q + 1, starts) is not None else p

    def _skip_officer(self, ms, p: int) -> int:
        """'조주완 LG전자 사장과 나델라 MS CEO가', 'HMM 최민수 사장은': an officer's title after the
        organisation's name (and the officer's), before its particle or list mark: the officer signs
        for it, so it takes the particle."""
        q = p + 1 if p < len(ms) and ms[p].tag in T.proper_noun and ms[p].form not in self.lex.officer_titles else p
        if q + 1 < len(ms) and ms[q].form in self.lex.officer_titles and ms[q].tag in TITLE_TAGS \
                and (ms[q + 1].tag in T.particle or ms[q + 1].form in M.list_marks):
            return q + 1   # 한빛중공업 김영호 사장과: the officer's name may come between
        return p

    @staticmethod
    def _skip_parenthetical(ms, p) -> int:
        """"SK텔레콤(SKT)과", "X[005930]는": step over an alias, a ticker or another aside."""
        return aside_end(ms, p)

    def build_group(self, ms, mention: OrgMention, starts: dict[int, OrgMention]) -> Group:
        mention = self._named_by_apposition(ms, mention, starts)
        parts: list[list[list[OrgMention]]] = [[[mention]]]
        members = [mention]
        p = mention.j
        while True:
            p = self._skip_parenthetical(ms, p)
            while p < len(ms) and (ms[p].form in M.quotes and ms[p].tag in GROUP_QUOTE_TAGS
                                   or ms[p].form in M.corporate_mark_forms and ms[p].start == ms[p - 1].end):
                p += 1   # a quote, or a corporate mark glued after the name (두산㈜가)
            p = self._skip_org_unit(ms, p, starts)
            p = self._skip_officer(ms, p)
            if p >= len(ms):
                break
            m = ms[p]
            connector = None
            q = None
            if m.form in G.particles.comitative and m.tag in T.comitative_particle:
                q = self._skip_descriptors(ms, p + 1, starts)
                # 'A와 B가' and 'A와 B를' read the same: coordination whenever B is an organisation
                connector = "wa"
            elif m.form in M.list_commas or m.form in LIST_DOTS or \
                    (m.form in G.list_conjunctions and m.tag in T.conjunctive_adverb):
                q = self._skip_descriptors(ms, p + 1, starts, listed=True)
                connector = "dot" if m.form in LIST_DOTS else "comma"
                if q is not None and m.form in M.list_slashes and ms[p - 1].end != m.start:
                    q = None  # a slash or hyphen joins names only when it touches the first (A-B 합작법인)
                elif q == p + 1 and m.form in self.lex.pair_dashes and ms[q].start == m.end:
                    connector = "wa"  # A-B: a pair, like A와 B
            elif m.form in G.particles.dative and p + 2 < len(ms) and ms[p + 1].form == G.continuation_verb \
                    and ms[p + 2].form in G.endings.infinitive:
                q = self._skip_descriptors(ms, p + 3, starts, limit=7, allow_dates=True)
                connector = "then"
            if q is None or connector is None:
                break
            nxt = self._named_by_apposition(ms, starts[q], starts)
            if connector == "wa":
                parts[-1].append([nxt])
            elif connector == "dot":
                parts[-1][-1].append(nxt)
            else:
                parts.append([[nxt]])
            members.append(nxt)
            p = nxt.j
        group = Group(members, parts, i=mention.i)
        self._read_tail(ms, p, group)
        return group

    def _owned_phrase_role(self, ms, p: int):
        """'현대차 미국 공장에는': a name owns the noun phrase after it, and takes its role when
        that is a dative or a source (not a subject: '삼성전자 관계자는' is someone else)."""
        q = p
        forms = frozenset(m.form for m in ms)
        while q < len(ms) and q - p < 4 and ms[q].tag in OWNED_TAGS and self.trigger_at(ms, q, forms) is None:
            q += 1
        if q == p or q >= len(ms):
            return None
        owned = case_role(ms, q)
        return owned if owned.role in OWNED_ROLES else None

    def _org_head_phrase(self, ms, p: int) -> int | None:
        """Index of the particle after a short noun phrase that ends in an organisation-class
        head noun (다수의 벤처캐피탈, 3개 계열사, 사모펀드) or in a unit of an organisation
        (산학협력단, 반도체 부문), or None."""
        q = p
        while q < len(ms) and q - p < 6 and ms[q].tag in HEAD_PHRASE_TAGS \
                and (ms[q].form not in self.lex.triggers_by_first or self._compounded(ms, q)):
            q += 1
        if q == p or q >= len(ms) or ms[q].tag not in T.particle or ms[q].tag in T.genitive_case:
            return None
        start = q - 1  # the head noun as written: Kiwi may cut it (벤처/캐피탈)
        while start > p and ms[start - 1].end == ms[start].start and ms[start - 1].tag in T.common_noun:
            start -= 1
        heads = {"".join(m.form for m in ms[k:q]) for k in range(start, q)}
        unit = "".join(m.form for m in ms[start:q]).endswith(self.lex.org_unit_suffixes)   # 한빛대 산학협력단은
        return q if (heads & self.lex.org_head_nouns or unit) and ms[q - 1].tag in HEAD_NOUN_TAGS else None

    def _compounded(self, ms, q: int) -> bool:
        """A relation word glued into an organisation's unit (연구센터, 협력단) is no relation word."""
        end = _glued_run_end(ms, q + 1, COMPOUND_TAIL_TAGS)
        return end > q + 1 and "".join(m.form for m in ms[q:end]).endswith(self.lex.org_unit_suffixes)

    def _count_at(self, ms, p: int) -> int:
        """Length of a count of the members at p (양사, 3사 — Kiwi may keep 3사 as one noun —,
        3개사, 6개 기업 및 기관), or 0."""
        counted = self.lex.counted_companies
        n = len(ms)
        if p < n and ms[p].tag in T.common_noun and ms[p].form[:1].isdigit() and ms[p].form.lstrip(DIGITS) in counted:
            q = p + 1
        elif p + 1 < n and ms[p].tag in COUNT_TAGS and ms[p + 1].form in counted:
            q = p + 2
        else:
            return 0
        while q < n and ms[q].form in counted and ms[q].tag in CATEGORY_TAGS:
            q += 1   # 개 사, 개 기업
        while q + 1 < n and ms[q].form in G.list_conjunctions \
                and (ms[q + 1].form in counted or ms[q + 1].form in self.org_vocab.type_nouns):
            q += 2   # 기업 및 기관, 기업 및 대학
        return q - p

    def _read_tail(self, ms, p: int, group: Group) -> None:
        """After the members: counts (3사), 등 and a category, then the particle. A list closed by
        등 names examples (listing: never partners of each other) unless a count says it is all
        of them (A, B, C 등 3개사가)."""
        n = len(ms)
        listing = etc_seen = counted = False
        etc = self.lex.list_end_word
        while p < n:
            p = self._skip_parenthetical(ms, p)
            if p < n and ms[p].form in M.quotes:
                p += 1
                continue
            size = self._count_at(ms, p)
            if size:
                p += size  # "삼성전자와 네이버 양사는", "KT, LG유플러스, SK텔레콤 3사는", "6개 기업 및 기관이"
                counted = True
                continue
            if p < n and ms[p].form in self.org_vocab.group_tail_nouns and ms[p].tag in TAIL_TAGS:
                if ms[p].form in self.lex.category_nouns and p > 0 and ms[p - 1].form == etc:
                    listing = True
                etc_seen = etc_seen or ms[p].form == etc
                p += 1
                if ms[p - 1].form == etc:  # "등 대형 증권사들은": a category after the list
                    q = p
                    while q < n and q - p < 4 and ms[q].tag in CATEGORY_TAGS:
                        q += 1
                    category = ms[q - 1].form
                    if q > p and (category in self.org_vocab.type_nouns or category == self.lex.plural_suffix):
                        listing, p = True, q
                if p < n and ms[p].tag in T.genitive_case | T.adnominal_ending and p + 1 < n \
                        and ms[p + 1].tag in CATEGORY_HEAD_TAGS \
                        and ms[p + 1].form in self.org_vocab.group_tail_nouns | self.lex.category_nouns:
                    p += 1  # "등의 기업", "같은 회사"
                continue
            break
        head = self._org_head_phrase(ms, p)
        if head is not None:  # "A, B 등 다수의 벤처캐피탈이", "A 사모펀드는": the head noun's particle is theirs
            counted = counted or any(self._count_at(ms, k) for k in range(p, head))
            listing = listing or ((len(group.members) > 1 or etc_seen) and not counted)
            p = head
        elif etc_seen and not counted and len(group.members) > 1:
            listing = True   # "A, B, C 등 현지 진출 위해 합작법인 설립": examples, not partners
        group.listing = listing and not counted   # "A, B 등 배터리 기업 3사가": a count names all the parties
        found = case_role(ms, p)
        role, topic, q, joint = found
        if role == Role.OTHER and p < n and ms[p].tag not in T.particle:
            # No particle: a name right before a trigger noun (B 인수, A·B 컨소시엄) or 간/사이,
            # or the owner of the noun phrase that takes the particle (현대차 미국 공장에는 → dative).
            role, q = Role.BARE, p
            owned = self._owned_phrase_role(ms, p)
            if owned is not None:
                role, topic, q, joint = owned
        group.role, group.topic, group.j, group.joint = role, topic, q, joint


def _glued_run_end(ms: tuple[Morph, ...], k: int, tags, limit: int | None = None) -> int:
    """The end of the morphemes of `tags` glued one to the next from k (at most `limit` of them)."""
    end = k
    while end < len(ms) and ms[end].start == ms[end - 1].end and ms[end].tag in tags \
            and (limit is None or end - k < limit):
        end += 1
    return end


def anaphor_at(lex: RelationVocabulary, ms: tuple[Morph, ...], i: int) -> tuple[str, int] | None:
    """'양사', '양측', '이 회사' … starting at i: (kind, index after)."""
    for kind, pattern in lex.anaphora_by_first.get(ms[i].form, ()):
        k = i + len(pattern)
        if k <= len(ms) and all(ms[i + t].form == f for t, f in enumerate(pattern)):
            return kind, k
    return None


def chunk_sentence(chunker: SentenceChunker, ms: tuple[Morph, ...], mentions: list[OrgMention]) -> SentenceItems:
    lex = chunker.lex
    starts = {m.i: m for m in mentions}
    forms = frozenset([m.form for m in ms])
    out = SentenceItems()
    n = len(ms)
    i = 0
    adverb: Trigger | None = None   # 공동 of "B와 공동으로", a relation word only if its clause has none
    while i < n:
        if i in starts:
            group = chunker.build_group(ms, starts[i], starts)
            if not out.items and _starts_content(ms, i):
                out.items.extend(_headline_subject(ms, group))
            else:
                out.items.append(group)
            if group.joint and ms[group.j - 1].form in G.particles.means and ms[group.j - 2].form in G.joint_nouns:
                adverb = chunker.trigger_at(ms, group.j - 2, forms)
                if adverb is not None:
                    _annotate_trigger(ms, adverb, lex)
            i = max(group.j, group.members[-1].j)
            continue
        m = ms[i]
        # each reader below is called only where its first test can pass (most morphemes are none)
        ana = anaphor_at(lex, ms, i) if m.tag in ANAPHOR_TAGS and m.form in lex.anaphora_by_first else None
        if ana is not None:
            kind, k = ana
            role, topic, q, joint = case_role(ms, k)
            if role != Role.OTHER:
                out.items.append(Group([], [], role=role, topic=topic, i=i, j=q, joint=joint, anaphor=kind))
                i = q
                continue
        trig = chunker.trigger_at(ms, i, forms) if m.form in lex.triggers_by_first else None
        if trig is not None and _listed_like_a_name(ms, trig, starts):
            trig = None
        if trig is not None:
            _annotate_trigger(ms, trig, lex)
            out.items.append(trig)
            adverb = None
            i = trig.j
            continue
        if m.form in BOUNDARY_FORMS and chunker.is_boundary(ms, i):
            _place_adverb(out, adverb)
            adverb = None
            out.items.append(Boundary(i))
            i += 1
            continue
        if m.tag in T.adnominal_ending and _closes_relative(ms, i, lex):
            out.items.append(RelativeEnd(i))
        if m.tag in GENERIC_TAGS:
            generic = _generic_arg(chunker, ms, i)
            if generic is not None:
                out.items.append(generic)
        if m.form in chunker.clause_word_forms or m.tag in T.common_noun:
            _note_clause_words(lex, ms, i, out)
        i += 1
    _place_adverb(out, adverb)
    out.unfinished = not any(m.tag in T.final_ending for m in ms)
    out.names_subject = _names_subject(ms, out)
    return out


def _place_adverb(out: SentenceItems, adverb: Trigger | None) -> None:
    """'A는 B와 공동으로 사업을 추진한다': a clause with no relation word of its own takes the
    joint adverb's (공동, generic partnership); with one (공동으로 C에 투자) B only acts with A."""
    if adverb is None:
        return
    k = next(k for k in range(len(out.items), 0, -1) if getattr(out.items[k - 1], "i", -1) < adverb.i)
    out.items.insert(k, adverb)


SUBJECT_WORD_TAGS = T.noun | T.pronoun | T.bound_noun | T.foreign_word | T.noun_suffix | T.hanja
SUBJECT_PARTICLE_TAGS = T.subject_case | T.auxiliary_particle   # 이/가, 은/는/도 (not 까지, 만)
LINKING_VERBS = G.purpose_verbs | G.means_verbs | G.about_verbs   # X를 위한, 통한, X에 대한: no clause of their own


def _names_subject(ms: tuple[Morph, ...], out: SentenceItems) -> bool:
    """Does the sentence's first clause say who acts? A noun with 이/가 or 은/는/도, or an
    organisation group read as subject (a headline's 'A, …'). Korean drops a subject that is
    the previous sentence's topic; this tells whether it was dropped (see `names_own_subject`
    for sentences without a final ending)."""
    first = next((it.i for it in out.items if isinstance(it, Boundary)), len(ms))
    # a 이/가 subject before a relative ending is the relative clause's (B가 발주한 선박을 …), not
    # before a linking verb's (X를 위한, X를 통한, X에 대한: no clause of their own)
    last_relative = max((it.i for it in out.items if isinstance(it, RelativeEnd) and it.i < first
                         and ms[it.i - 1].form not in LINKING_VERBS), default=-1)
    if any(isinstance(it, Group) and it.role == Role.SUBJ and it.i < first and (it.topic or it.i > last_relative)
           for it in out.items):
        return True
    # "협력도 진행해 …": a relation noun with 도 is what is done (the object), not who does it
    relation_words = {it.j for it in out.items if isinstance(it, Trigger)}
    times = time_nouns()   # 올해는, 이날은: when, not who
    return any(ms[k].tag in SUBJECT_WORD_TAGS and ms[k].form not in times and ms[k + 1].start == ms[k].end
               and ms[k + 1].tag in SUBJECT_PARTICLE_TAGS and ms[k + 1].form in G.particles.subject
               and not (k + 1 in relation_words and ms[k + 1].form in G.particles.additive)
               and (k > last_relative or ms[k + 1].tag in T.auxiliary_particle)
               for k in range(min(first, len(ms) - 1)))


def _listed_like_a_name(ms: tuple[Morph, ...], trig: Trigger, starts: dict[int, OrgMention]) -> bool:
    """'A, 지유 투자, B 등': a relation noun between list marks with organisations beside it
    is the end of a name Kiwi did not know, not a relation word."""
    before = trig.i - 1
    while before >= 0 and ms[before].tag not in T.punctuation and before not in starts:
        before -= 1
    after = trig.j
    return 0 <= before and ms[before].form in M.list_marks and after + 1 < len(ms) \
        and ms[after].form in M.list_marks and after + 1 in starts


def _generic_arg(chunker: SentenceChunker, ms: tuple[Morph, ...], i: int) -> GenericArg | None:
    """A noun that is no organisation in a partner or subject slot (여러 업체와, 정부가)."""
    m = ms[i]
    if m.tag not in GENERIC_TAGS or i + 1 >= len(ms) or ms[i + 1].tag not in T.particle:
        return None
    found = case_role(ms, i + 1)
    role = found.role
    if role == Role.COM and found.after == i + 2 and found.after < len(ms) and ms[found.after].tag in T.common_noun \
            and chunker.trigger_at(ms, found.after, frozenset()) is None:
        return None  # 실사와 주주 동의: two nouns joined, no partner of a relation (기업과의 제휴 is one)
    if role == Role.COM or (role == Role.SUBJ and (ms[i + 1].tag in T.subject_case or m.tag in T.pronoun)) or \
            (role == Role.SUBJ and m.form in chunker.org_vocab.type_nouns):
        return GenericArg(role, i)
    return None


def _note_clause_words(lex: RelationVocabulary, ms: tuple[Morph, ...], i: int, out: SentenceItems) -> None:
    """Words that change how a clause binds: competition, 각각, 함께, negation."""
    m = ms[i]
    if _competition_word(lex, m):
        derived = i + 1 < len(ms) and ms[i + 1].start == m.end and ms[i + 1].tag in DERIVED_COMPETITION_TAGS \
            and ms[i + 1].form in lex.competition_noun_suffixes   # 경쟁력, 경쟁사: another noun
        if not derived and not _describes_a_noun(ms, i):
            out.competition.append(i)
    if m.form in lex.distributive:
        out.distributive.append(i)
    if m.form in lex.joint_markers:
        out.joint.append(i)
    if m.form in G.negation and m.tag in NEGATION_TAGS:
        out.negation.append(i)


def _competition_word(lex: RelationVocabulary, m: Morph) -> bool:
    return (m.form in lex.competition and m.tag in COMPETITION_TAGS) or \
        (m.tag in T.common_noun and m.form.endswith(lex.competition_endings))   # 3파전, 수주경쟁


def _describes_a_noun(ms: tuple[Morph, ...], i: int) -> bool:
    """라이벌인 A와 B, 경쟁 관계인 B와: a competition word before a copula's adnominal ending (with at
    most one noun between) describes the noun phrase after it; the clause is not about competing.
    Not when it names the rival (애플과 라이벌인 B): that 애플과 is no partner of the clause."""
    if i > 0 and ms[i - 1].form in G.particles.comitative and ms[i - 1].tag in T.comitative_particle:
        return False
    k = i + 1
    if k < len(ms) and ms[k].tag in T.common_noun:
        k += 1
    return k + 1 < len(ms) and ms[k].tag in T.copula and ms[k + 1].tag in T.adnominal_ending


def _starts_content(ms: tuple[Morph, ...], i: int) -> bool:
    """Only bullets, quotes and bracketed labels ([보도자료], ▶) come before morpheme i."""
    depth = 0
    for m in ms[:i]:
        if m.form in M.open_brackets:
            depth += 1
        elif m.form in M.close_brackets:
            depth = max(0, depth - 1)
        elif depth == 0 and m.tag not in LEAD_TAGS and m.form not in M.corporate_mark_forms \
                and m.form != M.corporate_mark_word:
            return False
    return True


def _headline_subject(ms: tuple[Morph, ...], group: Group) -> list[Group]:
    """Headline style 'A, B와 손잡고 …' / 'A, B에 투자': a leading name closed by a comma is
    the subject. 'A-B, 전략적 제휴 체결' keeps its pair."""
    first = group.parts[0]
    comma_after_first = len(group.parts) > 1 and len(first) == 1 and len(first[0]) == 1
    if comma_after_first and group.role != Role.SUBJ:
        lead = first[0][0]
        rest = Group([m for part in group.parts[1:] for side in part for m in side], group.parts[1:],
                     role=group.role, topic=group.topic, i=group.parts[1][0][0].i, j=group.j,
                     listing=group.listing, joint=group.joint)
        return [Group([lead], [[[lead]]], role=Role.SUBJ, topic=True, i=group.i, j=lead.j), rest]
    if group.role == Role.BARE and len(group.members) == 1 and group.j < len(ms) and ms[group.j].form in M.list_commas:
        group.role, group.topic = Role.SUBJ, True
    return [group]


def _closes_relative(ms: tuple[Morph, ...], i: int, lex: RelationVocabulary) -> bool:
    """An adnominal ending of a verb followed by a real head noun (not 것/데/등, a date or 뒤/후:
    an adverbial clause)."""
    if i == 0 or ms[i - 1].tag in T.copula | T.negative_copula or ms[i - 1].form == lex.past_time_verb:
        return False
    k = i + 1
    while k < len(ms) and ms[k].tag in T.quote | T.opening_bracket:   # A가 투자한 ‘B’와
        k += 1
    if k == len(ms) or ms[k].tag not in RELATIVE_HEAD_TAGS:
        return False
    if i + 1 < k < len(ms) - 2 and ms[k + 1].tag in T.closing_bracket and ms[k + 2].tag in RELATIVE_HEAD_TAGS:
        return True   # A가 가진 (주)B의 주식: a corporate mark, then the name (해창 is no year)
    return ms[k].form not in G.time_nouns and ms[k].form not in G.adverbial_clause_nouns


def _past_verb_suffixes(ms, q: int, lex: RelationVocabulary) -> int:
    """Past the suffixes and passive verb that make a noun a verb (인수 + 하/되 + 었)."""
    while q < len(ms) and (ms[q].tag in VERB_SUFFIXES
                           or ms[q].form in lex.passive_verbs and ms[q].tag in PASSIVE_TAGS):
        q += 1
    return q


def _annotate_trigger(ms, trig: Trigger, lex: RelationVocabulary) -> None:
    k = trig.j
    n = len(ms)
    # "개발을 위해" (adverbial purpose) vs "개발을 위한" (modifies the next noun)
    q = k
    if q < n and ms[q].tag in T.object_case:
        q += 1
    if q + 1 < n and ms[q].form in G.purpose_verbs:
        trig.purpose = "adverbial" if ms[q + 1].tag in T.connective_ending else "adnominal"
    elif q + 1 < n and ms[q].form in G.means_verbs:
        trig.purpose = "means"   # 유상증자를 통해 혈맹을 맺었다: the deal is the later word's
    if trig.entry.kind == "activity" and k < n and ms[k].form in lex.triggers_by_first and ms[k].tag in T.common_noun:
        trig.compound = True
    # "A가 인수한 B", "A와 제휴를 맺어 온 B": a relative ending after the trigger's own verb
    q = _past_verb_suffixes(ms, k, lex)
    if trig.entry.holding and q == k and q < n and ms[q].tag in T.nominal:
        trig.head_after = q   # A 보유 B 지분: what A holds, as A가 보유한 B 지분
    elif trig.entry.voice == SUPPLIER_VOICE and q + 1 < n and ms[q].tag in T.copula:
        q += 1   # B 공급사인 A: the noun names A
    elif trig.entry.voice == BIDDER_VOICE and q + 1 < n and ms[q].tag in T.particle \
            and ms[q + 1].form in lex.selection_verbs:
        q = _past_verb_suffixes(ms, q + 2, lex)   # B 우선협상대상자로 선정된 A: the selected one
    if q < n and ms[q].tag in T.adnominal_ending:
        trig.head_after = q + 1
    elif q < n and ms[q].tag in T.object_case and q + 1 < n and ms[q + 1].form in lex.light_verbs:
        q += 2   # 제휴를 맺, 계약을 체결하: the noun's own verb, then its endings
        while q < n and q - k < 8 and ms[q].tag in VERB_CHAIN_TAGS:
            q += 1
        if q < n and ms[q].tag in T.adnominal_ending and ms[q - 1].tag not in T.adnominal_ending:
            trig.head_after = q + 1
