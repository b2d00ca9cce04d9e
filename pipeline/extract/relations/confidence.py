"""How far to trust a record: the precision measured for records made the same way.

A record's confidence is the base value of the rule that bound its pair, times a factor for
each weaker piece of evidence it rests on (a subject carried from an earlier sentence, a
target taken from the discourse, a party known only from its slot in the relation, a
generic relation word …). The values are in configs/confidence.yaml, measured with
scripts/calibrate_confidence.py on the development data and our corpus.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.config_files import ConfigModel, config_schema, load_config
from pipeline.extract.relations.vocabulary import get_relation_vocabulary

WEAK_SOURCES = frozenset({"context:partner_slot", "context:relation_subject", "context:list"})


@config_schema("confidence.yaml")
class ConfidenceConfig(ConfigModel):
    base: dict[str, float]          # rule label → precision
    default: float                  # for a label not listed
    factors: dict[str, float]       # feature → multiplier


@lru_cache(maxsize=None)
def _config() -> ConfidenceConfig:
    return load_config("confidence.yaml")


@lru_cache(maxsize=None)
def _trigger_kinds() -> dict[str, str]:
    return {e.name: e.kind for options in get_relation_vocabulary().triggers_by_first.values() for e in options}


def rule_label(rule: str) -> str:
    """'investment:투자:active:subj>dat+zero_subject' → 'active:subj>dat' → its family 'voice:active'."""
    core = rule.split("+", 1)[0].split(":", 2)
    label = core[2] if len(core) > 2 else ""
    return f"voice:{label.split(':', 1)[0]}" if ":" in label else label


def features(rule: str, party_sources: tuple[str, ...], status: str) -> list[str]:
    """The evidence a record rests on, as feature names (what the factors and the calibration use)."""
    core = rule.split("+", 1)[0].split(":")
    found = [f"rule:{rule_label(rule)}"]
    found += [f"modifier:{m}" for m in rule.split("+")[1:]]
    if len(core) > 3 and "discourse" in core[3]:
        found.append("target:discourse")
    kind = _trigger_kinds().get(core[1]) if len(core) > 1 else None
    if kind:
        found.append(f"trigger:{kind}")
    if any(s in WEAK_SOURCES for s in party_sources):
        found.append("party:weak")
    elif any(s != "lexicon" for s in party_sources):
        found.append("party:context")
    found.append(f"status:{status}")
    return found


def confidence(rule: str, party_sources: tuple[str, ...], status: str) -> float:
    config = _config()
    feats = features(rule, party_sources, status)
    value = config.base.get(feats[0].removeprefix("rule:"), config.default)
    for feature in feats[1:]:
        value *= config.factors.get(feature, 1.0)
    return round(min(1.0, max(0.0, value)), 3)


def record_features(record: dict, organizations: list[dict] | None = None) -> list[str]:
    """Features of a stored record (a JSON object); party sources from the article's organisations."""
    by_span = {(o["start"], o["end"]): o.get("source", "lexicon") for o in organizations or []}
    sources = tuple(by_span.get((p["start"], p["end"]), "lexicon") for p in record.get("parties", []))
    return features(record.get("rule", ""), sources, record.get("status", "announced"))
