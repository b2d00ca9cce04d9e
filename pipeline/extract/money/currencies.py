"""The currency table (configs/currencies.yaml): how each currency is written, as data."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pipeline.settings import load_config


@dataclass(frozen=True)
class Unit:
    """One way of writing a currency: its ISO code and the factor into that currency."""
    iso: str
    factor: Decimal = Decimal(1)


@dataclass(frozen=True)
class CurrencyTable:
    words: dict[str, Unit]        # after the number: 원, 달러, 위안, 센트 (Unit(USD, 0.01)), 元
    before: dict[str, Unit]       # before the number: $, US$, USD, €, ₩
    after: dict[str, Unit]        # symbols/codes after the number: 10₩, 20 USD
    markers: dict[str, str]       # 미화 -> USD, 한화 -> KRW
    paren_only_markers: frozenset[str]
    not_money_after: dict[str, tuple[str, ...]]  # 불 -> (정책, 원칙 …): 3불 정책
    cents_tail: str               # 센트 in 2달러 23센트
    scales: dict[str, Decimal]    # million -> 10^6
    follow: tuple[str, ...]       # what may follow a Korean currency word


@lru_cache(maxsize=1)
def currency_table() -> CurrencyTable:
    cfg = load_config("currencies.yaml")
    words: dict[str, Unit] = {}
    before: dict[str, Unit] = {}
    after: dict[str, Unit] = {}
    for iso, forms in cfg["currencies"].items():
        for w in forms.get("words", []):
            words[str(w)] = Unit(iso)
        for w in forms.get("before", []):
            before[str(w)] = Unit(iso)
        for w in forms.get("after", []):
            after[str(w)] = Unit(iso)
    for w, spec in (cfg.get("subunits") or {}).items():
        words[str(w)] = Unit(spec["currency"], Decimal(str(spec["factor"])))
    return CurrencyTable(
        words=words, before=before, after=after,
        markers={str(k): v for k, v in cfg["markers"].items()},
        paren_only_markers=frozenset(cfg.get("paren_only_markers", [])),
        not_money_after={str(k): tuple(v) for k, v in (cfg.get("not_money_after") or {}).items()},
        cents_tail=cfg["cents_tail"],
        scales={str(k): Decimal(str(v)) for k, v in cfg["scales"].items()},
        follow=tuple(dict.fromkeys(str(f) for f in cfg["follow"])),
    )


def lookup(form: str) -> Unit | None:
    """The Unit a written currency form stands for (word, symbol or code), or None."""
    t = currency_table()
    form = " ".join(form.split())
    return t.words.get(form) or t.before.get(form) or t.after.get(form) or t.before.get(form.replace(" ", ""))
