"""Alliance events: the merge rule as a table of cases, and a corpus of our own articles reporting
one deal in four articles (wire, press release, analysis, market report) plus the same pair's next
deal a year later — exactly two events, whatever the input order and the number of workers."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.sinks.database import Database
from pipeline.sinks.events import GAP_DAYS, SPAN_DAYS, Mention, build_events, host_of

EVENTS_CORPUS = Path(__file__).resolve().parent / "data" / "events"
HYUNDAI, LGES = "krx:005380", "krx:373220"


# --- the merge rule --------------------------------------------------------------------

def mention(article: str, ordinal: int = 0, relation: str = "partnership", *, source: str = "A", target: str = "B",
            published: str | None = "2024-03-14", date_start: str | None = None, status: str = "announced",
            amount: str | None = None, url: str | None = None, confidence: float = 0.9) -> Mention:
    return Mention(article=article, ordinal=ordinal, relation=relation, status=status, confidence=confidence,
                   source=source, target=target, source_name=source.lower(), target_name=target.lower(),
                   amount_value=Decimal(amount) if amount else None, amount_currency="KRW" if amount else None,
                   amount_text=f"{amount}원" if amount else None, date_start=date_start, date_end=date_start,
                   published=published, host=host_of(url))


CLUSTERS = [  # (case, mentions, expected clusters as lists of article ids)
    ("one article, four sentences",
     [mention("a", i) for i in range(4)], [["a", "a", "a", "a"]]),
    ("reports of one week", [mention("a"), mention("b", published="2024-03-15"), mention("c", published="2024-03-21")],
     [["a", "b", "c"]]),
    ("the same pair a year later", [mention("a"), mention("b", published="2025-03-20")], [["a"], ["b"]]),
    ("a gap over GAP_DAYS", [mention("a", published="2024-01-01"), mention("b", published="2024-06-01")],
     [["a"], ["b"]]),
    ("reports every two months never span over SPAN_DAYS",
     [mention(x, published=d) for x, d in zip("abcdefg", ["2024-01-01", "2024-03-01", "2024-05-01", "2024-07-01",
                                                         "2024-09-01", "2024-11-01", "2025-01-01"], strict=True)],
     [["a", "b", "c", "d", "e"], ["f", "g"]]),
    ("partnership, joint development and joint venture are one family",
     [mention("a", relation="partnership"), mention("b", relation="joint_development"),
      mention("c", relation="joint_venture")], [["a", "b", "c"]]),
    ("undirected parties in either order", [mention("a"), mention("b", source="B", target="A")], [["a", "b"]]),
    ("a directed relation keeps its direction",
     [mention("a", relation="investment"), mention("b", relation="investment", source="B", target="A")],
     [["a"], ["b"]]),
    ("investment and acquisition are one family",
     [mention("a", relation="investment"), mention("b", relation="acquisition")], [["a", "b"]]),
    ("other relations are other events",
     [mention("a", relation="partnership"), mention("b", relation="supply")], [["a"], ["b"]]),
    ("a deal the text dates earlier is placed there",
     [mention("a", published="2024-01-10"), mention("b", published="2024-06-01", date_start="2024-01-09")],
     [["b", "a"]]),
    ("a plan's target date is not when it was reported",
     [mention("a"), mention("b", published="2024-03-20", date_start="2026-12-31")], [["a", "b"]]),
    ("undated reports join the latest event",
     [mention("a", published="2023-01-01"), mention("b"), mention("u", published=None)], [["a"], ["b", "u"]]),
    ("only undated reports: one event", [mention("u", published=None), mention("v", published=None)], [["u", "v"]]),
]


@pytest.mark.parametrize("case, mentions, expected", CLUSTERS, ids=[c[0] for c in CLUSTERS])
def test_clusters(case, mentions, expected):
    events, links = build_events(mentions)
    by_event = {}
    for link in links:
        by_event.setdefault(link["event_id"], []).append(link["article_sha256"])
    assert sorted(sorted(v) for v in by_event.values()) == sorted(sorted(e) for e in expected)
    assert len(events) == len(expected) and len({e["event_id"] for e in events}) == len(events)


def test_the_windows_are_what_the_docs_say():
    assert (GAP_DAYS, SPAN_DAYS) == (90, 300)


def test_an_event_summarises_its_reports():
    reports = [
        mention("a", 0, "partnership", published="2024-03-14", date_start="2024-03-14", amount="1400000000000",
                url="https://www.wire.example/1", status="planned"),
        mention("a", 1, "joint_venture", published="2024-03-14", amount="700000000000", url="https://www.wire.example/1"),
        mention("b", 0, "joint_venture", published="2024-03-15", date_start="2024-03-14", amount="1400000000000",
                url="https://pr.example/2", confidence=0.95),
        mention("c", 0, "joint_venture", published="2024-03-29", status="cancelled", url="https://wire.example/9"),
    ]
    (event,), links = build_events(reports)
    assert event["relation"] == "joint_venture" and event["directed"] is False
    assert (event["party0_entity_id"], event["party1_entity_id"]) == ("A", "B")
    assert (event["first_seen"], event["last_seen"], event["status"]) == ("2024-03-14", "2024-03-29", "cancelled")
    assert (event["num_articles"], event["num_mentions"], event["num_sources"]) == (3, 4, 2)
    assert (event["amount_value"], event["amount_currency"]) == (Decimal("1400000000000"), "KRW")
    assert (event["date_start"], event["confidence"], event["first_article"]) == ("2024-03-14", 0.95, "a")
    assert [link["mention_date"] for link in links] == ["2024-03-14", "2024-03-14", "2024-03-14", "2024-03-29"]


def test_events_do_not_depend_on_the_order_of_the_reports():
    reports = [mention(x, i % 2, published=f"2024-0{1 + i % 9}-1{i % 10}") for i, x in enumerate("abcdefghij")]
    assert build_events(reports) == build_events(list(reversed(reports)))


HOSTS = [("https://www.hanbit.example/a/1", "hanbit.example"), ("http://M.Daily.example:8080/x", "m.daily.example"),
         (None, None), ("not a url", None)]


@pytest.mark.parametrize("url, host", HOSTS)
def test_the_outlet_is_the_url_host(url, host):
    assert host_of(url) == host


# --- the corpus: one deal in four articles, the next deal a year later -----------------------

def _events(db_url: str) -> tuple[list[tuple], list[tuple]]:
    with Database(db_url) as db:
        dump = db.dump(derived=True)
    return dump["events"], dump["event_mentions"]


def _pair_events(db_url: str) -> list[dict]:
    with Database(db_url) as db:
        table = db.schema.events.table
        with db.engine.connect() as conn:
            rows = conn.execute(table.select().where(table.c.party0_entity_id == HYUNDAI,
                                                     table.c.party1_entity_id == LGES)
                                .order_by(table.c.first_seen)).mappings()
            return [dict(r) for r in rows]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    from pipeline.run.runner import run

    tmp = tmp_path_factory.mktemp("events")
    url = f"sqlite:///{tmp / 'events.db'}"
    summary = run([EVENTS_CORPUS], db_url=url, workers=1)
    assert (summary.processed, summary.quarantined) == (5, 0)
    return tmp, url


def test_one_deal_in_four_articles_and_the_next_deal_are_two_events(corpus_run):
    _, url = corpus_run
    first, second = _pair_events(url)
    assert (first["num_articles"], first["num_sources"], first["first_seen"], first["last_seen"]) == \
        (4, 4, "2024-03-14", "2024-03-29")
    assert first["relation"] == "joint_venture" and first["status"] == "announced"
    assert (first["amount_value"], first["amount_currency"]) == (Decimal("1400000000000"), "KRW")
    assert first["date_start"] == "2024-03-14"
    assert (second["num_articles"], second["first_seen"], second["amount_value"]) == (1, "2025-04-10",
                                                                                      Decimal("5000000000000"))
    assert (first["party0_name"], first["party1_name"]) == ("현대자동차", "LG에너지솔루션")


def test_every_alliance_record_is_linked_to_one_event(corpus_run):
    _, url = corpus_run
    with Database(url) as db:
        counts = db.counts()
    events, links = _events(url)
    assert counts["event_mentions"] == counts["alliances"] == len(links) and len(events) == counts["events"]


def test_shuffled_inputs_and_two_workers_give_identical_events(corpus_run):
    from pipeline.run.runner import run

    tmp, url = corpus_run
    shuffled = tmp / "shuffled"
    shuffled.mkdir()
    names = sorted(p.name for p in EVENTS_CORPUS.iterdir() if p.suffix != ".md")
    for number, name in enumerate(reversed(names)):   # another order of discovery
        source = EVENTS_CORPUS / name
        if source.suffix == ".jsonl":   # and the feed's lines the other way round
            lines = source.read_text(encoding="utf-8").splitlines()
            (shuffled / f"{number}_{name}").write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
        else:
            shutil.copy(source, shuffled / f"{number}_{name}")
    other = f"sqlite:///{tmp / 'shuffled.db'}"
    summary = run([shuffled], db_url=other, workers=2, chunk_size=1, batch_size=1)
    assert summary.processed == 5
    assert _events(other) == _events(url)


def test_a_forced_rerun_changes_no_event(corpus_run):
    from pipeline.run.runner import run

    tmp, url = corpus_run
    before = _events(url)
    run([EVENTS_CORPUS], db_url=url, workers=1, force=True, batch_size=2)
    assert _events(url) == before


def test_article_sources_are_kept(corpus_run):
    _, url = corpus_run
    with Database(url) as db:
        articles = db.schema.articles.table
        with db.engine.connect() as conn:
            rows = {r.article: (r.source_id, r.url) for r in conn.execute(
                articles.select().with_only_columns(articles.c.article, articles.c.source_id, articles.c.url))}
    assert rows == {
        "wire_jv_signed.html": (None, "https://www.hanbit-wire.example/economy/20240314/1001"),
        "press_release_cell_plant.html": (None, "https://newsroom.example-battery.kr/release/77"),
        "analysis_southeast_asia.html": (None, "https://analysis.example.com/column/3"),
        "feed.jsonl#1": ("dm-20240315-55", "https://daily-market.example.net/news/55"),
        "feed.jsonl#2": ("dm-20250410-91", "https://daily-market.example.net/news/91"),
    }
