"""How a text was read: per sentence its morphemes and the trace the pipeline recorded
(organisations with the rule that found them, the chunker's groups and triggers, each
relation rule that bound a pair), then the records that came out."""
from __future__ import annotations

import datetime as dt

from pipeline.extract.core import explain_text
from pipeline.extract.registry import RULES


def explain(text: str, published: dt.date | None = None) -> str:
    extraction = explain_text(text, published)
    analysis, trace = extraction.analysis, extraction.trace
    lines = []
    for k, sentence in enumerate(analysis.sentences):
        lines.append(f"# {text[sentence.start:sentence.end]}")
        lines.append("  " + " ".join(f"{m.form}/{m.tag}{'*' if m.oov else ''}" for m in sentence.morphs))
        for step in trace.for_sentence(k):
            lines.append(f"  {step.detail}" if step.rule == "chunk" else f"  {step.rule}: {step.detail}")
    lines.append("")
    for a in extraction.alliances:
        amount = f" {a.amount.value} {a.amount.currency}" if a.amount else ""
        lines.append(f"{a.relation} {a.parties[0].name} {'→' if a.directed else '—'} {a.parties[1].name} "
                     f"[{a.status}]{amount} date={a.date_text} rule={a.rule}")
    fired = sorted(trace.rules_fired() & RULES.keys())
    if fired:
        lines += ["", "rules:"] + [f"  {rule_id}  {RULES[rule_id].summary}" for rule_id in fired]
    return "\n".join(lines)
