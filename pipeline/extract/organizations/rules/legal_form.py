"""A word ending in a legal form is one company name, however Kiwi cut it:
…사모투자합자회사, …집단유한공사, …유한회사."""
from __future__ import annotations

from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags
WORD_STOP_TAGS = T.particle | T.ending | T.predicate | T.punctuation
MIN_HEAD = 2   # syllables before the legal form (합자회사 alone is a kind of company)


@rule("org.legal_form.v1", label="context:legal_form")
def legal_form_name(s: SentenceView, i: int) -> OrgMention | None:
    """The glued word from i ends in 합자회사, 유한회사, 유한공사, 주식회사 … with a head before it."""
    ms = s.ms
    if ms[i].tag not in T.nominal or i + 1 >= len(ms) or not s.glued(i + 1) or not s.legal_form_hint:
        return None
    j = s.word_end(i, WORD_STOP_TAGS)
    if j - i < 2:
        return None
    name = s.surface(i, j)
    form = next((f for f in s.res.vocab.legal_forms if name.endswith(f)), None)
    if form is None or len(name) - len(form) < MIN_HEAD:
        return None
    known = s.res.lexicon.lookup(name)
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, known.canonical if known else name,
                      known.type if known else "company", legal_form_name.label, rule=legal_form_name.rule_id,
                      shaped_by=legal_form_name.rule_id)
