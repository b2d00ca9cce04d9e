"""A real Dask cluster: `dask scheduler` and two `dask worker` processes started from their own
command lines on 127.0.0.1, each in a virtual environment of its own with the project's wheel
installed, and `alliances extract --engine dask --scheduler tcp://127.0.0.1:PORT` run against it.
Its records and tables are those of the local engine; a second run skips every article (the
workers ask this process which articles are stored, through the scheduler).

Needs the wheel: ALLIANCES_TEST_WHEEL=path/to/korean_alliances-*.whl (.ci/run builds one). Without
it the tests skip, unless ALLIANCES_REQUIRE_CLUSTER=1 (CI): then they fail. The environments get
the wheel itself (no dependencies) and see the dependencies of the interpreter running the tests
through a .pth line, so that no package is downloaded."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from pipeline.run import runner
from pipeline.sinks.database import Database

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
WHEEL_VARIABLE, REQUIRE_VARIABLE = "ALLIANCES_TEST_WHEEL", "ALLIANCES_REQUIRE_CLUSTER"
START_SECONDS = 180


def _wheel() -> Path:
    wheel = os.environ.get(WHEEL_VARIABLE)
    if not wheel or not Path(wheel).is_file():
        message = (f"{WHEEL_VARIABLE} does not name a wheel file (build one with `pip wheel --no-deps -w DIR .` "
                   f"and set {WHEEL_VARIABLE}=DIR/korean_alliances-*.whl)")
        if os.environ.get(REQUIRE_VARIABLE) == "1":
            pytest.fail(message)
        pytest.skip(message)
    return Path(wheel)


def _environment(folder: Path, wheel: Path) -> Path:
    """A virtual environment holding the wheel; the dependencies are those of this interpreter."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # after the environment's own packages: the wheel's pipeline wins over any other
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site),
                    str(wheel)], check=True)
    # Dask's command line, run by this environment's python (a spawned nanny re-reads this file)
    script = folder / "bin" / "dask"
    script.write_text(f"#!{python}\nimport sys\nfrom dask.__main__ import main\n\n"
                      "if __name__ == '__main__':\n    sys.exit(main())\n", encoding="utf-8")
    script.chmod(0o755)
    return folder / "bin"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The scheduler's address; the scheduler and both workers run from environments of their own."""
    wheel = _wheel()
    base = tmp_path_factory.mktemp("cluster")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes: list[subprocess.Popen] = []
    logs = []
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ALLIANCES_CONFIG"))}
    try:
        commands = [["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
        commands += [["worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                      "--name", f"w{k}", "--local-directory", str(base / f"w{k}-space")] for k in (1, 2)]
        for k, command in enumerate(commands):
            folder = base / f"env{k}"
            bin_dir = _environment(folder, wheel)
            log = open(base / f"process{k}.log", "w")   # noqa: SIM115 — closed below
            logs.append(log)
            # its own folder, away from the checkout: nothing of the checkout is importable there
            processes.append(subprocess.Popen([str(bin_dir / "dask"), *command], cwd=folder, env=env,
                                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        _wait_for_workers(address, 2, processes, base)
        yield address
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()


def _wait_for_workers(address: str, count: int, processes, base: Path) -> None:
    from distributed import Client

    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            break
        try:
            with Client(address, timeout=5) as client:
                client.wait_for_workers(count, timeout=max(1.0, deadline - time.monotonic()))
                return
        except (OSError, TimeoutError):
            time.sleep(1)
    logs = "\n".join(p.read_text(errors="replace")[-1500:] for p in sorted(base.glob("process*.log")))
    pytest.fail(f"the Dask cluster did not start with {count} workers:\n{logs}")


def _extract(tmp: Path, name: str, *options: str) -> tuple[subprocess.CompletedProcess, str, dict]:
    db_url = f"sqlite:///{tmp / name}.db"
    out = tmp / f"{name}.jsonl"
    done = subprocess.run([sys.executable, "-m", "pipeline.tools.cli", "extract", str(CORPUS), "--db", db_url,
                           "--out", str(out), "--no-progress", *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    with Database(db_url) as db:
        return done, out.read_text(encoding="utf-8"), db.dump(derived=True)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local")
    db_url = f"sqlite:///{tmp / 'local'}.db"
    runner.run([str(CORPUS)], db_url=db_url, out=tmp / "local.jsonl", workers=1)
    with Database(db_url) as db:
        return (tmp / "local.jsonl").read_text(encoding="utf-8"), db.dump(derived=True)


def test_the_workers_run_the_installed_wheel(cluster):
    from distributed import Client

    with Client(cluster, timeout=10) as client:
        where = client.run(lambda: __import__("pipeline").__file__)
    assert len(where) == 2
    for path in where.values():
        assert "site-packages" in path and str(ROOT) not in path, where


def test_a_cluster_run_gives_the_local_records(cluster, local_run, tmp_path):
    _done, jsonl, tables = _extract(tmp_path, "cluster", "--engine", "dask", "--scheduler", cluster)
    assert (jsonl, tables) == local_run
    again, jsonl_again, tables_again = _extract(tmp_path, "cluster", "--engine", "dask", "--scheduler", cluster)
    assert (jsonl_again, tables_again) == local_run
    articles = len(local_run[0].splitlines())
    assert f"already stored {articles}" in " ".join(again.stdout.split()), again.stdout


def test_the_cluster_is_left_running(cluster):
    from distributed import Client

    with Client(cluster, timeout=10) as client:
        assert len(client.scheduler_info()["workers"]) == 2
