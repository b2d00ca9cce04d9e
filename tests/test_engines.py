"""The engines give the serial run's records, byte for byte: local worker processes and
a Dask cluster (local, processes) on the bundled corpus, JSONL and database alike.
Dask workers build the pipeline once each, keep stderr quiet, and every worker
process ends with the run — also when the run is interrupted."""
from __future__ import annotations

import time
from pathlib import Path

import psutil
import pytest

from pipeline.run import engines, runner
from pipeline.sinks.database import Database

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CHUNK = 4   # small chunks: every worker gets several


def _run(tmp: Path, name: str, paths=(CORPUS,), **options) -> tuple[str, dict]:
    db_url = f"sqlite:///{tmp / name}.db"
    out = tmp / f"{name}.jsonl"
    runner.run([str(p) for p in paths], db_url=db_url, out=out, chunk_size=CHUNK, **options)
    with Database(db_url) as db:
        return out.read_text(encoding="utf-8"), db.dump()


def _worker_processes() -> list[psutil.Process]:
    """Our child processes, but multiprocessing's resource tracker (it lives as long as we do)."""
    children = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "resource_tracker" not in " ".join(child.cmdline()):
                children.append(child)
        except psutil.Error:
            pass
    return children


def _assert_no_workers_left(timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while (left := _worker_processes()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, f"worker processes still running: {[p.pid for p in left]}"


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> tuple[str, dict]:
    """In this process, Kiwi in a thread of its own; the workers below run it in theirs
    (kiwi_threads auto = 0 on a machine with as many cores as workers)."""
    return _run(tmp_path_factory.mktemp("serial"), "serial", workers=1, kiwi_threads=1)


def test_serial_run_has_records(serial):
    jsonl, dump = serial
    assert len(jsonl.splitlines()) == len(dump["articles"]) >= 30
    assert dump["alliances"]


def test_local_processes_give_the_serial_output(serial, tmp_path, monkeypatch):
    used = []
    real = engines.processes
    monkeypatch.setattr(engines, "processes", lambda *a, **k: used.append(a[2]) or real(*a, **k))
    assert _run(tmp_path, "processes", workers=2) == serial
    assert used == [2]   # really in two worker processes, not in this one
    _assert_no_workers_left()


def test_a_prestarted_worker_is_taken_over_by_the_run(serial, tmp_path):
    """The command line starts a worker before it knows the job; the run's pool takes it over."""
    from pipeline.run import pool

    pool.prestart_worker(2)
    early = pool._prestarted[0].process
    assert _run(tmp_path, "prestarted", workers=2) == serial
    assert not pool._prestarted and not early.is_alive()   # it worked for the run, then stopped with it
    _assert_no_workers_left()


def test_a_prestarted_worker_no_run_took_is_stopped():
    from pipeline.run import pool

    pool.prestart_worker(2)
    early = pool._prestarted[0].process
    pool.discard_prestarted()
    assert not pool._prestarted and not early.is_alive()
    _assert_no_workers_left()


def test_dask_local_cluster_gives_the_serial_output_quietly(serial, tmp_path, capfd):
    assert _run(tmp_path, "dask", workers=2, engine="dask") == serial
    err = capfd.readouterr().err
    assert "distributed." not in err and len(err.splitlines()) < 5, err[-2000:]
    _assert_no_workers_left()


def test_dask_workers_build_the_pipeline_once(tmp_path):
    from distributed import Client, LocalCluster

    from pipeline.korean.tokenizer import _kiwi

    files = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")[:6]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        _run(tmp_path, "external", paths=files, workers=2, engine="dask", scheduler=cluster.scheduler_address)
        builds = client.run(lambda: _kiwi.cache_info().misses)
        assert len(builds) == 2 and set(builds.values()) == {1}, builds
        assert len(client.scheduler_info()["workers"]) == 2   # an existing cluster is left running
    _assert_no_workers_left()


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_an_interrupted_run_stops_every_worker(engine, tmp_path):
    def interrupt(_done: int) -> None:
        raise KeyboardInterrupt

    files = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")[:8]
    with pytest.raises(KeyboardInterrupt):
        runner.run([str(p) for p in files], db_url=f"sqlite:///{tmp_path / 'stopped.db'}", workers=2,
                   engine=engine, chunk_size=1, progress=interrupt)
    _assert_no_workers_left()


def test_records_without_spacy_docs_are_the_records_with_them():
    from pipeline.extract.core import process_documents, publication_date
    from pipeline.ingest import SourceDocument, iter_documents
    from pipeline.spacy_adapter import get_nlp

    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))[::4]
    documents = [d for d in iter_documents(files) if isinstance(d, SourceDocument)]
    nlp = get_nlp(1)
    for document, result in zip(documents, process_documents(documents), strict=True):
        doc = nlp.tokenizer(document.text)
        doc._.published = publication_date(document)
        for _name, component in nlp.pipeline:
            doc = component(doc)
        assert doc._.organizations == result.organizations
        assert [a for a in doc._.amounts if not a.vague] == result.amounts
        assert doc._.alliances == result.alliances


KIWI_THREADS = [  # (setting, workers, engine, cores) -> Kiwi threads per process
    ((1, 2, "local", 2), 1),
    (("3", 1, "local", 2), 3),
    (("auto", 2, "local", 2), 0),     # workers fill the cores: Kiwi in the worker's thread
    (("auto", 1, "local", 2), 2),     # a spare core: Kiwi analyses ahead on both
    ((None, 2, "local", 8), 4),
    (("auto", 3, "local", 4), 0),
    (("auto", 1, "dask", 8), 0),      # a Dask worker is one process per core
]


@pytest.mark.parametrize("args, expected", KIWI_THREADS)
def test_kiwi_threads_per_process(args, expected, monkeypatch):
    setting, workers, engine, cores = args
    monkeypatch.setattr(engines, "default_workers", lambda: cores)
    assert engines.kiwi_threads_for(setting, workers, engine) == expected


def test_kiwi_threads_setting_must_be_a_number_or_auto():
    with pytest.raises(ValueError, match="auto"):
        engines.kiwi_threads_for("many", 2)


def test_workers_elsewhere_read_relative_paths_from_the_run_folder(tmp_path, monkeypatch):
    root = CORPUS.parent
    monkeypatch.chdir(root)
    here = engines.process_paths(["corpus/101_wire_chip_euv.txt", "corpus/missing.txt"], engines.Job())
    monkeypatch.chdir(tmp_path)   # a Dask worker started in another folder
    there = engines.process_paths(["corpus/101_wire_chip_euv.txt", "corpus/missing.txt"],
                                  engines.Job(base=str(root)))
    assert [i.model_dump_json() for i in there] == [i.model_dump_json() for i in here]
    assert there[0].article == "corpus/101_wire_chip_euv.txt" and there[0].alliances
    assert there[1].path == "corpus/missing.txt" and str(root) not in there[1].reason
