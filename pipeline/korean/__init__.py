"""The Korean layer: Kiwi analysis (morphemes in sentences), text normalisation and the grammar data."""
from pipeline.korean.grammar import Grammar, grammar

__all__ = ["Analysis", "Grammar", "Morph", "Sentence", "analyse", "analyse_many", "get_kiwi", "grammar"]
_TOKENIZER = frozenset({"Analysis", "Morph", "Sentence", "analyse", "analyse_many", "get_kiwi"})


def __getattr__(name):  # lazy: importing the grammar must not load Kiwi
    if name in _TOKENIZER:
        from pipeline.korean import tokenizer
        return getattr(tokenizer, name)
    raise AttributeError(name)
