"""The rules that turn a candidate name down (a gloss, a place, a model code …), and running them."""
from __future__ import annotations

from typing import Callable, Iterable

from pipeline.extract.organizations.rules.currency_word import currency_word
from pipeline.extract.organizations.rules.derivation import derivation
from pipeline.extract.organizations.rules.event_name import event_name
from pipeline.extract.organizations.rules.gloss import gloss
from pipeline.extract.organizations.rules.legal_fragment import legal_fragment
from pipeline.extract.organizations.rules.model_code import model_code
from pipeline.extract.organizations.rules.place import place
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict

# For a name never seen before (and for the members a list rule adds).
NAME_VETOES = (gloss, legal_fragment, place, model_code, event_name, currency_word, derivation)
# For a lexicon name; `place` only when the name was extended (X공장).
KNOWN_NAME_VETOES = (gloss, event_name, currency_word, derivation, model_code)


def veto(s: SentenceView, span: NameSpan, rules: Iterable[Callable] = NAME_VETOES) -> bool:
    """True when one of `rules` rejects the span; the rejection is noted for the trace."""
    for rule in rules:
        if rule(s, span) is Verdict.REJECT:
            s.reject(rule.rule_id, span.i, span.j)
            return True
    return False
