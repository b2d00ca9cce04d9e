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
"""
from pipeline.tools.cli.app import app, main

__all__ = ["app", "main"]
