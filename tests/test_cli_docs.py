"""docs/cli.md is the `--help` of every command as scripts/build_cli_docs.py renders it: a changed
option, help text or command makes this fail until the page is written again."""
from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _builder():
    spec = importlib.util.spec_from_file_location("build_cli_docs", REPO / "scripts" / "build_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_md_is_the_current_help_of_every_command():
    builder = _builder()
    written = builder.OUTPUT.read_text(encoding="utf-8")
    current = builder.render()
    diff = "".join(list(difflib.unified_diff(written.splitlines(True), current.splitlines(True),
                                             "docs/cli.md", "--help now"))[:40])
    assert written == current, f"docs/cli.md is stale: run scripts/build_cli_docs.py\n{diff}"


def test_every_command_has_its_section():
    builder = _builder()
    written = builder.OUTPUT.read_text(encoding="utf-8")
    assert {"extract", "eval", "explain", "export", "migrate", "schema"} <= set(builder.COMMANDS)
    for command in builder.COMMANDS:
        assert f"## alliances {command}\n" in written and f"$ alliances {command} --help\n" in written, command
