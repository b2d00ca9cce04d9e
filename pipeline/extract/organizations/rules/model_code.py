"""A model code is a product, not a maker: SMR-160, F-35; a brand glued to one (아우디A6)."""
from __future__ import annotations

import re

from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule

# Latin letters and digits with an optional hyphen, digits included: the shape of a model code.
MODEL_CODE = re.compile(r"[A-Za-z]{1,5}-?\d+[A-Za-z]?")
GLUED_MODEL_CODE = re.compile(r"[A-Za-z]{1,3}-?\d+[A-Za-z]?$")


@rule("org.model_code.v1", label="")
def model_code(s: SentenceView, span: NameSpan) -> Verdict | None:
    """The whole name is a model code (SMR-160), or ends in Latin letters glued to digits after a
    Hangul brand (아우디A6, 폭스바겐ID4): a product."""
    name = span.name
    if s.res.lexicon.lookup(name) is not None:
        return None  # a listed name of that shape (GS25) is the company's
    if MODEL_CODE.fullmatch(name):
        return Verdict.REJECT
    code = GLUED_MODEL_CODE.search(name)
    if code is not None and code.start() > 0 and not name[code.start() - 1].isascii():
        return Verdict.REJECT
    return None
