"""Organisation mentions in a sentence of morphemes.

Two sources: the lexicon (known names and aliases, matched over runs of nominal
morphemes so boundaries always fall between morphemes), and context rules for
names never seen before — apposition (반도체 기업인 크네론), a company suffix
(창룽호텔), a corporate mark (㈜한빛), a country before an unknown proper noun
(대만 하이맥스), and an unknown proper noun in a partner slot (X와 손잡고).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from .lexicon import load_lexicon as get_lexicon
from .settings import config_path
from .tokenizer import Morph

NOMINAL = frozenset({"NNP", "NNG", "SL", "SH", "SN", "NR"})
NAME_TAGS = frozenset({"NNP", "SL", "SH"})
NAME_JOINERS = frozenset({"&", "-", ".", "+"})
MAX_NAME_MORPHS = 6


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
        self.suffixes = tuple(sorted(data["suffixes"], key=len, reverse=True))
        self.suffix_set = frozenset(data["suffixes"])
        self.max_suffix_len = max(map(len, self.suffix_set))
        self.strict_suffixes = frozenset(data["strict_suffixes"])
        self.spaced_suffixes = frozenset(data["spaced_suffixes"])
        self.corporate_marks = tuple(data["corporate_marks"])
        self.person_titles = frozenset(data["person_titles"])
        self.group_tail_nouns = frozenset(data["group_tail_nouns"])
        self.common_terms = frozenset(t.lower() for t in data["common_terms"])

    def is_common_term(self, surface: str) -> bool:
        return surface.lower() in self.common_terms


@lru_cache(maxsize=None)
def get_org_context() -> OrgContext:
    return OrgContext(yaml.safe_load(config_path("org_context.yaml").read_text(encoding="utf-8")))


def _glued(ms: tuple[Morph, ...], k: int) -> bool:
    """Morpheme k follows k-1 with no space between them."""
    return k > 0 and ms[k - 1].end >= ms[k].start


def _key(surface: str) -> str:
    return "".join(surface.split()).lower()


class OrganizationFinder:
    def __init__(self):
        self.lexicon = get_lexicon()
        self.ctx = get_org_context()
        # Every prefix of every known surface (organisation or look-alike), so that the
        # search for the longest match stops at the first morpheme no name continues with.
        surfaces = [s for s, _ in self.lexicon.iter_surfaces()]
        surfaces += [s for non in self.lexicon.non_organizations for s in non.surfaces]
        self.prefixes = frozenset(k[:n] for k in map(_key, surfaces) for n in range(1, len(k) + 1))

    # -- public -------------------------------------------------------------
    def find(self, text: str, ms: tuple[Morph, ...], trigger_forms: frozenset[str] = frozenset()) -> list[OrgMention]:
        found: list[OrgMention] = []
        taken = [False] * len(ms)
        n = len(ms)
        i = 0
        while i < n:
            mention = self._at(text, ms, i, trigger_forms)
            if mention is not None and not any(taken[mention.i:mention.j]):
                found.append(mention)
                for k in range(mention.i, mention.j):
                    taken[k] = True
                i = mention.j
            else:
                i += 1
        self._propagate_lists(text, ms, found, taken)
        found.sort(key=lambda m: m.i)
        return found

    # -- one position -------------------------------------------------------
    def _at(self, text, ms, i, trigger_forms) -> OrgMention | None:
        m = ms[i]
        if m.tag not in NOMINAL and m.tag != "SW":
            return None
        if _glued(ms, i) and ms[i - 1].tag in NOMINAL and ms[i - 1].tag != "SN" and m.tag != "SL":
            return None  # inside a longer word
        hit = self._lexicon_match(text, ms, i)
        if hit is not None:
            j, entry = hit
            j, name_end = self._extend_glued(ms, j)
            name = text[m.start:name_end]
            if j > hit[0]:  # 알리바바 + 그룹 → 알리바바그룹; keep the base's canonical only if the lexicon knows the whole
                whole = self.lexicon.lookup(name)
                if whole is None and self.lexicon.is_non_organization(name):
                    return None
                canonical = whole.canonical if whole else name
                etype = (whole or entry).type
            else:
                canonical, etype = entry.canonical, entry.type
            if entry.needs_context and j == hit[0] and not self._has_org_context(text, ms, i, j, trigger_forms):
                return None
            return OrgMention(i, j, m.start, name_end, name, canonical, etype, "lexicon")
        return self._unseen(text, ms, i, trigger_forms)

    def _lexicon_match(self, text, ms, i):
        """Longest run of nominal morphemes starting at i that the lexicon knows:
        (end, entry); None when nothing matches or a longer non-organisation does
        (카카오 아이 is a product, not 카카오)."""
        best = None
        best_non = 0
        n = len(ms)
        for j in range(i + 1, min(n, i + MAX_NAME_MORPHS) + 1):
            last = ms[j - 1]
            if last.tag not in NOMINAL and not (last.tag == "SW" and last.form in NAME_JOINERS) and last.tag != "XSN":
                break
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
        if best is None or best_non > best[0]:
            return None
        j = best[0]
        if j < n and _glued(ms, j) and ms[j].tag in ("NNP",) and ms[j].form not in self.ctx.suffix_set:
            return None  # the match is the start of a longer unknown name
        return best

    def _extend_glued(self, ms, j):
        """Take glued company suffixes after a match: 알리바바그룹, 현대차그룹."""
        end = ms[j - 1].end
        while j < len(ms) and _glued(ms, j) and ms[j].form in self.ctx.suffix_set and ms[j].tag in ("NNG", "NNP", "SL"):
            end = ms[j].end
            j += 1
        return j, end

    # -- context ------------------------------------------------------------
    def _has_org_context(self, text, ms, i, j, trigger_forms) -> bool:
        """An ambiguous lexicon name (also an ordinary word) counts only in an organisation context."""
        if ms[i].tag == "NNP" and (j - i) == 1:
            return True
        if self._apposition_before(ms, i) or self._mark_around(text, ms, i, j):
            return True
        return self._partner_slot(ms, j, trigger_forms)

    def _apposition_before(self, ms, i) -> bool:
        """'… 기업(인) [quote] NAME' — the morphemes right before i name an organisation type."""
        k = i - 1
        if k >= 0 and ms[k].tag in ("SSO",) or (k >= 0 and ms[k].form in ("'", '"', "‘", "“", "「")):
            k -= 1
        if k >= 1 and ms[k].tag == "ETM" and ms[k - 1].tag == "VCP":
            k -= 2
        if k < 0:
            return False
        form = ms[k].form
        return ms[k].tag == "NNG" and (form in self.ctx.type_nouns or form.endswith(("기업", "회사", "업체")))

    def _non_org_apposition_before(self, ms, i) -> bool:
        k = i - 1
        if k >= 0 and (ms[k].tag == "SSO" or ms[k].form in ("'", '"', "‘", "“", "「")):
            k -= 1
        if k >= 1 and ms[k].tag == "ETM" and ms[k - 1].tag == "VCP":
            k -= 2
        return k >= 0 and ms[k].form in self.ctx.non_org_type_nouns

    def _mark_around(self, text, ms, i, j) -> bool:
        before = text[max(0, ms[i].start - 4):ms[i].start]
        after = text[ms[j - 1].end:ms[j - 1].end + 4]
        return any(before.rstrip().endswith(mark) or after.startswith(mark) for mark in self.ctx.corporate_marks)

    def _partner_slot(self, ms, j, trigger_forms) -> bool:
        """NAME와/과/에 followed closely by a relation trigger: 'X와 손잡고', 'X에 투자'."""
        if j >= len(ms) or not ms[j].tag.startswith("J"):
            return False
        if ms[j].form not in ("와", "과", "에", "에게", "로부터", "으로부터", "를", "을"):
            return False
        for k in range(j + 1, min(len(ms), j + 9)):
            if ms[k].form in trigger_forms:
                return True
            if ms[k].tag in ("EC", "EF", "SF"):
                break
        return False

    def _followed_by_person_title(self, ms, j) -> bool:
        return j < len(ms) and ms[j].form in self.ctx.person_titles

    # -- names never seen ---------------------------------------------------
    def _name_run(self, text, ms, i) -> int:
        """End (exclusive) of a proper-name run starting at i: glued proper nouns, foreign
        words, unknown words and nouns, and a spaced company suffix (디파이 테크)."""
        n = len(ms)
        j = i + 1
        while j < n and j - i < MAX_NAME_MORPHS:
            m = ms[j]
            if _glued(ms, j):
                if m.tag in NAME_TAGS or m.tag in ("NNG", "SN") or (m.tag == "SW" and m.form in NAME_JOINERS):
                    j += 1
                    continue
                break
            # spaced: only a company suffix, or an English word after an English word
            if m.form in self.ctx.spaced_suffixes and m.tag in ("NNG", "NNP", "SL") or \
                    (m.tag == "SL" and ms[j - 1].tag == "SL" and not self.ctx.is_common_term(m.form)):
                j += 1
                continue
            break
        while j - 1 > i and ms[j - 1].tag == "SW":
            j -= 1
        return j

    def _unseen(self, text, ms, i, trigger_forms) -> OrgMention | None:
        m = ms[i]
        quoted = i > 0 and ms[i - 1].form in ("'", '"', "‘", "“", "「") and _glued(ms, i)
        if not (m.tag in NAME_TAGS or (m.tag == "NNG" and (quoted or m.oov))):
            return None
        if self.ctx.is_common_term(m.form) or self.lexicon.is_non_organization(m.form):
            return None
        if quoted:
            j = i
            while j < len(ms) and ms[j].form not in ("'", '"', "’", "”", "」") and j - i < MAX_NAME_MORPHS:
                j += 1
            if j >= len(ms) or j == i:
                return None
            quote_close = j
        else:
            j = self._name_run(text, ms, i)
            quote_close = None
        name = text[m.start:ms[j - 1].end]
        if self.lexicon.is_non_organization(name) or len(name) < 2 or self.ctx.is_common_term(name):
            return None
        if self._non_org_apposition_before(ms, i) or self._followed_by_person_title(ms, quote_close + 1 if quoted else j):
            return None
        source = None
        if self._apposition_before(ms, i):
            source = "context:apposition"
        elif self._mark_around(text, ms, i, j):
            source = "context:corporate_mark"
        elif self._has_suffix(ms, i, j, name):
            source = "context:suffix"
        elif self._country_before(ms, i) and ms[j - 1].tag in NAME_TAGS:
            source = "context:country"
        elif ms[i].tag in NAME_TAGS and self._partner_slot(ms, (quote_close + 1) if quoted else j, trigger_forms):
            source = "context:partner_slot"
        if source is None:
            return None
        return OrgMention(i, j, m.start, ms[j - 1].end, name, name, "company", source)

    def _has_suffix(self, ms, i, j, name) -> bool:
        """The name ends in a company suffix after a proper-noun head (창룽호텔, 디파이 테크)."""
        head_ok = ms[i].tag in ("NNP", "SH") or ms[i].oov or (ms[i].tag == "SL" and not self.ctx.is_common_term(ms[i].form))
        if not head_ok:
            return False
        for size in range(min(len(name) - 1, self.ctx.max_suffix_len), 0, -1):
            suffix = name[-size:]
            if suffix in self.ctx.suffix_set:
                head = name[:-size].rstrip()
                return len(head) >= (2 if suffix in self.ctx.strict_suffixes else 1)
        return False

    def _country_before(self, ms, i) -> bool:
        k = i - 1
        return k >= 0 and not _glued(ms, i) and self.lexicon.is_non_organization(ms[k].form) == "country"

    # -- lists --------------------------------------------------------------
    def _propagate_lists(self, text, ms, found, taken) -> None:
        """In 'X 기업인 A, B, C에 …' the apposition covers every list member; a member may
        bring its own descriptor ('전자상거래 기업 B')."""
        by_start = {f.i: f for f in found}
        for mention in list(found):
            if not mention.source.startswith("context:apposition"):
                continue
            k = mention.j
            while k + 1 < len(ms) and ms[k].form in (",", "·", "•", "ㆍ"):
                nxt = self._after_descriptor(ms, k + 1)
                if nxt in by_start:
                    k = by_start[nxt].j
                    continue
                m = ms[nxt] if nxt < len(ms) else None
                if m is None or taken[nxt] or not (m.tag in NAME_TAGS or m.oov) \
                        or self.ctx.is_common_term(m.form) or self.lexicon.is_non_organization(m.form):
                    break
                j = self._name_run(text, ms, nxt)
                name = text[m.start:ms[j - 1].end]
                if self.lexicon.is_non_organization(name) or any(taken[nxt:j]):
                    break
                new = OrgMention(nxt, j, m.start, ms[j - 1].end, name, name, "company", "context:apposition_list")
                found.append(new)
                by_start[nxt] = new
                for t in range(nxt, j):
                    taken[t] = True
                k = j

    def _after_descriptor(self, ms, k: int) -> int:
        """Skip '전자상거래 기업' before a list member: nouns ending in an organisation type noun."""
        for q in range(k, min(len(ms), k + 5)):
            if ms[q].tag != "NNG":
                break
            if ms[q].form in self.ctx.type_nouns:
                return q + 1
        return k
