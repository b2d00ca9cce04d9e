"""The database tables as typed pandas DataFrames, an analyst's flat view, and export files:
every table as Parquet, CSV or JSON Lines, the entities and events as a GraphML graph or as the
CSV files Neo4j's bulk import reads.

Each file is written to a temp file and renamed, so an export never leaves a half file.
Tables are streamed in chunks, so a large database does not have to fit in memory.
Amounts stay exact: Decimal objects in the frames, decimal128(38, 10) in Parquet, plain decimal
text in CSV, JSON Lines and the graph files.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import and_, select

from pipeline.sinks.database import Database, _pandas_dtype
from pipeline.sinks.jsonl import atomic_path
from pipeline.sinks.tables import PARQUET_DECIMAL, ExactDecimal, IsoDate, decimal_text

Format = Literal["parquet", "csv", "jsonl", "graphml", "neo4j"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "graphml", "neo4j")   # a literal: the CLI reads it unimported
TABLE_FORMATS, GRAPH_FORMATS = FORMATS[:3], FORMATS[3:]
CHUNK_ROWS = 10_000
ALLIANCES, EVENTS, CONFIDENCE = "alliances", "events", "confidence"
GRAPHML_FILE = "alliances.graphml"
NEO4J_NODES, NEO4J_RELATIONSHIPS = "entities.neo4j.csv", "events.neo4j.csv"

# Neo4j bulk import (neo4j-admin database import full --nodes=… --relationships=…): header → column
NEO4J_NODES_COLUMNS = (
    ("entityId:ID(Entity)", "entity_id"), ("name", "name"), ("nameEn", "name_en"), ("type", "type"),
    ("country", "country"), ("market", "market"), ("krxCode", "krx_code"), ("isin", "isin"),
    ("parentId", "parent_id"), ("publicBody:boolean", "public_body"), ("inLexicon:boolean", "in_lexicon"),
    (":LABEL", None),
)
NEO4J_RELATIONSHIPS_COLUMNS = (
    (":START_ID(Entity)", "party0_entity_id"), (":END_ID(Entity)", "party1_entity_id"), (":TYPE", None),
    ("eventId", "event_id"), ("relation", "relation"), ("directed:boolean", "directed"), ("status", "status"),
    ("firstSeen:date", "first_seen"), ("lastSeen:date", "last_seen"), ("numArticles:long", "num_articles"),
    ("numMentions:long", "num_mentions"), ("numSources:long", "num_sources"),
    ("amountValue:double", "amount_value"), ("amountExact", "amount_value"), ("amountText", "amount_text"),
    ("currency", "amount_currency"), ("dateStart:date", "date_start"), ("dateEnd:date", "date_end"),
    ("confidence:double", "confidence"),
)
NEO4J_NODE_HEADER = tuple(head for head, _ in NEO4J_NODES_COLUMNS)
NEO4J_RELATIONSHIP_HEADER = tuple(head for head, _ in NEO4J_RELATIONSHIPS_COLUMNS)
NEO4J_LABEL = "Organization"


# --- reading -------------------------------------------------------------------------

def read_tables(db_url: str) -> dict[str, pd.DataFrame]:
    """Every pipeline table of the database as a typed DataFrame (table name → frame): amounts as
    Decimal objects, dates as datetime64, integers Int64, flags boolean, text string."""
    with Database(db_url) as db:
        db.check()
        return db.dataframes()


def read_view(db_url: str, per: Literal["event", "alliance"] = "event") -> pd.DataFrame:
    """The analyst's flat view: one row per event (or per alliance record) with both parties' names
    and entity ids, relation, status, amount, dates, and the (first) reporting article's title,
    publication date and URL."""
    if per not in ("event", "alliance"):
        raise ValueError(f"per must be 'event' or 'alliance', not {per!r}")
    with Database(db_url) as db:
        db.check()
        query = _event_view(db) if per == "event" else _alliance_view(db)
        dtypes = {c.name: _pandas_dtype(c) for c in query.selected_columns}
        return pd.concat(list(db.iter_query_frames(query, dtypes)), ignore_index=True)


def _event_view(db: Database):
    events, articles = db.schema.events.table, db.schema.articles.table
    e = events.c
    return (select(e.event_id, e.relation, e.directed, e.status, e.party0_entity_id, e.party0_name,
                   e.party1_entity_id, e.party1_name, e.amount_value, e.amount_currency, e.amount_text,
                   e.date_start, e.date_end, e.first_seen, e.last_seen, e.num_articles, e.num_sources,
                   e.num_mentions, e.confidence, articles.c.title, articles.c.published, articles.c.url,
                   articles.c.article)
            .join(articles, articles.c.sha256 == e.first_article)
            .order_by(e.first_seen, e.event_id))


def _alliance_view(db: Database):
    schema = db.schema
    alliances, articles, links = schema.children[ALLIANCES].table, schema.articles.table, schema.event_mentions.table
    a = alliances.c
    return (select(a.article_sha256, a.ordinal, links.c.event_id, a.relation, a.directed, a.status,
                   a.party0_entity_id, a.party0_canonical.label("party0_name"), a.party0_role,
                   a.party1_entity_id, a.party1_canonical.label("party1_name"), a.party1_role,
                   a.amount_value, a.amount_currency, a.amount_text, a.date_start, a.date_end, a.confidence,
                   a.evidence_text, articles.c.title, articles.c.published, articles.c.url, articles.c.article)
            .join(articles, articles.c.sha256 == a.article_sha256)
            .outerjoin(links, and_(links.c.article_sha256 == a.article_sha256, links.c.ordinal == a.ordinal))
            .order_by(articles.c.published, a.article_sha256, a.ordinal))


# --- writing -------------------------------------------------------------------------

def export_tables(db_url: str, fmt: Format, out_dir: str | Path, *, min_confidence: float = 0.0) -> list[Path]:
    """Write the export of `fmt` to `out_dir`; returns the paths written."""
    return [path for path, _rows in write_tables(db_url, fmt, out_dir, min_confidence=min_confidence)]


def write_tables(db_url: str, fmt: Format, out_dir: str | Path, *,
                 min_confidence: float = 0.0) -> list[tuple[Path, int]]:
    """Write each table to `out_dir/<table>.<fmt>` (graphml: `alliances.graphml`; neo4j: the
    `entities.neo4j.csv` nodes and `events.neo4j.csv` relationships); returns (path, rows) per file.
    With `min_confidence`, alliance records and events below it are left out."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    with Database(db_url) as db:
        db.check()
        if fmt in GRAPH_FORMATS:
            return _GRAPH_WRITERS[fmt](db, out_dir, min_confidence)
        written = []
        for table in db.schema.all_tables:
            path = out_dir / f"{table.name}.{fmt}"
            frames = _confident(db.iter_frames(table.name, CHUNK_ROWS), table.name, min_confidence)
            with atomic_path(path) as temp:
                rows = _WRITERS[fmt](frames, temp, table)
            written.append((path, rows))
    return written


def _confident(frames: Iterator[pd.DataFrame], table: str, min_confidence: float) -> Iterator[pd.DataFrame]:
    if min_confidence > 0 and table in (ALLIANCES, EVENTS):
        return (f[f[CONFIDENCE] >= min_confidence] for f in frames)
    return frames


def _arrow_type(column) -> pa.DataType:
    if isinstance(column.type, ExactDecimal):
        return pa.decimal128(*PARQUET_DECIMAL)
    if isinstance(column.type, IsoDate):
        return pa.date32()
    return {"boolean": pa.bool_(), "Int64": pa.int64(), "Float64": pa.float64()}.get(_pandas_dtype(column),
                                                                                     pa.string())


def _write_parquet(frames, path: Path, table) -> int:
    schema = pa.schema([(c.name, _arrow_type(c)) for c in table.columns])
    writer, rows = None, 0
    try:
        for frame in frames:
            batch = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)   # with pandas' metadata
            if writer is None:
                writer = pq.ParquetWriter(path, batch.schema)
            writer.write_table(batch.cast(writer.schema))
            rows += len(frame)
    finally:
        if writer is not None:
            writer.close()
    return rows


def _as_text(frame: pd.DataFrame, table) -> pd.DataFrame:
    """Decimals as plain decimal text and dates as ISO dates: the same values as the database holds."""
    frame = frame.copy()
    for column in table.columns:
        if isinstance(column.type, ExactDecimal):
            frame[column.name] = pd.array([None if v is None else decimal_text(v) for v in frame[column.name]],
                                          dtype="string")
        elif isinstance(column.type, IsoDate):
            frame[column.name] = frame[column.name].dt.strftime("%Y-%m-%d").astype("string")
    return frame


def _write_csv(frames, path: Path, table) -> int:
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        for index, frame in enumerate(frames):
            _as_text(frame, table).to_csv(out, index=False, header=index == 0, lineterminator="\n")
            rows += len(frame)
    return rows


def _write_jsonl(frames, path: Path, table) -> int:
    rows = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for frame in frames:
            if len(frame):
                text = _as_text(frame, table).to_json(orient="records", lines=True, force_ascii=False)
                out.write(text if text.endswith("\n") else text + "\n")
                rows += len(frame)
    return rows


_WRITERS = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}


# --- graphs --------------------------------------------------------------------------

def _records(db: Database, table: str, min_confidence: float = 0.0) -> Iterator[dict]:
    """Rows of a table as dicts of plain values (decimals as text, dates as ISO text, no nulls)."""
    frames = _confident(db.iter_frames(table, CHUNK_ROWS), table, min_confidence)
    for frame in frames:
        for row in _as_text(frame, db.schema.metadata.tables[table]).to_dict("records"):
            yield {k: _plain(v) for k, v in row.items() if not pd.isna(v)}


def _plain(value):
    """numpy and pandas scalars as Python ones (GraphML and csv want those)."""
    return value.item() if hasattr(value, "item") else value


def _write_graphml(db: Database, out_dir: Path, min_confidence: float) -> list[tuple[Path, int]]:
    """One node per entity, one edge per event (key: the event id), in a directed multigraph whose
    undirected events carry directed=false."""
    import networkx as nx  # lazy: only for this export

    graph = nx.MultiDiGraph(name="alliances")
    for row in _records(db, "entities"):
        graph.add_node(row.pop("entity_id"), **row)
    events = 0
    for row in _records(db, EVENTS, min_confidence):
        graph.add_edge(row.pop("party0_entity_id"), row.pop("party1_entity_id"), key=row["event_id"], **row)
        events += 1
    path = out_dir / GRAPHML_FILE
    with atomic_path(path) as temp:
        nx.write_graphml(graph, temp, encoding="utf-8", named_key_ids=True)
    return [(path, events)]


def _neo4j_cell(value) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _write_neo4j(db: Database, out_dir: Path, min_confidence: float) -> list[tuple[Path, int]]:
    """entities.neo4j.csv (nodes, label Organization) and events.neo4j.csv (relationships typed by
    the relation in capitals), with the headers `neo4j-admin database import` reads."""
    parts = ((NEO4J_NODES, NEO4J_NODES_COLUMNS, "entities", 0.0, lambda row: NEO4J_LABEL),
             (NEO4J_RELATIONSHIPS, NEO4J_RELATIONSHIPS_COLUMNS, EVENTS, min_confidence,
              lambda row: row["relation"].upper()))
    written = []
    for name, columns, table, threshold, computed in parts:
        path, rows = out_dir / name, 0
        with atomic_path(path) as temp:
            with open(temp, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow([head for head, _ in columns])
                for row in _records(db, table, threshold):
                    writer.writerow([_neo4j_cell(computed(row) if column is None else row.get(column))
                                     for _, column in columns])
                    rows += 1
        written.append((path, rows))
    return written


_GRAPH_WRITERS = {"graphml": _write_graphml, "neo4j": _write_neo4j}
