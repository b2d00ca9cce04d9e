"""Sinks: tables from the models, idempotent atomic batches on SQLite and PostgreSQL,
the atomic JSONL writer and pandas export.

Database tests run on SQLite and, with ALLIANCES_TEST_PG_URL set, on PostgreSQL too
(each PostgreSQL test gets a database of its own).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Optional

import pandas as pd
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from pipeline.records import Alliance, Amount, ArticleResult, Evidence, Organization, Party, Quarantine, Record
from pipeline.sinks import (
    SCHEMA,
    AtomicJsonlWriter,
    Database,
    DatabaseError,
    SchemaVersionError,
    UnstorableResultError,
    build_schema,
    redact_url,
    unstorable_reason,
)
from pipeline.sinks.export import export_tables, read_tables
from pipeline.sinks.jsonl import temp_path_for

VERSION, CONFIG = "0.1.0", "cfg0000000000000"


# --- building results by hand ------------------------------------------------------

def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def org(text, name, canonical=None, nth=0, type="company", source="lexicon"):
    start, end = _span(text, name, nth)
    return Organization(name=name, canonical=canonical or name, type=type, start=start, end=end, source=source)


def money(text, expr, value, currency, **flags):
    start, end = _span(text, expr)
    value = None if value is None else Decimal(value)
    flags = {k: Decimal(v) if k in ("min", "max", "krw_equivalent") and v is not None else v
             for k, v in flags.items()}
    return Amount(text=expr, value=value, currency=currency, start=start, end=end, **flags)


def party(text, name, role, nth=0, canonical=None):
    start, end = _span(text, name, nth)
    return Party(name=name, canonical=canonical or name, role=role, start=start, end=end)


def evidence(text, sentence):
    start, end = _span(text, sentence)
    return Evidence(text=sentence, start=start, end=end)


def article(path, text, *, organizations=(), amounts=(), alliances=(), **fields):
    return ArticleResult(
        article=path, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding=fields.pop("encoding", "utf-8"),
        text=text, organizations=list(organizations), amounts=list(amounts), alliances=list(alliances),
        pipeline_version=fields.pop("pipeline_version", VERSION), config_hash=fields.pop("config_hash", CONFIG),
        **fields)


def press_release() -> ArticleResult:
    t = ("삼성전자는 14일 네이버와 인공지능 반도체를 공동 개발하는 업무협약을 체결했다고 밝혔다.\n"
         "양사는 총 217억4천800만 원을 투자한다.\n카카오는 이번 협력에 참여하지 않았다.")
    krw = money(t, "217억4천800만 원", "21748000000", "KRW")
    return article(
        "corpus/보도자료/삼성_네이버.txt", t, title="삼성전자·네이버, AI 반도체 맞손", published="2024-03-14",
        organizations=[org(t, "삼성전자"), org(t, "네이버"), org(t, "카카오")],
        amounts=[krw],
        alliances=[Alliance(
            relation="joint_development", directed=False,
            parties=[party(t, "삼성전자", "partner"), party(t, "네이버", "partner")], amount=krw,
            date_text="14일", date_start="2024-03-14", date_end="2024-03-14",
            evidence=evidence(t, "삼성전자는 14일 네이버와 인공지능 반도체를 공동 개발하는 "
                                 "업무협약을 체결했다고 밝혔다."),
            rule="mou_joint_development")])


def denied_acquisition() -> ArticleResult:
    t = ("현대자동차가 보스턴다이내믹스를 약 11억 달러에 인수한다는 보도에 대해 현대자동차는 사실무근이라고 밝혔다. "
         "주당 0.01달러의 수수료도 거론됐다.")
    usd = money(t, "약 11억 달러", "1100000000", "USD", approximate=True)
    return article(
        "crawl/2024-05.jsonl#17", t, title="현대차 \"보스턴다이내믹스 인수설 사실무근\"",
        organizations=[org(t, "현대자동차"), org(t, "보스턴다이내믹스"), org(t, "현대자동차", nth=1)],
        amounts=[usd, money(t, "0.01달러", "0.01", "USD")],
        alliances=[Alliance(
            relation="acquisition", directed=True, status="denied",
            parties=[party(t, "현대자동차", "acquirer"), party(t, "보스턴다이내믹스", "target")], amount=usd,
            evidence=evidence(t, t.split(". ")[0] + "."), rule="acquisition_denied")])


def vague_and_ranges() -> ArticleResult:
    t = ("한화자산운용은 수백억 원 규모로 텐센트와 협력을 검토 중이다. 텐센트는 100억 위안(약 1조9천억 원) 이상을 "
         "투입할 계획이며 전체 사업비는 7조원대로 알려졌다. 양사는 5억~10억 달러 규모의 합작법인 설립도 논의했다.")
    vague = money(t, "수백억 원", None, "KRW", vague=True)
    cny = money(t, "100억 위안", "10000000000", "CNY", bound="ge", min="10000000000",
                krw_equivalent="1900000000000")
    level = money(t, "7조원대", "7000000000000", "KRW", level=True)
    usd_range = money(t, "5억~10억 달러", None, "USD", min="500000000", max="1000000000")
    return article(
        "corpus/analysis/한화_텐센트.html", t, encoding="utf-8-sig",
        organizations=[org(t, "한화자산운용", type="investor"), org(t, "텐센트"), org(t, "텐센트", nth=1)],
        amounts=[vague, cny, level, usd_range],
        alliances=[
            Alliance(relation="partnership", directed=False, status="under_review",
                     parties=[party(t, "한화자산운용", "partner"), party(t, "텐센트", "partner")], amount=vague,
                     evidence=evidence(t, "한화자산운용은 수백억 원 규모로 텐센트와 협력을 검토 중이다."),
                     rule="review_partnership"),
            Alliance(relation="joint_venture", directed=False, status="planned",
                     parties=[party(t, "한화자산운용", "partner", canonical="한화자산운용"),
                              party(t, "텐센트", "partner", nth=1)],
                     amount=usd_range, date_text=None,
                     evidence=evidence(t, "양사는 5억~10억 달러 규모의 합작법인 설립도 논의했다."), rule="jv_plan"),
            Alliance(relation="investment", directed=True, status="planned",
                     parties=[party(t, "텐센트", "investor", nth=1), party(t, "한화자산운용", "investee")],
                     amount=None, evidence=evidence(t, "텐센트는 100억 위안"), rule="invest_plan"),
        ],
        warnings=["구간 금액: 값 없음"])


def bare_cp949() -> ArticleResult:
    return article("corpus/짧은기사.txt", "짧은 기사입니다.", encoding="cp949",
                   warnings=["decoded with 2 replacement characters"])


def samples() -> list[ArticleResult]:
    return [press_release(), denied_acquisition(), vague_and_ranges(), bare_cp949()]


QUARANTINED = [
    Quarantine(path="in/binary.bin", sha256="ab" * 32, stage="decode", reason="binary file (NUL bytes)", size=2048),
    Quarantine(path="in/empty.txt", sha256=None, stage="read", reason="empty file", size=0),
    Quarantine(path="crawl/2024-05.jsonl#3", stage="extract", reason="malformed JSON line"),
]


# --- databases -----------------------------------------------------------------------

@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'db' / 'alliances.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_database")


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    database.create()
    yield database
    database.close()


# --- schema --------------------------------------------------------------------------

EXPECTED_COLUMNS = [  # (table, column, SQL type name, nullable)
    ("articles", "sha256", "Text", False),
    ("articles", "article", "Text", False),
    ("articles", "title", "Text", True),
    ("articles", "warnings", "JsonText", False),
    ("articles", "pipeline_version", "Text", False),
    ("articles", "config_hash", "Text", False),
    ("articles", "result_json", "Text", False),
    ("organizations", "article_sha256", "Text", False),
    ("organizations", "ordinal", "Integer", False),
    ("organizations", "type", "Text", True),
    ("articles", "published", "IsoDate", True),
    ("articles", "source_id", "Text", True),
    ("articles", "url", "Text", True),
    ("organizations", "entity_id", "Text", True),
    ("amounts", "value", "ExactDecimal", True),
    ("amounts", "approximate", "Boolean", False),
    ("amounts", "bound", "Text", True),
    ("amounts", "start", "BigInteger", False),
    ("alliances", "relation", "Text", False),
    ("alliances", "directed", "Boolean", False),
    ("alliances", "party0_name", "Text", False),
    ("alliances", "party1_canonical", "Text", False),
    ("alliances", "party1_entity_id", "Text", True),
    ("alliances", "party1_end", "BigInteger", False),
    ("alliances", "amount_text", "Text", True),
    ("alliances", "amount_value", "ExactDecimal", True),
    ("alliances", "amount_vague", "Boolean", True),
    ("alliances", "amount_krw_equivalent", "ExactDecimal", True),
    ("alliances", "date_start", "IsoDate", True),
    ("alliances", "confidence", "Float", False),
    ("alliances", "evidence_text", "Text", False),
    ("alliances", "evidence_end", "BigInteger", False),
    ("quarantine", "path", "Text", False),
    ("quarantine", "sha256", "Text", True),
    ("quarantine", "size", "BigInteger", True),
    ("entities", "entity_id", "Text", False),
    ("entities", "in_lexicon", "Boolean", False),
    ("events", "amount_value", "ExactDecimal", True),
    ("events", "first_seen", "IsoDate", True),
    ("events", "num_articles", "BigInteger", False),
    ("event_mentions", "event_id", "Text", False),
]

EXPECTED_KEYS = [
    ("articles", ["sha256"]),
    ("organizations", ["article_sha256", "ordinal"]),
    ("amounts", ["article_sha256", "ordinal"]),
    ("alliances", ["article_sha256", "ordinal"]),
    ("quarantine", ["path", "stage"]),
    ("entities", ["entity_id"]),
    ("events", ["event_id"]),
    ("event_mentions", ["article_sha256", "ordinal"]),
    ("schema_version", ["name"]),
]


@pytest.mark.parametrize("table,column,type_name,nullable", EXPECTED_COLUMNS)
def test_column(table, column, type_name, nullable):
    col = SCHEMA.metadata.tables[table].c[column]
    assert (type(col.type).__name__, col.nullable) == (type_name, nullable)


@pytest.mark.parametrize("table,keys", EXPECTED_KEYS)
def test_primary_keys(table, keys):
    assert [c.name for c in SCHEMA.metadata.tables[table].primary_key.columns] == keys


def _expected_names(model, prefix=""):
    """Column names by the flattening rule, computed from the model's field names."""
    nested = {"amount": Amount, "evidence": Evidence}
    names = []
    for name in model.model_fields:
        if model is Alliance and name == "parties":
            names += [n for i in range(2) for n in _expected_names(Party, f"{prefix}party{i}_")]
        elif model is Alliance and name in nested:
            names += _expected_names(nested[name], f"{prefix}{name}_")
        else:
            names.append(prefix + name)
    return names


@pytest.mark.parametrize("table,model", [
    ("organizations", Organization), ("amounts", Amount), ("alliances", Alliance), ("quarantine", Quarantine)])
def test_every_model_field_has_a_column(table, model):
    columns = [c.name for c in SCHEMA.metadata.tables[table].columns]
    keys = ["article_sha256", "ordinal"] if table != "quarantine" else []
    assert columns == keys + _expected_names(model)


def test_article_columns_are_the_scalar_fields():
    scalar = [n for n in ArticleResult.model_fields if n not in SCHEMA.children and n not in SCHEMA.shared]
    assert {"organizations", "amounts", "vague_amounts", "alliances"} <= set(SCHEMA.children)
    assert set(SCHEMA.shared) == {"entities"}
    assert [c.name for c in SCHEMA.metadata.tables["articles"].columns] == scalar + ["result_json"]


# A model change shows up in the tables without touching the sinks.
class Note(Record):
    remark: Optional[str] = None


class FxAmount(Amount):
    fx_rate: Optional[Decimal] = None


class NotedAlliance(Alliance):
    amount: Optional[FxAmount] = None
    confidence: float = 1.0
    note: Optional[Note] = None


class Person(Record):
    name: str
    title: Optional[str] = None


class ExtendedArticle(ArticleResult):
    amounts: list[FxAmount] = []
    alliances: list[NotedAlliance] = []
    people: list[Person] = []
    source_url: Optional[str] = None
    topics: list[str] = []


EXTENDED = build_schema(ExtendedArticle)


@pytest.mark.parametrize("table,column", [
    ("articles", "source_url"), ("articles", "topics"), ("amounts", "fx_rate"), ("alliances", "amount_fx_rate"),
    ("alliances", "confidence"), ("alliances", "note_remark"), ("alliances", "note_present"),
    ("people", "name"), ("people", "title"), ("people", "ordinal"),
])
def test_new_model_fields_become_columns(table, column):
    assert column in EXTENDED.metadata.tables[table].c
    assert EXTENDED.fingerprint != SCHEMA.fingerprint


def extended_article() -> ArticleResult:
    base = vague_and_ranges().model_dump()
    base["amounts"][1]["fx_rate"] = Decimal("190.25")
    base["alliances"][0]["note"] = {"remark": None}       # present, every field null
    base["alliances"][1]["note"] = {"remark": "합작 비율 미정"}
    base["alliances"][0]["amount"]["fx_rate"] = Decimal("1E-7")
    base.update(people=[{"name": "이재용", "title": "회장"}, {"name": "김범수"}], source_url="https://example.kr/1",
                topics=["반도체", "AI"])
    return ExtendedArticle.model_validate(base)


def test_extended_models_round_trip_through_their_tables(tmp_path):
    result = extended_article()
    with Database(f"sqlite:///{tmp_path / 'x.db'}", schema=EXTENDED) as db:
        db.create()
        db.write_batch([result])
        assert db.rebuild_result(result.sha256) == result
        assert db.load_result(result.sha256) == result
        assert db.counts()["people"] == 2


def test_other_schema_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Database(url, schema=EXTENDED) as db:
        db.create()
    with Database(url) as db:
        with pytest.raises(SchemaVersionError, match="schema version"):
            db.create()
        with pytest.raises(SchemaVersionError):
            db.check()


# --- writing and reading -------------------------------------------------------------

@pytest.mark.parametrize("make", [press_release, denied_acquisition, vague_and_ranges, bare_cp949])
def test_round_trip(db, make):
    result = make()
    db.write_batch([result])
    assert db.load_result(result.sha256) == result
    assert db.rebuild_result(result.sha256) == result
    assert list(db.iter_result_json([result.sha256])) == [result.model_dump_json()]


DECIMAL_TEXT = [  # (article, amounts ordinal, stored value as dump() spells it: exact decimal text)
    (press_release, 0, "21748000000"),
    (denied_acquisition, 1, "0.01"),
    (vague_and_ranges, 0, None),
    (vague_and_ranges, 1, "10000000000"),
]


@pytest.mark.parametrize("make,ordinal,stored", DECIMAL_TEXT)
def test_decimals_are_stored_exactly(db, make, ordinal, stored):
    result = make()
    db.write_batch([result])
    rows = {(r[0], r[1]): r for r in db.dump()["amounts"]}
    value_index = [c.name for c in SCHEMA.metadata.tables["amounts"].columns].index("value")
    assert rows[(result.sha256, ordinal)][value_index] == stored


def test_writing_the_same_batch_twice_changes_nothing(db):
    db.write_batch(samples(), QUARANTINED)
    counts, dump = db.counts(), db.dump()
    db.write_batch(samples(), QUARANTINED)
    assert db.counts() == counts
    assert db.dump() == dump
    assert db.dump(derived=True) == db.dump(derived=True)
    assert counts == {"articles": 4, "organizations": 9, "amounts": 7, "vague_amounts": 0, "alliances": 5,
                      "quarantine": 3, "entities": 6, "events": 4, "event_mentions": 5, "schema_version": 1}


def test_a_new_result_replaces_the_article_rows(db):
    old = vague_and_ranges()
    db.write_batch([old])
    new = old.model_copy(update={
        "organizations": old.organizations[:1], "amounts": [], "alliances": old.alliances[2:],
        "pipeline_version": "0.2.0"})
    db.write_batch([new])
    assert db.load_result(old.sha256) == new
    assert db.rebuild_result(old.sha256) == new
    counts = db.counts()
    assert (counts["articles"], counts["organizations"], counts["amounts"], counts["alliances"]) == (1, 1, 0, 1)


def test_duplicates_in_a_batch_keep_the_first(db):
    first = press_release()
    copy = first.model_copy(update={"article": "elsewhere/copy.txt"})
    db.write_batch([first, copy])
    assert db.load_result(first.sha256).article == first.article
    assert db.counts()["articles"] == 1


def test_a_failing_batch_leaves_the_database_unchanged(db):
    db.write_batch([press_release()], QUARANTINED[:1])
    before = db.dump()
    replaced = press_release().model_copy(update={"amounts": [], "pipeline_version": "9.9.9"})

    def fail_on_amounts(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO amounts"):
            raise RuntimeError("injected failure")

    event.listen(db.engine, "before_cursor_execute", fail_on_amounts)
    try:
        with pytest.raises(RuntimeError, match="injected"):
            db.write_batch([replaced, denied_acquisition(), vague_and_ranges()], QUARANTINED[1:])
    finally:
        event.remove(db.engine, "before_cursor_execute", fail_on_amounts)
    assert db.dump() == before


def test_unstorable_results_are_refused_before_writing(db):
    db.write_batch([bare_cp949()])
    before = db.dump()
    bad = article("in/nul.txt", "널\x00문자")
    assert unstorable_reason(bad) and unstorable_reason(press_release()) is None
    with pytest.raises(UnstorableResultError, match="in/nul.txt"):
        db.write_batch([press_release(), bad])
    assert db.dump() == before


def test_quarantine_upserts_and_clears_when_processed(db):
    db.write_batch([], QUARANTINED)
    db.write_batch([], [QUARANTINED[0].model_copy(update={"reason": "binary file (control bytes)"})])
    rows = {(r[0], r[2]): r for r in db.dump()["quarantine"]}
    assert len(rows) == 3 and rows[("in/binary.bin", "decode")][3] == "binary file (control bytes)"
    now_fine = article("in/empty.txt", "이제는 내용이 있다.")
    db.write_batch([now_fine])
    assert ("in/empty.txt", "read") not in {(r[0], r[2]) for r in db.dump()["quarantine"]}


REPLACED = [  # (entries stored, files read again, entries left)
    (["feed.jsonl", "feed.jsonl#2", "feed.jsonl#10", "feed.jsonl.bak", "feed.jsonl2#1", "other.txt"], ["feed.jsonl"],
     ["feed.jsonl.bak", "feed.jsonl2#1", "other.txt"]),
    (["a%b_c.jsonl#1", "a%b_c.jsonl", "aXb_c.jsonl#1"], ["a%b_c.jsonl"], ["aXb_c.jsonl#1"]),   # no LIKE wildcards
    (["웹/기사.jsonl#3", "웹/기사.jsonl#30"], ["웹/기사.jsonl"], []),
    (["x.txt", "x.txt#1"], [], ["x.txt", "x.txt#1"]),
]


@pytest.mark.parametrize("stored, files, left", REPLACED)
def test_a_file_read_again_replaces_its_quarantine_entries(db, stored, files, left):
    """Entries of the file itself and of its lines go; this batch's new entries for it stay."""
    db.write_batch([], [Quarantine(path=p, stage="decode", reason="bad") for p in stored])
    fresh = Quarantine(path=f"{files[0]}#7", stage="extract", reason="new") if files else None
    db.write_batch([], [fresh] if fresh else [], replaced_files=files)
    assert sorted(r[0] for r in db.dump()["quarantine"]) == sorted(left + ([fresh.path] if fresh else []))


def test_quarantine_stores_undecodable_paths(db):
    path = os.fsdecode(b"in/\xb1\xe2\xbb\xe7.txt")   # a CP949 file name on a UTF-8 system
    db.write_batch([], [Quarantine(path=path, stage="read", reason="permission denied\x00")])
    (row,) = db.dump()["quarantine"]
    assert row[0] == "in/\\udcb1\\udce2\\udcbb\\udce7.txt" and row[3] == "permission denied\\x00"


def test_current_among_and_stored_versions(db):
    db.write_batch(samples())
    old = press_release().model_copy(update={"pipeline_version": "0.0.9"})
    db.write_batch([old])
    shas = [r.sha256 for r in samples()] + ["f" * 64]
    assert db.current_among(shas, VERSION, CONFIG) == {r.sha256 for r in samples()[1:]}
    assert db.current_among(shas, VERSION, "other") == set()
    assert db.is_current(samples()[1].sha256, VERSION, CONFIG)
    assert db.stored_versions()[old.sha256] == ("0.0.9", CONFIG)


def test_iter_results_keeps_order_and_misses_raise(db):
    db.write_batch(samples())
    shas = [r.sha256 for r in reversed(samples())]
    assert [r.sha256 for r in db.iter_results(shas)] == shas
    with pytest.raises(KeyError):
        db.load_result("0" * 64)


def test_sqlite_is_crash_safe_and_checks_keys(sqlite_url):
    with Database(sqlite_url) as db:
        db.create()
        with db.engine.connect() as conn:
            pragmas = [conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in
                       ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")]
    assert pragmas == ["wal", 2, 1, 30000]


@pytest.mark.postgres
def test_sqlite_and_postgresql_hold_identical_tables(sqlite_url, pg_database, tmp_path):
    dumps = []
    for url in (sqlite_url, pg_database):
        with Database(url) as db:
            db.create()
            db.write_batch(samples()[:2], QUARANTINED[:2])
            db.write_batch(samples()[2:] + [press_release()], QUARANTINED[2:])
            dumps.append(db.dump(derived=True))
        export_tables(url, "csv", tmp_path / make_url(url).get_backend_name())
    assert dumps[0] == dumps[1]
    for name in SCHEMA.metadata.tables:
        sqlite_csv = (tmp_path / "sqlite" / f"{name}.csv").read_bytes()
        assert sqlite_csv == (tmp_path / "postgresql" / f"{name}.csv").read_bytes()


# --- URLs and errors -----------------------------------------------------------------

REDACTIONS = [
    ("postgresql+psycopg://alli:s3cret@db.example.kr:5432/prod", "postgresql+psycopg://alli:***@db.example.kr:5432/prod"),
    ("postgresql://alli:p%40ss@10.0.0.5/prod", "postgresql://alli:***@10.0.0.5/prod"),
    ("postgresql+psycopg://alli@localhost/prod?password=s3cret", "postgresql+psycopg://alli@localhost/prod?password=***"),
    ("postgresql://postgres@127.0.0.1:55432/alliances_test", "postgresql://postgres@127.0.0.1:55432/alliances_test"),
    ("sqlite:///alliances.db", "sqlite:///alliances.db"),
    ("not a url ://user:s3cret@host", "not a url ://user:***@host"),
    # a password written raw with '@', ':' and '/': the user information ends at the last '@'
    ("postgresql://alli:p@ss:w/rd@db.example.kr/prod", "postgresql://alli:***@db.example.kr/prod"),
    ("postgresql+psycopg://u:a@b@c@10.0.0.1:5432/db?sslmode=require",
     "postgresql+psycopg://u:***@10.0.0.1:5432/db?sslmode=require"),
    ("sqlite:////data/a@b.db", "sqlite:////data/a@b.db"),
    ("junk p@ss://u:x@y:z@host/db trailing", "junk p@ss://u:***@host/db trailing"),
]


PARSED = [  # (URL, (user, password, host, port, database))
    ("postgresql://alli:p@ss:w/rd@db.example.kr:5433/prod", ("alli", "p@ss:w/rd", "db.example.kr", 5433, "prod")),
    ("postgresql://alli:p%40ss@10.0.0.5/prod", ("alli", "p@ss", "10.0.0.5", None, "prod")),
    ("postgres://u@h/db", ("u", None, "h", None, "db")),
]


@pytest.mark.parametrize("url,parts", PARSED)
def test_passwords_with_url_characters_are_parsed(url, parts):
    parsed = Database(url).url
    assert (parsed.username, parsed.password, parsed.host, parsed.port, parsed.database) == parts


@pytest.mark.parametrize("url,expected", REDACTIONS)
def test_redact_url(url, expected):
    assert redact_url(url) == expected


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://alli:s3cret@127.0.0.1:1/prod",
    "postgresql://alli@127.0.0.1:1/prod?password=s3cret",
])
def test_connection_errors_hide_the_password(url):
    database = Database(url)
    assert "s3cret" not in repr(database)
    with pytest.raises(DatabaseError) as caught:
        database.create()
    assert "s3cret" not in str(caught.value) and "127.0.0.1" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_unparseable_url_is_redacted():
    with pytest.raises(DatabaseError) as caught:
        Database("postgresql+psycopg://alli:s3cret@host:notaport/db")
    assert "s3cret" not in str(caught.value)


def test_unsupported_dialect():
    with pytest.raises(DatabaseError, match="unsupported"):
        Database("mysql://u:s3cret@h/db")


# --- JSONL ---------------------------------------------------------------------------

def test_jsonl_writer_writes_one_article_per_line(tmp_path):
    target = tmp_path / "out" / "seed.jsonl"
    odd = article("in/odd.txt", "줄\u2028구분\u2029문자\x85")
    with AtomicJsonlWriter(target) as out:
        for result in samples() + [odd]:
            out.write(result)
        assert not target.exists()
    data = target.read_bytes()
    assert "삼성전자".encode() in data
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == out.lines == 5
    assert [ArticleResult.model_validate_json(line) for line in lines] == samples() + [odd]
    assert list(target.parent.iterdir()) == [target]


def test_jsonl_writer_keeps_previous_output_on_error(tmp_path):
    target = tmp_path / "seed.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    with pytest.raises(ValueError):
        with AtomicJsonlWriter(target) as out:
            out.write(press_release())
            raise ValueError("crash mid-run")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert list(tmp_path.iterdir()) == [target]


def test_jsonl_writer_removes_temp_files_of_dead_processes(tmp_path):
    target = tmp_path / "seed.jsonl"
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = target.with_name(f"{target.name}.tmp-{dead.pid}")
    stale.write_text("half", encoding="utf-8")
    with AtomicJsonlWriter(target) as out:
        out.write(bare_cp949())
    assert sorted(tmp_path.iterdir()) == [target]
    assert temp_path_for(target).name.endswith(str(os.getpid()))


# --- export --------------------------------------------------------------------------

def _read_back(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.read_json(path, lines=True, dtype=False) if path.stat().st_size else pd.DataFrame()


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_writes_every_table(db_url, fmt, tmp_path):
    with Database(db_url) as db:
        db.create()
        db.write_batch(samples(), QUARANTINED)
        counts = db.counts()
    paths = export_tables(db_url, fmt, tmp_path / "export")
    assert sorted(p.name for p in paths) == sorted(f"{t}.{fmt}" for t in counts)
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == sorted(p.name for p in paths)
    for path in paths:
        assert len(_read_back(path)) == counts[path.stem], path.name
    amounts = _read_back(tmp_path / "export" / f"amounts.{fmt}")
    values = {Decimal(str(v)) for v in amounts["value"] if v is not None and v == v and v != ""}
    assert {Decimal("21748000000"), Decimal("0.01")} <= values
    if fmt != "parquet":
        assert "한화자산운용".encode() in (tmp_path / "export" / f"organizations.{fmt}").read_bytes()


def test_read_tables_types_follow_the_columns(sqlite_url):
    with Database(sqlite_url) as db:
        db.create()
        db.write_batch(samples(), QUARANTINED)
    frames = read_tables(sqlite_url)
    amounts, quarantine, alliances = frames["amounts"], frames["quarantine"], frames["alliances"]
    assert str(amounts["value"].dtype) == "object" and str(amounts["vague"].dtype) == "boolean"
    assert str(quarantine["size"].dtype) == "Int64" and quarantine["size"].isna().sum() == 1
    assert {Decimal("21748000000"), Decimal("1100000000"), Decimal("0.01")} < set(amounts["value"].dropna())
    assert str(alliances["date_start"].dtype) == "datetime64[s]"
    assert alliances["date_start"].dropna().tolist() == [pd.Timestamp("2024-03-14")]
    assert len(frames["alliances"]) == 5


def test_export_refuses_a_missing_database(tmp_path):
    with pytest.raises(DatabaseError, match="no database file"):
        export_tables(f"sqlite:///{tmp_path / 'missing.db'}", "csv", tmp_path / "out")
    assert not (tmp_path / "missing.db").exists()


def test_export_refuses_unknown_format(sqlite_url, tmp_path):
    with pytest.raises(ValueError, match="parquet, csv, jsonl, graphml, neo4j"):
        export_tables(sqlite_url, "xlsx", tmp_path)
