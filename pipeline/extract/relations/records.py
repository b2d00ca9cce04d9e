"""Candidates → `Alliance` records: parties and roles, status, amount, date and evidence."""
from __future__ import annotations

import datetime as dt

from pipeline.extract.dates import find_dates, resolve_date
from pipeline.extract.organizations import OrgMention
from pipeline.extract.relations.amounts import clause_amount
from pipeline.extract.relations.clause import Candidate
from pipeline.extract.relations.vocabulary import RelationVocabulary
from pipeline.korean import Morph, grammar
from pipeline.records import DIRECTED_RELATIONS, Alliance, Amount, Evidence, Party

G = grammar()
T = G.tags
ROLES = {
    "investment": ("investor", "investee"),
    "acquisition": ("acquirer", "target"),
    "supply": ("supplier", "customer"),
    "merger": ("absorbing", "absorbed"),
}
OUTCOMES = frozenset({"cancelled", "denied"})
OWN_RELATION_TAGS = T.common_noun | T.verb


def alliance_record(text: str, ms: tuple[Morph, ...], s_start: int, s_end: int, cand: Candidate,
                    amounts: list[Amount], published: dt.date | None, lex: RelationVocabulary) -> Alliance:
    c_start = ms[cand.clause[0]].start if cand.clause[0] < len(ms) else s_start
    c_end = ms[cand.clause[1] - 1].end if cand.clause[1] - 1 < len(ms) else s_end
    trigger_pos = ms[cand.trigger.i].start
    date_text, date_start, date_end = _date(text, ms, cand, c_start, c_end, s_start, trigger_pos, published)
    role_a, role_b = ROLES.get(cand.relation, ("partner", "partner"))
    return Alliance(
        relation=cand.relation,
        directed=cand.relation in DIRECTED_RELATIONS,
        status=_status(ms, cand, lex),
        parties=[_party(cand.source, role_a), _party(cand.target, role_b)],
        amount=clause_amount(text, ms, cand, amounts, c_start, c_end, lex),
        date_text=date_text,
        date_start=date_start,
        date_end=date_end,
        evidence=Evidence(text=text[s_start:s_end], start=s_start, end=s_end),
        rule=cand.rule,
    )


def share_dates(records: list[Alliance]) -> list[Alliance]:
    """A deal reported in several sentences is dated where one of them dates it
    (the headline has no date; '…맺었다고 12일 밝혔다' has)."""
    dated: dict[frozenset, Alliance] = {}
    for a in records:
        if a.date_text:
            dated.setdefault(frozenset(p.canonical for p in a.parties), a)
    if not dated:
        return records
    out = []
    for a in records:
        source = dated.get(frozenset(p.canonical for p in a.parties)) if not a.date_text else None
        if source is not None:
            a = a.model_copy(update={"date_text": source.date_text, "date_start": source.date_start,
                                     "date_end": source.date_end})
        out.append(a)
    return out


def _party(m: OrgMention, role: str) -> Party:
    return Party(name=m.name, canonical=m.canonical, role=role, start=m.start, end=m.end)


def _status(ms, cand: Candidate, lex: RelationVocabulary) -> str:
    """The strongest modality after the trigger in its clause, and at the end of the sentence.
    An outcome there (무산, 부인) always counts — '…추진했지만 결렬됐다'; other modality only when
    the rest of the sentence continues this clause (손잡고 … 개발하기로 했다) rather than
    contrasting with it or stating a relation of its own (…공급하고, … 협력을 검토)."""
    found = _statuses(ms, cand.trigger.i, cand.clause[1], lex)
    tail = _statuses(ms, max(cand.clause[1], len(ms) - 12), len(ms), lex)
    rest = ms[cand.clause[1]:]
    contrast = G.endings.contrast | G.contrast_nouns
    continues = not any(m.form in contrast for m in ms[cand.clause[1] - 1:]) and not any(
        m.tag in OWN_RELATION_TAGS and any(e.kind != "activity" for e in lex.triggers_by_first.get(m.form, ()))
        for m in rest)
    found |= tail if continues else tail & OUTCOMES
    return next((s for s in lex.status_priority if s in found), "announced")


def sentence_outcome(ms, lo: int, lex: RelationVocabulary) -> str | None:
    """The outcome (cancelled, denied) stated from morpheme `lo` to the end of the sentence, if any."""
    found = _statuses(ms, lo, len(ms), lex) & OUTCOMES
    return next((s for s in lex.status_priority if s in found), None)


def _statuses(ms, lo: int, hi: int, lex: RelationVocabulary) -> set[str]:
    forms = "\0" + "\0".join(m.form for m in ms[lo:hi]) + "\0"
    return {status for status, patterns in lex.status_strings.items() if any(p in forms for p in patterns)}


def _deal_dates(text: str, start: int, end: int):
    """Date expressions that can date a deal: not a deadline or start (2030년까지, 내년부터)."""
    limits = tuple(G.particles.range_limit)
    return [d for d in find_dates(text, start, end) if not text.startswith(limits, d.end)]


def _tense(ms, position: int) -> bool | None:
    """Past when the verb after the date is in the past (…했다), future when it is planned."""
    after = [m.form for m in ms if m.start >= position]
    if any(f in G.endings.future or f in G.future_nouns for f in after):
        return False
    if any(f in G.endings.past for f in after):
        return True
    return None


def _date(text, ms, cand: Candidate, c_start, c_end, s_start, trigger_pos, published):
    if cand.window is not None:
        lo, hi = cand.window
        w_start = ms[lo].start if lo < len(ms) else c_start
        w_end = ms[hi - 1].end if 0 < hi <= len(ms) else c_end
        found = _deal_dates(text, w_start, w_end)
    else:
        found = [d for d in _deal_dates(text, c_start, c_end) if d.start < trigger_pos] or \
            _deal_dates(text, s_start, c_start) or _deal_dates(text, c_start, c_end) or \
            _deal_dates(text, c_end, ms[-1].end)
    if not found:
        return None, None, None
    mention = found[-1] if cand.window is None and found[-1].start < trigger_pos else found[0]
    resolved = resolve_date(mention.text, published, past=_tense(ms, mention.end)) if published else None
    if resolved is None:
        return mention.text, None, None
    return mention.text, resolved[0].isoformat(), resolved[1].isoformat()
