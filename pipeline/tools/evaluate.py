"""Scoring predictions against gold annotations (the seed's `*.gold.json` format).

Figures are those of the project's judged scorer: organisation P/R/F1 (every
predicted mention that names no gold organisation is a false positive; each gold
organisation found once is a hit), pair P/R/F1 over unordered pairs (optional pairs
neither reward nor cost; a forbidden pair costs, unless its status is excused),
relation / direction / amount accuracy over the pairs found, money P/R/F1 over
(currency, value) mentions, and forbidden-pair hits. Names match a gold
organisation by name or alias, ignoring case and spaces.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


def _norm(name) -> str:
    return "".join(str(name).split()).lower()


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


@dataclass
class Tally:
    org_tp: int = 0
    org_fp: int = 0
    org_fn: int = 0
    pair_tp: int = 0
    pair_fp: int = 0
    pair_fn: int = 0
    relation_ok: int = 0
    direction_total: int = 0
    direction_ok: int = 0
    amount_total: int = 0
    amount_ok: int = 0
    money_tp: int = 0
    money_fp: int = 0
    money_fn: int = 0
    forbidden_hits: int = 0
    missing_articles: int = 0
    errors: list[tuple] = field(default_factory=list)

    def summary(self, articles: int) -> dict:
        return {
            "articles": articles,
            "org_prf": prf(self.org_tp, self.org_fp, self.org_fn),
            "pair_prf": prf(self.pair_tp, self.pair_fp, self.pair_fn),
            "relation_acc": _ratio(self.relation_ok, self.pair_tp),
            "direction_acc": _ratio(self.direction_ok, self.direction_total) if self.direction_total else None,
            "amount_acc": _ratio(self.amount_ok, self.amount_total) if self.amount_total else None,
            "money_prf": prf(self.money_tp, self.money_fp, self.money_fn),
            "forbidden_hits": self.forbidden_hits,
            "missing_articles": self.missing_articles,
        }


class GoldArticle:
    def __init__(self, data: dict):
        self.data = data
        self.names = {}
        for org in data["organizations"]:
            for alias in [org["name"], *org.get("aliases", [])]:
                self.names[_norm(alias)] = org["name"]
        self.optional_names = {_norm(x) for x in data.get("optional_organizations", [])}
        self.pairs = {frozenset(a["pair"]): a for a in data["alliances"]}
        self.optional = {frozenset(a["pair"]) for a in data.get("optional", [])} - set(self.pairs)
        self.forbidden = {frozenset(a["pair"]): set(a.get("allowed_if_status", [])) for a in data.get("forbidden", [])}

    def resolve(self, party) -> str | None:
        for key in ("name", "canonical"):
            value = party.get(key) if isinstance(party, dict) else party
            if value and _norm(value) in self.names:
                return self.names[_norm(value)]
        return None


def load_gold(paths: Iterable[str | Path]) -> dict[str, GoldArticle]:
    gold = {}
    for path in map(Path, paths):
        for file in sorted(path.glob("**/*.gold.json")) if path.is_dir() else [path]:
            data = json.loads(file.read_text(encoding="utf-8"))
            gold[Path(data["article"]).name] = GoldArticle(data)
    return gold


def score(gold: dict[str, GoldArticle], predictions: dict[str, dict]) -> Tally:
    tally = Tally()
    for name, g in gold.items():
        pred = predictions.get(name)
        if pred is None:
            tally.missing_articles += 1
            pred = {}
        _score_organizations(name, g, pred, tally)
        _score_pairs(name, g, pred, tally)
        _score_money(name, g, pred, tally)
    return tally


def _score_organizations(name, g: GoldArticle, pred, tally: Tally) -> None:
    found = set()
    for org in pred.get("organizations", []):
        key = g.resolve(org)
        if key is not None:
            found.add(key)
        elif _norm(org.get("name", "")) not in g.optional_names:
            tally.org_fp += 1
            tally.errors.append((name, "org FP", org.get("name")))
    gold_names = {o["name"] for o in g.data["organizations"]}
    tally.org_tp += len(found)
    tally.org_fn += len(gold_names - found)
    tally.errors.extend((name, "org FN", k) for k in sorted(gold_names - found))


def _score_pairs(name, g: GoldArticle, pred, tally: Tally) -> None:
    by_pair: dict[frozenset, list[tuple[dict, list]]] = {}
    for record in pred.get("alliances", []):
        parties = record.get("parties", [])
        keys = [g.resolve(p) for p in parties]
        if len(keys) == 2 and None not in keys and keys[0] != keys[1]:
            by_pair.setdefault(frozenset(keys), []).append((record, keys))
            continue
        if len(keys) == 2 and keys[0] is not None and keys[0] == keys[1]:
            tally.forbidden_hits += 1  # a name paired with itself
        elif len(parties) == 2 and any(_norm(p.get("name", "")) in g.optional_names for p in parties):
            continue
        tally.pair_fp += 1
        tally.errors.append((name, "pair FP (unknown party)", [p.get("name") for p in parties]))
    for pair, records in by_pair.items():
        if pair in g.pairs:
            _score_found_pair(name, g.pairs[pair], pair, records, tally)
        elif pair in g.optional:
            continue
        elif (pair in g.forbidden and g.forbidden[pair]
              and all(r.get("status") in g.forbidden[pair] for r, _ in records)):
            continue
        else:
            tally.pair_fp += 1
            forbidden = pair in g.forbidden
            tally.forbidden_hits += forbidden
            tally.errors.append((name, "pair FP (forbidden)" if forbidden else "pair FP", sorted(pair)))
    for pair in g.pairs:
        if pair not in by_pair:
            tally.pair_fn += 1
            tally.errors.append((name, "pair FN", sorted(pair)))


def _score_found_pair(name, gold_pair: dict, pair, records, tally: Tally) -> None:
    tally.pair_tp += 1
    accepted = gold_pair["relation"] if isinstance(gold_pair["relation"], list) else [gold_pair["relation"]]
    right = [(r, k) for r, k in records if r.get("relation") in accepted]
    tally.relation_ok += bool(right)
    if not right:
        tally.errors.append((name, "relation", sorted(pair), [r.get("relation") for r, _ in records], accepted))
    if gold_pair.get("directed"):
        directed = [(r, k) for r, k in right if r.get("directed")]
        if directed or not right:
            tally.direction_total += 1
            ok = any(k[0] == gold_pair["pair"][0] for _, k in directed)
            tally.direction_ok += ok
            if not ok:
                tally.errors.append((name, "direction", sorted(pair)))
    if gold_pair.get("amount"):
        tally.amount_total += 1
        want = gold_pair["amount"]
        ok = any(_same_money(r.get("amount") or {}, want) for r, _ in records)
        tally.amount_ok += ok
        if not ok:
            tally.errors.append((name, "amount", sorted(pair), [r.get("amount") for r, _ in records], want))


def _same_money(got: dict, want: dict) -> bool:
    try:
        return got.get("currency") == want["currency"] and abs(float(got["value"]) - float(want["value"])) < 0.5
    except (KeyError, TypeError, ValueError):
        return False


def _score_money(name, g: GoldArticle, pred, tally: Tally) -> None:
    remaining = Counter((m["currency"], float(m["value"])) for m in g.data.get("money", []))
    for amount in pred.get("amounts", []):
        try:
            got = (amount.get("currency"), float(amount.get("value")))
        except (TypeError, ValueError):
            got = (amount.get("currency"), None)
        hit = next((k for k in remaining if remaining[k] and got[1] is not None and k[0] == got[0]
                    and abs(k[1] - got[1]) < 0.5), None)
        if hit is None:
            tally.money_fp += 1
            tally.errors.append((name, "money FP", got))
        else:
            remaining[hit] -= 1
            tally.money_tp += 1
    for key, left in remaining.items():
        tally.money_fn += left
        tally.errors.extend((name, "money FN", key) for _ in range(left))


def read_predictions(path: str | Path) -> dict[str, dict]:
    predictions = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            predictions[Path(record["article"].split("#")[0]).name] = record
    return predictions


def format_summary(summary: dict) -> str:
    return "\n".join(f"{key:16} {value}" for key, value in summary.items())


# -- precision of single records (confidence calibration) ------------------------------------

def label_records(gold: dict[str, GoldArticle], predictions: dict[str, dict]) -> list[tuple[dict, bool | None]]:
    """Every predicted alliance with whether it is right: True when its pair is a gold pair, False
    when it is not (an unknown party, a forbidden pair, any other pair), None when the gold neither
    rewards nor costs it (optional pairs and organisations, forbidden pairs in an excused status)."""
    out: list[tuple[dict, bool | None]] = []
    for name, g in gold.items():
        for record in (predictions.get(name) or {}).get("alliances", []):
            parties = record.get("parties", [])
            keys = [g.resolve(p) for p in parties]
            if len(keys) == 2 and None not in keys and keys[0] != keys[1]:
                pair = frozenset(keys)
                if pair in g.pairs:
                    out.append((record, True))
                elif pair in g.optional or (pair in g.forbidden and g.forbidden[pair]
                                             and record.get("status") in g.forbidden[pair]):
                    out.append((record, None))
                else:
                    out.append((record, False))
            elif any(_norm(p.get("name", "")) in g.optional_names for p in parties):
                out.append((record, None))
            else:
                out.append((record, False))
    return out


CONFIDENCE_BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def precision_by_confidence(labelled: list[tuple[dict, bool | None]]) -> list[dict]:
    """Records and their precision in each confidence band, and at or above each band's floor."""
    rows = []
    for low, high in CONFIDENCE_BANDS:
        inside = [ok for r, ok in labelled if ok is not None and low <= r.get("confidence", 0.0) < high]
        above = [ok for r, ok in labelled if ok is not None and r.get("confidence", 0.0) >= low]
        rows.append({"band": f"{low:.1f}–{min(high, 1.0):.1f}", "records": len(inside),
                     "precision": _ratio(sum(inside), len(inside)) if inside else None,
                     "records_at_or_above": len(above),
                     "precision_at_or_above": _ratio(sum(above), len(above)) if above else None})
    return rows


def format_bands(rows: list[dict]) -> str:
    lines = ["confidence   records  precision   records ≥  precision ≥"]
    for r in rows:
        p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        q = "-" if r["precision_at_or_above"] is None else f"{r['precision_at_or_above']:.3f}"
        lines.append(f"{r['band']:<10}  {r['records']:>8}  {p:>9}  {r['records_at_or_above']:>10}  {q:>11}")
    return "\n".join(lines)
