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


class EvaluationInputError(ValueError):
    """A gold or prediction file that cannot be read: the message names the file (and line) and the problem."""


GOLD_SUFFIX = ".gold.json"


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The gold files named or held (recursively) by folders; EvaluationInputError when a path is
    missing or a folder holds none."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob(f"**/*{GOLD_SUFFIX}"))
            if not found:
                raise EvaluationInputError(f"{path}: no *{GOLD_SUFFIX} files in this folder")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise EvaluationInputError(f"{path}: no such file or folder")
    return files


def _read_gold(file: Path) -> GoldArticle:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise EvaluationInputError(f"{file}: not a gold file (not UTF-8 text; gold files are *{GOLD_SUFFIX})") \
            from None
    except json.JSONDecodeError as exc:
        raise EvaluationInputError(f"{file}: not a gold file (not JSON: {exc.msg} at line {exc.lineno}; "
                                   f"gold files are *{GOLD_SUFFIX})") from None
    missing = [key for key in ("article", "organizations", "alliances")
               if not isinstance(data, dict) or key not in data]
    if missing:
        raise EvaluationInputError(f"{file}: not a gold file (no {', '.join(missing)})")
    try:
        return GoldArticle(data)
    except (KeyError, TypeError) as exc:
        raise EvaluationInputError(f"{file}: a gold entry lacks {exc}") from None


def load_gold(paths: Iterable[str | Path]) -> dict[str, GoldArticle]:
    gold = {}
    for file in gold_files(paths):
        article = _read_gold(file)
        gold[Path(article.data["article"]).name] = article
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
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvaluationInputError(f"{path}: no such file") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise EvaluationInputError(f"{path}: not a JSON Lines file of article results") from None
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                record = json.loads(line)
                article = record["article"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise EvaluationInputError(f"{path}:{number}: not an article result (a JSON object with "
                                           "'article', as `alliances extract --out` writes)") from None
            predictions[Path(article.split("#")[0]).name] = record
    return predictions


def format_summary(summary: dict) -> str:
    return "\n".join(f"{key:16} {value}" for key, value in summary.items())


# -- labelled tables (what `alliances eval` prints) -----------------------------------------------

SCORE_COLUMNS = ("measure", "precision", "recall", "F1", "counted")


def _figure(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def summary_rows(tally: Tally, articles: int) -> list[tuple[str, str, str, str, str]]:
    """(measure, precision, recall, F1, what was counted) per measure; accuracies fill the F1 column."""
    s = tally.summary(articles)

    def prf_row(name: str, key: str, tp: int, fp: int, fn: int):
        p, r, f = s[key]
        return (name, _figure(p), _figure(r), _figure(f), f"{tp} right, {fp} wrong, {fn} missed")

    def accuracy_row(name: str, key: str, right: int, total: int, of: str):
        return (name, "", "", _figure(s[key]), f"{right} of {total} {of}")

    return [
        prf_row("organisations", "org_prf", tally.org_tp, tally.org_fp, tally.org_fn),
        prf_row("pairs", "pair_prf", tally.pair_tp, tally.pair_fp, tally.pair_fn),
        prf_row("money", "money_prf", tally.money_tp, tally.money_fp, tally.money_fn),
        accuracy_row("relation", "relation_acc", tally.relation_ok, tally.pair_tp, "pairs found"),
        accuracy_row("direction", "direction_acc", tally.direction_ok, tally.direction_total,
                     "directed pairs found"),
        accuracy_row("amount", "amount_acc", tally.amount_ok, tally.amount_total, "pairs with an amount"),
        ("forbidden pairs", "", "", "", f"{tally.forbidden_hits} predicted"),
        ("articles", "", "", "", f"{articles} in the gold, {tally.missing_articles} without predictions"),
    ]


ERROR_COLUMNS = ("article", "error", "what", "found", "expected", "reason")
ERROR_REASONS = {
    "org FP": "predicted organisation that the gold does not list",
    "org FN": "gold organisation not found",
    "pair FP (unknown party)": "an alliance with a party the gold does not list",
    "pair FP": "an alliance between organisations the gold does not pair",
    "pair FP (forbidden)": "an alliance the gold says is wrong (a trap)",
    "pair FN": "gold alliance not found",
    "relation": "pair found, with another relation",
    "direction": "pair found, with the parties the other way round",
    "amount": "pair found, without its amount (or with another)",
    "money FP": "amount that the gold does not list",
    "money FN": "gold amount not found",
}


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " · ".join(_shown(v) or "none" for v in value)
    if isinstance(value, dict):
        return " ".join(str(value[k]) for k in ("value", "currency") if value.get(k) is not None) or json.dumps(value)
    return str(value)


def error_rows(errors: list[tuple]) -> list[dict]:
    """Each error of `Tally.errors` as a record: article, error kind, what it is about, what was
    found and expected (where the kind has them), and the reason in words."""
    rows = []
    for article, kind, what, *rest in errors:
        found, expected = (rest + [None, None])[:2]
        if kind.startswith("money"):
            what = _shown([what[1], what[0]]) if isinstance(what, tuple) else _shown(what)
        rows.append({"article": article, "error": kind, "what": _shown(what), "found": _shown(found),
                     "expected": _shown(expected), "reason": ERROR_REASONS.get(kind, kind)})
    return rows


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
