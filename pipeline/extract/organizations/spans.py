"""Where a name may start and end: known names matched over morphemes, and the extent of
a proper-name run Kiwi does not know."""
from __future__ import annotations

from pipeline.extract.organizations.evidence import partner_slot_after, type_noun_before
from pipeline.extract.organizations.lexicon import LexiconEntry
from pipeline.extract.organizations.mention import name_key
from pipeline.extract.organizations.sentence import MAX_NAME_MORPHS, SentenceView
from pipeline.korean import Morph, grammar

G = grammar()
T = G.tags
EXTENDING_TAGS = T.common_noun | T.proper_noun | T.foreign_word | T.hanja | T.number
NAME_WORD_TAGS = T.name_like | T.common_noun
RUN_GLUE_TAGS = T.name_like | T.common_noun | T.number
JOINER_TAGS = T.other_symbol | T.joining_mark | T.final_punctuation
TRAILING_MARK_TAGS = T.other_symbol | T.joining_mark
MARKED_NAME_STOP = T.particle | T.ending | T.symbol | T.predicate
LATIN_OR_NUMBER = T.foreign_word | T.number
PARTICLE_OR_PUNCTUATION = T.particle | T.punctuation
NOUN_OR_LATIN = T.noun | T.foreign_word


def lexicon_match(s: SentenceView, i: int) -> tuple[int, LexiconEntry] | int | None:
    """Longest run of morphemes starting at i that the lexicon knows: (end, entry); the end
    alone when a longer non-organisation matches (카카오 아이 is a product, not 카카오; 사우디
    아라비아 a country); None when nothing matches."""
    ms, text, prefixes = s.ms, s.text, s.res.prefixes
    start = ms[i].start
    first = text[start:ms[i].end]
    if name_key(first) not in prefixes or "\n" in first:
        return None   # no known name begins with this morpheme (most of them)
    known, lexicon = s.res.known_surfaces, s.res.lexicon
    best = None
    best_non = 0
    n = len(ms)
    for j in range(i + 1, min(n, i + MAX_NAME_MORPHS + 2) + 1):
        last = ms[j - 1]  # any tag: Kiwi may cut a known name oddly (삼성/바이오/로직/스/VV)
        if j - 1 > i:
            if last.start - ms[j - 2].end > 1:
                break
            surface = text[start:last.end]
            if name_key(surface) not in prefixes or "\n" in surface:
                break
        else:
            surface = first
        looked_up = known.get(surface)
        if looked_up is None:
            looked_up = known[surface] = (lexicon.lookup(surface), lexicon.is_non_organization(surface))
        if looked_up[0] is not None:
            best = (j, looked_up[0])
        elif looked_up[1]:
            best_non = j
    if best_non > (best[0] if best else 0):
        return best_non if best_non > i + 1 else None
    if best is None:
        return None
    j = best[0]
    vocab = s.res.vocab
    if j < n and s.glue[j] and ms[j].tag in T.proper_noun and ms[j].form not in vocab.suffix_set \
            and ms[j].form not in vocab.subsidiary_regions:
        return None  # the match is the start of a longer unknown name (not 세쿼이아캐피탈 + 차이나)
    return best


def extend_known_name(s: SentenceView, j: int) -> int:
    """A known name goes on with glued nouns (현대차그룹, 쿠팡이츠서비스, 도요타통상,
    미래에셋대우) and with spaced words that end in a company suffix (소니 인터랙티브
    엔터테인먼트); not with a word for what it owns (KT지분, 삼성주식: KT and 삼성)."""
    ms, vocab = s.ms, s.res.vocab

    def continues(k: int) -> bool:
        return (k < len(ms) and s.glue[k] and ms[k].tag in EXTENDING_TAGS
                and ms[k].form not in vocab.group_tail_nouns and ms[k].form not in vocab.possession_nouns)

    # a one-syllable noun only inside the name (한컴/인/스페이스), not at its end (다케다제약/서),
    # unless a run of them ends the word (SK/엔/텀도: a word Kiwi did not know, cut in pieces)
    while continues(j) and (len(ms[j].form) > 1 or ms[j].tag in LATIN_OR_NUMBER or continues(j + 1)
                            or _ends_cut_word(s, j)):
        j += 1
    return spaced_suffix_end(s, j) or j


def _ends_cut_word(s: SentenceView, j: int) -> bool:
    """Morpheme j is the last of two or more glued one-syllable nouns that end the word before a particle."""
    ms = s.ms
    if j + 1 < len(ms) and s.glue[j + 1] and ms[j + 1].tag not in PARTICLE_OR_PUNCTUATION:
        return False
    k = j
    while k > 0 and s.glue[k] and len(ms[k].form) == 1 and ms[k].tag in T.common_noun:
        k -= 1
    return j - k >= 2


def spaced_suffix_end(s: SentenceView, j: int) -> int | None:
    """If the next one to three spaced words end in a spaced company suffix, the index after it."""
    ms, suffixes = s.ms, s.res.vocab.spaced_suffixes
    k = j
    for _ in range(3):
        if k >= len(ms) or s.glued(k) or ms[k].tag not in NAME_WORD_TAGS:
            return None
        word_end = k + 1
        while word_end < len(ms) and s.glue[word_end] and ms[word_end].tag in NAME_WORD_TAGS:
            word_end += 1
        word = "".join(m.form for m in ms[k:word_end])
        if word in suffixes:
            return word_end
        if ms[word_end - 1].form in suffixes:
            # 비거 마린그룹 goes on; 지난 버진미디어 does not: a proper head glued to the suffix
            # makes that word a whole name by itself
            return None if any(m.tag in T.name_like or m.oov for m in ms[k:word_end - 1]) else word_end
        k = word_end
    return None


def name_run_end(s: SentenceView, i: int) -> int:
    """End (exclusive) of a proper-name run starting at i: glued proper nouns, foreign
    words, unknown words and nouns, and spaced words up to a company suffix."""
    ms, vocab = s.ms, s.res.vocab
    n = len(ms)
    j = i + 1
    while j < n and j - i < MAX_NAME_MORPHS:
        m = ms[j]
        if s.glue[j]:
            joiner = m.tag in JOINER_TAGS and m.form in G.marks.name_joiners and j + 1 < n and s.glue[j + 1] \
                and (m.form != "." or ms[j + 1].tag in T.foreign_word) \
                and not _ends_in_suffix(s, i, j)  # AT&T, 안호이저-부시, JD.com; not A텔레콤-B모빌리티 (a pair)
            if m.tag in RUN_GLUE_TAGS or joiner:
                j += 1
                continue
            break
        if m.tag in T.foreign_word and ms[j - 1].tag in T.foreign_word and m.form[:1].isupper() \
                and not vocab.is_common_term(m.form):
            j += 1  # an English name of several capitalised words
            continue
        if m.oov and m.tag in T.noun and (ms[j - 1].oov or ms[j - 1].tag in T.proper_noun) \
                and m.form not in vocab.type_nouns and not _ends_in_suffix(s, i, j):
            j += 1  # a foreign name written in several words (헌팅턴 잉걸스), not X저축은행 골프단
            continue
        end = spaced_suffix_end(s, j)
        if end is not None:
            j = end
        break
    while j - 1 > i and ms[j - 1].tag in TRAILING_MARK_TAGS:
        j -= 1
    return j


def _ends_in_suffix(s: SentenceView, i: int, j: int) -> bool:
    """The run i..j already ends in a company suffix of two or more syllables (…저축은행)."""
    return s.res.vocab.ends_in_company_suffix(s.surface(i, j))


def can_start_name(s: SentenceView, i: int, quoted: bool) -> bool:
    """Can a name begin at morpheme i? Proper nouns, foreign and unknown words; any noun
    in quotes, after ㈜, or as a compound Kiwi had to cut (기업 페이/브릿지는)."""
    ms, vocab, lexicon = s.ms, s.res.vocab, s.res.lexicon
    m = ms[i]
    if not (m.tag in T.name_like or (m.tag in T.common_noun and (
            quoted or m.oov or (i > 0 and ms[i - 1].form in G.marks.corporate_mark_forms)
            or written_mark_before(s, i) or cut_compound(s, i)))):
        return False   # a common noun with nothing strong around it (quotes, a corporate mark) nor cut
    continues = i + 1 < len(ms) and s.glue[i + 1] and ms[i + 1].tag in NOUN_OR_LATIN
    if (m.form in vocab.type_nouns and not quoted) or (lexicon.is_non_organization(m.form) and not continues):
        return False  # (쿠팡이츠 is a service, 쿠팡이츠서비스 the company)
    if m.tag in T.foreign_word and m.form.islower():
        return False  # an English word, not a name
    if vocab.is_common_term(m.form):  # ETF시큐리티즈 yes, AI반도체 no
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        return nxt is not None and s.glue[i + 1] and (nxt.oov or nxt.tag in T.name_like) \
            and nxt.form not in vocab.suffix_set
    return True


def written_mark_before(s: SentenceView, i: int) -> bool:
    """'(주) 대승': the corporate mark written with brackets stands right before the word, spaced or not."""
    ms = s.ms
    return i >= 3 and ms[i - 1].tag in T.closing_bracket and ms[i - 2].form == G.marks.corporate_mark_word \
        and ms[i - 3].tag in T.opening_bracket


def cut_compound(s: SentenceView, i: int) -> bool:
    """After an organisation type noun, a spaceless word Kiwi split into nouns and that
    takes a particle is a name it does not know (결제 기업 페이브릿지는); with 을/를 only
    before a relation whose object is an organisation (은행 예비인가를 신청 is a licence)."""
    ms = s.ms
    j = i + 1
    if j >= len(ms) or not s.glue[j] or ms[j].tag not in T.common_noun:
        return False   # a word of one noun (most of them)
    while j < len(ms) and s.glue[j] and ms[j].tag in T.common_noun:
        j += 1
    if not (j - i >= 2 and j < len(ms) and ms[j].tag in T.particle and ms[i].form not in s.res.trigger_forms
            and all(len(m.form) >= 2 for m in ms[i:j]) and type_noun_before(s, i)):
        return False
    # as an object only of a relation that takes an organisation (X를 인수), not 예비인가를 신청
    return ms[j].tag not in T.object_case or partner_slot_after(s, j)


def marked_word_end(s: SentenceView, i: int) -> int:
    """After ㈜ the whole glued word is the name, whatever Kiwi made of it (㈜한끼푸드 → 한/MM 끼/NNG 푸드/NNG)."""
    ms = s.ms
    j = i + 1
    while j < len(ms) and s.glue[j] and ms[j].tag not in MARKED_NAME_STOP:
        j += 1
    return j


def plausible_name(s: SentenceView, name: str, last: Morph) -> bool:
    """Not a term, a known look-alike, a place or public body (조지아주, 국방부),
    or a bare organisation type (부품사, 퍼블리셔)."""
    vocab, lexicon = s.res.vocab, s.res.lexicon
    if len(name) < 2 or vocab.is_common_term(name) or lexicon.is_non_organization(name):
        return False
    if name in vocab.type_nouns:
        return False
    if any(name.endswith(e) and len(name) - len(e) >= 2 for e in vocab.non_org_endings) \
            and not any(name.endswith(x) for x in vocab.suffix_set if len(x) > 1):
        return False  # 조지아주 is a place; DGB금융지주 ends in a company suffix
    return not (last.form in vocab.non_org_ending_morphs and len(name) - len(last.form) >= 2)
