"""The review report's data, marks, network layout and page, on a small database written through the
sink from records of our own (no Kiwi): scope filters (--since/--until, --org, --min-confidence),
counts, evidence marks at the stored offsets, organisation profiles, the layout, a self-contained
page, the `alliances report` command."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.records import Alliance, Amount, ArticleResult, Entity, Evidence, Party, unseen_entity_id
from pipeline.report.data import ReportError, ReportFilter, load_report_data
from pipeline.report.layout import EdgeIn, layout
from pipeline.report.marks import Mark, RecordOffsets, record_marks, resolve_overlaps, trigger_name, trigger_span
from pipeline.report.render import build_report, compact_amount, page_data, render_report, script_json
from pipeline.sinks.database import Database
from pipeline.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
HANBIT = "krx:999990"   # a listed company: found by id, Korean name or English name


def _entity(name: str) -> Entity:
    if name == "한빛전자":
        return Entity(entity_id=HANBIT, name=name, name_en="Hanbit Electronics", type="company", country="KR",
                      in_lexicon=True)
    return Entity(entity_id=unseen_entity_id(name), name=name, type="company", in_lexicon=False)


def _alliance(text: str, sentence: str, relation: str, first: tuple[str, str], second: tuple[str, str], rule: str,
              confidence: float, status: str = "announced", amount: tuple[str, str] | None = None,
              date: tuple[str, str] | None = None) -> Alliance:
    """An alliance record of `sentence` (a sentence of `text`); party offsets are where the names are
    written: in the sentence, else (an anaphor such as 이 회사) where the text names them."""
    s_start = text.index(sentence)

    def party(name: str, role: str) -> Party:
        start = text.find(name, s_start, s_start + len(sentence))
        start = text.index(name) if start < 0 else start
        return Party(name=name, canonical=name, role=role, start=start, end=start + len(name),
                     entity_id=_entity(name).entity_id)

    money = None
    if amount:
        at = text.index(amount[0], s_start)
        money = Amount(text=amount[0], value=Decimal(amount[1]), currency="KRW", start=at, end=at + len(amount[0]))
    return Alliance(relation=relation, directed=relation in ("investment", "acquisition", "supply"), status=status,
                    parties=[party(*first), party(*second)], amount=money,
                    date_text=date[0] if date else None, date_start=date[1] if date else None,
                    date_end=date[1] if date else None,
                    evidence=Evidence(text=sentence, start=s_start, end=s_start + len(sentence)),
                    rule=rule, confidence=confidence)


def _article(name: str, text: str, published: str | None, url: str | None, alliances: list[Alliance]) -> ArticleResult:
    names = sorted({p.canonical for a in alliances for p in a.parties})
    return ArticleResult(article=name, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8",
                         title=name.removesuffix(".txt"), published=published, url=url, text=text,
                         alliances=alliances, entities=[_entity(n) for n in names],
                         pipeline_version="test", config_hash="test")


S1 = "한빛전자는 누리소프트와 손잡고 AI 칩을 만든다고 3일 밝혔다."
S2 = "누리소프트가 한빛전자와 손잡고 AI 칩 사업에 나선다."
S3 = "한빛전자는 가온바이오에 500억원을 투자했다."
S4A, S4B = "미리내제약은 지난해 적자를 냈다.", "가온바이오가 이 회사를 인수한다."
S5 = "별빛통신과 누리소프트가 </script><b>제휴</b>를 맺었다."     # markup in a text stays text

ARTICLES = [
    _article("wire/a1.txt", S1, "2025-03-03", "https://a.example/1", [
        _alliance(S1, S1, "partnership", ("한빛전자", "partner"), ("누리소프트", "partner"),
                  "partnership:손잡:comitative", 0.9, date=("3일", "2025-03-03"))]),
    _article("wire/a2.txt", S2, "2025-03-05", "https://b.example/2", [
        _alliance(S2, S2, "partnership", ("누리소프트", "partner"), ("한빛전자", "partner"),
                  "partnership:손잡:comitative", 0.8)]),
    _article("wire/a3.txt", S3, "2025-06-20", "https://a.example/3", [
        _alliance(S3, S3, "investment", ("한빛전자", "investor"), ("가온바이오", "investee"),
                  "investment:투자:active:subj>dat", 0.92, amount=("500억원", "50000000000"))]),
    _article("wire/a4.txt", f"{S4A} {S4B}", "2024-01-10", None, [
        # 이 회사: the target is named in the sentence before
        _alliance(f"{S4A} {S4B}", S4B, "acquisition", ("가온바이오", "acquirer"), ("미리내제약", "target"),
                  "acquisition:인수:active:subj>obj", 0.6, status="planned")]),
    _article("local/a5.txt", S5, None, None, [
        _alliance(S5, S5, "partnership", ("별빛통신", "partner"), ("누리소프트", "partner"),
                  "partnership:제휴:comitative", 0.5)]),
]

PAIR = {"한빛전자", "누리소프트"}
EVENTS = {   # event → (relation, parties, articles)
    "cooperation": ("partnership", PAIR, 2),
    "stake": ("investment", {"한빛전자", "가온바이오"}, 1),
    "takeover": ("acquisition", {"가온바이오", "미리내제약"}, 1),
    "undated": ("partnership", {"별빛통신", "누리소프트"}, 1),
}


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'report.db'}"
    with Database(url) as db:
        db.create()
        db.write_batch(ARTICLES)
    return url


def _events(data) -> set[str]:
    """The events of a report, named as in EVENTS."""
    names = {}
    for e in data.events:
        parties = set(e.party_names)
        names[next(k for k, (r, p, _) in EVENTS.items() if r == e.relation and p == parties)] = e
    return set(names)


# --- scope -------------------------------------------------------------------------------

SCOPE_ROWS = [
    # (filter, expected events)
    (ReportFilter(), set(EVENTS)),
    (ReportFilter(since=dt.date(2025, 3, 4)), {"cooperation", "stake"}),            # reported until 03-05
    (ReportFilter(until=dt.date(2025, 3, 3)), {"cooperation", "takeover"}),
    (ReportFilter(since=dt.date(2025, 3, 4), until=dt.date(2025, 3, 4)), {"cooperation"}),   # 03-03 … 03-05
    (ReportFilter(since=dt.date(2026, 1, 1)), set()),
    (ReportFilter(org="한빛전자"), {"cooperation", "stake"}),
    (ReportFilter(org="hanbit  ELECTRONICS"), {"cooperation", "stake"}),          # English name, any case/spaces
    (ReportFilter(org=HANBIT), {"cooperation", "stake"}),
    (ReportFilter(org="누리 소프트"), {"cooperation", "undated"}),                  # spaces ignored
    (ReportFilter(org=unseen_entity_id("미리내제약")), {"takeover"}),
    (ReportFilter(org="한빛전자", since=dt.date(2025, 6, 1)), {"stake"}),
    (ReportFilter(min_confidence=0.7), {"cooperation", "stake"}),
    (ReportFilter(min_confidence=0.95), set()),
]


@pytest.mark.parametrize("scope, expected", SCOPE_ROWS, ids=[" ".join(r[0].describe()) or "all" for r in SCOPE_ROWS])
def test_the_scope_selects_events(db_url, scope, expected):
    assert _events(load_report_data(db_url, scope)) == expected


@pytest.mark.postgres
def test_postgresql_gives_the_same_report(db_url, pg_database):
    with Database(pg_database) as db:
        db.create()
        db.write_batch(ARTICLES)
    for scope, expected in SCOPE_ROWS:
        on_pg, on_sqlite = load_report_data(pg_database, scope), load_report_data(db_url, scope)
        assert _events(on_pg) == expected
        assert on_pg.summary == on_sqlite.summary and page_data(on_pg) == page_data(on_sqlite)


def test_an_unknown_organisation_is_an_error(db_url):
    with pytest.raises(ReportError, match="--org 없는회사: no organisation"):
        load_report_data(db_url, ReportFilter(org="없는회사"))


def test_the_summary_counts(db_url):
    data = load_report_data(db_url)
    summary = data.summary
    with Database(db_url) as db:
        counts = db.counts()
    assert (summary.events, summary.records, summary.stored_articles) == (counts["events"], counts["alliances"], 5)
    assert (summary.articles, summary.organisations) == (5, 5)
    assert summary.by_relation_status == {"partnership": {"announced": 2}, "investment": {"announced": 1},
                                          "acquisition": {"planned": 1}}
    ((krw),) = summary.amounts
    assert (krw.currency, krw.events, krw.total, krw.largest) == ("KRW", 1, Decimal("50000000000"),
                                                                   Decimal("50000000000"))
    assert summary.quarantined == {}
    cooperation = next(e for e in data.events if e.relation == "partnership" and set(e.party_names) == PAIR)
    assert (cooperation.num_articles, len(cooperation.evidence), cooperation.reported) == (2, 2, ("2025-03-03",
                                                                                                  "2025-03-05"))


def test_scoped_counts_follow_the_scope(db_url):
    summary = load_report_data(db_url, ReportFilter(min_confidence=0.7)).summary
    assert (summary.events, summary.records, summary.articles, summary.organisations) == (2, 3, 3, 3)


def test_profiles_list_partners_years_and_amounts(db_url):
    data = load_report_data(db_url)
    first = data.profiles[0]
    assert first.entity.name in ("한빛전자", "누리소프트", "가온바이오") and first.events == 2
    hanbit = next(p for p in data.profiles if p.entity.entity_id == HANBIT)
    assert [(p.name, p.events, p.relations) for p in hanbit.partners] == [
        ("가온바이오", 1, ("investment",)), ("누리소프트", 1, ("partnership",))]
    assert hanbit.by_year == ((2025, 2),)
    assert [(t.currency, t.total) for t in hanbit.totals] == [("KRW", Decimal("50000000000"))]
    focused = load_report_data(db_url, ReportFilter(org="가온바이오"))
    assert focused.profiles[0].entity.name == "가온바이오" and focused.focus == (unseen_entity_id("가온바이오"),)


# --- evidence marks ------------------------------------------------------------------------

def _marked(evidence) -> list[tuple[str, str, str]]:
    return [(evidence.text[m.start:m.end], m.kind, m.label) for m in evidence.marks]


def test_evidence_marks_come_from_the_stored_offsets(db_url):
    data = load_report_data(db_url)
    by_sentence = {ev.text: ev for e in data.events for ev in e.evidence}
    assert _marked(by_sentence[S1]) == [("한빛전자", "party", "partner"), ("누리소프트", "party", "partner"),
                                        ("손잡", "trigger", "partnership"), ("3일", "date", "2025-03-03")]
    assert _marked(by_sentence[S3]) == [("한빛전자", "party", "investor"), ("가온바이오", "party", "investee"),
                                        ("500억원", "amount", "KRW"), ("투자", "trigger", "investment")]
    takeover = by_sentence[S4B]
    assert _marked(takeover) == [("가온바이오", "party", "acquirer"), ("인수", "trigger", "acquisition")]
    (outside,) = takeover.outside
    assert (outside.name, outside.role, outside.context[outside.start:outside.end]) == ("미리내제약", "target",
                                                                                        "미리내제약")


MARK_ROWS = [
    # (sentence, rule, parties, expected trigger, the text before it) — the trigger nearest the parties,
    # never inside a party's name, as the vocabulary writes it (else with a fused verb ending)
    ("A사는 B사에 투자했고 C사도 투자했다.", "investment:투자:active:subj>dat", ["A사", "B사"], "투자", "A사는 B사에 "),
    ("미래에셋벤처투자도 120억원을 투자했다.", "investment:투자:active:subj>discourse", ["미래에셋벤처투자"], "투자",
     "미래에셋벤처투자도 120억원을 "),
    ("A사가 B사로부터 투자를 유치했다.", "investment:투자유치:receive:src>subj", ["A사", "B사"], "투자를 유치",
     "A사가 B사로부터 "),
    ("A사는 B사에 인수됐다고 밝혔다.", "acquisition:인수되:receive:dat>subj", ["A사", "B사"], "인수", "A사는 B사에 "),
    ("A사와 B사가 손을 잡았다.", "partnership:손잡:comitative", ["A사", "B사"], "손을 잡", "A사와 B사가 "),
    ("A사와 B사가 뭔가 했다.", "partnership:손잡:comitative", ["A사", "B사"], None, None),
    # a name the vocabulary does not have: as written
    ("A사와 B사가 미지어했다.", "partnership:미지어:comitative", ["A사", "B사"], "미지어", "A사와 B사가 "),
]


@pytest.mark.parametrize("sentence, rule, parties, expected, before", MARK_ROWS, ids=[r[1] for r in MARK_ROWS])
def test_trigger_spans(sentence, rule, parties, expected, before):
    spans = [(sentence.index(p), sentence.index(p) + len(p)) for p in parties]
    span = trigger_span(sentence, rule, (min(a for a, _ in spans), max(b for _, b in spans)), spans)
    assert (sentence[span[0]:span[1]] if span else None) == expected
    assert (sentence[:span[0]] if span else None) == before


def test_marks_never_overlap_and_parties_win():
    marks = resolve_overlaps([Mark(0, 4, "trigger", "x"), Mark(0, 9, "party", "partner"), Mark(10, 12, "date", "d")])
    assert marks == [Mark(0, 9, "party", "partner"), Mark(10, 12, "date", "d")]
    assert trigger_name("investment:투자유치:receive:src>subj") == "투자유치" and trigger_name("odd") is None


def test_a_shared_date_from_another_sentence_is_not_marked():
    record = RecordOffsets(sentence=S2, sentence_start=0, parties=[(0, 5, "partner"), (7, 11, "partner")],
                           date_text="3일", rule="partnership:손잡:comitative", relation="partnership")
    assert [m.kind for m in record_marks(record)] == ["party", "party", "trigger"]


# --- the network ---------------------------------------------------------------------------

def _edges(n: int, hub_every: int = 0) -> list[EdgeIn]:
    edges = [EdgeIn(f"ev{i}", f"org{2 * i}", f"org{2 * i + 1}", "partnership", False, 1) for i in range(n)]
    if hub_every:
        edges += [EdgeIn(f"hub{i}", "hub", f"org{i}", "investment", True, 2) for i in range(0, 2 * n, hub_every)]
    return edges


def test_the_network_has_one_node_per_organisation_inside_the_drawing():
    edges = _edges(40, hub_every=3)
    network = layout(edges)
    assert sorted(n.entity_id for n in network.nodes) == sorted({e.source for e in edges} | {e.target for e in edges})
    assert len(network.edges) == len(edges) and network.left_out_nodes == 0
    for n in network.nodes:
        assert n.r <= n.x <= network.width - n.r and n.r <= n.y <= network.height - n.r
    assert network.nodes[0].entity_id == "hub" and network.nodes[0].r == max(n.r for n in network.nodes)
    assert layout(edges) == network          # the same events, the same picture


def test_the_picture_does_not_depend_on_the_hash_seed():
    code = ("from tests.test_report import _edges; from pipeline.report.layout import layout; "
            "print([(n.entity_id, n.x, n.y) for n in layout(_edges(30, hub_every=2)).nodes])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1


def test_a_large_network_keeps_the_busiest_and_the_focus():
    edges = _edges(300, hub_every=2)
    network = layout(edges, focus=["org599"], limit=120)
    ids = {n.entity_id for n in network.nodes}
    assert len(ids) == 120 and {"hub", "org599"} <= ids and network.left_out_nodes == 601 - 120
    assert all(e.source in ids and e.target in ids for e in network.edges)
    assert network.left_out_edges == len(edges) - len(network.edges)


def test_parallel_events_of_one_pair_are_drawn_apart():
    edges = [EdgeIn(f"ev{i}", "a", "b", "partnership", False, 1) for i in range(3)]
    paths = [e.path for e in layout(edges).edges]
    assert len(set(paths)) == 3


# --- the page ------------------------------------------------------------------------------

def test_the_page_asks_nothing_of_any_host(db_url):
    html = render_report(load_report_data(db_url), generated="2025-01-01 00:00")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\((?!#)", html)
    data_block = html.split('id="report-data">', 1)[1].split("</script>", 1)[0]
    assert "</script>" in S5 and "<b>" not in data_block   # the evidence text cannot end its block
    payload = json.loads(data_block)
    assert len(payload["events"]) == 4 and len(payload["entities"]) == 5
    assert "Noto Sans CJK KR" in html


def test_page_data_points_at_its_entities_and_articles(db_url):
    data = load_report_data(db_url)
    payload = page_data(data)
    for event, item in zip(payload["events"], data.events, strict=True):
        assert [payload["entities"][i][0] for i in event["p"]] == list(item.party_ids)
        for evidence in event["ev"]:
            assert payload["articles"][evidence[0]][0].startswith(("wire/", "local/"))
    assert script_json({"x": "</script>&"}) == '{"x":"\\u003c/script\\u003e\\u0026"}'


def test_compact_amounts():
    assert compact_amount(Decimal("1400000000000"), "KRW") == "1.4 tn KRW"
    assert compact_amount(Decimal("50000000000")) == "50 bn"
    assert compact_amount(Decimal("1234.5"), "USD") == "1,234.5 USD"


def test_build_report_writes_the_page(db_url, tmp_path):
    result = build_report(db_url, tmp_path / "out" / "report.html", ReportFilter(org="한빛전자"))
    assert result.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (result.events, result.organisations, result.nodes) == (2, 3, 3)


# --- the command ---------------------------------------------------------------------------

def test_the_command_writes_the_report(db_url, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", "--db", db_url, "--out", str(out), "--since", "2025-01-01", "--min-confidence", "0.7"]) == 0
    assert "2 events, 3 organisations" in capsys.readouterr().out and out.exists()


COMMAND_ERRORS = [
    # (arguments, exit code, what the one line says)
    (["--since", "2025-02-01", "--until", "2025-01-01"], 2, "--since 2025-02-01 is after --until 2025-01-01"),
    (["--since", "March"], 2, "not a date"),
    (["--org", "없는회사"], 1, "no organisation with that entity id or name"),
    (["--min-confidence", "2"], 2, "--min-confidence"),
]


@pytest.mark.parametrize("arguments, code, said", COMMAND_ERRORS, ids=[" ".join(r[0]) for r in COMMAND_ERRORS])
def test_command_errors_are_one_line(db_url, tmp_path, capsys, arguments, code, said):
    try:
        result = main(["report", "--db", db_url, "--out", str(tmp_path / "r.html"), *arguments])
    except SystemExit as stop:   # the option parser's errors
        result = stop.code
    err = capsys.readouterr().err
    assert result == code and said in err and err.count("\n") == 1 and not (tmp_path / "r.html").exists()


def test_a_missing_database_is_not_created(tmp_path, capsys):
    missing = tmp_path / "none.db"
    assert main(["report", "--db", f"sqlite:///{missing}", "--out", str(tmp_path / "r.html")]) == 1
    assert "no database file" in capsys.readouterr().err and not missing.exists()
