"""Alliances of an article: chunk each sentence, bind its clauses, build the records."""
from __future__ import annotations

import datetime as dt

from pipeline.extract.organizations import OrgMention, OrgVocabulary
from pipeline.extract.relations.amounts import attach_amounts
from pipeline.extract.relations.binder import Binder, update_discourse
from pipeline.extract.relations.chunker import SentenceChunker, chunk_sentence
from pipeline.extract.relations.clause import Discourse
from pipeline.extract.relations.confidence import confidence
from pipeline.extract.relations.items import Boundary, GenericArg, Group, Trigger
from pipeline.extract.relations.records import alliance_record, sentence_outcome, share_dates
from pipeline.extract.relations.rules.outcome import settle_earlier, spread_outcomes
from pipeline.extract.relations.vocabulary import RelationVocabulary
from pipeline.extract.trace import Trace
from pipeline.korean import Analysis
from pipeline.records import Alliance, Amount


class RelationExtractor:
    def __init__(self, vocabulary: RelationVocabulary, org_vocabulary: OrgVocabulary):
        self.lex = vocabulary
        self.chunker = SentenceChunker(vocabulary, org_vocabulary)
        self.binder = Binder(vocabulary)

    def extract(self, analysis: Analysis, mentions: list[list[OrgMention]], amounts: list[Amount],
                published: dt.date | None = None, trace: Trace | None = None) -> list[Alliance]:
        """Alliances of one article: `mentions[k]` are the organisations of sentence k."""
        text = analysis.text
        discourse = Discourse()
        out: list[Alliance] = []
        seen: set = set()
        for k, (sentence, sentence_mentions) in enumerate(zip(analysis.sentences, mentions, strict=True)):
            ms = sentence.morphs
            if not ms:
                continue
            items = chunk_sentence(self.chunker, ms, sentence_mentions)
            if trace is not None:
                trace_items(trace, k, ms, items)
            if not any(isinstance(it, Trigger) for it in items.items):
                update_discourse(ms, items, [], discourse)
                continue
            found = self.binder.bind_sentence(ms, items, discourse, trace, k)
            if not found and not sentence_mentions:
                out = self._settle_earlier(out, ms, items, analysis, k, trace)
            for cand in found:
                if cand.source.canonical == cand.target.canonical:
                    continue
                key = (sentence.start, cand.relation, cand.source.canonical, cand.target.canonical) if cand.directed \
                    else (sentence.start, cand.relation, *sorted((cand.source.canonical, cand.target.canonical)))
                if key in seen:
                    continue
                seen.add(key)
                out.append(alliance_record(text, ms, sentence.start, sentence.end, cand, amounts, published, self.lex))
        out = spread_outcomes(out)
        out = _with_confidence(out, mentions)
        if trace is not None:
            trace_outcomes(trace, analysis, out)
        out = attach_amounts(out, analysis, mentions, amounts, self.lex)
        return share_dates(out)


    def _settle_earlier(self, records: list[Alliance], ms, items, analysis: Analysis, k: int,
                        trace: Trace | None) -> list[Alliance]:
        """A relation word and an outcome with no organisation in the sentence: the deals just before."""
        triggers = [t for t in items.items if isinstance(t, Trigger) and t.entry.kind != "activity"]
        if any(m.form in self.lex.other_deal_words for t in triggers for m in ms[max(0, t.i - 2):t.i]):
            return records
        outcome = sentence_outcome(ms, triggers[0].i, self.lex) if triggers else None
        if outcome != "cancelled":   # "…은 아직 확정되지 않았다" is no denial of what came before
            return records
        earlier = tuple(s.start for s in analysis.sentences[max(0, k - OUTCOME_REACH):k])
        settled = settle_earlier(records, outcome, analysis.sentences[k].start,
                                 {t.entry.relation for t in triggers}, earlier)
        if trace is not None:
            for before, after in zip(records, settled, strict=True):
                if before is not after:
                    trace.add(k, settle_earlier.rule_id, f"{after.parties[0].name} — {after.parties[1].name}: "
                                                         f"{outcome}, as this sentence says")
        return settled


OUTCOME_REACH = 2   # sentences back that a partyless outcome settles


def _with_confidence(records: list[Alliance], mentions: list[list[OrgMention]]) -> list[Alliance]:
    """Each record's confidence, from its rule and the evidence for its parties."""
    sources = {(m.start, m.end): m.source for sentence in mentions for m in sentence}
    return [a.model_copy(update={"confidence": confidence(
        a.rule, tuple(sources.get((p.start, p.end), "lexicon") for p in a.parties), a.status)}) for a in records]


def trace_outcomes(trace: Trace, analysis: Analysis, records: list[Alliance]) -> None:
    """Records whose status came from another sentence's denial or cancellation."""
    suffix = "+" + spread_outcomes.label
    for a in records:
        if a.rule.endswith(suffix):
            k = next(i for i, s in enumerate(analysis.sentences) if s.start == a.evidence.start)
            trace.add(k, spread_outcomes.rule_id, f"{a.parties[0].name} — {a.parties[1].name}: {a.status}, as stated "
                                                  "elsewhere in the article")


def trace_items(trace: Trace, k: int, ms, items) -> None:
    """The chunker's reading of a sentence, one trace line per item."""
    for item in items.items:
        if isinstance(item, Group):
            names = " | ".join(" + ".join("·".join(x.name for x in side) for side in part) for part in item.parts)
            extra = (" listing" * item.listing + " joint" * item.joint
                     + (f" anaphor={item.anaphor}" if item.anaphor else ""))
            trace.add(k, "chunk", f"GROUP {item.role}{'(topic)' if item.topic else ''}: {names or '-'}{extra}")
        elif isinstance(item, Trigger):
            e = item.entry
            trace.add(k, "chunk", f"TRIGGER {e.name} {e.relation}/{e.kind}{'/' + e.voice if e.voice else ''}"
                                  f"{' purpose=' + item.purpose if item.purpose else ''}")
        elif isinstance(item, Boundary):
            trace.add(k, "chunk", f"--- clause boundary at {ms[item.i].form}")
        elif isinstance(item, GenericArg):
            trace.add(k, "chunk", f"GENERIC {item.role}: {ms[item.i].form}")
