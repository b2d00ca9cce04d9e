"""Graph exports: GraphML (read back with networkx: one node per entity, one edge per event) and the
CSV files of Neo4j's bulk import (the documented headers), from the events corpus of our own."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from pipeline.sinks.database import Database
from pipeline.sinks.export import (
    FORMATS,
    GRAPHML_FILE,
    NEO4J_NODE_HEADER,
    NEO4J_NODES,
    NEO4J_RELATIONSHIP_HEADER,
    NEO4J_RELATIONSHIPS,
    export_tables,
    read_view,
    write_tables,
)

EVENTS_CORPUS = Path(__file__).resolve().parent / "data" / "events"

# As docs/operations.md ("Export") documents them.
DOCUMENTED_NODE_HEADER = ("entityId:ID(Entity),name,nameEn,type,country,market,krxCode,isin,parentId,"
                          "publicBody:boolean,inLexicon:boolean,:LABEL")
DOCUMENTED_RELATIONSHIP_HEADER = (":START_ID(Entity),:END_ID(Entity),:TYPE,eventId,relation,directed:boolean,status,"
                                  "firstSeen:date,lastSeen:date,numArticles:long,numMentions:long,numSources:long,"
                                  "amountValue:double,amountExact,amountText,currency,dateStart:date,dateEnd:date,"
                                  "confidence:double")


@pytest.fixture(scope="module")
def events_db(tmp_path_factory):
    from pipeline.run.runner import run

    tmp = tmp_path_factory.mktemp("graph")
    url = f"sqlite:///{tmp / 'graph.db'}"
    run([EVENTS_CORPUS], db_url=url, workers=1)
    with Database(url) as db:
        tables = db.dump(derived=True)
    return url, tables


def test_the_graph_formats_are_export_formats():
    assert {"graphml", "neo4j"} <= set(FORMATS) and FORMATS[0] == "parquet"


def test_graphml_loads_back_with_one_node_per_entity_and_one_edge_per_event(events_db, tmp_path):
    url, tables = events_db
    ((path, edges),) = write_tables(url, "graphml", tmp_path)
    assert path == tmp_path / GRAPHML_FILE and edges == len(tables["events"])
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.MultiDiGraph)
    assert sorted(graph.nodes) == sorted(row[0] for row in tables["entities"])
    assert sorted(key for _, _, key in graph.edges(keys=True)) == sorted(row[0] for row in tables["events"])
    deal = [d for _, _, d in graph.edges(data=True) if d.get("num_articles") == 4]
    assert len(deal) == 1 and deal[0]["relation"] == "joint_venture" and deal[0]["amount_value"] == "1400000000000"
    assert graph.nodes["krx:005380"]["name"] == "현대자동차" and graph.nodes["krx:005380"]["krx_code"] == "005380"


def test_neo4j_csv_files_have_the_documented_headers(events_db, tmp_path):
    url, tables = events_db
    written = dict(write_tables(url, "neo4j", tmp_path))
    assert ",".join(NEO4J_NODE_HEADER) == DOCUMENTED_NODE_HEADER
    assert ",".join(NEO4J_RELATIONSHIP_HEADER) == DOCUMENTED_RELATIONSHIP_HEADER
    with open(tmp_path / NEO4J_NODES, encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with open(tmp_path / NEO4J_RELATIONSHIPS, encoding="utf-8", newline="") as f:
        relationships = list(csv.reader(f))
    assert ",".join(nodes[0]) == DOCUMENTED_NODE_HEADER and ",".join(relationships[0]) == DOCUMENTED_RELATIONSHIP_HEADER
    assert len(nodes) - 1 == len(tables["entities"]) == written[tmp_path / NEO4J_NODES]
    assert len(relationships) - 1 == len(tables["events"]) == written[tmp_path / NEO4J_RELATIONSHIPS]
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in relationships[1:])
    assert {row[-1] for row in nodes[1:]} == {"Organization"}
    assert {row[2] for row in relationships[1:]} >= {"JOINT_VENTURE"}


def test_min_confidence_leaves_weak_events_out(events_db, tmp_path):
    url, tables = events_db
    confidences = sorted(row[-2] for row in tables["events"])
    ((_, edges),) = write_tables(url, "graphml", tmp_path / "all", min_confidence=confidences[0])
    assert edges == len(confidences)
    ((_, edges),) = write_tables(url, "graphml", tmp_path / "none", min_confidence=confidences[-1] + 0.001)
    assert edges == 0


def test_the_flat_views(events_db):
    url, tables = events_db
    events = read_view(url, "event")
    assert len(events) == len(tables["events"])
    deal = events[events["num_articles"] == 4].iloc[0]
    assert (deal["party0_name"], deal["party1_name"], deal["party0_entity_id"]) == ("현대자동차", "LG에너지솔루션",
                                                                                      "krx:005380")
    assert str(deal["first_seen"].date()) == "2024-03-14" and str(deal["amount_value"]) == "1400000000000"
    assert deal["url"].startswith("https://") and deal["title"]
    alliances = read_view(url, "alliance")
    assert len(alliances) == len(tables["alliances"]) and alliances["event_id"].notna().all()
    assert {"party0_name", "party1_entity_id", "relation", "status", "amount_value", "date_start", "title",
            "published", "url"} <= set(alliances.columns)
    assert str(alliances["published"].dtype) == "datetime64[s]"


def test_exports_replace_their_files_whole(events_db, tmp_path):
    url, _ = events_db
    for _ in range(2):
        paths = export_tables(url, "neo4j", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
