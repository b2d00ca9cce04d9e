#!/usr/bin/env python3
"""Generate configs/organizations/krx.jsonl from the KRX listing gazetteer.

    python scripts/build_krx_lexicon.py ../shared/gazetteer/krx_listed_companies_2026-03-22.csv

One line per listed company (preferred shares and other non-company rows skipped):
{"canonical": Korean listing name, "aliases": cleaned English names, "type": "company", "country": "KR",
 "market", "code", "needs_context", "context_reason"?}. `needs_context` is decided by Kiwi: a name that is
one character, a dictionary word (대상/NNG, 레몬/NNG) or a run of ordinary words (미래/NNG + 산업/NNG)
needs context before it counts as an organisation; so does a two-character Latin name (DB, CS).
Corrections (full names such as 현대자동차 for the listing name 현대차, overrides of the automatic
decision) belong in curated.jsonl, which absorbs the
generated entry it names (see pipeline/lexicon.py).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_user_dictionary import new_kiwi, ordinary_word_reasons  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "configs" / "organizations" / "krx.jsonl"

# Trailing legal-form designators of the English names ("Co., Ltd.", "Inc.", "Corporation" …).
_LEGAL_FORM = re.compile(
    r"[\s,.]*\b(?:co|corp|corporation|inc|incorporated|ltd|limited|company|plc|llc)\b\.?[\s,.]*$",
    re.IGNORECASE,
)
# Share-class markers in English short names: "BYC(1P)", "CJ(4PC)".
_SHARE_CLASS = re.compile(r"\(\d*P[A-Z]*\)\s*$")
# A company that listed by merging into a SPAC can keep the SPAC's English name: not its name.
_SPAC_NAME = re.compile(r"special\s+purpose\s+acquisition|\bSPAC\b", re.IGNORECASE)
_SPAC_LISTING = re.compile(r"스팩")
# Latin-only names of one or two characters (DB, CS, LF) are also everyday acronyms.
_SHORT_ACRONYM = re.compile(r"[A-Za-z0-9]{1,2}")


def clean_english_name(name: str) -> str:
    """'LG Electronics Inc.' → 'LG Electronics'; 'HMM Co.,Ltd' → 'HMM'. Holdings/Group are kept."""
    name = " ".join(name.split())
    while True:
        stripped = _LEGAL_FORM.sub("", name).strip(" ,.")
        if stripped == name or not stripped:
            return name.strip(" ,") if not stripped else stripped
        name = stripped


def _key(s: str) -> str:
    return "".join(s.split()).lower()


def english_aliases(short: str, long: str, canonical: str) -> list[str]:
    """Useful English names: the cleaned long name, and the short name unless it is a squashed or truncated
    form of the long one (SamsungElec, KYOBOSECURITIES) or a share-class label."""
    out: list[str] = []
    seen = {_key(canonical)}
    if not _SPAC_LISTING.search(canonical):
        short = "" if short and _SPAC_NAME.search(short) else short
        long = "" if long and _SPAC_NAME.search(long) else long
    long_clean = clean_english_name(long) if long else ""
    if long_clean and _key(long_clean) not in seen:
        out.append(long_clean)
        seen.add(_key(long_clean))
    short = " ".join(short.split()) if short else ""
    if short and not _SHARE_CLASS.search(short):
        short_clean = clean_english_name(short)
        k = _key(short_clean)
        squashed = bool(long_clean) and _key(long_clean).startswith(k) and not (
            long_clean.lower().startswith(short_clean.lower() + " "))
        if k and k not in seen and not squashed:
            out.append(short_clean)
            seen.add(k)
    return out


def read_rows(csv_path: Path) -> list[dict]:
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("is_preferred_or_other", "0").strip() != "1"]
    return sorted(rows, key=lambda r: (r["name_ko"], r["code"]))


def build_records(rows: list[dict], kiwi=None) -> list[dict]:
    kiwi = kiwi or new_kiwi()
    names = [" ".join(r["name_ko"].split()) for r in rows]
    reasons = ordinary_word_reasons(kiwi, names)
    records = []
    for r, name in zip(rows, names, strict=True):
        reason = reasons[name]
        if reason is None and _SHORT_ACRONYM.fullmatch(name):
            reason = "two-character Latin acronym"
        rec = {
            "canonical": name,
            "aliases": english_aliases(r.get("name_en_short", ""), r.get("name_en_long", ""), name),
            "type": "company",
            "country": "KR",
            "market": r["market"].strip(),
            "code": r["code"].strip(),
            "needs_context": reason is not None,
        }
        if reason:
            rec["context_reason"] = reason
        records.append(rec)
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gazetteer_csv", type=Path)
    ap.add_argument("--out", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    records = build_records(read_rows(args.gazetteer_csv))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    flagged = sum(r["needs_context"] for r in records)
    print(f"wrote {args.out}: {len(records)} companies, {flagged} need context", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
