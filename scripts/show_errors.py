"""Development aid: each pair error of `alliances eval --errors` with the sentence it is about.
    .venv/bin/alliances eval corpus --errors | .venv/bin/python scripts/show_errors.py corpus
"""
import json
import re
import sys
from pathlib import Path

folder = Path(sys.argv[1])
for line in sys.stdin:
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 3 or parts[1] not in ("pair FN", "relation", "direction", "amount", "pair FP",
                                          "pair FP (forbidden)"):
        continue
    article, kind, pair = parts[0], parts[1], eval(parts[2])
    gold = json.loads((folder / (article.rsplit(".", 1)[0] + ".gold.json")).read_text(encoding="utf-8"))
    names = {o["name"]: [o["name"], *o.get("aliases", [])] for o in gold["organizations"]}
    raw = (folder / article).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp949")
    sentences = re.split(r"(?<=[.!?])\s+|\n", text)
    hits = [s for s in sentences if all(any(a in s for a in names.get(p, [p])) for p in pair)]
    print(article[:4], kind, pair, *parts[3:], "||", hits[0][:170] if hits else "??")
