"""The relation lexicon of configs/relations.yaml, compiled for lookup by morpheme form."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.settings import load_config

KIND_RANK = {"typed": 3, "explicit": 2, "generic": 1, "activity": 0}
TRIGGER_TAGS = ("NNG", "VV", "SL", "XR", "XSV", "VA", "NNP")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    forms: tuple[str, ...]
    relation: str
    kind: str
    voice: str | None
    gap: bool
    requires: tuple[str, ...]

    @property
    def name(self) -> str:
        return "".join(self.forms)


@dataclass(frozen=True, slots=True)
class Voice:
    source: tuple[str, ...]
    target: tuple[str, ...]


class RelationLexicon:
    def __init__(self, data: dict):
        entries = [
            TriggerEntry(tuple(t["forms"]), t["relation"], t["kind"], t.get("voice"),
                         bool(t.get("gap", False)), tuple(t.get("requires", ())))
            for t in data["triggers"]
        ]
        by_first: dict[str, list[TriggerEntry]] = {}
        for entry in entries:
            by_first.setdefault(entry.forms[0], []).append(entry)
        for options in by_first.values():
            options.sort(key=lambda e: len(e.forms), reverse=True)  # longest first
        self.triggers_by_first = by_first
        self.trigger_forms = frozenset(f for e in entries for f in e.forms[:1])
        # relations whose object (을/를) is an organisation: B를 인수, B를 흡수합병
        # (only forms that are a trigger by themselves: 통합 needs 하다, and 통합 솔루션 is no merger)
        alone = {e.forms[0] for e in entries if len(e.forms) == 1}
        self.object_trigger_forms = frozenset(e.forms[0] for e in entries
                                              if e.relation in ("acquisition", "merger") and e.forms[0] in alone)
        self.voices = {name: Voice(tuple(v["source"]), tuple(v["target"])) for name, v in data["voices"].items()}
        self.status_patterns = {status: [tuple(p) for p in patterns] for status, patterns in data["status"].items()}
        # the same, as "\0form\0form\0" strings to find in a clause's forms joined alike
        self.status_strings = {status: tuple("\0" + "\0".join(p) + "\0" for p in patterns)
                               for status, patterns in self.status_patterns.items()}
        self.status_priority = tuple(data["status_priority"])
        self.stake_words = frozenset(data["stake_words"])
        self.derived_noun_suffixes = frozenset(data["derived_noun_suffixes"])
        self.counted_companies = frozenset(data["counted_companies"])
        self.time_heads = frozenset(data["time_heads"])
        self.control_words = frozenset(data["control_words"])
        self.competition = frozenset(data["competition"])
        self.distributive = frozenset(data["distributive"])
        self.joint_markers = frozenset(data["joint_markers"])
        self.reciprocal_triggers = frozenset(data["reciprocal_triggers"])
        self.negation = frozenset(data["negation"])
        self.adverbial_verbs = frozenset(data["adverbial_verbs"])
        self.clause_endings = frozenset(data["clause_endings"])
        self.clause_words = frozenset(data["clause_words"])
        self.anaphora_by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for kind in ("pair", "single"):
            for pattern in data[f"{kind}_anaphora"]:
                self.anaphora_by_first.setdefault(pattern[0], []).append((kind, tuple(pattern)))
        self.generic_partner_particles = frozenset(data["generic_partner_particles"])


@lru_cache(maxsize=None)
def get_relation_lexicon() -> RelationLexicon:
    return RelationLexicon(load_config("relations.yaml"))
