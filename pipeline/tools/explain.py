"""Human-readable trace of how a text was read: morphemes, organisations, groups with
their roles, triggers, clause boundaries and the records that came out."""
from __future__ import annotations

from pipeline.extract.relations import _machinery
from pipeline.extract.relations.chunks import Boundary, GenericArg, Group, Trigger, chunk_sentence
from pipeline.spacy_adapter import get_nlp


def explain(text: str) -> str:
    doc = get_nlp()(text)
    analysis = doc.user_data["analysis"]
    _, chunker, _ = _machinery()
    lines = []
    for sentence, mentions in zip(analysis.sentences, doc._.org_mentions):
        ms = sentence.morphs
        lines.append(f"# {text[sentence.start:sentence.end]}")
        lines.append("  " + " ".join(f"{m.form}/{m.tag}{'*' if m.oov else ''}" for m in ms))
        for m in mentions:
            lines.append(f"  ORG {m.name!r} → {m.canonical!r} [{m.source}]")
        for item in chunk_sentence(chunker, ms, mentions).items:
            if isinstance(item, Group):
                names = " | ".join(" + ".join("·".join(x.name for x in side) for side in part) for part in item.parts)
                extra = " listing" * item.listing + " joint" * item.joint + (f" anaphor={item.anaphor}" if item.anaphor else "")
                lines.append(f"  GROUP {item.role}{'(topic)' if item.topic else ''}: {names or '-'}{extra}")
            elif isinstance(item, Trigger):
                lines.append(f"  TRIGGER {item.entry.name} {item.entry.relation}/{item.entry.kind}"
                             f"{'/' + item.entry.voice if item.entry.voice else ''}"
                             f"{' purpose=' + item.purpose if item.purpose else ''}")
            elif isinstance(item, Boundary):
                lines.append(f"  --- clause boundary at {ms[item.i].form}")
            elif isinstance(item, GenericArg):
                lines.append(f"  GENERIC {item.role}: {ms[item.i].form}")
    lines.append("")
    for a in doc._.alliances:
        amount = f" {a.amount.value} {a.amount.currency}" if a.amount else ""
        lines.append(f"{a.relation} {a.parties[0].name} {'→' if a.directed else '—'} {a.parties[1].name} "
                     f"[{a.status}]{amount} date={a.date_text} rule={a.rule}")
    return "\n".join(lines)
