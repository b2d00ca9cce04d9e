"""The wheel carries its data: built from a clean copy of the sources, it holds configs/ and models/
(byte for byte), every other file of the package (templates), the console script and the spaCy
entry points; unpacked outside the checkout it
finds its packaged data and extracts what the checkout extracts.

(.ci/run goes further: it installs the wheel with its dependencies in a fresh venv and runs
`alliances extract corpus/` there.)"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "pipeline", "configs", "models"]
DATA = ("configs", "models")
ARTICLES = ["101_wire_chip_euv.txt", "106_html_platform_commerce.html", "108_bank_merger_cp949.txt"]

pytestmark = pytest.mark.slow


def _can_build_offline() -> bool:
    """The venv's setuptools can make a wheel itself (setuptools >= 70.1, or the wheel package)."""
    if importlib.util.find_spec("wheel") is not None:
        return True
    try:
        from setuptools.command import bdist_wheel  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    source.mkdir()
    for name in SOURCES:   # a clean copy: no build/ left over, nothing but what is tracked
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_data"))
        else:
            shutil.copy(path, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"), str(source)]
    if _can_build_offline():
        command.insert(5, "--no-build-isolation")
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = (tmp / "dist").glob("*.whl")
    return built


def test_the_wheel_holds_configs_and_models_and_the_entry_points(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for folder in DATA:
            for path in sorted(p for p in (REPO / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
                packaged = f"pipeline/_data/{folder}/{path.relative_to(REPO / folder).as_posix()}"
                assert packaged in names, packaged
                assert archive.read(packaged) == path.read_bytes(), packaged
        package_files = [p for p in (REPO / "pipeline").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
                         and not {"__pycache__", "_data"} & set(p.relative_to(REPO).parts)]
        for path in package_files:   # templates and the like: declared as package data in pyproject.toml
            assert path.relative_to(REPO).as_posix() in names, path
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        declared = archive.read(entry_points).decode()
    assert "alliances = pipeline.tools.cli:main" in declared
    assert "alliances_relations_v1 = pipeline.spacy_adapter:make_relations" in declared
    assert "alliances.kiwi_tokenizer.v1 = pipeline.spacy_adapter:create_kiwi_tokenizer" in declared
    assert not any(n.startswith(("configs/", "models/", "corpus/", "tests/")) for n in names)


def test_the_unpacked_wheel_runs_on_its_own_data_outside_the_checkout(wheel, tmp_path, monkeypatch):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)   # a pure-Python wheel installs by unpacking
    work = tmp_path / "work"
    (work / "in").mkdir(parents=True)
    for name in ARTICLES:
        shutil.copy(REPO / "corpus" / name, work / "in" / name)
    env = {k: v for k, v in os.environ.items() if k not in ("ALLIANCES_CONFIG_DIR", "ALLIANCES_DB")}
    env["PYTHONPATH"] = str(site)
    cli = [sys.executable, "-m", "pipeline.tools.cli"]
    version = subprocess.run([*cli, "--version"], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and f"(configs: {site / 'pipeline' / '_data' / 'configs'})" in version.stdout
    done = subprocess.run([*cli, "extract", "in", "--workers", "1", "--no-progress", "--out", "wheel.jsonl"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (work / "alliances.db").is_file()
    monkeypatch.chdir(work)   # the same articles through the checkout's package and data
    assert main(["extract", "in", "--workers", "1", "--no-progress", "--no-db", "--out", "checkout.jsonl"]) == 0
    installed = [json.loads(line) for line in (work / "wheel.jsonl").read_text(encoding="utf-8").splitlines()]
    checkout = [json.loads(line) for line in (work / "checkout.jsonl").read_text(encoding="utf-8").splitlines()]
    assert installed == checkout and len(installed) == len(ARTICLES)
