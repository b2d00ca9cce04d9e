"""㈜, (주), 株, 주식회사 next to a word make it a company name."""
from __future__ import annotations

from pipeline.extract.organizations import evidence, spans
from pipeline.extract.organizations.mention import OrgMention
from pipeline.extract.organizations.sentence import NameSpan, SentenceView, Verdict
from pipeline.extract.registry import rule
from pipeline.korean import grammar

G = grammar()


@rule("org.after_corporate_mark.v1", label="context:corporate_mark")
def after_mark(s: SentenceView, i: int) -> OrgMention | None:
    """'㈜한끼푸드': the whole word glued after ㈜ is a name, whatever Kiwi cut it into."""
    ms = s.ms
    if i == 0 or ms[i - 1].form not in G.marks.corporate_mark_forms or not s.glued(i):
        return None
    j = spans.marked_word_end(s, i)
    name = s.surface(i, j)
    if len(name) < 2 or not spans.plausible_name(s, name, ms[j - 1]):
        return None
    return OrgMention(i, j, ms[i].start, ms[j - 1].end, name, name, "company", after_mark.label,
                      rule=after_mark.rule_id)


@rule("org.corporate_mark.v2", label="context:corporate_mark")
def marked(s: SentenceView, span: NameSpan) -> Verdict | None:
    """An unseen name with ㈜, (주) or 주식회사 right before or after it: 한빛(주)."""
    return Verdict.ACCEPT if evidence.corporate_mark_around(s, span.i, span.j) else None
