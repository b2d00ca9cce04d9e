"""Run Facebook Duckling's Korean money and numeral corpora through pipeline.extract.money.

    python benchmarks/duckling.py ../shared/bench          parse_money / parse_number
    python benchmarks/duckling.py ../shared/bench --cli    money rows as one-line articles

Reads duckling_ko_money.json and duckling_ko_numeral.json ({"text", "expected"} rows) from
the directory given and prints pass counts by category. Not a test: the corpora live
outside the repository.

`--cli` writes each money row as one article of a JSON Lines file, runs `alliances extract`
on it in a subprocess and counts a row as found when the article's amounts hold one that
spans the whole row with the expected value (running text: the `find_amounts` scanner).

Duckling's units: `$` = USD, `EUR`, `£` = GBP, `KRW`, `cent` = 0.01 USD (parse_money reports
cents as USD). An interval's `from` is compared with Amount.min and `to` with Amount.max
(an open bound has only one of them).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.extract.money import parse_money, parse_number  # noqa: E402
from pipeline.records import Amount  # noqa: E402

UNITS = {"$": ("USD", Decimal(1)), "EUR": ("EUR", Decimal(1)), "£": ("GBP", Decimal(1)),
         "KRW": ("KRW", Decimal(1)), "cent": ("USD", Decimal("0.01"))}


def _money(value, unit) -> tuple[str, Decimal]:
    iso, factor = UNITS[unit]
    return iso, Decimal(str(value)) * factor


def money_ok(text: str, expected: dict) -> tuple[bool, str]:
    return amount_ok(parse_money(text), expected)


def amount_ok(a, expected: dict) -> tuple[bool, str]:
    """Does Amount `a` (or None) hold Duckling's expected value or interval?"""
    if a is None:
        return False, "no amount"
    if expected["type"] == "value":
        iso, value = _money(expected["value"], expected["unit"])
        got = (a.currency, a.value)
        return got == (iso, value), f"{got} != {(iso, value)}"
    want = {}
    for end, field in (("from", "min"), ("to", "max")):
        if end in expected:
            iso, value = _money(expected[end]["value"], expected[end]["unit"])
            want[field] = value
            if a.currency != iso:
                return False, f"currency {a.currency} != {iso}"
    got = {"min": a.min, "max": a.max}
    return all(got[k] == want.get(k) for k in got), f"{got} != {want}"


def money_category(expected: dict) -> str:
    if expected["type"] == "value":
        return f"value {expected['unit']}"
    ends = "+".join(k for k in ("from", "to") if k in expected)
    unit = (expected.get("from") or expected.get("to"))["unit"]
    return f"interval {ends} {unit}"


def numeral_category(text: str) -> str:
    if "/" in text or "분의" in text:
        return "fraction"
    if text.startswith(("-", "마이")):
        return "negative"
    if any(c in text for c in ".점쩜"):
        return "decimal"
    if any(c.isdigit() for c in text):
        return "digits"
    if any(c in text for c in "하나둘두셋세넷네섯곱덟홉열스물서른마흔쉰예순흔여든아흔한"):
        return "native"
    return "sino-korean"


def run(rows, check, category) -> tuple[int, int]:
    by_cat = defaultdict(lambda: [0, 0])
    failures = []
    for row in rows:
        ok, why = check(row["text"], row["expected"])
        cat = category(row)
        by_cat[cat][0] += ok
        by_cat[cat][1] += 1
        if not ok:
            failures.append(f"    FAIL {row['text']!r}: {why}")
    for cat, (ok, n) in sorted(by_cat.items()):
        print(f"  {cat:28s} {ok:3d}/{n}")
    for line in failures:
        print(line)
    passed = sum(ok for ok, _ in by_cat.values())
    return passed, len(rows)


def cli_amounts(texts: list[str]) -> list[list[Amount]]:
    """The amounts `alliances extract` stores for each text given as a one-line article."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = folder / "rows.jsonl"
        rows.write_text("".join(json.dumps({"body": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
        out = folder / "out.jsonl"
        subprocess.run([sys.executable, "-m", "pipeline.tools.cli", "extract", str(rows), "--out", str(out),
                        "--db", f"sqlite:///{folder / 'out.db'}", "--no-progress", "--force", "--workers", "1"],
                       check=True, cwd=Path(__file__).resolve().parents[1], stdout=subprocess.DEVNULL)
        found: dict[int, list[Amount]] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            result = json.loads(line)                 # article "rows.jsonl#N": line N
            line_number = int(result["article"].rsplit("#", 1)[-1])
            found[line_number] = [Amount.model_validate(a) for a in result["amounts"] + result["vague_amounts"]]
    return [found.get(i + 1, []) for i in range(len(texts))]


def run_cli(money: list[dict]) -> int:
    """Money rows through the command line as one-line articles; prints found/total."""
    amounts = cli_amounts([row["text"] for row in money])

    def check(text, expected):
        whole = next((a for a in amounts[index[text]] if a.text == text.strip()), None)
        return amount_ok(whole, expected)

    index = {row["text"]: i for i, row in enumerate(money)}
    print("money (alliances extract, one-line articles)")
    found, total = run(money, check, lambda r: money_category(r["expected"]))
    print(f"FOUND {found}/{total}")
    return 0 if found >= 47 else 1


def main(argv: list[str]) -> int:
    cli = "--cli" in argv
    argv = [a for a in argv if a != "--cli"]
    if len(argv) != 1:
        print(__doc__)
        return 2
    bench = Path(argv[0])
    money = json.loads((bench / "duckling_ko_money.json").read_text(encoding="utf-8"))
    if cli:
        return run_cli(money)
    numerals = json.loads((bench / "duckling_ko_numeral.json").read_text(encoding="utf-8"))

    print("money (parse_money)")
    m_ok, m_n = run(money, money_ok, lambda r: money_category(r["expected"]))

    def numeral_ok(text, expected):
        got = parse_number(text)
        want = Decimal(str(expected["value"]))
        return got == want, f"{got} != {want}"

    print("numeral (parse_number)")
    n_ok, n_n = run(numerals, numeral_ok, lambda r: numeral_category(r["text"]))
    print(f"TOTAL money {m_ok}/{m_n}  numeral {n_ok}/{n_n}")
    return 0 if (m_ok >= 47 and n_ok >= 90) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
