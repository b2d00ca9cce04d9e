"""One registry of extraction rules, each with a versioned id.

A rule is a small function in its own module under `extract/organizations/rules/` or
`extract/relations/rules/`, registered here by the `rule` decorator:

    @rule("org.apposition.v1", label="context:apposition")
    def apposition(s: SentenceView, span: NameSpan) -> Verdict: ...

`id` names the rule in traces and in the coverage test (every registered rule must fire
on some row of the test tables); `label` is what records carry (an organisation's
`source`, the last part of an alliance's `rule`). Bump the version when a rule changes
what it finds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)


@dataclass(frozen=True)
class RuleInfo:
    id: str        # stage.name.vN
    label: str     # written into records
    stage: str     # "org" or "rel"
    summary: str   # the first line of the rule's docstring


RULES: dict[str, RuleInfo] = {}


def rule(rule_id: str, label: str) -> Callable[[F], F]:
    """Register the decorated function as rule `rule_id` (e.g. "org.suffix.v1")."""
    stage = rule_id.split(".", 1)[0]
    if stage not in ("org", "rel") or not rule_id.rsplit(".", 1)[-1].startswith("v"):
        raise ValueError(f"rule id {rule_id!r} must look like org.NAME.vN or rel.NAME.vN")

    def register(fn: F) -> F:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        summary = " ".join((fn.__doc__ or "").strip().split("\n\n")[0].split())
        RULES[rule_id] = RuleInfo(rule_id, label, stage, summary)
        fn.rule_id = rule_id
        fn.label = label
        return fn
    return register
