"""Runs at the same time on one new SQLite database: table creation and every batch take the
write lock at BEGIN (IMMEDIATE), so the runs wait for each other instead of failing with
"database is locked" (before: 4 of 24 runs failed while creating the tables)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.sinks.database import Database

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
CLI = [sys.executable, "-m", "pipeline.tools.cli"]
RUNS, ROUNDS = 4, 5


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCES_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _dump(db_path: Path) -> dict:
    with Database(f"sqlite:///{db_path}") as db:
        return db.dump()


@pytest.mark.slow
def test_concurrent_runs_on_one_new_sqlite_database_all_succeed_with_the_dump_of_a_serial_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("101_wire_chip_euv.txt", "104_wire_telecom_ai_chip_funding.txt", "106_html_platform_commerce.html"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    command = [*CLI, "extract", "in", "--workers", "1", "--no-progress"]
    serial = tmp_path / "serial.sqlite"
    done = subprocess.run([*command, "--db", f"sqlite:///{serial}"], cwd=tmp_path, env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = _dump(serial)
    for round_ in range(ROUNDS):
        db_path = tmp_path / f"shared-{round_}.sqlite"
        runs = [subprocess.Popen([*command, "--db", f"sqlite:///{db_path}"], cwd=tmp_path, env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(RUNS)]
        for run in runs:
            out, err = run.communicate(timeout=300)
            assert run.returncode == 0, (round_, err)
        assert _dump(db_path) == expected, round_
