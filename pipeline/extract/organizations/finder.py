"""Organisation mentions in a sentence of morphemes.

Two sources: the lexicon (known names and aliases, matched over runs of nominal
morphemes so boundaries always fall between morphemes), and context rules for
names never seen before:

  apposition        반도체 설계 기업인 파두, 물류 스타트업 '로지올래', 요기요 운영사 위대한상상
  suffix            한빛로보틱스, 누리 테크놀로지, 비거 마린 그룹
  corporate_mark    ㈜한빛소재, 한빛(주)
  country           대만 폭스콘, 美 애브비
  partner_slot      X와 손잡고, X에 투자, X로부터 수주
  relation_subject  an unknown word as the subject of a sentence with a relation word
  list              a list member next to an organisation (A, B 등과)
  elided            상업·한일은행 → 상업은행 and 한일은행
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.organizations.lexicon import load_lexicon as get_lexicon
from pipeline.settings import load_config
from pipeline.korean.tokenizer import Morph

NOMINAL = frozenset({"NNP", "NNG", "SL", "SH", "SN", "NR"})
NAME_TAGS = frozenset({"NNP", "SL", "SH"})
NAME_JOINERS = frozenset({"&", "-", ".", "+"})
OPEN_QUOTES = frozenset({"'", '"', "‘", "“", "「", "『"})
CLOSE_QUOTES = frozenset({"'", '"', "’", "”", "」", "』"})
LIST_MARKS = frozenset({",", "·", "•", "ㆍ", "、"})
SUBJECT_PARTICLES = frozenset({"은", "는", "이", "가", "도"})
SLOT_PARTICLES = frozenset({"와", "과", "에", "에게", "로부터", "으로부터", "를", "을", "의"})
CORPORATE_MARK_FORMS = frozenset({"㈜", "株"})
CLAUSE_ENDS = frozenset({"고", "며", "으며", "면서", "으면서", "지만", "는데", "으나"})
MAX_NAME_MORPHS = 6
NOT_PARTIES = frozenset({"government"})
ODD_NAME_STARTS = frozenset({"MM", "NR", "XPN", "MAG", "VV", "VA", "XR"})
WEAK_SOURCES = frozenset({"context:partner_slot", "context:relation_subject", "context:list"})


@dataclass(slots=True)
class OrgMention:
    i: int          # first morpheme index in the sentence
    j: int          # one past the last morpheme index
    start: int
    end: int
    name: str
    canonical: str
    type: str | None
    source: str


class OrgContext:
    """The context vocabulary of configs/org_context.yaml, as sets."""

    def __init__(self, data: dict):
        self.type_nouns = frozenset(data["type_nouns"])
        self.non_org_type_nouns = frozenset(data["non_org_type_nouns"])
        self.suffix_set = frozenset(data["suffixes"])
        self.max_suffix_len = max(map(len, self.suffix_set))
        self.spaced_suffixes = frozenset(data["spaced_suffixes"])
        self.strict_suffixes = frozenset(data["strict_suffixes"])
        self.elision_suffixes = frozenset(data["elision_suffixes"])
        self.corporate_marks = tuple(data["corporate_marks"])
        self.person_titles = frozenset(data["person_titles"])
        self.group_tail_nouns = frozenset(data["group_tail_nouns"])
        self.common_terms = frozenset(t.lower() for t in data["common_terms"])
        self.non_org_endings = tuple(data["non_org_endings"])
        self.non_org_ending_morphs = frozenset(data["non_org_ending_morphs"])
        self.possession_nouns = frozenset(data["possession_nouns"])
        self.place_heads = frozenset(data["place_heads"])

    def is_common_term(self, surface: str) -> bool:
        return surface.lower() in self.common_terms


@lru_cache(maxsize=None)
def get_org_context() -> OrgContext:
    return OrgContext(load_config("org_context.yaml"))


def _glued(ms: tuple[Morph, ...], k: int) -> bool:
    """Morpheme k follows k-1 with no space between them."""
    return k > 0 and ms[k - 1].end >= ms[k].start


def _key(surface: str) -> str:
    return "".join(surface.split()).lower()


class OrganizationFinder:
    def __init__(self, trigger_forms: frozenset[str] = frozenset(), object_trigger_forms: frozenset[str] = frozenset()):
        self.trigger_forms = trigger_forms                # first forms of relation words
        self.object_trigger_forms = object_trigger_forms  # … of those whose object is an organisation
        self.lexicon = get_lexicon()
        self.ctx = get_org_context()
        # Every prefix of every known surface (organisation or look-alike), so that the
        # search for the longest match stops at the first morpheme no name continues with.
        surfaces = [s for s, _ in self.lexicon.iter_surfaces()]
        surfaces += [s for non in self.lexicon.non_organizations for s in non.surfaces]
        self.prefixes = frozenset(k[:n] for k in map(_key, surfaces) for n in range(1, len(k) + 1))

    # -- public -------------------------------------------------------------
    def find(self, text: str, ms: tuple[Morph, ...], article_names: dict[str, OrgMention] | None = None) -> list[OrgMention]:
        """Mentions in one sentence. `article_names` holds names this article introduced
        with context earlier (로지올래 after '물류 스타트업 로지올래'); new ones are added to it."""
        found: list[OrgMention] = []
        taken = [False] * len(ms)
        has_trigger = any(m.form in self.trigger_forms for m in ms)
        i = 0
        starts = {k[0] for k in article_names} if article_names else set()
        while i < len(ms):
            mention = self._article_name(text, ms, i, article_names) \
                if starts and text[ms[i].start:ms[i].start + 1].lower() in starts else None
            mention = mention or self._at(text, ms, i, has_trigger)
            if isinstance(mention, int):  # a known look-alike (사우디 아라비아, 카카오 아이) to step over
                i = mention
                continue
            if mention is not None and not any(taken[mention.i:mention.j]):
                self._take(found, taken, mention)
                i = mention.j
            else:
                i += 1
        self._propagate_lists(text, ms, found, taken)
        self._elided(text, ms, found, taken)
        found = self._with_counterpart(found)
        found.sort(key=lambda m: m.i)
        if article_names is not None:
            for m in found:
                if m.source.startswith("context:"):
                    article_names.setdefault(_key(m.name), m)
        return found

    @staticmethod
    def _with_counterpart(found: list[OrgMention]) -> list[OrgMention]:
        """A name whose only evidence is its place in a relation (X와 협력, X는 … 투자) counts
        only when the sentence names another organisation on firmer grounds: in general news
        the other side of '협력' is a person or a country."""
        weak = [m for m in found if m.source in WEAK_SOURCES]
        if not weak or any(m.source not in WEAK_SOURCES for m in found):
            return found
        return [m for m in found if m.source not in WEAK_SOURCES]

    def _article_name(self, text, ms, i, article_names: dict[str, OrgMention]) -> OrgMention | None:
        """The longest name this article already introduced, starting at morpheme i."""
        if _glued(ms, i) and ms[i - 1].tag in NOMINAL:
            return None
        best = None
        for j in range(i + 1, min(len(ms), i + MAX_NAME_MORPHS) + 1):
            if j - 1 > i and ms[j - 1].start - ms[j - 2].end > 1:
                break
            known = article_names.get(_key(text[ms[i].start:ms[j - 1].end]))
            if known is not None:
                best = (j, known)
        if best is None or (best[0] < len(ms) and _glued(ms, best[0]) and ms[best[0]].tag in NAME_TAGS):
            return None
        j, known = best
        return OrgMention(i, j, ms[i].start, ms[j - 1].end, text[ms[i].start:ms[j - 1].end], known.canonical,
                          known.type, known.source if known.source.startswith("article") else f"article:{known.source}")

    @staticmethod
    def _take(found, taken, mention: OrgMention) -> None:
        found.append(mention)
        for k in range(mention.i, mention.j):
            taken[k] = True

    # -- one position -------------------------------------------------------
    def _at(self, text, ms, i, has_trigger) -> OrgMention | int | None:
        m = ms[i]
        marked = self._after_corporate_mark(text, ms, i)
        if marked is not None and self._lexicon_match(text, ms, i) is None:
            return marked
        if m.tag not in NOMINAL and m.tag != "SW" and not (m.tag in ODD_NAME_STARTS and not _glued(ms, i)):
            return None  # (한컴 may come out as 한/MM 컴/NNG: a known name is tried from any word start)
        if _glued(ms, i) and ms[i - 1].tag in NOMINAL and ms[i - 1].tag != "SN" and m.tag != "SL":
            return None  # inside a longer word
        company_sa = self._company_with_sa(text, ms, i)
        if company_sa is not None:
            return company_sa
        hit = self._lexicon_match(text, ms, i)
        if isinstance(hit, int):
            return hit
        if hit is not None:
            known = self._known(text, ms, i, hit, has_trigger)
            if known is not None:
                return known
        return self._unseen(text, ms, i, has_trigger) if m.tag not in ODD_NAME_STARTS else None

    def _known(self, text, ms, i, hit, has_trigger: bool) -> OrgMention | None:
        base_j, entry = hit
        if entry.type in NOT_PARTIES:
            return None  # ministries and regulators are not companies and make no alliances
        j = self._extend_name(ms, base_j)
        name = text[ms[i].start:ms[j - 1].end]
        if j > base_j:  # 신세계 + 그룹, 소니 + 인터랙티브 엔터테인먼트: a longer name
            whole = self.lexicon.lookup(name)
            if whole is None and self.lexicon.is_non_organization(name):
                return None
            canonical, etype = (whole.canonical, whole.type) if whole else (name, entry.type)
        else:
            canonical, etype = entry.canonical, entry.type
            if entry.surface_needs_context(name) and not self._has_org_context(text, ms, i, j, has_trigger):
                return None
        return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, canonical, etype, "lexicon")

    def _company_with_sa(self, text, ms, i) -> OrgMention | None:
        """'애플사', '구글사' (one word for Kiwi): a known company with the 사 of 회사."""
        m = ms[i]
        if m.tag not in ("NNP", "NNG") or len(m.form) < 3 or not m.form.endswith("사"):
            return None
        entry = self.lexicon.lookup(m.form[:-1])
        if entry is None or entry.type in NOT_PARTIES or entry.surface_needs_context(m.form[:-1]):
            return None
        return OrgMention(i, i + 1, m.start, m.end, text[m.start:m.end], entry.canonical, entry.type, "lexicon")

    def _lexicon_match(self, text, ms, i):
        """Longest run of morphemes starting at i that the lexicon knows: (end, entry);
        the end alone when a longer non-organisation matches (카카오 아이 is a product, not
        카카오; 사우디 아라비아 a country); None when nothing matches."""
        best = None
        best_non = 0
        n = len(ms)
        for j in range(i + 1, min(n, i + MAX_NAME_MORPHS + 2) + 1):
            last = ms[j - 1]  # any tag: Kiwi may cut a known name oddly (삼성/바이오/로직/스/VV)
            if j - 1 > i and ms[j - 1].start - ms[j - 2].end > 1:
                break
            surface = text[ms[i].start:last.end]
            if _key(surface) not in self.prefixes or "\n" in surface:
                break
            entry = self.lexicon.lookup(surface)
            if entry is not None:
                best = (j, entry)
            elif self.lexicon.is_non_organization(surface):
                best_non = j
        if best_non > (best[0] if best else 0):
            return best_non if best_non > i + 1 else None
        if best is None:
            return None
        j = best[0]
        if j < n and _glued(ms, j) and ms[j].tag == "NNP" and ms[j].form not in self.ctx.suffix_set:
            return None  # the match is the start of a longer unknown name
        return best

    def _extend_name(self, ms, j: int) -> int:
        """A known name goes on with glued nouns (현대차그룹, 쿠팡이츠서비스, 도요타통상,
        미래에셋대우) and with spaced words that end in a company suffix (소니 인터랙티브
        엔터테인먼트)."""
        def continues(k: int) -> bool:
            return k < len(ms) and _glued(ms, k) and ms[k].tag in ("NNG", "NNP", "SL", "SH", "SN") \
                and ms[k].form not in self.ctx.group_tail_nouns

        # a one-syllable noun only inside the name (한컴/인/스페이스), not at its end (다케다제약/서)
        while continues(j) and (len(ms[j].form) > 1 or ms[j].tag in ("SL", "SN") or continues(j + 1)):
            j += 1
        return self._spaced_suffix_end(ms, j) or j

    def _spaced_suffix_end(self, ms, j: int) -> int | None:
        """If the next one to three spaced words end in a spaced company suffix, the index after it."""
        k = j
        for _ in range(3):
            if k >= len(ms) or _glued(ms, k) or ms[k].tag not in NAME_TAGS | {"NNG"}:
                return None
            word_end = k + 1
            while word_end < len(ms) and _glued(ms, word_end) and ms[word_end].tag in NAME_TAGS | {"NNG"}:
                word_end += 1
            word = "".join(m.form for m in ms[k:word_end])
            if word in self.ctx.spaced_suffixes or ms[word_end - 1].form in self.ctx.spaced_suffixes:
                return word_end
            k = word_end
        return None

    # -- context ------------------------------------------------------------
    def _has_org_context(self, text, ms, i, j, has_trigger: bool) -> bool:
        """An ambiguous lexicon name (also an ordinary word) counts only in an organisation context."""
        if ms[i].tag == "NNP" and (j - i) == 1:
            return True
        if j < len(ms) and ms[j].form == "," and all(m.tag in ("SW", "SS", "SSO", "SSC", "NNG") and
                                                      m.tag != "NNG" or m.form == "보도자료" for m in ms[:i]):
            return True  # a headline's subject: "한컴, 레드햇과 파트너십 체결"
        if self._apposition_before(ms, i) or self._mark_around(text, ms, i, j):
            return True
        return self._partner_slot(ms, j) or self._relation_subject(ms, i, j, has_trigger)

    @staticmethod
    def _before_name(ms, i) -> int:
        """Index of the word before a name, past an opening quote and a '…인' ending."""
        k = i - 1
        if k >= 0 and (ms[k].tag == "SSO" or ms[k].form in OPEN_QUOTES or ms[k].form in CORPORATE_MARK_FORMS):
            k -= 1
        if k >= 2 and ms[k].form == ")" and ms[k - 1].form == "주" and ms[k - 2].form == "(":
            k -= 3
        if k >= 1 and ms[k].tag == "ETM" and ms[k - 1].tag == "VCP":
            k -= 2
        return k

    def _apposition_before(self, ms, i) -> bool:
        """'… 기업(인) [quote] NAME' — the word right before the name is an organisation type."""
        k = self._before_name(ms, i)
        if k < 0 or ms[k].tag != "NNG":
            return False
        form = ms[k].form
        return form in self.ctx.type_nouns or form.endswith(("기업", "회사", "업체"))

    def _product_apposition_before(self, ms, i) -> bool:
        """'X의 결제 플랫폼 NAME': a product or service of an organisation, not one itself."""
        k = self._before_name(ms, i)
        if k < 0 or ms[k].form not in self.ctx.non_org_type_nouns:
            return False
        return any(m.tag == "JKG" for m in ms[max(0, k - 4):k])

    def _mark_around(self, text, ms, i, j) -> bool:
        before = text[max(0, ms[i].start - 4):ms[i].start]
        after = text[ms[j - 1].end:ms[j - 1].end + 4]
        return any(before.rstrip().endswith(mark) or after.startswith(mark) for mark in self.ctx.corporate_marks)

    def _skip_tail(self, ms, j: int) -> int:
        """Past '등', '측' … between a name and its particle."""
        while j < len(ms) and ms[j].form in self.ctx.group_tail_nouns and ms[j].tag in ("NNB", "NNG", "XSN"):
            j += 1
        return j

    def _partner_slot(self, ms, j) -> bool:
        """NAME와/과/에/로부터 (등) followed closely by a relation word: 'X와 손잡고', 'X 등에
        투자'; NAME을/를 only before a relation whose object is an organisation (X를 인수)."""
        j = self._skip_tail(ms, j)
        if j >= len(ms) or not ms[j].tag.startswith("J") or ms[j].form not in SLOT_PARTICLES:
            return False
        wanted = self.object_trigger_forms if ms[j].tag == "JKO" else self.trigger_forms
        for k in range(j + 1, min(len(ms), j + 9)):
            if ms[k].form in wanted:
                return True
            if ms[k].tag in ("EF", "SF") or (ms[k].tag == "EC" and ms[k].form in CLAUSE_ENDS):
                break
        return False

    def _relation_subject(self, ms, i, j, has_trigger) -> bool:
        """An unknown word starting its noun phrase, as the subject of a sentence that names
        a relation ('AI 원팀은' is a modified noun, not a name)."""
        if not (has_trigger and j < len(ms) and ms[j].tag in ("JX", "JKS") and ms[j].form in SUBJECT_PARTICLES):
            return False
        before = ms[i - 1] if i > 0 else None
        return before is None or before.tag not in NOMINAL or before.form in self.ctx.type_nouns \
            or before.form in self.ctx.non_org_type_nouns

    def _followed_by_person_title(self, ms, j) -> bool:
        return j < len(ms) and ms[j].form in self.ctx.person_titles

    # -- names never seen ---------------------------------------------------
    def _name_run(self, text, ms, i) -> int:
        """End (exclusive) of a proper-name run starting at i: glued proper nouns, foreign
        words, unknown words and nouns, and spaced words up to a company suffix."""
        n = len(ms)
        j = i + 1
        while j < n and j - i < MAX_NAME_MORPHS:
            m = ms[j]
            if _glued(ms, j):
                joiner = m.tag in ("SW", "SO", "SF") and m.form in NAME_JOINERS and j + 1 < n and _glued(ms, j + 1) \
                    and (m.form != "." or ms[j + 1].tag == "SL")  # AT&T, 안호이저-부시, JD.com
                if m.tag in NAME_TAGS or m.tag in ("NNG", "SN") or joiner:
                    j += 1
                    continue
                break
            if m.tag == "SL" and ms[j - 1].tag == "SL" and m.form[:1].isupper() and not self.ctx.is_common_term(m.form):
                j += 1  # an English name of several capitalised words
                continue
            if m.oov and m.tag in ("NNP", "NNG") and (ms[j - 1].oov or ms[j - 1].tag == "NNP") \
                    and m.form not in self.ctx.type_nouns:
                j += 1  # a foreign name written in several words (헌팅턴 잉걸스)
                continue
            end = self._spaced_suffix_end(ms, j)
            if end is not None:
                j = end
            break
        while j - 1 > i and ms[j - 1].tag in ("SW", "SO"):
            j -= 1
        return j

    def _is_name_start(self, ms, i: int, quoted: bool) -> bool:
        """Can a name begin at morpheme i? Proper nouns, foreign and unknown words; any noun
        in quotes, after ㈜, or as a compound Kiwi had to cut (기업 페이/브릿지는)."""
        m = ms[i]
        strong = quoted or (i > 0 and ms[i - 1].form in CORPORATE_MARK_FORMS)
        if not (m.tag in NAME_TAGS or (m.tag == "NNG" and (strong or m.oov or self._cut_compound(ms, i)))):
            return False
        continues = i + 1 < len(ms) and _glued(ms, i + 1) and ms[i + 1].tag in ("NNG", "NNP", "SL")
        if (m.form in self.ctx.type_nouns and not quoted) or (self.lexicon.is_non_organization(m.form) and not continues):
            return False  # (쿠팡이츠 is a service, 쿠팡이츠서비스 the company)
        if m.tag == "SL" and m.form.islower():
            return False  # an English word, not a name
        if self.ctx.is_common_term(m.form):  # ETF시큐리티즈 yes, AI반도체 no
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            return nxt is not None and _glued(ms, i + 1) and (nxt.oov or nxt.tag in NAME_TAGS) \
                and nxt.form not in self.ctx.suffix_set
        return True

    def _cut_compound(self, ms, i: int) -> bool:
        """After an organisation type noun, a spaceless word Kiwi split into nouns and that
        takes a particle is a name it does not know (결제 기업 페이브릿지는)."""
        j = i + 1
        while j < len(ms) and _glued(ms, j) and ms[j].tag == "NNG":
            j += 1
        return j - i >= 2 and j < len(ms) and ms[j].tag.startswith("J") and ms[i].form not in self.trigger_forms \
            and all(len(m.form) >= 2 for m in ms[i:j]) and self._apposition_before(ms, i)

    def _after_corporate_mark(self, text, ms, i) -> OrgMention | None:
        """'㈜한끼푸드' (한/MM 끼/NNG 푸드/NNG): after ㈜ the whole word is the name."""
        if i == 0 or ms[i - 1].form not in CORPORATE_MARK_FORMS or not _glued(ms, i):
            return None
        j = i + 1
        while j < len(ms) and _glued(ms, j) and not ms[j].tag.startswith(("J", "E", "S", "V")):
            j += 1
        name = text[ms[i].start:ms[j - 1].end]
        if len(name) < 2 or not self._plausible_name(name, ms[j - 1]):
            return None
        return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, name, "company", "context:corporate_mark")

    def _unseen(self, text, ms, i, has_trigger) -> OrgMention | None:
        m = ms[i]
        quoted = i > 0 and ms[i - 1].form in OPEN_QUOTES and _glued(ms, i)
        if not self._is_name_start(ms, i, quoted):
            return None
        if quoted:
            j = i
            while j < len(ms) and ms[j].form not in CLOSE_QUOTES and j - i < MAX_NAME_MORPHS:
                j += 1
            if j >= len(ms) or j == i:
                return None
            after = j + 1
        else:
            j = self._name_run(text, ms, i)
            after = j
        name = text[m.start:ms[j - 1].end]
        if not self._plausible_name(name, ms[j - 1]):
            return None
        if self._product_apposition_before(ms, i) or self._followed_by_person_title(ms, after):
            return None
        source = self._unseen_source(text, ms, i, j, after, name, has_trigger)
        if source is None:
            return None
        return OrgMention(i, j, m.start, ms[j - 1].end, name, name, "company", source)

    def _plausible_name(self, name: str, last: Morph) -> bool:
        """Not a term, a known look-alike, a place or public body (조지아주, 국방부),
        or a bare organisation type (부품사, 퍼블리셔)."""
        if len(name) < 2 or self.ctx.is_common_term(name) or self.lexicon.is_non_organization(name):
            return False
        if name in self.ctx.type_nouns:
            return False
        if any(name.endswith(e) and len(name) - len(e) >= 2 for e in self.ctx.non_org_endings) \
                and not any(name.endswith(x) for x in self.ctx.suffix_set if len(x) > 1):
            return False  # 조지아주 is a place; DGB금융지주 ends in a company suffix
        return not (last.form in self.ctx.non_org_ending_morphs and len(name) - len(last.form) >= 2)

    def _unseen_source(self, text, ms, i, j, after, name, has_trigger) -> str | None:
        if self._apposition_before(ms, i):
            return "context:apposition"
        if self._mark_around(text, ms, i, j):
            return "context:corporate_mark"
        if self._has_suffix(ms, i, j, name):
            return "context:suffix"
        if j - i == 1 and ms[i].tag == "NNP" and self._known_prefix(ms[i].form):
            return "context:known_prefix"
        properish = ms[i].tag in NAME_TAGS or ms[i].oov
        if self._country_before(ms, i):
            if self._locative_follows(ms, after):
                return None  # 미국 조지아에 합작공장: a place in that country
            # a word Kiwi knows as a proper noun after a country is often a city; it needs a relation
            unknown = ms[i].oov or ms[i].tag == "SL"
            if (ms[j - 1].tag in NAME_TAGS or ms[j - 1].oov) and (unknown or has_trigger) and self._case_follows(ms, after):
                return "context:country"
        if properish and self._partner_slot(ms, after):
            return "context:partner_slot"
        if (ms[i].oov or ms[i].tag == "SL") and self._relation_subject(ms, i, after, has_trigger):
            return "context:relation_subject"
        return None

    def _known_prefix(self, word: str) -> bool:
        """One proper noun that begins with a business group's name: an affiliate (LS전선,
        삼성바이오에피스, 한화오션)."""
        for k in range(len(word) - 1, 1, -1):
            entry = self.lexicon.lookup(word[:k])
            if entry is not None and entry.type == "group" and not entry.surface_needs_context(word[:k]):
                return True
        return False

    def _has_suffix(self, ms, i, j, name) -> bool:
        """The name ends in a company suffix after a proper-noun head (한빛로보틱스, 누리 테크놀로지)."""
        if j - i == 1:  # one morpheme: only a proper noun Kiwi knows as one (한빛로보틱스/NNP)
            if ms[i].tag != "NNP":
                return False
        elif not all(m.tag in NAME_TAGS or m.oov or m.form in self.ctx.suffix_set for m in ms[i:j]) or \
                self.ctx.is_common_term(ms[i].form):
            return False
        for size in range(min(len(name) - 1, self.ctx.max_suffix_len), 0, -1):
            suffix = name[-size:]
            if suffix in self.ctx.suffix_set:
                head = name[:-size].rstrip()
                return len(head) >= (2 if suffix in self.ctx.strict_suffixes else 1)
        return False

    def _case_follows(self, ms, j) -> bool:
        """A particle, a list mark or a word for what a company owns after the name (대만
        폭스콘이, 중국 립모터 지분), not any noun (체코 두코바니 원전)."""
        j = self._skip_tail(ms, j)
        if self._locative_follows(ms, j):
            return False
        return j >= len(ms) or ms[j].tag.startswith("J") or ms[j].form in LIST_MARKS or ms[j].tag in ("SF", "SSC") \
            or ms[j].form in self.ctx.possession_nouns

    def _locative_follows(self, ms, j) -> bool:
        """터키 이스탄불에서, 미국 조지아에 공장을: a place ('미국 뉴스케일파워에 공급' is a customer)."""
        if j >= len(ms) or not ms[j].tag.startswith("J"):
            return False
        if ms[j].form in ("에서", "로", "으로"):
            return True
        return ms[j].form == "에" and any(m.form in self.ctx.place_heads for m in ms[j + 1:j + 4])

    def _country_before(self, ms, i) -> bool:
        k = i - 1
        return k >= 0 and not _glued(ms, i) and self.lexicon.is_non_organization(ms[k].form) == "country"

    # -- lists --------------------------------------------------------------
    def _propagate_lists(self, text, ms, found, taken) -> None:
        """Members of a list that holds an organisation are organisations too when they are
        unknown proper words (A, B 등과 …; 반도체 기업인 A, B, C에 …). A member may bring
        its own descriptor ('물류 기업 B')."""
        by_start = {f.i: f for f in found}
        for mention in list(found):
            if mention.source == "context:relation_subject":
                continue
            k = mention.j
            while k + 1 < len(ms) and ms[k].form in LIST_MARKS:  # forwards
                nxt = self._after_descriptor(ms, k + 1)
                if nxt in by_start:
                    k = by_start[nxt].j
                    continue
                new = self._list_member(text, ms, nxt, taken)
                if new is None:
                    break
                self._take(found, taken, new)
                by_start[nxt] = new
                k = new.j
            k = mention.i - 1
            while k >= 1 and ms[k].form in LIST_MARKS:  # backwards: the word before the mark
                start = k - 1
                while start > 0 and _glued(ms, start) and ms[start - 1].tag in NAME_TAGS | {"NNG"}:
                    start -= 1
                if start in by_start:
                    k = by_start[start].i - 1
                    continue
                new = self._list_member(text, ms, start, taken, end=k)
                if new is None:
                    break
                self._take(found, taken, new)
                by_start[start] = new
                k = start - 1

    def _list_member(self, text, ms, i, taken, end: int | None = None) -> OrgMention | None:
        if i >= len(ms) or taken[i]:
            return None
        m = ms[i]
        if not (m.oov or m.tag == "SL" or (m.tag == "NNP" and end is None)) or not self._is_name_start(ms, i, False):
            return None
        j = end if end is not None else self._name_run(text, ms, i)
        if any(taken[i:j]) or any(ms[k].tag not in NAME_TAGS | {"NNG", "SN", "SW"} for k in range(i, j)):
            return None
        name = text[m.start:ms[j - 1].end]
        if len(name) < 2 or self.lexicon.is_non_organization(name) or self.ctx.is_common_term(name):
            return None
        return OrgMention(i, j, m.start, ms[j - 1].end, name, name, "company", "context:list")

    def _after_descriptor(self, ms, k: int) -> int:
        """Skip '물류 기업' before a list member: nouns ending in an organisation type noun."""
        for q in range(k, min(len(ms), k + 5)):
            if ms[q].tag != "NNG":
                break
            if ms[q].form in self.ctx.type_nouns:
                return q + 1
        return k

    # -- elided names -------------------------------------------------------
    def _elided(self, text, ms, found, taken) -> None:
        """'상업·한일은행', '국민·주택은행 합병': the first name shares the second's suffix."""
        for mention in list(found):
            suffix = next((s for s in self.ctx.elision_suffixes if mention.name.endswith(s)
                           and len(mention.name) > len(s)), None)
            k = mention.i - 1
            if suffix is None or k < 1 or ms[k].form not in ("·", "ㆍ", "•", ",") or not _glued(ms, mention.i):
                continue
            start = k - 1
            while start > 0 and _glued(ms, start) and ms[start - 1].tag in NOMINAL:
                start -= 1
            if any(taken[start:k]) or any(ms[q].tag not in NOMINAL for q in range(start, k)):
                continue
            if start > 0 and _glued(ms, start):
                continue
            name = text[ms[start].start:ms[k - 1].end]
            full = name + suffix
            known = self.lexicon.lookup(full)
            canonical = known.canonical if known else full
            self._take(found, taken, OrgMention(start, k, ms[start].start, ms[k - 1].end, name, canonical,
                                                known.type if known else mention.type, "context:elided"))
