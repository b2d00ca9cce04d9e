"""What the extraction did, step by step: which rule fired on which words.

The core records one `Step` per fired rule (organisation rules per mention, relation
rules per record, and the sentence's chunks); `alliances explain` prints them, and the
rule-coverage test reads them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Step:
    sentence: int      # sentence index in the article
    rule: str          # registered rule id, or a stage name for structure lines (chunk)
    detail: str        # what it found or bound, for a person to read


@dataclass(slots=True)
class Trace:
    steps: list[Step] = field(default_factory=list)

    def add(self, sentence: int, rule: str, detail: str) -> None:
        self.steps.append(Step(sentence, rule, detail))

    def rules_fired(self) -> set[str]:
        return {s.rule for s in self.steps}

    def for_sentence(self, sentence: int) -> list[Step]:
        return [s for s in self.steps if s.sentence == sentence]
