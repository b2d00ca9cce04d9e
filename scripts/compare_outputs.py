"""Differential check: the records of two `alliances extract --out` files, article by article.

    python scripts/compare_outputs.py BEFORE.jsonl AFTER.jsonl [--ignore source] [--show 5]

Articles are matched by SHA-256. For each kind of record (organizations, amounts,
vague_amounts, alliances) it counts records kept, lost and new; `--ignore FIELD` drops a
field from every record before comparing (e.g. an organisation's `source` label when only
provenance names changed). Exit status 1 when anything differs.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

KINDS = ("organizations", "amounts", "vague_amounts", "alliances")


def _load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {r["sha256"]: r for r in map(json.loads, fh) if "sha256" in r and "text" in r}


def _canon(record: dict, ignore: set[str]) -> str:
    return json.dumps({k: v for k, v in record.items() if k not in ignore}, ensure_ascii=False, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--ignore", action="append", default=[], metavar="FIELD")
    parser.add_argument("--show", type=int, default=5, help="examples of differences to print per kind")
    args = parser.parse_args(argv)
    before, after = _load(args.before), _load(args.after)
    ignore = set(args.ignore)
    different = False
    print(f"articles: {len(before)} before, {len(after)} after, {len(before.keys() & after.keys())} in both")
    if before.keys() != after.keys():
        different = True
    for kind in KINDS:
        kept = lost = new = 0
        examples = []
        for sha in sorted(before.keys() & after.keys()):
            old = Counter(_canon(r, ignore) for r in before[sha].get(kind, []))
            cur = Counter(_canon(r, ignore) for r in after[sha].get(kind, []))
            kept += sum((old & cur).values())
            gone, came = old - cur, cur - old
            lost += sum(gone.values())
            new += sum(came.values())
            for record in list(gone)[:1] + list(came)[:1]:
                if len(examples) < args.show:
                    examples.append(("-" if record in gone else "+", before[sha]["article"], record))
        different |= bool(lost or new)
        print(f"{kind:14} kept {kept:6}  lost {lost:5}  new {new:5}")
        for sign, article, record in examples:
            print(f"   {sign} {article}: {record[:300]}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
