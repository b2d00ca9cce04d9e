"""Names known only from their place in a relation need a firmer organisation beside them."""
from __future__ import annotations

from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.registry import rule

WEAK_LABELS = frozenset({"context:partner_slot", "context:relation_subject", "context:list"})


def is_weak(m: OrgMention) -> bool:
    return m.source in WEAK_LABELS and not m.repeated


@rule("org.weak_needs_firm.v1", label="")
def drop_weak_alone(found: list[OrgMention]) -> list[OrgMention]:
    """X와 협력, X는 … 투자: such an X counts only when the sentence names another organisation
    on firmer grounds; in general news the other side of '협력' is a person or a country."""
    if not any(is_weak(m) for m in found) or any(not is_weak(m) for m in found):
        return found
    return [m for m in found if not is_weak(m)]
