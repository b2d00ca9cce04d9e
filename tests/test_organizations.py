"""Table-driven organisation tests: which names a sentence yields, and which it must not."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import extract_text

CASES = yaml.safe_load((Path(__file__).parent / "data" / "organization_cases.yaml").read_text(encoding="utf-8"))


def _rows():
    for origin, rows in CASES.items():
        for k, row in enumerate(rows):
            marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
            yield pytest.param(row, id=f"{origin}-{k}", marks=marks)


@pytest.mark.parametrize("row", _rows())
def test_organization_case(row):
    result = extract_text(row["text"])
    got = sorted({(o.name, o.canonical) for o in result.organizations})
    assert got == sorted(tuple(o) for o in row["orgs"])
    for org in result.organizations:
        assert row["text"][org.start:org.end] == org.name
