"""A deal denied or called off in one sentence is denied or called off wherever the article
reports it: the headline's 인수? and the 보도 that 인수를 추진 share the denial's status."""
from __future__ import annotations

from pipeline.extract.registry import rule
from pipeline.records import Alliance

OUTCOMES = ("cancelled", "denied")   # the first one found for a pair wins
FAMILIES = {"investment": "ownership", "acquisition": "ownership", "merger": "ownership",
            "partnership": "cooperation", "joint_development": "cooperation", "joint_venture": "cooperation",
            "supply": "supply"}


SAME_DEAL = {"investment": "acquisition"}   # 지분 인수 (investment) is called off as an 인수


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


@rule("rel.partyless_outcome.v1", label="partyless_outcome")
def settle_earlier(records: list[Alliance], outcome: str, sentence_start: int, relations: set[str],
                   earlier_starts: tuple[int, ...]) -> list[Alliance]:
    """A sentence that calls off a deal without naming anyone (인수 절차를 중단했다, 두 건 모두
    무산됐다) settles the deals of the same relation (a stake bought counts as an acquisition)
    reported in the sentences just before it."""
    kinds = {SAME_DEAL.get(r, r) for r in relations}
    out = []
    for a in records:
        if a.evidence.start in earlier_starts and SAME_DEAL.get(a.relation, a.relation) in kinds \
                and a.status not in OUTCOMES:
            a = a.model_copy(update={"status": outcome, "rule": f"{a.rule}+{settle_earlier.label}"})
        out.append(a)
    return out
