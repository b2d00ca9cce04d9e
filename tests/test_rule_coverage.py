"""Every registered rule is exercised by some row of the test tables (tests/data/*_cases.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.extract.core import explain_text
from pipeline.extract.registry import RULES

TABLES = ("organization_cases.yaml", "relation_cases.yaml")


def _table_texts() -> list[str]:
    texts = []
    for table in TABLES:
        cases = yaml.safe_load((Path(__file__).parent / "data" / table).read_text(encoding="utf-8"))
        texts += [row["text"] for rows in cases.values() for row in rows if not row.get("xfail")]
    return texts


@pytest.fixture(scope="module")
def fired() -> dict[str, str]:
    """Rule id → the first table text it fired on."""
    seen: dict[str, str] = {}
    for text in _table_texts():
        for step in explain_text(text).trace.steps:
            seen.setdefault(step.rule, text)
    return seen


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_registered_rule_has_a_table_row(rule_id, fired):
    assert rule_id in fired, (f"rule {rule_id} ({RULES[rule_id].summary}) fires on no row of {', '.join(TABLES)}: "
                              "add a row that needs it")
