"""Development aid: each pair error of `alliances eval --errors --json` with the sentence it is about.
    .venv/bin/alliances eval corpus --errors --json | .venv/bin/python scripts/show_errors.py corpus
"""
import json
import re
import sys
from pathlib import Path

PAIR_ERRORS = ("pair FN", "relation", "direction", "amount", "pair FP", "pair FP (forbidden)")

folder = Path(sys.argv[1])
for error in json.load(sys.stdin).get("errors", []):
    if error["error"] not in PAIR_ERRORS:
        continue
    article, kind, pair = error["article"], error["error"], error["what"].split(" · ")
    gold = json.loads((folder / (article.rsplit(".", 1)[0] + ".gold.json")).read_text(encoding="utf-8"))
    names = {o["name"]: [o["name"], *o.get("aliases", [])] for o in gold["organizations"]}
    raw = (folder / article).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp949")
    sentences = re.split(r"(?<=[.!?])\s+|\n", text)
    hits = [s for s in sentences if all(any(a in s for a in names.get(p, [p])) for p in pair)]
    details = [error[k] for k in ("found", "expected") if error[k]]
    print(article[:4], kind, pair, *details, "||", hits[0][:170] if hits else "??")
