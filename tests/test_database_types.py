"""Typed columns on SQLite and PostgreSQL: the corpus stored in both answers the same SQL
(largest KRW amount, a date range) correctly and reads back as identical typed frames; decimals
round-trip exactly; CHECK constraints, indexes and foreign keys hold.

PostgreSQL cases run with ALLIANCES_TEST_PG_URL set (scripts/pg_test_server.sh start DIR).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import inspect, text

from pipeline.records import Alliance, Amount, ArticleResult, Evidence, Party
from pipeline.sinks.database import Database, DatabaseError, UnstorableResultError, unstorable_reason
from pipeline.sinks.export import read_tables
from pipeline.sinks.tables import storable_decimal

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DATE_RANGE = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def corpus_results():
    """Every article of corpus/ through the extraction core, once."""
    from pipeline.extract.core import process_documents
    from pipeline.ingest import iter_documents
    from pipeline.ingest.documents import SourceDocument

    documents = [d for d in iter_documents([CORPUS]) if isinstance(d, SourceDocument)]
    return list(process_documents(documents))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'types.db'}"
    return request.getfixturevalue("pg_database")


def _store(url: str, results) -> None:
    with Database(url) as db:
        db.create()
        for start in range(0, len(results), 16):
            db.write_batch(results[start:start + 16])


def _sql(url: str, query: str):
    with Database(url) as db, db.engine.connect() as conn:
        return conn.execute(text(query)).scalar()


# --- the corpus on both databases --------------------------------------------------------

def test_sql_on_the_stored_corpus_gives_the_right_answers(db_url, corpus_results):
    _store(db_url, corpus_results)
    krw = [a.value for r in corpus_results for a in r.amounts if a.currency == "KRW" and a.value is not None]
    assert len(krw) > 20 and max(krw) > Decimal("1000000000000")   # a 조 amount: text comparison would miss it
    assert Decimal(_sql(db_url, "SELECT max(value) FROM amounts WHERE currency = 'KRW'")) == max(krw)
    deals = [a.amount.value for r in corpus_results for a in r.alliances
             if a.amount and a.amount.currency == "KRW" and a.amount.value is not None]
    assert Decimal(_sql(db_url, "SELECT max(amount_value) FROM alliances WHERE amount_currency = 'KRW'")) == max(deals)
    over = sum(1 for v in deals if v > Decimal("100000000000"))   # 1,000억 원
    assert _sql(db_url, "SELECT count(*) FROM alliances WHERE amount_currency = 'KRW' "
                        "AND amount_value > 100000000000") == over > 0
    in_range = sum(1 for r in corpus_results for a in r.alliances
                   if a.date_start and DATE_RANGE[0] <= a.date_start <= DATE_RANGE[1])
    assert _sql(db_url, f"SELECT count(*) FROM alliances WHERE date_start BETWEEN '{DATE_RANGE[0]}' "
                        f"AND '{DATE_RANGE[1]}'") == in_range > 0
    published = sum(1 for r in corpus_results if r.published and r.published >= DATE_RANGE[0])
    assert _sql(db_url, f"SELECT count(*) FROM articles WHERE published >= '{DATE_RANGE[0]}'") == published


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_identical_typed_results(tmp_path, pg_database, corpus_results):
    lite = f"sqlite:///{tmp_path / 'corpus.db'}"
    for url in (lite, pg_database):
        _store(url, corpus_results)
    on_sqlite, on_postgresql = read_tables(lite), read_tables(pg_database)
    assert on_sqlite.keys() == on_postgresql.keys()
    for name, frame in on_sqlite.items():
        pd.testing.assert_frame_equal(frame, on_postgresql[name], obj=name)
    amounts = on_sqlite["amounts"]["value"].dropna()
    assert len(amounts) and all(isinstance(v, Decimal) for v in amounts)
    assert str(on_sqlite["alliances"]["date_start"].dtype) == "datetime64[s]"
    with Database(lite) as a, Database(pg_database) as b:
        assert a.dump(derived=True) == b.dump(derived=True)


def test_every_mention_and_party_points_at_an_entity(db_url, corpus_results):
    _store(db_url, corpus_results[:12])
    assert _sql(db_url, "SELECT count(*) FROM organizations o LEFT JOIN entities e ON e.entity_id = o.entity_id "
                        "WHERE e.entity_id IS NULL") == 0
    assert _sql(db_url, "SELECT count(*) FROM organizations WHERE entity_id IS NULL") == 0
    for side in ("party0", "party1"):
        assert _sql(db_url, f"SELECT count(*) FROM alliances WHERE {side}_entity_id IS NULL") == 0
    assert _sql(db_url, "SELECT count(*) FROM entities WHERE entity_id LIKE 'krx:%' AND krx_code IS NULL") == 0


# --- exact decimals ------------------------------------------------------------------------

EXACT = ["0.01", "1E-7", "1.5", "1.50", "123456789012345", "9223372036854775807", "-42", "1E+19",
         "12345678.90123", "0.0000000001", "9E+25"]


def _with_amounts(values: list[str]) -> ArticleResult:
    text_ = "가나다라마바사아자차카 " * 3
    amounts = [Amount(text=f"{i}", value=Decimal(v), currency="USD", start=i, end=i + 1) for i, v in enumerate(values)]
    alliance = Alliance(relation="investment", directed=True,
                        parties=[Party(name="가", canonical="가", role="investor", start=0, end=1),
                                 Party(name="나", canonical="나", role="investee", start=1, end=2)],
                        amount=amounts[0], evidence=Evidence(text=text_[:5], start=0, end=5), rule="test")
    import hashlib
    return ArticleResult(article="exact.txt", sha256=hashlib.sha256("|".join(values).encode()).hexdigest(),
                         encoding="utf-8", text=text_, amounts=amounts, alliances=[alliance],
                         pipeline_version="0", config_hash="0")


def test_decimals_round_trip_exactly(db_url):
    result = _with_amounts(EXACT)
    with Database(db_url) as db:
        db.create()
        db.write_batch([result])
        rebuilt = db.rebuild_result(result.sha256)
        frames = db.dataframes()
    assert [a.value for a in rebuilt.amounts] == [Decimal(v) for v in EXACT]
    assert list(frames["amounts"]["value"]) == [Decimal(v) for v in EXACT]
    assert str(list(frames["amounts"]["value"])[3]) == "1.5"   # one spelling per number, on every database


UNSTORABLE = [  # (value, part of the reason)
    ("12345678.12345678", "significant digits"),
    ("0.00000000001", "decimal places"),
    ("1E+40", "integer digits"),
]


@pytest.mark.parametrize("value, reason", UNSTORABLE)
def test_amounts_no_column_holds_exactly_are_refused_before_writing(value, reason, tmp_path):
    assert reason in storable_decimal(Decimal(value))
    result = _with_amounts(["1", value])
    assert reason in unstorable_reason(result)
    with Database(f"sqlite:///{tmp_path / 'x.db'}") as db:
        db.create()
        with pytest.raises(UnstorableResultError):
            db.write_batch([result])
        assert db.counts()["articles"] == 0


def test_a_date_that_is_not_a_calendar_date_is_refused():
    result = _with_amounts(["1"])
    bad = result.model_copy(update={"published": "2024-02-30"})
    assert "not an ISO calendar date" in unstorable_reason(bad)


# --- constraints and indexes -------------------------------------------------------------

INDEXES = [  # (table, index columns)
    ("alliances", ["party0_entity_id"]), ("alliances", ["party1_entity_id"]), ("alliances", ["relation"]),
    ("alliances", ["date_start"]), ("alliances", ["amount_currency", "amount_value"]),
    ("amounts", ["currency", "value"]), ("organizations", ["entity_id"]), ("articles", ["published"]),
    ("articles", ["url"]), ("events", ["party0_entity_id"]), ("events", ["first_seen"]),
    ("events", ["amount_currency", "amount_value"]), ("event_mentions", ["event_id"]),
]


def test_the_indexes_exist(db_url):
    with Database(db_url) as db:
        db.create()
        with db.engine.connect() as conn:
            inspector = inspect(conn)
            found = {(table, tuple(i["column_names"])) for table in {t for t, _ in INDEXES}
                     for i in inspector.get_indexes(table)}
    assert {(t, tuple(c)) for t, c in INDEXES} <= found


BAD_ROWS = [  # (column, value) that a CHECK constraint refuses
    ("relation", "friendship"), ("status", "maybe"),
]


@pytest.mark.parametrize("column, value", BAD_ROWS)
def test_check_constraints_refuse_unknown_relations_and_statuses(db_url, column, value):
    result = _with_amounts(["1"])
    with Database(db_url) as db:
        db.create()
        db.write_batch([result])
        with pytest.raises(Exception, match="(?i)check"):
            with db.engine.begin() as conn:
                conn.execute(text(f"UPDATE alliances SET {column} = :v"), {"v": value})


def test_a_mention_needs_its_entity(db_url):
    result = _with_amounts(["1"])
    with Database(db_url) as db:
        db.create()
        db.write_batch([result])
        with pytest.raises(Exception, match="(?i)foreign key"):
            with db.engine.begin() as conn:
                conn.execute(text("UPDATE alliances SET party0_entity_id = 'krx:999999'"))


def test_a_database_of_another_schema_names_the_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Database(url) as db:
        db.create()
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE schema_version SET version = 'old'"))
        with pytest.raises(DatabaseError, match="alliances migrate"):
            db.check()
