"""`alliances` command line (Typer + Rich).

    alliances extract PATH... [--out FILE.jsonl] [--db URL | --no-db] …
    alliances eval GOLD... [--pred OUT.jsonl] [--errors] [--json]
    alliances explain FILE | - | TEXT | --text TEXT
    alliances export --out DIR [--format F] [--min-confidence X]
    alliances schema

Exit codes: 0 the run completed (quarantined inputs are listed, not fatal); 1 an error stopped
it; 2 bad command-line usage, found before any work; 3 completed, but inputs were quarantined
and --strict was given; 130 interrupted. Modules: `app` (the commands, `main`), one module per
command, `errors` (exit codes, one-line messages), `options` (shared option types),
`extract_summary` and `progress` (what extract shows), `stdin_input`, `lexicon_overlay`.

This package imports nothing until `main` runs (or `app` is asked for): the `alliances` script
imports it, and so does every worker process of a run, since a spawned process loads its parent's
main script; a worker has no use for Typer and the commands.
"""
from __future__ import annotations

from typing import Optional

__all__ = ["app", "main"]


def main(argv: Optional[list[str]] = None) -> int:
    """Run the command line (`pipeline.tools.cli.app.main`)."""
    return _app_module().main(argv)


def __getattr__(name):
    if name == "app":
        return _app_module().app
    raise AttributeError(f"module 'pipeline.tools.cli' has no attribute {name!r}")


def _app_module():
    from importlib import import_module

    module = import_module("pipeline.tools.cli.app")
    # importing the module made it this package's attribute `app`: the name is the Typer app's
    globals()["app"] = module.app
    return module
