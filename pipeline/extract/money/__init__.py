"""Money and numbers in Korean text, by regular expressions (no morphological analysis).

    parse_money(text)  -> Amount | None    one whole expression: "2천 만 달러", "$20 million", "수백억 원"
    find_amounts(text) -> list[Amount]     every amount in an article, with offsets
    parse_number(text) -> Decimal | None   a numeral alone: "1,000", "오십팔만천구백", "쉰둘"

Data (currency forms, numeral words, qualifiers) lives in configs/currencies.yaml and
configs/numerals.yaml and is read once.
"""
from pipeline.extract.money.amounts import find_amounts, parse_money
from pipeline.extract.money.numerals import parse_number

__all__ = ["find_amounts", "parse_money", "parse_number"]
