"""A deal denied or called off in one sentence is denied or called off wherever the article
reports it: the headline's 인수? and the 보도 that 인수를 추진 share the denial's status."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.records import Alliance

OUTCOMES = ("cancelled", "denied")   # the first one found for a pair wins
FAMILIES = {"investment": "ownership", "acquisition": "ownership", "merger": "ownership",
            "partnership": "cooperation", "joint_development": "cooperation", "joint_venture": "cooperation",
            "supply": "supply"}


def _deal(a: Alliance) -> tuple:
    return frozenset(p.canonical for p in a.parties), FAMILIES[a.relation]


@rule("rel.outcome_spread.v1", label="outcome_spread")
def spread_outcomes(records: list[Alliance]) -> list[Alliance]:
    """Records of a pair's deal (same kind: ownership, cooperation or supply) take the status of
    a record of it that is cancelled or denied, unless they are dated after that outcome (a new
    deal after a failed one)."""
    outcome: dict[tuple, Alliance] = {}
    for status in OUTCOMES:
        for a in records:
            if a.status == status:
                outcome.setdefault(_deal(a), a)
    if not outcome:
        return records
    out = []
    for a in records:
        settled = outcome.get(_deal(a))
        if settled is not None and a.status not in OUTCOMES and not _dated_after(a, settled):
            a = a.model_copy(update={"status": settled.status, "rule": f"{a.rule}+{spread_outcomes.label}"})
        out.append(a)
    return out


def _dated_after(a: Alliance, settled: Alliance) -> bool:
    return bool(a.date_start and settled.date_end and a.date_start > settled.date_end)
