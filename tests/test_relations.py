"""Table-driven relation tests: Korean sentences → the alliance records they must yield."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import extract_text
from pipeline.extract.organizations.lexicon import surface_key

CASES = yaml.safe_load((Path(__file__).parent / "data" / "relation_cases.yaml").read_text(encoding="utf-8"))
DIRECTED = {"investment", "acquisition", "supply"}


def _rows():
    for origin, rows in CASES.items():
        for k, row in enumerate(rows):
            marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
            yield pytest.param(row, id=f"{origin}-{k}", marks=marks)


def _key(name: str, party) -> bool:
    return surface_key(name) in (surface_key(party.name), surface_key(party.canonical))


def _matches(expected, alliance) -> bool:
    a, b, relation, *status = expected   # an optional fourth item: the record's status
    if alliance.relation != relation or (status and alliance.status != status[0]):
        return False
    p, q = alliance.parties
    if relation in DIRECTED:
        return _key(a, p) and _key(b, q)
    return (_key(a, p) and _key(b, q)) or (_key(a, q) and _key(b, p))


@pytest.mark.parametrize("row", _rows())
def test_relation_case(row):
    result = extract_text(row["text"], published="2024-06-15")
    got = result.alliances
    expected = row["pairs"]
    missing = [e for e in expected if not any(_matches(e, a) for a in got)]
    extra = [a for a in got if not any(_matches(e, a) for e in expected)]
    describe = [f"{a.relation} {a.parties[0].name}→{a.parties[1].name} ({a.rule})" for a in extra]
    assert not missing and not extra, f"missing {missing}; unexpected {describe}"
    if "status" in row:
        assert {a.status for a in got} == {row["status"]}
