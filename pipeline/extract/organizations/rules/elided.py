"""A shared suffix written once: 상업·한일은행 → 상업은행 and 한일은행."""
from __future__ import annotations

from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.sentence import SentenceView
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()
T = G.tags


@rule("org.elided.v1", label="context:elided")
def elided_suffix(s: SentenceView, found: list[OrgMention], taken: list[bool]) -> list[OrgMention]:
    """'상업·한일은행', '국민·주택은행 합병': the name before the mark shares the next one's suffix."""
    ms, vocab, lexicon = s.ms, s.res.vocab, s.res.lexicon
    new_mentions = []
    for mention in list(found):
        suffix = next((x for x in vocab.elision_suffixes if mention.name.endswith(x)
                       and len(mention.name) > len(x)), None)
        k = mention.i - 1
        if suffix is None or k < 1 or ms[k].form not in G.marks.list_marks or not s.glued(mention.i):
            continue
        start = k - 1
        while start > 0 and s.glued(start) and ms[start - 1].tag in T.nominal:
            start -= 1
        if any(taken[start:k]) or any(ms[q].tag not in T.nominal for q in range(start, k)):
            continue
        if start > 0 and s.glued(start):
            continue
        name = s.surface(start, k)
        full = name + suffix
        known = lexicon.lookup(full)
        new = OrgMention(start, k, ms[start].start, ms[k - 1].end, name, known.canonical if known else full,
                         known.type if known else mention.type, elided_suffix.label, rule=elided_suffix.rule_id)
        new_mentions.append(new)
        for q in range(start, k):
            taken[q] = True
    return new_mentions
