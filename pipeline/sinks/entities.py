"""Rows of the `entities` table: one per organisation, shared by every article that names it.

An article result lists the entities its mentions and parties refer to (`ArticleResult.entities`,
made by pipeline.extract.entities from the lexicon). Every id a row of the article points at gets
an entities row — a party with no id counts under the id of its canonical name (as the events do),
so foreign keys always hold, also for results made by hand.

Rows for the same id from several articles merge deterministically: a lexicon entity takes the
facts of the current lexicon; an unseen name keeps the smallest spelling and type seen, so the table
does not depend on the order articles arrive in.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from pipeline.records import unseen_entity_id

ENTITY_KEY = "entity_id"


def minimal_row(entity_id: str, name: str, type_: str | None, columns: Iterable[str]) -> dict[str, Any]:
    """The row of an id the result does not describe: what a mention says of it."""
    row = {column: None for column in columns}
    row.update({ENTITY_KEY: entity_id, "name": name, "type": type_, "public_body": False,
                "in_lexicon": not entity_id.startswith("name:")})
    return row


def referenced(data: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """(entity id, name, type) of every mention and party of an ArticleResult dump; parties without an
    id under the id of their canonical name."""
    found = [(o["entity_id"], o["canonical"], o["type"]) for o in data.get("organizations", ()) if o["entity_id"]]
    for alliance in data.get("alliances", ()):
        for party in alliance["parties"]:
            found.append((party["entity_id"] or unseen_entity_id(party["canonical"]), party["canonical"], None))
    return found


def article_entity_rows(data: Mapping[str, Any], listed: list[dict[str, Any]], columns: list[str]) -> list[dict]:
    """The entities rows of one article: those it lists, and a minimal row for every other id it uses."""
    rows = {row[ENTITY_KEY]: row for row in listed}
    for entity_id, name, type_ in referenced(data):
        if entity_id not in rows:
            rows[entity_id] = minimal_row(entity_id, name, type_, columns)
        elif not rows[entity_id]["in_lexicon"]:
            rows[entity_id] = merge_rows(rows[entity_id], minimal_row(entity_id, name, type_, columns))
    return [rows[k] for k in sorted(rows)]


def _least(a: Any, b: Any) -> Any:
    present = [v for v in (a, b) if v is not None]
    return min(present) if present else None


def merge_rows(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two rows of one id → one, whatever their order."""
    if a == b:   # most often: the same organisation in two articles
        return a
    if a["in_lexicon"] or b["in_lexicon"]:
        lexicon = [r for r in (a, b) if r["in_lexicon"]]
        # two versions of the lexicon's facts (never within one run): the larger, whatever the order
        return max(lexicon, key=lambda r: repr(sorted(r.items(), key=lambda kv: kv[0])))
    return {k: _least(a[k], b[k]) if k not in (ENTITY_KEY, "in_lexicon", "public_body") else a[k] for k in a}


def merged(rows: Iterable[dict[str, Any]], existing: Mapping[str, dict[str, Any]] = {}) -> list[dict[str, Any]]:
    """Rows of a batch merged per id, and with the rows already stored."""
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = row[ENTITY_KEY]
        out[key] = merge_rows(out[key], row) if key in out else row
    for key, row in existing.items():
        if key in out and not out[key]["in_lexicon"]:   # a lexicon row of this run replaces the stored one
            out[key] = merge_rows(row, out[key])
    return [out[k] for k in sorted(out)]
