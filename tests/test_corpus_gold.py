"""Checks that every gold file in corpus/ is well-formed and agrees with its article.

The gold format is the one the scorer reads (organizations with aliases, alliances with
pair/relation/directed/amount/date_text, optional and forbidden pairs, money, not_money).
These tests guard the annotation itself, not the pipeline: a wrong gold file would make every
figure computed on the corpus wrong.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
GOLD_FILES = sorted(CORPUS.glob("*.gold.json"))
ARTICLE_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in ARTICLE_SUFFIXES)

RELATIONS = {"partnership", "joint_development", "joint_venture", "investment", "acquisition", "merger", "supply"}
DIRECTED = {"investment", "acquisition", "supply"}
STATUSES = {"announced", "planned", "under_review", "rumored", "denied", "cancelled"}
CURRENCIES = {"KRW", "USD", "CNY", "JPY", "EUR", "GBP", "CZK"}
REQUIRED_KEYS = {"article", "organizations", "alliances", "optional", "forbidden", "money", "not_money"}

# ---------------------------------------------------------------- reading

BOM = b"\xef\xbb\xbf"


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding) — UTF-8 with or without BOM, else CP949."""
    if raw.startswith(BOM):
        return raw[len(BOM):].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp949"), "cp949"


@lru_cache(maxsize=None)
def load(gold_name: str) -> tuple[dict, str, str]:
    """(gold, article text with \\n line ends, encoding)."""
    gold = json.loads((CORPUS / gold_name).read_text(encoding="utf-8"))
    text, encoding = decode((CORPUS / gold["article"]).read_bytes())
    return gold, text.replace("\r\n", "\n"), encoding


def squash(s: str) -> str:
    """Case- and space-insensitive form, as the scorer compares names."""
    return "".join(s.split()).lower()


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def all_pairs(gold: dict):
    for section in ("alliances", "optional", "forbidden"):
        for row in gold.get(section, []):
            yield section, row


def relations_of(row: dict) -> list[str]:
    rel = row.get("relation")
    if rel is None:
        return []
    return rel if isinstance(rel, list) else [rel]


# ---------------------------------------------------------------- an independent money reader

BIG_UNITS = {"조": 10**12, "억": 10**8, "만": 10**4}
SMALL_UNITS = {"천": 1000, "백": 100, "십": 10}
CURRENCY_WORDS = {"원": "KRW", "달러": "USD", "위안": "CNY", "엔": "JPY", "유로": "EUR", "파운드": "GBP",
                  "코루나": "CZK"}
AMOUNT_TOKEN = re.compile(r"\d+(?:\.\d+)?|[조억만천백십]")
# A money mention as written in these articles: digits and Korean units, then a currency word.
MONEY_MENTION = re.compile(
    r"(?<![\d.,])\d[\d,.]*(?:\s?[조억만천백십]+(?:\d[\d,.]*)?)*\s?(?:원|달러|위안|엔(?![진지터])|유로|파운드|코루나)")


def parse_money(text: str) -> tuple[Decimal, str]:
    """Value and ISO currency of a money mention such as '2천500만달러' or '1조2천억원'."""
    compact = "".join(text.split()).replace(",", "")
    for word, code in CURRENCY_WORDS.items():
        if compact.endswith(word):
            number, currency = compact[: -len(word)], code
            break
    else:
        raise ValueError(f"no currency word in {text!r}")
    total = section = Decimal(0)
    pending: Decimal | None = None
    for tok in AMOUNT_TOKEN.findall(number):
        if tok in SMALL_UNITS:
            section += (pending if pending is not None else 1) * SMALL_UNITS[tok]
            pending = None
        elif tok in BIG_UNITS:
            block = section + (pending or 0)
            total += (block or 1) * BIG_UNITS[tok]
            section, pending = Decimal(0), None
        else:
            pending = Decimal(tok)
    if "".join(AMOUNT_TOKEN.findall(number)) != number:
        raise ValueError(f"unreadable amount {text!r}")
    return total + section + (pending or 0), currency


MONEY_READER_ROWS = [
    # (text, value, currency) — the forms the corpus uses, checked once here
    ("2천500만달러", 25_000_000, "USD"),
    ("1조2천억원", 1_200_000_000_000, "KRW"),
    ("4억5천만 달러", 450_000_000, "USD"),
    ("3.5조원", 3_500_000_000_000, "KRW"),
    ("1,000억 원", 100_000_000_000, "KRW"),
    ("2조2650억원", 2_265_000_000_000, "KRW"),
    ("500만 유로", 5_000_000, "EUR"),
    ("50억엔", 5_000_000_000, "JPY"),
    ("10억 위안", 1_000_000_000, "CNY"),
    ("1억5천만 파운드", 150_000_000, "GBP"),
    ("4,070억 코루나", 407_000_000_000, "CZK"),
    ("217억4천800만 원", 21_748_000_000, "KRW"),
    ("1천만달러", 10_000_000, "USD"),
]


@pytest.mark.parametrize("text,value,currency", MONEY_READER_ROWS)
def test_money_reader(text, value, currency):
    assert parse_money(text) == (Decimal(value), currency)


# ---------------------------------------------------------------- corpus layout

def test_every_article_has_gold_and_every_gold_an_article():
    articles = {p.name for p in ARTICLE_FILES}
    golds = {load(g.name)[0]["article"] for g in GOLD_FILES}
    assert articles == golds
    assert len(GOLD_FILES) == len(articles)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_named_after_its_article(gold_path):
    gold, _, _ = load(gold_path.name)
    assert gold_path.name == f"{stem(gold['article'])}.gold.json"
    assert (CORPUS / gold["article"]).is_file()


# ---------------------------------------------------------------- per-file checks

def check_shape(gold, text, encoding):
    problems = [f"missing key {k}" for k in REQUIRED_KEYS - gold.keys()]
    for org in gold.get("organizations", []):
        if not isinstance(org.get("name"), str) or not org["name"]:
            problems.append(f"organisation without a name: {org}")
        if not isinstance(org.get("aliases"), list) or not all(isinstance(a, str) for a in org["aliases"]):
            problems.append(f"aliases must be a list of strings: {org}")
    for section, row in all_pairs(gold):
        if not (isinstance(row.get("pair"), list) and len(row["pair"]) == 2):
            problems.append(f"{section}: pair must have two names: {row}")
        if section != "alliances" and not row.get("why"):
            problems.append(f"{section}: every row says why: {row}")
    return problems


ELIDED_JOINERS = "·ㆍ•・"


def written_elided(name: str, text: str) -> bool:
    """True when `name` occurs only as the first conjunct of an elided pair: 상업·한일은행 names 상업은행."""
    for cut in range(1, len(name)):
        head, tail = name[:cut], name[cut:]
        if re.search(re.escape(head) + f"[{ELIDED_JOINERS}]" + r"[^\s" + ELIDED_JOINERS + "]+?" + re.escape(tail),
                     text):
            return True
    return False


def check_organisations(gold, text, encoding):
    problems, owner = [], {}
    flat = squash(text)
    for org in gold["organizations"]:
        names = [org["name"], *org["aliases"]]
        for n in names:
            key = squash(n)
            if key in owner and owner[key] != org["name"]:
                problems.append(f"{n!r} names both {owner[key]!r} and {org['name']!r}")
            owner[key] = org["name"]
        if not any(squash(n) in flat for n in names) and not written_elided(org["name"], text):
            problems.append(f"organisation {org['name']!r} (or an alias) does not occur in the article")
    for n in gold.get("optional_organizations", []):
        if squash(n) in owner:
            problems.append(f"optional organisation {n!r} is also a listed organisation")
        if squash(n) not in flat:
            problems.append(f"optional organisation {n!r} does not occur in the article")
    return problems


def check_pair_names(gold, text, encoding):
    """Pairs use the organisations' primary names: the scorer checks direction against pair[0] as written."""
    primary = {o["name"] for o in gold["organizations"]}
    return [f"{section}: {n!r} is not a listed organisation name"
            for section, row in all_pairs(gold) for n in row["pair"] if n not in primary]


def check_alliances(gold, text, encoding):
    problems = []
    money = Counter((m["currency"], Decimal(str(m["value"]))) for m in gold["money"])
    for row in gold["alliances"]:
        rels = relations_of(row)
        if not rels or not set(rels) <= RELATIONS:
            problems.append(f"bad relation {row.get('relation')!r} in {row['pair']}")
        if bool(row.get("directed")) != any(r in DIRECTED for r in rels):
            problems.append(f"directed must be true exactly for investment/acquisition/supply: {row['pair']}")
        if row.get("status") not in STATUSES:
            problems.append(f"bad status {row.get('status')!r} in {row['pair']}")
        if row["pair"][0] == row["pair"][1]:
            problems.append(f"gold pair with itself: {row['pair']}")
        date = row.get("date_text")
        if date is not None and date not in text:
            problems.append(f"date_text {date!r} does not occur in the article")
        amount = row.get("amount")
        if amount:
            if (amount["currency"], Decimal(str(amount["value"]))) not in money:
                problems.append(f"amount {amount} of {row['pair']} is not a money row")
            krw = amount.get("krw_equivalent")
            if krw is not None and ("KRW", Decimal(str(krw))) not in money:
                problems.append(f"krw_equivalent {krw} of {row['pair']} is not a money row")
    return problems


def check_pair_sets(gold, text, encoding):
    problems = []
    gold_pairs = [frozenset(r["pair"]) for r in gold["alliances"]]
    optional = [frozenset(r["pair"]) for r in gold["optional"]]
    forbidden = [frozenset(r["pair"]) for r in gold["forbidden"]]
    for name, pairs in (("alliances", gold_pairs), ("optional", optional), ("forbidden", forbidden)):
        for pair, n in Counter(pairs).items():
            if n > 1:
                problems.append(f"{name}: pair {sorted(pair)} listed {n} times")
    problems += [f"pair {sorted(p)} is both gold and forbidden" for p in set(gold_pairs) & set(forbidden)]
    problems += [f"pair {sorted(p)} is both gold and optional" for p in set(gold_pairs) & set(optional)]
    problems += [f"pair {sorted(p)} is both optional and forbidden" for p in set(optional) & set(forbidden)]
    for row in gold["optional"]:
        if row["pair"][0] == row["pair"][1]:
            problems.append(f"optional pair with itself: {row['pair']}")
        if not set(relations_of(row)) <= RELATIONS:
            problems.append(f"optional: bad relation {row.get('relation')!r}")
    for row in gold["forbidden"]:
        allowed = row.get("allowed_if_status", [])
        if not set(allowed) <= STATUSES:
            problems.append(f"forbidden: bad allowed_if_status {allowed}")
        a, b = row["pair"]
        if a == b:
            if "duplicate" not in row["why"]:
                problems.append(f"a self-pair is only for duplicated names: {row}")
            if text.count(a) < 2:
                problems.append(f"{a!r} is not written twice in the article")
    return problems


def check_money(gold, text, encoding):
    problems = []
    for m in gold["money"]:
        if m["currency"] not in CURRENCIES:
            problems.append(f"unknown currency {m['currency']}")
        if not isinstance(m["value"], int):
            problems.append(f"value of {m['text']!r} should be an exact integer")
        try:
            value, currency = parse_money(m["text"])
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if (value, currency) != (Decimal(m["value"]), m["currency"]):
            problems.append(f"{m['text']!r} reads as {value} {currency}, gold says {m['value']} {m['currency']}")
    written = Counter(match.group(0) for match in MONEY_MENTION.finditer(text))
    listed = Counter(m["text"] for m in gold["money"])
    if written != listed:
        problems.append(f"money mentions in the article {dict(written)} differ from the money rows {dict(listed)}")
    return problems


def check_not_money(gold, text, encoding):
    problems = []
    money_texts = {m["text"] for m in gold["money"]}
    for s in gold["not_money"]:
        if s not in text:
            problems.append(f"not_money {s!r} does not occur in the article")
        if s in money_texts or MONEY_MENTION.fullmatch(s):
            problems.append(f"not_money {s!r} looks like money")
    return problems


def check_sidebar_rows(gold, text, encoding):
    is_html = gold["article"].endswith((".html", ".htm"))
    rows = [r for r in gold["forbidden"] if "sidebar" in r["why"]]
    if rows and not is_html:
        return ["only an HTML page has a sidebar"]
    if is_html and not rows:
        return ["an HTML page should list its sidebar pairs as forbidden"]
    return []


CHECKS = [check_shape, check_organisations, check_pair_names, check_alliances, check_pair_sets,
          check_money, check_not_money, check_sidebar_rows]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold(gold_path, check):
    gold, text, encoding = load(gold_path.name)
    assert check(gold, text, encoding) == []


# ---------------------------------------------------------------- what the corpus as a whole must cover

def corpus():
    return [load(g.name) for g in GOLD_FILES]


def count_relation(rel):
    return sum(rel in relations_of(r) for g, _, _ in corpus() for r in g["alliances"])


def count_forbidden(word):
    return sum(word in r["why"] for g, _, _ in corpus() for r in g["forbidden"])


def raw_bytes():
    return {g["article"]: (CORPUS / g["article"]).read_bytes() for g, _, _ in corpus()}


COVERAGE = [
    # (requirement, predicate over the corpus)
    ("at least 32 articles", lambda: len(GOLD_FILES) >= 32),
    *[(f"relation {rel} at least 4 times", lambda rel=rel: count_relation(rel) >= 4) for rel in sorted(RELATIONS)],
    *[(f"status {s} on gold alliances",
       lambda s=s: any(r.get("status") == s for g, _, _ in corpus() for r in g["alliances"]))
      for s in ("announced", "planned", "under_review", "rumored")],
    *[(f"forbidden pairs excused only when {s}",
       lambda s=s: sum(s in r.get("allowed_if_status", []) for g, _, _ in corpus() for r in g["forbidden"]) >= 3)
      for s in ("denied", "cancelled")],
    *[(f"money in {c}", lambda c=c: any(m["currency"] == c for g, _, _ in corpus() for m in g["money"]))
      for c in ("KRW", "USD", "CNY", "JPY", "EUR", "GBP")],
    *[(f"a deal amount in {c}",
       lambda c=c: any((r.get("amount") or {}).get("currency") == c for g, _, _ in corpus() for r in g["alliances"]))
      for c in ("KRW", "USD", "CNY", "JPY", "EUR", "GBP")],
    ("KRW equivalents kept with deal amounts",
     lambda: sum("krw_equivalent" in (r.get("amount") or {}) for g, _, _ in corpus() for r in g["alliances"]) >= 5),
    ("a CP949 file that is not valid UTF-8", lambda: any(enc == "cp949" for _, _, enc in corpus())),
    ("a UTF-8 file with BOM", lambda: any(enc == "utf-8-sig" for _, _, enc in corpus())),
    ("a file with CRLF line ends", lambda: any(b"\r\n" in b for b in raw_bytes().values())),
    ("two HTML pages with published time",
     lambda: sum(b'property="article:published_time"' in b for b in raw_bytes().values()) >= 2),
    ("a text file with page chrome lines",
     lambda: any(a.endswith(".txt") and "\n본문 바로가기\n" in "\n" + t and "\n반응형\n" in t
                 for g, t, _ in corpus() for a in [g["article"]])),
    *[(f"forbidden trap '{w}' at least twice", lambda w=w: count_forbidden(w) >= 2)
      for w in ("competitor", "clause boundary", "respectively", "co-listing", "location", "duplicated",
                "sidebar", "co-investors", "parent", "two separate pairs", "coordinated")],
    ("optional organisations used where unsure",
     lambda: sum(len(g.get("optional_organizations", [])) for g, _, _ in corpus()) >= 5),
]


@pytest.mark.parametrize("requirement,holds", COVERAGE, ids=[c[0] for c in COVERAGE])
def test_corpus_covers(requirement, holds):
    assert holds(), requirement
