"""The source tree passes `ruff check` with the settings of pyproject.toml."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHECKED = ["pipeline", "tests", "benchmarks", "scripts"]


def _ruff_command() -> list[str]:
    """The ruff installed next to this Python (a venv's bin/), else ruff as a module of it."""
    executable = Path(sys.executable).with_name("ruff")
    if executable.is_file():
        return [str(executable)]
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    pytest.skip("ruff is not installed (pip install -e '.[test]')")


def test_ruff_check_is_clean():
    command = [*_ruff_command(), "check", "--no-cache", "--output-format=concise", *CHECKED]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}{result.stderr}"
