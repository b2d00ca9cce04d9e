"""The currency table (configs/currencies.yaml, schema `CurrenciesConfig`): how each currency is written, as data."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from pipeline.config_files import ConfigModel, config_schema, load_config

IsoCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]   # ISO 4217


class CurrencyForms(ConfigModel):
    words: list[str] = []     # after the number
    before: list[str] = []    # symbols/codes before the number
    after: list[str] = []     # symbols/codes after the number


class BareAmounts(ConfigModel):
    """Amounts written without a currency word (500억 조성): when they count, and in what currency."""
    currency: IsoCode
    scales: list[str]            # big multipliers one of which the number must hold (억, 조)
    before: list[str]            # words after the number that make it money (투자, 조성)
    not_before_suffix: list[str] = []   # ... unless glued to one of these (투자자)


class Subunit(ConfigModel):
    currency: IsoCode
    factor: Annotated[Decimal, Field(gt=0)]


def _known(code: str, info: ValidationInfo) -> str:
    currencies = info.data.get("currencies")
    if currencies is not None and code not in currencies:
        raise ValueError(f"{code} is not one of the currencies above")
    return code


@config_schema("currencies.yaml")
class CurrenciesConfig(ConfigModel):
    currencies: dict[IsoCode, CurrencyForms]
    subunits: dict[str, Subunit] = {}
    cents_tail: str
    not_money_after: dict[str, list[str]] = {}
    markers: dict[str, IsoCode]
    paren_only_markers: list[str] = []
    scales: dict[str, Annotated[Decimal, Field(gt=0)]]
    follow: list[str]
    after_single_digit: list[str] = []
    word_like: list[str] = []
    bare_amounts: BareAmounts | None = None

    @field_validator("subunits")
    @classmethod
    def _subunit_currencies(cls, subunits: dict[str, Subunit], info: ValidationInfo) -> dict[str, Subunit]:
        for unit in subunits.values():
            _known(unit.currency, info)
        return subunits

    @field_validator("cents_tail")
    @classmethod
    def _cents_is_subunit(cls, word: str, info: ValidationInfo) -> str:
        if "subunits" in info.data and word not in info.data["subunits"]:
            raise ValueError(f"{word} is not one of the subunits")
        return word

    @field_validator("after_single_digit")
    @classmethod
    def _digit_words_are_currency_words(cls, words: list[str], info: ValidationInfo) -> list[str]:
        known = {w for forms in info.data.get("currencies", {}).values() for w in forms.words}
        known |= set(info.data.get("subunits", {}))
        unknown = [w for w in words if "currencies" in info.data and w not in known]
        if unknown:
            raise ValueError(f"not a currency word: {', '.join(unknown)}")
        return words

    @field_validator("markers")
    @classmethod
    def _marker_currencies(cls, markers: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        for code in markers.values():
            _known(code, info)
        return markers

    @field_validator("paren_only_markers")
    @classmethod
    def _paren_markers_are_markers(cls, words: list[str], info: ValidationInfo) -> list[str]:
        unknown = [w for w in words if "markers" in info.data and w not in info.data["markers"]]
        if unknown:
            raise ValueError(f"not in markers: {', '.join(unknown)}")
        return words


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
    after_single_digit: frozenset[str]  # words a lone Hangul digit may be glued to (구파운드)
    word_like: frozenset[str]     # numeral + currency word that make an ordinary word (만원)
    bare: BareAmounts | None      # 500억 조성: amounts without a currency word


@lru_cache(maxsize=1)
def currency_table() -> CurrencyTable:
    cfg = load_config("currencies.yaml")
    words: dict[str, Unit] = {}
    before: dict[str, Unit] = {}
    after: dict[str, Unit] = {}
    for iso, forms in cfg.currencies.items():
        for w in forms.words:
            words[w] = Unit(iso)
        for w in forms.before:
            before[w] = Unit(iso)
        for w in forms.after:
            after[w] = Unit(iso)
    for w, spec in cfg.subunits.items():
        words[w] = Unit(spec.currency, spec.factor)
    return CurrencyTable(
        words=words, before=before, after=after,
        markers=dict(cfg.markers),
        paren_only_markers=frozenset(cfg.paren_only_markers),
        not_money_after={k: tuple(v) for k, v in cfg.not_money_after.items()},
        cents_tail=cfg.cents_tail,
        scales=dict(cfg.scales),
        follow=tuple(dict.fromkeys(cfg.follow)),
        after_single_digit=frozenset(cfg.after_single_digit),
        word_like=frozenset(cfg.word_like),
        bare=cfg.bare_amounts,
    )


def lookup(form: str) -> Unit | None:
    """The Unit a written currency form stands for (word, symbol or code), or None."""
    t = currency_table()
    form = " ".join(form.split())
    return t.words.get(form) or t.before.get(form) or t.after.get(form) or t.before.get(form.replace(" ", ""))
