"""Korean words live in configs/, not in the code: no string literal under pipeline/ holds Hangul.

Docstrings and pydantic `description=` texts may (they document, with examples); comments are
not in the syntax tree anyway. Unicode ranges of the script (a regex class for "a Hangul
syllable") live in pipeline/korean/script.py, written with \\u escapes.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e\u1100-\u11ff]")   # syllables, compatibility jamo, jamo

# The one module of script ranges: its literals are ranges (X-Y), written as escapes.
SCRIPT_RANGES = "pipeline/korean/script.py"

# Modules the lead is still converting. The list only shrinks: a module here that has no
# Hangul literal any more fails, so that it leaves the list.
STILL_CONVERTING: list[str] = []

MODULES = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "pipeline").rglob("*.py"))


def _documentation(tree: ast.AST) -> set[int]:
    """ids of the constants that document: docstrings and `description=` values."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
        elif isinstance(node, ast.keyword) and node.arg == "description":
            ids.update(id(part) for part in ast.walk(node.value))
    return ids


def hangul_literals(source: str) -> list[ast.Constant]:
    """String constants of `source` that contain Hangul, documentation excepted."""
    tree = ast.parse(source)
    documentation = _documentation(tree)
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in documentation and HANGUL.search(node.value)]


def _where(module: str, nodes: list[ast.Constant]) -> str:
    return "\n".join(f"{module}:{node.lineno}: {node.value[:60]!r}" for node in sorted(nodes, key=lambda n: n.lineno))


# --- the scanner itself -------------------------------------------------------

SCANNER_ROWS = [
    ('X = "삼성"', 1),
    ('X = r"(?<![가-힣])"', 1),
    ('X = "\\uac00"', 1),                       # an escape is still Hangul
    ('X = f"{a}년"', 1),                         # the literal part of an f-string
    ('X = "ㆍ"', 1),                             # compatibility jamo
    ('X = "\\u1100"', 1),                        # jamo
    ('"""모듈 설명."""', 0),                       # module docstring
    ('def f():\n    """함수 설명."""', 0),
    ('class C:\n    """클래스 설명."""', 0),
    ('x = Field(None, description="설명")', 0),
    ('x = Field(None, description=("설명 " "둘"))', 0),
    ('# 주석\nX = "ascii"', 0),
    ('X = "Ｈａｎｇｕｌ ①"', 0),
]


@pytest.mark.parametrize("source, found", SCANNER_ROWS, ids=[row[0][:30] for row in SCANNER_ROWS])
def test_scanner(source, found):
    assert len(hangul_literals(source)) == found


# --- the code -----------------------------------------------------------------

@pytest.mark.parametrize("module", [m for m in MODULES if m not in STILL_CONVERTING and m != SCRIPT_RANGES])
def test_no_hangul_literal(module):
    nodes = hangul_literals((ROOT / module).read_text(encoding="utf-8"))
    if nodes:
        pytest.fail("Korean words belong in configs/ (read through a schema), script ranges in "
                    f"{SCRIPT_RANGES}:\n" + _where(module, nodes), pytrace=False)


@pytest.mark.parametrize("module", STILL_CONVERTING)
def test_still_converting_list_only_shrinks(module):
    path = ROOT / module
    if not path.exists():
        pytest.fail(f"{module} is gone: remove it from STILL_CONVERTING", pytrace=False)
    if not hangul_literals(path.read_text(encoding="utf-8")):
        pytest.fail(f"{module} has no Hangul literal any more: remove it from STILL_CONVERTING", pytrace=False)


def test_script_ranges_are_escaped_ranges():
    source = (ROOT / SCRIPT_RANGES).read_text(encoding="utf-8")
    nodes = hangul_literals(source)
    assert nodes, f"{SCRIPT_RANGES} defines no range"
    for node in nodes:
        assert re.fullmatch(r"(?:.-.)+", node.value, re.S), _where(SCRIPT_RANGES, [node])
        assert not HANGUL.search(ast.get_source_segment(source, node)), \
            f"{SCRIPT_RANGES}:{node.lineno}: write the range with \\u escapes"
