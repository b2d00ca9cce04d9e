"""A record's amount: the one its own clause states or, when that clause states none, one of
the sentences around it.

    clause_amount(text, ms, cand, amounts, c_start, c_end, lex) -> Amount | None   (records.py)
    attach_amounts(records, analysis, mentions, amounts, lex)   -> list[Alliance]  (extractor.py)

In the clause: the amount of the pair's own part of a list when the rule marked one
(`Candidate.amount_window`: A에서 1억달러, B에서 2억달러를 유치했다), else the clause's first
deal amount after the party named last (B(2천억원)와 C의 지분 10%(3000억원)를 사들였다: C's is
3000억원) or, with none after it, its first deal amount, else the amount of a preceding -어
clause that spends it (650억 원을 들여 B를 인수).

Around it, for a record still without one: a sentence without records of its own, after the
record's sentence (at most `sentences_after`, `deal_noun_sentences_after` for a deal-amount noun;
never past a sentence with records) or right
before it (`sentences_before`), that
  - has a deal-amount noun of the record's relation as its topic (인수 가격은 80억달러), or
  - has one of the record's parties as subject and a relation word of the record's relation
    (A는 … 수주했다), or 양사 as subject and a funding verb (양사는 … 모두 2조원을
    투입해), or a party as subject, a funding verb and a word pointing back to the deal (이를 위해
    A는 센터에 50억 원을 지원),
and names no other organisation as a partner nor a venture as where the money goes (C에 … 투자한다,
합작법인에 … 투자한다: the venture's own funding).
Its amount is a total first (총, 최종적으로), never a per-unit price (1주당), one party's share
(1조원씩), revenue or valuation (매출, 기업가치) or the total of many deals (60건의 M&A).
The words are `amount_attachment` of configs/relations.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.extract.organizations import OrgMention, surface_key
from pipeline.korean import Morph, grammar
from pipeline.records import Alliance, Amount, Party

if TYPE_CHECKING:
    from pipeline.extract.relations.clause import Candidate
    from pipeline.extract.relations.vocabulary import RelationVocabulary
    from pipeline.korean import Analysis

G = grammar()
T = G.tags
# what a topic noun phrase is made of (인수/NNG 가/XSN 는, 총/MM 사업비/NNG 는)
TOPIC_NOUN_TAGS = T.noun | T.bound_noun | T.noun_suffix | T.determiner | T.foreign_word
SLOT_PARTICLES = G.particles.partner_slot | G.particles.location | G.particles.source
VENTURE = "joint_venture"
WORD_EDGES = re.compile(r"^\W+|\W+$")      # punctuation around a word: "(총" → "총"


@dataclass(frozen=True)
class _Words:
    """`amount_attachment` of configs/relations.yaml, as sets."""
    deal_nouns: tuple[tuple[str, tuple[str, ...]], ...]   # noun, relations in order of preference
    funding: tuple[tuple[str, ...], ...]
    funding_first: frozenset[str]   # first forms of `funding`: where a funding verb may start
    spend: tuple[tuple[str, ...], ...]
    total: frozenset[str]
    per_unit: tuple[str, ...]
    distributive_after: tuple[str, ...]
    distributive_before: frozenset[str]
    not_deal: tuple[str, ...]
    counters: frozenset[str]
    equivalent_marks: frozenset[str]
    links: frozenset[str]
    after: int
    deal_after: int
    before: int
    round_size: int
    price_marks: tuple[str, ...]


_COMPILED: dict[int, _Words] = {}


def _words(lex: RelationVocabulary) -> _Words:
    cfg = lex.amount_attachment
    words = _COMPILED.get(id(cfg))
    if words is None:
        words = _COMPILED[id(cfg)] = _Words(
            deal_nouns=tuple((noun, tuple(row.relations)) for row in cfg.deal_amount_nouns for noun in row.nouns),
            funding=tuple(tuple(v) for v in cfg.funding_verbs),
            funding_first=frozenset(v[0] for v in cfg.funding_verbs if v),
            spend=tuple(tuple(v) for v in cfg.spend_verbs),
            total=frozenset(cfg.total_words),
            per_unit=tuple(cfg.per_unit_suffixes),
            distributive_after=tuple(cfg.distributive_after),
            distributive_before=frozenset(lex.distributive),
            not_deal=tuple(cfg.not_deal_words),
            counters=frozenset(cfg.deal_counters),
            equivalent_marks=frozenset(cfg.equivalent_marks),
            links=frozenset(cfg.deal_links),
            after=cfg.sentences_after,
            deal_after=cfg.deal_noun_sentences_after,
            before=cfg.sentences_before,
            round_size=cfg.round_size,
            price_marks=tuple(cfg.price_marks),
        )
    return words


# --- which amounts of a stretch of text can be a deal's ---------------------------------------

def _words_before(text: str, lo: int, pos: int, n: int) -> list[str]:
    """The `n` words of text[lo:pos] nearest `pos`, nearest first, without punctuation around them."""
    return [WORD_EDGES.sub("", w) for w in reversed(text[lo:pos].split()[-n:])]


def _deal_amounts(text: str, lo: int, hi: int, amounts: list[Amount], w: _Words, *,
                  shares: bool) -> list[Amount]:
    """The amounts of text[lo:hi] that can be a deal's, in order: no vague amount, no converted
    equivalent (10억달러(약 1조원)), no per-unit price (1주당 5만원), no revenue or valuation
    (매출 22억 달러); one party's share (각각 1조원씩) only when `shares`."""
    out: list[Amount] = []
    previous: Amount | None = None
    for a in amounts:
        if not (lo <= a.start and a.end <= hi):
            continue
        equivalent = previous is not None and text[previous.end:a.start].strip() in w.equivalent_marks
        previous = a
        before = _words_before(text, lo, a.start, 2)
        nearest = before[0] if before else ""
        share = text.startswith(w.distributive_after, a.end) or nearest in w.distributive_before
        quote = text[a.end:a.end + 3].lstrip().startswith(w.price_marks)     # KT (35,200원 ▲450)
        if a.vague or equivalent or quote or (share and not shares) or (nearest and nearest.endswith(w.per_unit)) \
                or any(b.startswith(w.not_deal) for b in before):
            continue
        out.append(a)
    return out


def _total_first(text: str, lo: int, found: list[Amount], w: _Words) -> Amount | None:
    """A total (총 10조원, 최종적으로 2조원) if there is one, else the first amount."""
    for a in found:
        nearest = _words_before(text, lo, a.start, 1)
        if nearest and nearest[0] in w.total:
            return a
    return found[0] if found else None


# --- in the clause ----------------------------------------------------------------------------

def _span(ms: tuple[Morph, ...], lo: int, hi: int, default: tuple[int, int]) -> tuple[int, int]:
    start = ms[lo].start if lo < len(ms) else default[0]
    end = ms[hi - 1].end if 0 < hi <= len(ms) else default[1]
    return start, end


def clause_amount(text: str, ms: tuple[Morph, ...], cand: Candidate, amounts: list[Amount], c_start: int,
                  c_end: int, lex: RelationVocabulary) -> Amount | None:
    """The amount the candidate's clause states for it (a parenthesised KRW equivalent follows its
    original and is never chosen)."""
    w = _words(lex)
    if cand.amount_window is not None:                 # A에서 1억달러, B에서 3억달러를: the pair's own
        w_start, w_end = _span(ms, *cand.amount_window, default=(c_start, c_end))
        own = _deal_amounts(text, w_start, w_end, amounts, w, shares=True)
        if own:
            return own[0]
    if cand.relation == VENTURE and _dative_after(ms, cand.trigger.j):
        return None                                    # 양사는 합작사에 3조원씩 투자한다: the venture's funding
    inside = _deal_amounts(text, c_start, c_end, amounts, w, shares=True)
    if not inside:
        return _spent_before(text, ms, cand.clause[0], amounts, w)
    # B(2천억원)와 C의 지분(3000억원)을 사들였다: the pair's amount follows its party named last
    named = [m.end for m in (cand.source, cand.target) if c_start <= m.start < c_end]
    after = [a for a in inside if named and a.start >= max(named)]
    return after[0] if after else inside[0]


def _matches_at(ms: tuple[Morph, ...], k: int, forms: tuple[str, ...]) -> bool:
    return 0 <= k and k + len(forms) <= len(ms) and all(ms[k + n].form == f for n, f in enumerate(forms))


def _spent_before(text: str, ms: tuple[Morph, ...], first: int, amounts: list[Amount], w: _Words) -> Amount | None:
    """650억 원을 들여 B를 인수: the amount of the -어 clause right before the clause starting at
    morpheme `first`, when its verb spends money (들이, 투입하)."""
    ending = first - 1 if 0 < first <= len(ms) and ms[first - 1].form in G.endings.infinitive else first
    if not (0 < ending < len(ms)) or ms[ending].form not in G.endings.infinitive \
            or ms[ending].tag not in T.connective_ending:
        return None
    verb = next((ending - len(forms) for forms in w.spend if _matches_at(ms, ending - len(forms), forms)), None)
    if verb is None:
        return None
    lo = verb
    while lo > 0 and not (ms[lo - 1].tag in T.connective_ending and ms[lo - 1].form in G.endings.clause):
        lo -= 1
    found = _deal_amounts(text, ms[lo].start, ms[verb].start, amounts, w, shares=False)
    return found[-1] if found else None                # the verb's object: the amount right before it


# --- around the record: sentences that state its amount ---------------------------------------

@dataclass
class _Donor:
    """What a sentence without records of its own says about an amount."""
    amount: Amount
    deal_relations: tuple[str, ...] = ()               # its topic is a deal-amount noun of these (best first)
    subjects: list[OrgMention] = field(default_factory=list)
    pair_subject: bool = False                          # 양사는 …
    relations: set[str] = field(default_factory=set)    # of its relation words
    funding: bool = False                               # it has a funding verb
    linked: bool = False                                # it points back to the deal (이번, 이를 위해)
    others: list[OrgMention] = field(default_factory=list)  # organisations as partners (에, 와, 를 …)
    into_venture: bool = False                          # 합작법인에 … 투자: money put into the venture


def _is_subject_particle(m: Morph) -> bool:
    return m.tag in T.subject_case or (m.tag in T.auxiliary_particle and m.form in G.particles.topic)


def _deal_topic(ms: tuple[Morph, ...], p: int, w: _Words) -> tuple[str, ...]:
    """Relations (best first) of the deal-amount noun the topic particle at `p` closes (인수 가격은)."""
    q = p
    while q > 0 and ms[q - 1].tag in TOPIC_NOUN_TAGS:
        q -= 1
    joined = "".join(m.form for m in ms[q:p])
    return next((rels for noun, rels in w.deal_nouns if joined.endswith(noun)), ())


def _counts_deals(ms: tuple[Morph, ...], w: _Words, lex: RelationVocabulary) -> bool:
    """60건의 M&A, 60개나 되는 인수: a count of deals, whose amount is their total."""
    for p in range(len(ms) - 1):
        if ms[p].tag in T.figure and ms[p + 1].form in w.counters and ms[p + 1].tag in T.bound_noun:
            if any(m.form in lex.triggers_by_first for m in ms[p + 2:p + 6]):
                return True
    return False


def _relation_words(ms: tuple[Morph, ...], lex: RelationVocabulary, w: _Words) -> tuple[set[str], bool]:
    relations, funding = set(), False
    for p, m in enumerate(ms):
        for entry in lex.triggers_by_first.get(m.form, ()):
            if _matches_at(ms, p, entry.forms):
                relations.add(entry.relation)
        funding = funding or (m.form in w.funding_first and any(_matches_at(ms, p, forms) for forms in w.funding))
    return relations, funding


def _organisations(donor: _Donor, ms: tuple[Morph, ...], mentions: list[OrgMention], lex: RelationVocabulary) -> None:
    """Sort the sentence's organisations into subjects (A는, A 사모펀드는, A와 B가) and partners (에,
    와, 를, or right before a relation word: B 인수 금액은)."""
    subject_starts: set[int] = set()
    for m in sorted(mentions, key=lambda m: m.i, reverse=True):   # A와 B가: B is known first
        p = m.j
        while p < len(ms) and ms[p].form in lex.org_head_nouns:
            p += 1
        if p >= len(ms):
            continue
        if _is_subject_particle(ms[p]) or (ms[p].form in G.particles.comitative and p + 1 in subject_starts):
            donor.subjects.append(m)
            subject_starts.add(m.i)
        elif (ms[p].tag in T.particle and ms[p].form in SLOT_PARTICLES) or ms[p].form in lex.triggers_by_first:
            donor.others.append(m)


def _links_back(ms: tuple[Morph, ...], p: int, w: _Words) -> bool:
    """이번 협력을 위해, 이 프로젝트에, 이를 위해: a word pointing back to the deal (not 이번에, this time)."""
    m = ms[p]
    if m.form not in w.links or p + 1 >= len(ms):
        return False
    if m.tag in T.pronoun:
        return any(x.form in G.purpose_verbs for x in ms[p + 1:p + 3])
    nxt = ms[p + 1]
    return m.tag in T.determiner | T.common_noun and nxt.tag in T.noun and nxt.form not in G.time_nouns


def _dative_after(ms: tuple[Morph, ...], q: int) -> bool:
    """Is the word ending before morpheme `q` (with up to two more nouns: 합작 법인에) a dative?"""
    end = min(len(ms), q + 2)
    while q < end and ms[q].tag in T.noun:
        q += 1
    return q < len(ms) and ms[q].tag in T.adverbial_case and ms[q].form in G.particles.dative


def _into_venture(ms: tuple[Morph, ...], lex: RelationVocabulary) -> bool:
    """합작법인에 (각각 5조원씩) 투자한다: a joint-venture word as the dative, the money goes into the
    venture and is not the partners' deal amount."""
    return any(_dative_after(ms, p + 1) for p, m in enumerate(ms)
               if any(e.relation == VENTURE for e in lex.triggers_by_first.get(m.form, ())))


def _pair_subject(ms: tuple[Morph, ...], lex: RelationVocabulary) -> bool:
    for p, m in enumerate(ms):
        for kind, forms in lex.anaphora_by_first.get(m.form, ()):
            end = p + len(forms)
            if kind == "pair" and _matches_at(ms, p, forms) and end < len(ms) and _is_subject_particle(ms[end]):
                return True
    return False


def _donor(text: str, sentence, mentions: list[OrgMention], amounts: list[Amount], w: _Words,
           lex: RelationVocabulary, taken: frozenset[int] = frozenset()) -> _Donor | None:
    """What sentence `sentence` says about an amount, leaving out amounts starting at `taken`
    (those of its own records)."""
    ms = sentence.morphs
    found = [a for a in _deal_amounts(text, sentence.start, sentence.end, amounts, w, shares=False)
             if a.start not in taken]
    if not found or _counts_deals(ms, w, lex):
        return None
    donor = _Donor(_total_first(text, sentence.start, found, w))
    for p, m in enumerate(ms):
        if _is_subject_particle(m) and m.end <= donor.amount.start and not donor.deal_relations:
            donor.deal_relations = _deal_topic(ms, p, w)
    _organisations(donor, ms, mentions, lex)
    donor.pair_subject = _pair_subject(ms, lex)
    donor.relations, donor.funding = _relation_words(ms, lex, w)
    donor.linked = any(_links_back(ms, p, w) for p in range(len(ms)))
    donor.into_venture = _into_venture(ms, lex)
    return donor


def _same_org(m: OrgMention, parties: list[Party], lex: RelationVocabulary) -> bool:
    """풍산그룹 is the party 풍산: equal names, or one is the other and an organisation head noun."""
    mine = {surface_key(m.name), surface_key(m.canonical)}
    for party in parties:
        for theirs in (surface_key(party.name), surface_key(party.canonical)):
            for a in mine:
                if a == theirs or any(a == theirs + surface_key(h) or theirs == a + surface_key(h)
                                      for h in lex.org_head_nouns):
                    return True
    return False


def _gives_to(donor: _Donor, record: Alliance, neighbours: list[Alliance], lex: RelationVocabulary,
              own: bool = False) -> bool:
    """Does the donor sentence state `record`'s amount? `neighbours` are the records of its sentence;
    `own`: the donor is the record's own sentence, whose relation word is the record's own."""
    if donor.into_venture or any(not _same_org(o, record.parties, lex) for o in donor.others):
        return False
    if record.relation in donor.deal_relations:
        return True
    party_subject = any(_same_org(s, record.parties, lex) for s in donor.subjects)
    if party_subject and record.relation in donor.relations and not own:
        return True                                    # A는 … 수주했다 / A는 B와 … 건조계약을 체결했다
    pairs = {frozenset(p.canonical for p in r.parties) for r in neighbours}
    if donor.pair_subject and len(pairs) == 1:         # 양사는 … 모두 2조원을 투입해
        return donor.funding or (record.relation in donor.relations and not own)
    # one party spending: for this deal only when the sentence says so (이를 위해 A는 … 50억 원을 지원),
    # not its own plant (A는 … 1500억원을 들여 격납고를 짓는다)
    return donor.funding and donor.linked and party_subject


def _record_sentences(k: int, count: int, has_records: set[int], w: _Words, deal_noun: bool) -> list[int]:
    """The sentences with records a donor sentence `k` may give its amount to, in the order tried:
    the nearest one before it (at most `sentences_after` back: the donor follows its record) —
    for a deal-amount noun also the earlier ones, up to `deal_noun_sentences_after` back, the
    nearest record of its relation wins — then the nearest one after it (at most `sentences_before` on)."""
    reach = w.deal_after if deal_noun else w.after
    before = [r for r in range(k - 1, max(-1, k - 1 - reach), -1) if r in has_records]
    after = [r for r in range(k + 1, min(count, k + 1 + w.before)) if r in has_records]
    return (before if deal_noun else before[:1]) + after[:1]


CONSORTIUM_SUFFIX = ":consortium"   # the label of rel.consortium.v1


def _round(records: list[Alliance], w: _Words) -> set[int]:
    """Records listed with others of their relation around one party (A, B, C가 D에 투자), and
    members of a consortium: a neighbouring amount is the round's, the group's or the project's
    total, not theirs (ids)."""
    out: set[int] = {id(r) for r in records if r.rule.split("+", 1)[0].endswith(CONSORTIUM_SUFFIX)}
    for record in records:
        for party in record.parties:
            same = [r for r in records if r.relation == record.relation
                    and any(p.canonical == party.canonical for p in r.parties)]
            if len(same) >= w.round_size:
                out |= {id(r) for r in same}
    return out


def _takers(donor: _Donor, records: list[Alliance], lex: RelationVocabulary, own: bool) -> list[Alliance]:
    """The records of one sentence the donor's amount is for: of the deal noun's best relation
    among them (거래 금액은: the acquisition, not the stake held before)."""
    takers = [r for r in records if _gives_to(donor, r, records, lex, own)]
    order = donor.deal_relations
    if order and takers:
        best = min(order.index(r.relation) if r.relation in order else len(order) for r in takers)
        takers = [r for r in takers if (order.index(r.relation) if r.relation in order else len(order)) == best]
    return takers


@dataclass
class _Attachment:
    """One article's records by sentence, and the amounts given to them so far."""
    analysis: Analysis
    mentions: list[list[OrgMention]]
    amounts: list[Amount]
    lex: RelationVocabulary
    w: _Words
    by_sentence: dict[int, list[Alliance]]
    given: dict[int, Amount] = field(default_factory=dict)   # id(record) → amount

    def donor(self, k: int, taken: frozenset[int] = frozenset()) -> _Donor | None:
        return _donor(self.analysis.text, self.analysis.sentences[k], self.mentions[k], self.amounts, self.w,
                      self.lex, taken)

    def give(self, donor: _Donor, r: int, own: bool = False) -> bool:
        """Give the donor's amount to the records of sentence `r` it is for; False if there are none."""
        takers = _takers(donor, self.by_sentence[r], self.lex, own)
        listed = _round(self.by_sentence[r], self.w)
        for x in takers:
            if x.amount is None and id(x) not in listed and id(x) not in self.given:
                self.given[id(x)] = donor.amount
        return bool(takers)

    def wants(self, r: int) -> bool:
        return any(x.amount is None and id(x) not in self.given for x in self.by_sentence.get(r, ()))


def _from_own_sentence(job: _Attachment) -> None:
    """양사는 총 3억 달러를 투자해 …, 합작법인 지분은 …: another clause of the record's own sentence."""
    for r, own in job.by_sentence.items():
        if r >= 0 and job.wants(r):
            donor = job.donor(r, frozenset(x.amount.start for x in own if x.amount is not None))
            if donor is not None:
                job.give(donor, r, own=True)


def _from_neighbours(job: _Attachment) -> None:
    """Sentences without records of their own give their amount to the records around them."""
    sentences, has_records = job.analysis.sentences, set(job.by_sentence)
    for k, sentence in enumerate(sentences):
        if k in has_records or not any(sentence.start <= a.start < sentence.end for a in job.amounts):
            continue
        if not any(job.wants(r) for r in _record_sentences(k, len(sentences), has_records, job.w, True)):
            continue
        donor = job.donor(k)
        if donor is not None:
            for r in _record_sentences(k, len(sentences), has_records, job.w, bool(donor.deal_relations)):
                if job.give(donor, r):
                    break


def attach_amounts(records: list[Alliance], analysis: Analysis, mentions: list[list[OrgMention]],
                   amounts: list[Amount], lex: RelationVocabulary) -> list[Alliance]:
    """Give records without an amount the amount their own sentence (in another clause) or a
    neighbouring sentence states for them."""
    if not amounts or all(r.amount is not None for r in records):
        return records
    sentence_of = {s.start: k for k, s in enumerate(analysis.sentences)}
    by_sentence: dict[int, list[Alliance]] = {}
    for record in records:
        by_sentence.setdefault(sentence_of.get(record.evidence.start, -1), []).append(record)
    by_sentence.pop(-1, None)
    job = _Attachment(analysis, mentions, amounts, lex, _words(lex), by_sentence)
    _from_own_sentence(job)
    _from_neighbours(job)
    if not job.given:
        return records
    return [r.model_copy(update={"amount": job.given[id(r)]}) if id(r) in job.given else r for r in records]
