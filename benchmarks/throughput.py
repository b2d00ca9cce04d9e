"""Throughput of the pipeline against Kiwi alone, at 1 and N workers, with peak memory.

    python benchmarks/throughput.py corpus ../shared/corpora --synthesize 1000,10000 --workers 1,2

For every corpus (the paths as given, or synthetic corpora of N articles built from
their sentences) and every worker count, each in a fresh process:

  kiwi     Kiwi alone: the pipeline's Kiwi (`get_kiwi`: same model, user dictionary and
           thread count), the same `analysis_text` masking and the same calls
           (`tokenizer.tokenize_many`), on the files read by the pipeline's reader;
           N processes with a Kiwi each
  full     the whole pipeline, files → records (`engines.run_chunks`), no sink
  sqlite   the real `runner.run` into a new SQLite database (records written in batches)
  postgresql  the same into a PostgreSQL database (--pg-url; its tables are dropped first), whose
           server's CPU counts with the run's
  alliances  the alliances-only mode (--alliances-only), files → records, no sink

and prints articles/s, MB/s (UTF-8 of the decoded texts), characters/s, the whole process's
wall time (`process s`: Python start, imports, model loading and all; the issue's measure), the ratios
full / Kiwi-only at the same worker count (N pipeline workers against N Kiwi-only
processes), the speed-up of N workers over 1, steady CPU seconds per MB (all processes)
and peak RSS of a worker process (at 1 worker: the process itself) and of the main process.

A run of N workers is given N cores (sched_setaffinity; --no-pin gives every run all
cores), so "1 worker" measures one core and the speed-up measures scaling. Kiwi's
threads per process follow `run.kiwi_threads` (auto: 0 with one core per process, else
the cores per process). Throughput is steady-state: from the result that completes
every worker's first chunk to the last one, so process start and model loading
(`start s`) do not count. The machine's other load is measured during every run and a
run is repeated (after a pause) while it exceeds --max-other-load cores; with --repeat R
every measurement runs R times (interleaved) and the median run is kept (--stat best: the
best); ratios are taken between the kept runs of one invocation.

Synthetic articles (--synthesize) are headline + 15–25 sentences in paragraphs of 1–4
lines, drawn with a fixed seed half from *.ko files (one sentence per line) and half
from the articles' own sentences. Without --synthesize the articles are measured as they
are, and *.ko files become articles of 15–25 consecutive sentences. This is a benchmark run by hand (or in CI with paths
as arguments), never a timed test.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

VARIANTS = ("kiwi", "full", "sqlite", "postgresql", "alliances")
_SENTENCE_END = re.compile(r"(?<=[다요까.!?…\"'”’」])\s+(?=\S)")


# --- corpora -----------------------------------------------------------------------

def corpus_sentences(paths) -> tuple[list[str], list[str]]:
    """(sentences of *.ko files, one per line; sentences of the articles the pipeline
    reads under `paths`, split at line breaks and sentence ends)."""
    from pipeline.ingest import SourceDocument, iter_documents

    lines: list[str] = []
    for root in map(Path, paths):
        files = sorted(root.rglob("*.ko")) if root.is_dir() else [root] if root.suffix == ".ko" else []
        for f in files:
            lines += [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    from_articles: list[str] = []
    for item in iter_documents(paths):
        if isinstance(item, SourceDocument):
            for line in item.text.splitlines():
                from_articles += [s for s in _SENTENCE_END.split(line.strip()) if len(s) >= 8]
    return lines, from_articles


def synthesize(paths, articles: int, folder: Path, seed: int = 0) -> Path:
    """`articles` UTF-8 .txt files (1,000 per subfolder) made of the inputs' sentences."""
    pools = [pool for pool in corpus_sentences(paths) if pool]
    if not pools:
        raise SystemExit("no sentences found under the corpus paths")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(articles):
        body = [rng.choice(rng.choice(pools)) for _ in range(rng.randint(15, 25))]
        lines, i = [body[0].rstrip("."), ""], 1
        while i < len(body):
            n = rng.randint(1, 4)
            lines += ["\n".join(body[i:i + n]), ""]
            i += n
        sub = folder / f"{k // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{k:06d}.txt").write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return folder


def ko_articles(paths, folder: Path, seed: int = 0) -> list[str]:
    """`paths` with their *.ko files (one sentence per line) replaced by a folder of
    articles of 15–25 consecutive sentences each (the pipeline does not read .ko)."""
    rng = random.Random(seed)
    kept, k = [], 0
    for root in map(Path, paths):
        files = sorted(root.rglob("*.ko")) if root.is_dir() else [root] if root.suffix == ".ko" else []
        if not files or root.is_dir():
            kept.append(str(root))
        for f in files:
            lines = [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
            while lines:
                n = rng.randint(15, 25)
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{k:06d}.txt").write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
                lines, k = lines[n:], k + 1
    return kept + ([str(folder)] if k else [])


def corpus_size(paths) -> dict:
    """Articles, characters and UTF-8 bytes of the decoded texts under `paths`."""
    from pipeline.ingest import SourceDocument, iter_documents

    size = {"articles": 0, "chars": 0, "bytes": 0}
    for item in iter_documents(paths):
        if isinstance(item, SourceDocument):
            size["articles"] += 1
            size["chars"] += len(item.text)
            size["bytes"] += len(item.text.encode("utf-8"))
    return size


# --- one measurement (runs in its own process) --------------------------------------

def _kiwi_chunk(paths, kiwi_threads: int) -> int:
    """Kiwi alone on one chunk of files: the articles tokenised."""
    from pipeline.ingest import SourceDocument, read_document
    from pipeline.korean.tokenizer import get_kiwi, tokenize_many

    texts = [d.text for p in paths for d in read_document(p) if isinstance(d, SourceDocument)]
    for _tokens in tokenize_many(texts, get_kiwi(kiwi_threads)):
        pass
    return len(texts)


def _kiwi_init(kiwi_threads: int) -> None:
    import signal

    from pipeline.korean.tokenizer import get_kiwi
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    get_kiwi(kiwi_threads).tokenize("준비.")   # the model loads on the first text


def _kiwi_results(chunks, workers: int, kiwi_threads: int):
    from pipeline.run.engines import ordered

    if workers <= 1:
        _kiwi_init(kiwi_threads)
        for chunk in chunks:
            yield _kiwi_chunk(chunk, kiwi_threads)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_kiwi_init,
                             initargs=(kiwi_threads,)) as pool:
        yield from ordered(lambda chunk: pool.submit(_kiwi_chunk, chunk, kiwi_threads), chunks, 2 * workers)


def measure(spec: dict) -> dict:
    """One variant at one worker count; returns times, CPU and peak RSS."""
    from pipeline.records import ArticleResult
    from pipeline.run import engines, runner
    from pipeline.run.engines import Job, Skipped

    if spec["pin"]:
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:spec["workers"]]))
    workers, variant = spec["workers"], spec["variant"]
    threads = engines.kiwi_threads_for(spec["kiwi_threads"], workers, spec["engine"])
    marks: list[tuple[float, int, float]] = []   # (time, articles so far, CPU seconds) at every chunk result
    done = 0
    server_cpu = _server_cpu_meter(spec.get("pg_url") if variant == "postgresql" else None)
    cpu = _cpu_meter(server_cpu)
    machine_busy = _machine_busy()
    started = time.perf_counter()

    def mark() -> None:
        marks.append((time.perf_counter(), done, cpu()))

    if variant in ("sqlite", "postgresql"):
        def progress(n: int) -> None:
            nonlocal done
            done += n
            mark()
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db" if variant == "sqlite" else _empty_postgresql(spec["pg_url"])
            summary = runner.run(spec["paths"], db_url=url, workers=workers,
                                 engine=spec["engine"], chunk_size=spec["chunk_size"], scheduler=spec.get("scheduler"),
                                 batch_size=spec["batch_size"], kiwi_threads=threads, progress=progress)
            finished = time.perf_counter()
        done = summary.processed
    else:
        chunks = runner.input_chunks(spec["paths"], spec["chunk_size"], [])
        if variant == "kiwi":
            results = _kiwi_results(chunks, workers, threads)
        else:
            job = Job(kiwi_threads=threads, alliances_only=variant == "alliances")
            results = engines.run_chunks(chunks, job, workers=workers, engine=spec["engine"],
                                         scheduler=spec.get("scheduler"))
        for items in results:
            done += items if isinstance(items, int) else sum(isinstance(i, (ArticleResult, Skipped)) for i in items)
            mark()
        finished = time.perf_counter()
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_total = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime + server_cpu()
    # steady state: from the result that completes every worker's first chunk to the last one
    first = marks[min(workers, len(marks)) - 1] if marks else (started, 0, 0.0)
    last = marks[-1] if marks else first
    steady = (done - first[1]) / (finished - first[0]) if done > first[1] and finished > first[0] else None
    return {
        "variant": variant, "workers": workers, "articles": done, "kiwi_threads": threads,
        "cores": engines.default_workers(),
        "wall_s": finished - started, "start_s": first[0] - started, "steady_articles_per_s": steady,
        "cpu_s": cpu_total, "steady_cpu_s_per_article": (last[2] - first[2]) / (last[1] - first[1])
        if last[1] > first[1] else None,
        "other_cpu_s": max(0.0, _machine_busy() - machine_busy - cpu_total),
        "main_rss_mb": me.ru_maxrss / 1024,
        "worker_rss_mb": (me.ru_maxrss if workers <= 1 and spec["engine"] == "local" else children.ru_maxrss) / 1024,
    }


def _empty_postgresql(url: str) -> str:
    """`url`, with the pipeline's tables dropped: every run starts from an empty database."""
    from sqlalchemy import text

    from pipeline.sinks.database import Database

    with Database(url) as db, db.engine.begin() as conn:
        for table in reversed(db.schema.metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
    return url


def _server_cpu_meter(url: str | None):
    """CPU seconds the PostgreSQL server at `url` has used (its postmaster's processes, found by
    the port; this machine only), or a meter of 0 without a URL or such a server."""
    import psutil

    if not url:
        return lambda: 0.0
    from pipeline.sinks.database import normalize_url

    port = str(normalize_url(url).port or 5432)
    servers = [p for p in psutil.process_iter(["name", "cmdline"])
               if p.info["name"] in ("postgres", "postmaster") and port in " ".join(p.info["cmdline"] or ())]

    def total() -> float:
        used = 0.0
        for server in servers:
            try:
                for p in [server, *server.children(recursive=True)]:
                    used += sum(p.cpu_times()[:2])
            except psutil.Error:
                pass
        return used
    start = total()
    return lambda: total() - start


def _cpu_meter(server_cpu=lambda: 0.0):
    """CPU seconds used so far by this process, its live children (and a database server)."""
    import psutil

    me = psutil.Process()

    def total() -> float:
        used = sum(me.cpu_times()[:2]) + server_cpu()
        for child in me.children(recursive=True):
            try:
                used += sum(child.cpu_times()[:2])
            except psutil.Error:
                pass
        return used
    return total


def _machine_busy() -> float:
    """CPU seconds every process on the machine has used (to spot other load during a run)."""
    if not Path("/proc/stat").exists():
        return 0.0
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_measurement(spec: dict, max_other_load: float = 0.1, retries: int = 2) -> dict:
    """`measure(spec)` in a fresh Python process, so peak RSS and start-up are its own;
    run again (after a pause) while other processes used more than `max_other_load`
    cores on average during the run."""
    for attempt in range(retries + 1):
        result = _measure_once(spec)
        result["other_load"] = result["other_cpu_s"] / result["wall_s"] if result["wall_s"] else 0.0
        if result["other_load"] <= max_other_load:
            break
        if attempt < retries:
            print(f"  ... other load {result['other_load']:.2f} cores during the run: again", file=sys.stderr)
            time.sleep(15)
    return result


def _measure_once(spec: dict) -> dict:
    launched = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--measure", json.dumps(spec)], capture_output=True,
                          text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    process_s = time.perf_counter() - launched
    if done.returncode != 0:
        raise SystemExit(f"measurement {spec['variant']} x{spec['workers']} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = process_s   # the whole process: Python start, imports, loading, the run, exit
    return result


# --- the report ---------------------------------------------------------------------

def pick(runs: list[dict], stat: str = "median") -> dict:
    """The median run (the lower middle one of an even number) or the best, by steady throughput;
    peak RSS is the largest of all runs."""
    ranked = sorted(runs, key=lambda r: r["steady_articles_per_s"] or 0)
    chosen = dict(ranked[-1] if stat == "best" else ranked[(len(ranked) - 1) // 2])
    times = sorted(r["process_s"] for r in runs)   # the whole-process time: its own median (or best)
    chosen["process_s"] = times[0] if stat == "best" else times[(len(times) - 1) // 2]
    chosen["all_process_s"] = [r["process_s"] for r in runs]
    chosen["worker_rss_mb"] = max(r["worker_rss_mb"] for r in runs)
    chosen["main_rss_mb"] = max(r["main_rss_mb"] for r in runs)
    chosen["runs"] = len(runs)
    chosen["all_articles_per_s"] = [r["steady_articles_per_s"] for r in runs]
    return chosen


def figures(result: dict, size: dict) -> dict:
    rate = result["steady_articles_per_s"] or 0.0
    per_article = size["bytes"] / size["articles"], size["chars"] / size["articles"]
    result = dict(result)
    result["articles_per_s"] = rate
    result["mb_per_s"] = rate * per_article[0] / 1e6
    result["chars_per_s"] = rate * per_article[1]
    per_cpu = result["steady_cpu_s_per_article"]
    result["cpu_s_per_mb"] = per_cpu / (per_article[0] / 1e6) if per_cpu else None
    result["process_articles_per_s"] = result["articles"] / result["process_s"] if result.get("process_s") else 0.0
    return result


def ratios(rows: list[dict], workers: list[int]) -> dict:
    """full / Kiwi-only at the same worker count, and N workers / 1 worker: steady-state rates, and
    (`process`) whole-process times; sinks against no sink."""
    out = {}
    for measure, prefix in (("articles_per_s", ""), ("process_articles_per_s", "process ")):
        by = {(r["variant"], r["workers"]): r[measure] for r in rows}
        for n in workers:
            for variant in ("full", "sqlite", "postgresql", "alliances"):
                if by.get(("kiwi", n)) and (variant, n) in by:
                    out[f"{prefix}{variant}/kiwi@{n}"] = by[(variant, n)] / by[("kiwi", n)]
                if n > 1 and by.get((variant, 1)) and (variant, n) in by:
                    out[f"{prefix}{variant}@{n}/{variant}@1"] = by[(variant, n)] / by[(variant, 1)]
            for sink in ("sqlite", "postgresql"):
                if by.get(("full", n)) and (sink, n) in by:
                    out[f"{prefix}{sink}/full@{n}"] = by[(sink, n)] / by[("full", n)]
            if n > 1 and by.get(("kiwi", 1)) and ("kiwi", n) in by:
                out[f"{prefix}kiwi@{n}/kiwi@1"] = by[("kiwi", n)] / by[("kiwi", 1)]
    by = {(r["variant"], r["workers"]): r["articles_per_s"] for r in rows}
    cpu = {(r["variant"], r["workers"]): r["cpu_s_per_mb"] for r in rows}
    for n in workers:   # the work itself, whatever the overlap of threads: Kiwi CPU / pipeline CPU
        for variant in ("full", "sqlite", "postgresql", "alliances"):
            if cpu.get(("kiwi", n)) and cpu.get((variant, n)):
                out[f"cpu kiwi/{variant}@{n}"] = cpu[("kiwi", n)] / cpu[(variant, n)]
    return out


def print_table(name: str, size: dict, rows: list[dict], found: dict) -> None:
    print(f"\n{name}: {size['articles']:,} articles, {size['bytes'] / 1e6:.1f} MB, {size['chars']:,} characters")
    header = ("workers", "variant", "articles/s", "MB/s", "chars/s", "wall s", "process s", "start s", "CPU s/MB",
              "worker RSS MB", "main RSS MB", "Kiwi thr.", "other load")
    print("  ".join(f"{h:>11}" if i > 1 else f"{h:<7}" for i, h in enumerate(header)))
    for r in rows:
        cells = (r["workers"], r["variant"], f"{r['articles_per_s']:.1f}", f"{r['mb_per_s']:.3f}",
                 f"{r['chars_per_s']:,.0f}", f"{r['wall_s']:.1f}", f"{r['process_s']:.1f}", f"{r['start_s']:.1f}",
                 f"{r['cpu_s_per_mb']:.2f}" if r["cpu_s_per_mb"] else "-",
                 f"{r['worker_rss_mb']:.0f}", f"{r['main_rss_mb']:.0f}", r["kiwi_threads"], f"{r['other_load']:.2f}")
        print("  ".join(f"{c:>11}" if i > 1 else f"{c!s:<7}" for i, c in enumerate(cells)))
    for key, value in found.items():
        print(f"  {key:<22} {value:.2f}")


def main(argv: list[str] | None = None) -> int:
    from pipeline.run.engines import ENGINES, default_workers
    from pipeline.settings import load_settings

    run_settings = load_settings()["run"]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", help="folders or files: articles the pipeline reads, *.ko sentence files")
    parser.add_argument("--workers", default=f"1,{default_workers()}",
                        help="worker counts, e.g. 1,2 (default: 1,all cores)")
    parser.add_argument("--synthesize", metavar="N[,N…]", help="measure synthetic corpora of N articles instead")
    parser.add_argument("--sink", default="none,sqlite",
                        help="none (records only), sqlite and/or postgresql (needs --pg-url) (default: none,sqlite)")
    parser.add_argument("--pg-url", help="PostgreSQL for the postgresql sink (its pipeline tables are dropped)")
    parser.add_argument("--scheduler", help="with --engine dask: an existing cluster (tcp://host:port)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="engine of the pipeline runs")
    parser.add_argument("--kiwi-threads", default=run_settings.get("kiwi_threads", "auto"),
                        help="Kiwi threads per process: a number or auto (cores of the run / workers)")
    parser.add_argument("--chunk-size", type=int, default=run_settings.get("chunk_size", 16))
    parser.add_argument("--batch-size", type=int, default=run_settings["batch_size"])
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per measurement, interleaved; the median is kept (see --stat)")
    parser.add_argument("--stat", choices=("median", "best"), default="median", help="which of the repeated runs")
    parser.add_argument("--alliances-only", action="store_true",
                        help="also measure the alliances-only mode (variant 'alliances', no sink)")
    parser.add_argument("--no-pin", dest="pin", action="store_false",
                        help="let every run use all cores (default: a run of N workers gets N cores)")
    parser.add_argument("--max-other-load", type=float, default=0.1,
                        help="re-run a measurement while other processes used more cores than this (default 0.1)")
    parser.add_argument("--retries", type=int, default=2, help="re-runs allowed per measurement for other load")
    parser.add_argument("--no-kiwi", action="store_true", help="skip the Kiwi-only baseline")
    parser.add_argument("--keep", metavar="DIR", help="write synthetic corpora here and keep them")
    parser.add_argument("--json", action="store_true", help="print one JSON object per corpus instead of tables")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return 0
    if not args.corpus:
        parser.error("give at least one corpus path")
    workers = [int(w) for w in args.workers.split(",")]
    sinks = set(args.sink.split(","))
    if not sinks <= {"none", "sqlite", "postgresql"}:
        parser.error("--sink takes none, sqlite and/or postgresql")
    if "postgresql" in sinks and not args.pg_url:
        parser.error("--sink postgresql needs --pg-url")
    variants = [v for v in VARIANTS if (v != "kiwi" or not args.no_kiwi) and (v != "full" or "none" in sinks)
                and (v not in ("sqlite", "postgresql") or v in sinks) and (v != "alliances" or args.alliances_only)]
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="alliances-bench-"))
    try:
        corpora = []
        if args.synthesize:
            for n in (int(x) for x in args.synthesize.split(",")):
                folder = base / f"synthetic-{n}"
                if not folder.exists():
                    synthesize(args.corpus, n, folder)
                corpora.append((f"synthetic {n:,}", [str(folder)]))
        else:
            corpora.append((" ".join(args.corpus), ko_articles(args.corpus, base / "ko-articles")))
        for name, paths in corpora:
            size = corpus_size(paths)
            if not size["articles"]:
                raise SystemExit(f"no articles under {name}")
            specs = [{"variant": v, "workers": w, "paths": paths, "engine": args.engine, "pin": args.pin,
                      "pg_url": args.pg_url, "scheduler": args.scheduler,
                      "kiwi_threads": args.kiwi_threads, "chunk_size": args.chunk_size, "batch_size": args.batch_size}
                     for w in workers for v in variants]
            runs: dict[int, list[dict]] = {k: [] for k in range(len(specs))}
            for _ in range(args.repeat):
                for k, spec in enumerate(specs):
                    runs[k].append(run_measurement(spec, args.max_other_load, args.retries))
                    print(f"  ... {name}: {spec['variant']} x{spec['workers']} "
                          f"{runs[k][-1]['steady_articles_per_s'] or 0:.1f} articles/s", file=sys.stderr)
            rows = [figures(pick(runs[k], args.stat), size) for k in range(len(specs))]
            found = ratios(rows, workers)
            settings = {k: getattr(args, k) for k in ("engine", "kiwi_threads", "chunk_size", "batch_size", "pin",
                                                       "repeat", "stat", "max_other_load")}
            if args.json:
                print(json.dumps({"corpus": name, **size, "settings": settings, "results": rows, "ratios": found}))
            else:
                print_table(name, size, rows, found)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
