"""Memory of a run's main process over many articles, without Kiwi.

    python benchmarks/main_memory.py 100000 [--db sqlite:///big.db] [--workers 2]

`runner.run` over N small files (made once in a temporary folder) with a stand-in engine that
returns, for each file, one of corpus/'s prepared results under the file's path and a SHA-256 of
its own: discovery, the pool's chunks, the writer, the summary and the JSON Lines file are the
real ones; only the extraction is skipped. Prints the main process's RSS at 1,000, 10,000,
30,000, 50,000 and N articles. (The workers' memory is measured by throughput.py: Kiwi, the rules
and one chunk.) With a database, the events of corpus/'s few dozen deals grow with N, as they
would with any corpus that repeats the same deals.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import multiprocessing
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MARKS = (1_000, 10_000, 30_000, 50_000)


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_files(folder: Path, count: int) -> None:
    for number in range(count):
        sub = folder / f"{number // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{number:07d}.txt").write_text(f"{number}\n", encoding="utf-8")


def corpus_results() -> list:
    """corpus/'s articles as prepared results (rows and JSON lines)."""
    from pipeline.extract.core import process_documents
    from pipeline.ingest import SourceDocument, iter_documents
    from pipeline.sinks.database import prepare_result

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    documents = [d for d in iter_documents([corpus]) if isinstance(d, SourceDocument)]
    return [prepare_result(r) for r in process_documents(documents)]


def stand_in_engine(templates):
    def run_chunks(chunks, job, **_options):
        from pipeline.run.engines import FileRead

        def items():
            done = 0
            for chunk in chunks:
                batch = []
                for path in chunk:
                    template = templates[done % len(templates)]
                    done += 1
                    sha = hashlib.sha256(path.encode()).hexdigest()
                    batch += [FileRead(path), dataclasses.replace(template, article=path, sha256=sha)]
                yield batch
        return items()
    return run_chunks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("--db", help="database URL (default: none, JSON Lines only)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    from pipeline.run import engines, runner

    # made in a child process: Kiwi's model is not this process's memory
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        templates = pool.submit(corpus_results).result()
    engines.run_chunks = stand_in_engine(templates)
    marks = sorted({*(m for m in MARKS if m < args.articles), args.articles})
    done = 0

    def progress(files: int) -> None:
        nonlocal done
        before, done = done, done + files
        for mark in marks:
            if before < mark <= done:
                print(f"{mark:>9,} articles: main process RSS {rss_mb():.1f} MB", flush=True)

    with tempfile.TemporaryDirectory(prefix="alliances-memory-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_files(folder, args.articles)
        runner.run([str(folder)], db_url=args.db, out=Path(tmp) / "out.jsonl", workers=args.workers,
                   progress=progress)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
