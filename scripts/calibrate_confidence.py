"""Development aid: precision of alliance records by how they were made, to set configs/confidence.yaml.

    .venv/bin/python scripts/calibrate_confidence.py GOLD_DIR:PRED.jsonl [GOLD_DIR:PRED.jsonl ...]

For every predicted record the gold says is right or wrong (`evaluate.label_records`), groups
them by the rule label that bound the pair, by each modifier in the rule string (+zero_subject,
discourse targets …), by the trigger kind and by the organisation evidence of its parties, and
prints records and precision per group, and the precision of the current `confidence` by band.
"""
from __future__ import annotations

import sys
from collections import defaultdict

from pipeline.extract.relations.confidence import record_features
from pipeline.tools.evaluate import format_bands, label_records, load_gold, precision_by_confidence, read_predictions


def main(pairs: list[str]) -> None:
    labelled = []
    groups: dict[str, list[bool]] = defaultdict(list)
    for spec in pairs:
        gold_dir, pred = spec.split(":", 1)
        gold, predictions = load_gold([gold_dir]), read_predictions(pred)
        for name, article in gold.items():
            prediction = predictions.get(name) or {}
            for record, ok in label_records({name: article}, {name: prediction}):
                labelled.append((record, ok))
                if ok is not None:
                    for feature in record_features(record, prediction.get("organizations")):
                        groups[feature].append(ok)
    print(f"{'feature':<40} records  precision")
    for feature, oks in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"{feature:<40} {len(oks):>7}  {sum(oks) / len(oks):.3f}")
    print()
    print(format_bands(precision_by_confidence(labelled)))


if __name__ == "__main__":
    main(sys.argv[1:])
