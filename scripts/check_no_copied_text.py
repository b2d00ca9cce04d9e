"""Development check: no sentence or phrase of the publishers' articles in the repository.

    .venv/bin/python scripts/check_no_copied_text.py ../shared/realnews/articles ../shared/seed [--chars 14]

Every run of `--chars` characters (spaces ignored) of the reference texts is looked for in
the repository's code, configs, tests, corpus and docs; a hit prints the file, the line and
the shared run. Organisation names shorter than the window never match; longer ones (a long
legal name) are listed so a person can check that only the name is shared.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCANNED = ("pipeline", "configs", "tests", "corpus", "docs", "scripts", "benchmarks", "README.md")
SUFFIXES = {".py", ".yaml", ".yml", ".jsonl", ".json", ".txt", ".md", ".html", ".tsv"}


def _compact(text: str) -> str:
    return "".join(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("references", nargs="+", type=Path)
    parser.add_argument("--chars", type=int, default=14)
    args = parser.parse_args(argv)
    n = args.chars
    windows: set[str] = set()
    for root in args.references:
        for path in sorted(root.rglob("*.txt")) if root.is_dir() else [root]:
            text = _compact(path.read_text(encoding="utf-8", errors="replace"))
            windows.update(text[k:k + n] for k in range(len(text) - n + 1))
    hits = 0
    for entry in SCANNED:
        base = REPO / entry
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in SUFFIXES)
        for path in files:
            if path.name == "krx.jsonl":   # the listed companies: facts, not text
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                compact = _compact(line)
                shared = next((compact[k:k + n] for k in range(len(compact) - n + 1) if compact[k:k + n] in windows),
                              None)
                if shared:
                    hits += 1
                    print(f"{path.relative_to(REPO)}:{number}: {shared}")
    print(f"{hits} lines share a run of {n} characters with the references")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
