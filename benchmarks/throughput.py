"""draft"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SENTENCE_FILES = (".ko",)                 # one sentence per line
_SENTENCE_END = re.compile(r"(?<=[다요까.!?…\"'”’])\s+(?=\S)")


def corpus_sentences(paths) -> tuple[list[str], list[str]]:
    """(sentences of *.ko files, line by line; sentences of articles in any format the
    pipeline reads, split at line breaks and sentence ends)."""
    from pipeline.ingest import SourceDocument, iter_documents

    sentences: list[str] = []
    from_articles: list[str] = []
    article_paths = []
    for root in map(Path, paths):
        files = sorted(root.rglob("*.ko")) if root.is_dir() else [root] if root.suffix == ".ko" else []
        for f in files:
            sentences += [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        article_paths.append(root)
    for item in iter_documents(article_paths):
        if isinstance(item, SourceDocument):
            for line in item.text.splitlines():
                from_articles += [s for s in _SENTENCE_END.split(line.strip()) if len(s) >= 8]
    return sentences, from_articles


def synthesize(paths, articles: int, folder: Path, seed: int = 0) -> list[Path]:
    """`articles` .txt files of 15–25 sentences drawn from the inputs' sentences: a
    headline, a blank line, then paragraphs of 1–4 sentences (one per line)."""
    pools = [pool for pool in corpus_sentences(paths) if pool]
    if not pools:
        raise SystemExit("no sentences found in the corpus paths")
    rng = random.Random(seed)
    written = []
    for k in range(articles):
        body = [rng.choice(rng.choice(pools)) for _ in range(rng.randint(15, 25))]
        lines, i = [body[0].rstrip(".") , ""], 1
        while i < len(body):
            n = rng.randint(1, 4)
            lines.append("\n".join(body[i:i + n]))
            lines.append("")
            i += n
        sub = folder / f"{k // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{k:06d}.txt"
        path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    synthesize(sys.argv[1:-2], int(sys.argv[-2]), Path(sys.argv[-1]))
