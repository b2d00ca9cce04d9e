"""Hostile input, case by case: for each, the exit code, every quarantine entry (stage and reason),
every good article stored, and the run within its time.

Each row of HOSTILE is one folder of two good articles plus the hostile inputs, extracted with
`alliances extract . --strict` in this process (Kiwi loads once per session). Cases that need a
process of their own — dropped permissions, signals, a worker killed or hung, a file size limit,
a 20 MB article under the default time budget — run the command line in a subprocess below.
"""
from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from pipeline.settings import load_settings
from pipeline.sinks.database import Database
from pipeline.sinks.tables import SCHEMA
from pipeline.tools.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
CLI = [sys.executable, "-m", "pipeline.tools.cli"]
GOOD = {"good_1.txt": "101_wire_chip_euv.txt", "good_2.txt": "104_wire_telecom_ai_chip_funding.txt"}
ARTICLE = (CORPUS / "118_wire_auto_parts_supply.txt").read_text(encoding="utf-8")
LONG_NAME = "긴이름" * 26 + ".txt"


def _text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _jsonl(*objects) -> str:
    return "\n".join(o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objects) + "\n"


@dataclass
class Case:
    id: str
    build: Callable[[Path], None]                 # writes the hostile inputs into the folder
    quarantined: dict[str, tuple[str, str]]       # path as reported → (stage, part of the reason)
    stored: tuple[str, ...] = ()                  # articles stored besides the good files
    exit: int = 3                                 # --strict: 3 when something was quarantined
    budget: float = 30.0                          # seconds the run may take
    env: dict[str, str] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)  # run: settings for this case
    warnings: tuple[str, ...] = ()                # parts of the article warnings expected


# --- builders -------------------------------------------------------------------------------

def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "feed.jsonl")


def _device_links(folder: Path) -> None:
    for name, device in (("zero.txt", "/dev/zero"), ("null.txt", "/dev/null"), ("random.txt", "/dev/urandom")):
        os.symlink(device, folder / name)


def _loops(folder: Path) -> None:
    os.symlink(folder / "loop_b.txt", folder / "loop_a.txt")
    os.symlink(folder / "loop_a.txt", folder / "loop_b.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "back")
    (folder / "sub" / "c.txt").write_text(_text("122_wire_telecom_ai_review.txt"), encoding="utf-8")


ENCODED = {   # file → (corpus article, codec); each a different article, so each is stored
    "utf16le_bom.txt": ("110_wire_retail_logistics_crlf.txt", "utf-16"),
    "utf16be_bom.txt": ("112_interview_nuclear_energy.txt", "utf-16-be-bom"),
    "utf32.txt": ("113_headline_list.txt", "utf-32"),
    "utf8_bom.txt": ("114_wire_convenience_store_rumour.txt", "utf-8-sig"),
    "cp949.txt": ("115_wire_shipping_sale_collapsed.txt", "cp949"),
    "euc_kr.txt": ("116_pr_industry_university_research.txt", "euc-kr"),
    "utf16_no_bom.txt": ("117_analysis_fintech_payments.txt", "utf-16-le"),
    "page_cp949.html": ("118_wire_auto_parts_supply.txt", "cp949-html"),
}


def _encodings(folder: Path) -> None:
    for name, (source, codec) in ENCODED.items():
        text = _text(source)
        if codec == "utf-16-be-bom":
            data = b"\xfe\xff" + text.encode("utf-16-be")
        elif codec == "cp949-html":
            data = (f"<html><head><meta charset='euc-kr'><title>기사</title></head><body><article><p>"
                    f"{text.replace(chr(10), '</p><p>')}</p></article></body></html>").encode("cp949")
        else:
            data = text.encode(codec)
        (folder / name).write_bytes(data)


def _binary(folder: Path) -> None:
    article = _text("101_wire_chip_euv.txt").encode()
    (folder / "nul.txt").write_bytes(article[:300] + b"\x00\x00\x00\x01" + article[300:])
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "report.html").write_bytes(b"PK\x03\x04" + bytes(200))
    (folder / "garbage.txt").write_bytes(bytes((i * 73 + 129) % 127 + 129 for i in range(600)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t\r\n \xe3\x80\x80 \n\n")


def _html(folder: Path) -> None:
    (folder / "broken.html").write_text(
        "<html><head><title>한빛전자, 누리소프트와 AI 칩 공동 개발</title></head><body><div class='nav'><a href='/'>홈"
        "<div id='article'><p>한빛전자가 소프트웨어 기업 누리소프트와 인공지능(AI) 반도체를 공동 개발한다고 5일 밝혔다."
        "<p>두 회사는 2026년까지 500억 원을 투입해 저전력 추론용 칩을 개발할 계획이다.<div class='footer'>ⓒ",
        encoding="utf-8")
    (folder / "nav_only.html").write_text(
        "<html><head><script>var a = '<p>';</script></head><body><nav><a href='/'>홈</a></nav>"
        "<footer>ⓒ 뉴스 무단 전재 및 재배포 금지</footer></body></html>", encoding="utf-8")
    (folder / "nested.html").write_text("<html><body>" + "<div><font>" * 1000 + f"<p>{ARTICLE}</p>", encoding="utf-8")
    # past the parser's depth limit the text is dropped: an entry, not a crash
    (folder / "deep.html").write_text("<html><body>" + "<div><font>" * 5000 + f"<p>{ARTICLE} 끝</p>", encoding="utf-8")


def _json_lines(folder: Path) -> None:
    good = {"id": "a", "title": "부품 공급", "body": ARTICLE}
    (folder / "feed.jsonl").write_text(_jsonl(
        good,                                                                    # 1
        '{"id": "b", "body": "닫히지 않은 문자열}',                               # 2 malformed
        '{"id": "c", "body": "\\ud800 외톨이 서로게이트"}',                         # 3 lone surrogate
        "[" * 100_000 + "]" * 100_000,                                           # 4 100k-deep nesting
        "[1, 2, 3]",                                                             # 5 not an object
        {"id": "f", "title": "본문 없음"},                                         # 6 no body
        {"id": "g", "body": {"text": "본문"}},                                     # 7 body not text
        "",                                                                      # 8 blank: nothing
        {"id": "i", "title": "두 번째", "body": _text("119_pr_biotech_jpy_funding.txt")},   # 9
    ), encoding="utf-8")
    (folder / "binary.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    cp949 = json.dumps({"id": "k", "body": _text("120_wire_asset_manager_gbp.txt")}, ensure_ascii=False)
    garbage = bytes(range(128, 256)) + b"\n"
    (folder / "mixed.jsonl").write_bytes(b"\xef\xbb\xbf" + cp949.encode("cp949") + b"\r\n" + garbage)


def _too_large(folder: Path) -> None:
    (folder / "big.txt").write_text(ARTICLE * 40, encoding="utf-8")
    (folder / "big.jsonl").write_text(_jsonl({"id": "x", "body": ARTICLE * 40}, {"id": "y", "body": ARTICLE}),
                                      encoding="utf-8")


def _many_lines(folder: Path) -> None:
    (folder / "lines.txt").write_text("가\n" * 2_000_000, encoding="utf-8")


def _long_line(folder: Path) -> None:
    (folder / "one_line.txt").write_text(ARTICLE.replace("\n", " ") * 150, encoding="utf-8")


def _odd_names(folder: Path) -> None:
    where = os.fsencode(folder)
    shutil.copy(CORPUS / "121_analysis_foundry_competition.txt", where + b"/bytes_\xff\xfe.txt")
    shutil.copy(CORPUS / "123_pr_telecom_ai_one_team.txt", folder / "new\nline.txt")
    shutil.copy(CORPUS / "124_wire_auto_europe_eur.txt", folder / "-rf 'quoted' \"*?\".txt")
    shutil.copy(CORPUS / "125_column_content_alliances.txt", folder / LONG_NAME)   # 238 of 255 bytes
    (folder / "forged\nquarantined: good_1.txt [read] fake.txt").write_bytes(b"")
    (folder / "esc_\x1b[31mred.txt").write_bytes(b"")
    os.symlink(where + b"/gone_\xff.txt", where + b"/dangling_\xfe.txt")


def _sql_text(folder: Path) -> None:
    (folder / "sql.txt").write_text(ARTICLE + "\n'); DROP TABLE articles; -- \" OR 1=1; DELETE FROM quarantine;",
                                    encoding="utf-8")


HOSTILE = [
    Case("FIFOs", _fifo, {"pipe.txt": ("read", "not a regular file (a FIFO"),
                          "feed.jsonl": ("read", "not a regular file (a FIFO")}),
    Case("links to devices", _device_links, {n: ("read", "not a regular file (a character device)")
                                             for n in ("zero.txt", "null.txt", "random.txt")}),
    Case("loops and dangling links", _loops, {
        "loop_a.txt": ("discover", "symlink loop"), "loop_b.txt": ("discover", "symlink loop"),
        "dangling.txt": ("discover", "broken symlink"), "sub/back": ("discover", "symlink cycle")},
        stored=("sub/c.txt",)),
    Case("every encoding", _encodings, {}, stored=tuple(ENCODED), exit=0),
    Case("binary, NUL bytes, undecodable, empty", _binary, {
        "nul.txt": ("decode", "binary file (contains 3 NUL bytes)"), "image.txt": ("decode", "PNG image"),
        "report.html": ("decode", "ZIP archive"), "garbage.txt": ("decode", "undecodable text"),
        "empty.txt": ("read", "empty file (0 bytes)"), "blank.txt": ("extract", "whitespace-only file")}),
    Case("bad HTML", _html, {"nav_only.html": ("extract", "HTML page has no article text"),
                             "deep.html": ("extract", "HTML page has no article text")},
         stored=("broken.html", "nested.html")),
    Case("bad JSON Lines", _json_lines, {
        "feed.jsonl#2": ("decode", "malformed JSON"),
        "feed.jsonl#3": ("decode", "field 'body' holds a lone surrogate escape"),
        "feed.jsonl#4": ("decode", "JSON nested deeper than 64 levels"),
        "feed.jsonl#5": ("extract", "JSON value is a list, not an object"),
        "feed.jsonl#6": ("extract", "no article body"),
        "feed.jsonl#7": ("extract", "field 'body' is an object, not text"),
        "binary.jsonl": ("decode", "binary file (PNG image)"),
        "mixed.jsonl#2": ("decode", "line 2: undecodable text")},
        stored=("feed.jsonl#1", "feed.jsonl#9", "mixed.jsonl#1")),
    Case("over the size limit", _too_large, {"big.txt": ("read", "file too large"),
                                             "big.jsonl#1": ("read", "line too long")},
         stored=("big.jsonl#2",), env={"ALLIANCES_MAX_BYTES": "20000"}),
    Case("2 million short lines", _many_lines, {"lines.txt": ("extract", "took over 3 s (run.article_seconds)")},
         settings={"article_seconds": 3}, budget=25),
    Case("a 150 KB line", _long_line, {}, stored=("one_line.txt",), exit=0,
         warnings=("long text: ", "line breaks added for analysis")),
    Case("odd file names", _odd_names, {
        "forged\nquarantined: good_1.txt [read] fake.txt": ("read", "empty file"),
        "esc_\x1b[31mred.txt": ("read", "empty file"),
        "dangling_\\xfe.txt": ("discover", "broken symlink (dangling_\\xfe.txt → ")},
        stored=("bytes_\\xff\\xfe.txt", "new\nline.txt", "-rf 'quoted' \"*?\".txt", LONG_NAME)),
    Case("SQL in the text", _sql_text, {}, stored=("sql.txt",), exit=0),
]


def _rows(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("case", HOSTILE, ids=[c.id for c in HOSTILE])
def test_hostile_input(case, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, source in GOOD.items():
        shutil.copy(CORPUS / source, folder / name)
    case.build(folder)
    for variable, value in case.env.items():
        monkeypatch.setenv(variable, value)
    for key, value in case.settings.items():
        monkeypatch.setitem(load_settings()["run"], key, value)
    monkeypatch.chdir(folder)
    db_path = tmp_path / "db.sqlite"
    started = time.monotonic()
    code = main(["extract", ".", "--db", f"sqlite:///{db_path}", "--out", str(tmp_path / "out.jsonl"),
                 "--workers", "1", "--no-progress", "--strict"])
    seconds = time.monotonic() - started
    err = capsys.readouterr().err

    assert code == case.exit, err
    assert seconds < case.budget
    rows = _rows(db_path, "SELECT path, stage, reason FROM quarantine")
    quarantine = {path: (stage, reason) for path, stage, reason in rows}
    assert sorted(quarantine) == sorted(case.quarantined)
    for path, (stage, reason) in case.quarantined.items():
        assert quarantine[path][0] == stage and reason in quarantine[path][1], (path, quarantine[path])
    articles = {row[0] for row in _rows(db_path, "SELECT article FROM articles")}
    assert articles == {*GOOD, *case.stored}
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["article"] for line in lines) == sorted(articles)
    # one stderr line per entry, every control character escaped: a name cannot forge a line
    listed = [line for line in err.splitlines() if line.startswith("quarantined: ")]
    assert len(listed) == len(err.splitlines()) == len(case.quarantined)
    for path, (stage, _) in case.quarantined.items():
        shown = path.replace("\n", "\\n").replace("\x1b", "\\x1b")
        assert any(line.startswith(f"quarantined: {shown} [{stage}] ") for line in listed), shown
    if case.warnings:
        warnings = " ".join(w for (text,) in _rows(db_path, "SELECT warnings FROM articles") for w in json.loads(text))
        assert all(part in warnings for part in case.warnings), warnings


# --- outputs ---------------------------------------------------------------------------------

def test_outputs_inside_the_input_folder_are_never_read_back(tmp_path, monkeypatch, capsys):
    """--out and the database in the folder being read: the next run skips them, with a warning,
    and adds nothing (before, the JSONL grew by its own lines every run)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, source in GOOD.items():
        shutil.copy(CORPUS / source, folder / name)
    (folder / "out.jsonl.tmp-999999").write_text("{}\n", encoding="utf-8")   # a dead run's temp file
    monkeypatch.chdir(folder)
    args = ["extract", ".", "--db", "sqlite:///store.txt", "--out", "out.jsonl", "--workers", "1", "--no-progress"]
    assert main(args) == 0
    first = (folder / "out.jsonl").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(args + ["--strict"]) == 0
    err = capsys.readouterr().err
    assert (folder / "out.jsonl").read_text(encoding="utf-8") == first
    assert len(first.splitlines()) == len(GOOD)
    assert "warning: out.jsonl is not read as input: it is this run's --out file" in err
    assert "warning: store.txt is not read as input: it is this run's database" in err
    assert "quarantined" not in err


OUTPUT_ERRORS = [   # (arguments after the input, part of the one line on stderr)
    (["--out", "{tmp}"], "is a folder, not a file"),
    (["--out", "{tmp}/missing/out.jsonl"], "the folder {tmp}/missing does not exist"),
    (["--out", "/dev/null"], "is not a regular file"),
    (["--db", "sqlite:///{tmp}/missing/db.sqlite"], "the folder {tmp}/missing does not exist"),
    (["--db", "sqlite:///{tmp}"], "is a folder, not a file"),
    (["--out", "{tmp}/file.txt/out.jsonl"], "the folder {tmp}/file.txt is not a folder"),
]


@pytest.mark.parametrize("args, message", OUTPUT_ERRORS, ids=[a[1] for a in OUTPUT_ERRORS])
def test_output_paths_are_checked_before_any_work(args, message, tmp_path, capsys):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    args = [a.format(tmp=tmp_path) for a in args]
    if "--db" not in args:
        args += ["--db", f"sqlite:///{tmp_path / 'db.sqlite'}"]
    started = time.monotonic()
    code = main(["extract", str(CORPUS), *args, "--workers", "1", "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 2 and time.monotonic() - started < 2
    assert err.startswith("alliances: error: ") and len(err.splitlines()) == 1
    assert message.format(tmp=tmp_path) in err
    assert out == "" and not (tmp_path / "db.sqlite").exists() and not (tmp_path / "missing").exists()


def test_a_fixed_file_leaves_the_quarantine(tmp_path):
    """File-level and line-level entries of a file give way when the file is read again."""
    from pipeline.run.runner import run

    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    url = f"sqlite:///{tmp_path / 'q.db'}"
    steps = [   # (what the file holds, quarantine entries after the run)
        (b"\x89PNG\r\n\x1a\n" + bytes(64), {"feed.jsonl"}),
        (_jsonl({"id": 1, "body": ARTICLE}, "not json", {"id": 3, "title": "본문 없음"}).encode(),
         {"feed.jsonl#2", "feed.jsonl#3"}),
        (_jsonl({"id": 1, "body": ARTICLE}, {"id": 2, "body": ARTICLE + " 둘"}).encode(), set()),
    ]
    for data, entries in steps:
        feed.write_bytes(data)
        run([str(feed)], db_url=url)
        with Database(url) as db:
            paths = {row[0] for row in db.dump()["quarantine"]}
        assert {Path(p).name for p in paths} == entries


# --- in a process of its own -----------------------------------------------------------------

def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCES_") or k == "ALLIANCES_TEST_PG_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def config_copy(tmp: Path, **run_settings) -> Path:
    """configs/ with other `run:` settings (they are not part of the config hash): settings.yaml
    copied and changed, every other entry a link to the real one."""
    configs = tmp / "config" / "configs"
    configs.mkdir(parents=True)
    for entry in (REPO / "configs").iterdir():
        if entry.name != "settings.yaml":
            os.symlink(entry, configs / entry.name)
    os.symlink(REPO / "models", tmp / "config" / "models")
    text = (REPO / "configs" / "settings.yaml").read_text(encoding="utf-8")
    for key, value in run_settings.items():
        lines = [line for line in text.splitlines() if line.startswith(f"  {key}:")]
        assert len(lines) == 1, key
        text = text.replace(lines[0], f"  {key}: {value}")
    (configs / "settings.yaml").write_text(text, encoding="utf-8")
    return configs


def _good_folder(folder: Path, count: int = 2) -> None:
    folder.mkdir(parents=True)
    sources = sorted(CORPUS.glob("1[0-4]*.txt"))[:count]
    for number, source in enumerate(sources):
        shutil.copy(source, folder / f"good_{number:02d}.txt")


def _dump(db_path: Path) -> dict:
    with Database(f"sqlite:///{db_path}") as db:
        return db.dump()


def _no_permission_override() -> None:
    """preexec_fn for root: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (the bounding set), so
    the command is refused mode-000 files and folders like any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:   # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _permissions_preexec(probe: Path):
    """The preexec_fn that makes `probe` (mode 000) unreadable to the command, or skip."""
    if os.geteuid() != 0:
        return None
    done = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}, 'rb')"], capture_output=True,
                          preexec_fn=_no_permission_override)
    if b"PermissionError" not in done.stderr:
        pytest.skip("cannot drop the permission override here")
    return _no_permission_override


@pytest.mark.slow
def test_permissions(tmp_path):
    folder = tmp_path / "in"
    _good_folder(folder)
    (folder / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "closed").mkdir()
    (folder / "closed" / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    (folder / "closed").chmod(0)
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    preexec = _permissions_preexec(folder / "secret.txt")
    try:
        done = subprocess.run([*CLI, "extract", ".", "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "--workers", "1",
                               "--no-progress", "--strict"], cwd=folder, env=cli_env(), preexec_fn=preexec,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 3, done.stderr
        assert "quarantined: secret.txt [read] unreadable: permission denied" in done.stderr
        assert "quarantined: closed [discover] cannot list the folder: permission denied" in done.stderr
        assert len(_dump(tmp_path / "db.sqlite")["articles"]) == 2
        (tmp_path / "ro.sqlite").write_bytes(b"")
        (tmp_path / "ro.sqlite").chmod(0o444)
        readonly.chmod(0o555)
        for args, message in ((["--db", f"sqlite:///{tmp_path / 'ro.sqlite'}"], "the file is read-only"),
                              (["--out", str(readonly / "out.jsonl")], "cannot write in the folder")):
            done = subprocess.run([*CLI, "extract", ".", "--db", f"sqlite:///{tmp_path / 'db2.sqlite'}", *args,
                                   "--workers", "1"], cwd=folder, env=cli_env(), preexec_fn=preexec,
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 2 and message in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    finally:
        (folder / "secret.txt").chmod(0o644)
        (folder / "closed").chmod(0o755)
        readonly.chmod(0o755)


@pytest.mark.slow
def test_a_20_mb_article_is_quarantined_within_60_s_under_the_default_budget(tmp_path):
    folder = tmp_path / "in"
    _good_folder(folder)
    line = ARTICLE.replace("\n", " ") + " "
    (folder / "line_20mb.txt").write_text(line * (19_900_000 // len(line.encode())), encoding="utf-8")
    assert (folder / "line_20mb.txt").stat().st_size < load_settings()["ingest"]["max_bytes"]
    budget = load_settings()["run"]["article_seconds"]
    started = time.monotonic()
    done = subprocess.run([*CLI, "extract", ".", "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "--workers", "1",
                           "--no-progress", "--strict"], cwd=folder, env=cli_env(), capture_output=True, text=True,
                          timeout=300)
    assert time.monotonic() - started < 60
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines() == [f"quarantined: line_20mb.txt [extract] took over {budget:g} s "
                                        "(run.article_seconds); left out"]
    assert len(_dump(tmp_path / "db.sqlite")["articles"]) == 2


@pytest.mark.slow
def test_a_full_disk_is_one_error_line_and_a_rerun_finishes(tmp_path):
    """A file size limit (RLIMIT_FSIZE) stands in for a full disk: writes fail with EFBIG."""
    folder = tmp_path / "in"
    _good_folder(folder, 12)
    db_path = tmp_path / "db.sqlite"
    command = [*CLI, "extract", str(folder), "--db", f"sqlite:///{db_path}", "--out", str(tmp_path / "out.jsonl"),
               "--workers", "1", "--no-progress"]
    configs = config_copy(tmp_path, batch_size=2)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (120_000, 120_000))

    done = subprocess.run(command, env=cli_env(ALLIANCES_CONFIG_DIR=str(configs)), preexec_fn=small_files,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("alliances: error: ") and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "out.jsonl").exists()
    done = subprocess.run(command, env=cli_env(ALLIANCES_CONFIG_DIR=str(configs)), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(_dump(db_path)["articles"]) == 12


# --- workers that die or hang, and signals ---------------------------------------------------

@pytest.fixture(scope="module")
def worker_inputs(tmp_path_factory):
    """24 articles and the tables of an uninterrupted run over them (as "in", from its parent folder:
    a copy of the folder elsewhere gives the same tables)."""
    tmp = tmp_path_factory.mktemp("workers")
    folder = tmp / "in"
    _good_folder(folder, 24)
    configs = config_copy(tmp, batch_size=2, chunk_size=2, article_seconds=3)
    env = cli_env(ALLIANCES_CONFIG_DIR=str(configs))
    done = subprocess.run([*CLI, "extract", "in", "--db", f"sqlite:///{tmp / 'base.sqlite'}", "--workers", "1",
                           "--no-progress"], cwd=tmp, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {"tmp": tmp, "folder": folder, "env": env, "dump": _dump(tmp / "base.sqlite")}


def _without(dump: dict, name: str) -> dict:
    """The tables without one article (its rows in every table)."""
    columns = [c.name for c in SCHEMA.articles.table.columns]
    row = next(r for r in dump["articles"] if name in r[columns.index("article")])
    sha = row[columns.index("sha256")]
    return {table: [r for r in rows if sha not in r] for table, rows in dump.items()}


FAULTS = [   # (fault, the article it hits, stage, part of the reason)
    ("kill", "good_05", "process", "the worker process died twice while extracting it, the second time alone "
                                   "(killed by SIGKILL)"),
    ("hang", "good_07", "extract", "took over 3 s (run.article_seconds) and could not be interrupted"),
]


@pytest.mark.slow
@pytest.mark.parametrize("fault, name, stage, reason", FAULTS, ids=[f[0] for f in FAULTS])
def test_an_article_that_kills_or_hangs_its_worker_is_quarantined(worker_inputs, fault, name, stage, reason):
    db_path = worker_inputs["tmp"] / f"{fault}.sqlite"
    env = {**worker_inputs["env"], "ALLIANCES_TEST_WORKER_FAULT": f"{fault}:{name}"}
    started = time.monotonic()
    done = subprocess.run([*CLI, "extract", "in", "--db", f"sqlite:///{db_path}", "--workers", "2", "--no-progress",
                           "--strict"], cwd=worker_inputs["tmp"], env=env, capture_output=True, text=True, timeout=300)
    assert time.monotonic() - started < 60
    assert done.returncode == 3 and "Traceback" not in done.stderr, done.stderr
    dump = _dump(db_path)
    (entry,) = dump["quarantine"]
    assert name in entry[0] and entry[2] == stage and reason in entry[3], entry
    assert {k: v for k, v in dump.items() if k != "quarantine"} == \
        {k: v for k, v in _without(worker_inputs["dump"], name).items() if k != "quarantine"}


def _workers_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.getsid(int(entry)) == pid and \
                    b"spawn_main" in Path(f"/proc/{entry}/cmdline").read_bytes():
                found.append(int(entry))
        except OSError:
            pass
    return found


def _stored(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return -1


def _start(command: list[str], env: dict, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen | None = None, seconds: float = 120) -> None:
    """Until `condition()`; fails at once if `process` ends first."""
    deadline = time.monotonic() + seconds
    while not condition():
        if process is not None and process.poll() is not None:
            pytest.fail(f"the run ended first ({process.returncode}): {process.stderr.read()}")
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


@pytest.mark.slow
def test_a_worker_killed_from_outside_costs_nothing(worker_inputs):
    db_path = worker_inputs["tmp"] / "killed_worker.sqlite"
    process = _start(["extract", "in", "--db", f"sqlite:///{db_path}", "--workers", "2", "--no-progress"],
                     worker_inputs["env"], worker_inputs["tmp"])
    try:
        _wait_for(lambda: _stored(db_path) >= 2 and _workers_of(process.pid), process)
        os.kill(_workers_of(process.pid)[0], signal.SIGKILL)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and "Traceback" not in err, err
    finally:
        _kill_group(process)
    assert _dump(db_path) == worker_inputs["dump"]


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@pytest.mark.slow
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, -signal.SIGTERM)],
                         ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_with_long_inputs_stops_and_a_rerun_finishes(worker_inputs, tmp_path, sig, code):
    """Ctrl-C (the whole process group) or SIGTERM (the main process) during a run with an article
    over its time budget: the run stops at once, no worker is left, and a re-run ends as an
    uninterrupted run would, with that article quarantined."""
    folder = tmp_path / "in"
    shutil.copytree(worker_inputs["folder"], folder)
    (folder / "good_99_long.txt").write_text(ARTICLE.replace("\n", " ") * 2000, encoding="utf-8")
    db_path = tmp_path / "db.sqlite"
    command = ["extract", "in", "--db", f"sqlite:///{db_path}", "--workers", "2", "--no-progress"]
    process = _start(command, worker_inputs["env"], tmp_path)
    try:
        _wait_for(lambda: _stored(db_path) >= 2 and len(_workers_of(process.pid)) == 2, process)
        time.sleep(0.5)
        if sig == signal.SIGINT:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        started = time.monotonic()
        out, err = process.communicate(timeout=60)
        assert time.monotonic() - started < 15
        assert process.returncode == code and "Traceback" not in err, err
        _wait_for(lambda: not _workers_of(process.pid), seconds=15)
    finally:
        _kill_group(process)
    done = subprocess.run([*CLI, *command, "--strict"], cwd=tmp_path, env=worker_inputs["env"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 3 and "good_99_long.txt [extract] took over 3 s" in done.stderr, done.stderr
    assert {k: v for k, v in _dump(db_path).items() if k != "quarantine"} == \
        {k: v for k, v in worker_inputs["dump"].items() if k != "quarantine"}


# --- databases ---------------------------------------------------------------------------------

SECRET = "Pw-s3cr3t"
BAD_URLS = [   # each: exit 1, one line on stderr, no part of the password anywhere
    f"nosuchdb://user:{SECRET}@host/x",
    f"mysql://user:{SECRET}@127.0.0.1/db",
    f"postgresql://user:{SECRET}@127.0.0.1:1/db",
    f"postgresql://user:{SECRET}@:1/db",
    f"postgresql://user:{SECRET}@host:notaport/db",
    f"postgresql://user:{SECRET}@[::1:1/db",
    f"postgresql://user@127.0.0.1:1/db?password={SECRET}",
    f"postgresql://user:p@{SECRET}:x/y@127.0.0.1:1/db",          # '@', ':' and '/' in a raw password
    f"postgresql+nosuchdriver://user:{SECRET}@127.0.0.1:1/db",
    f"postgresql:///db?host=/nonexistent/socket&password={SECRET}",
    f"   postgresql://user:{SECRET}@127.0.0.1:1/db",
    f"postgresql://user:{SECRET}@/db?host=/nonexistent",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_bad_database_url_is_one_line_without_the_password(url, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ALLIANCES_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    code = main(["extract", str(CORPUS / "101_wire_chip_euv.txt"), "--db", url, "--workers", "1", "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 1 and err.startswith("alliances: error: ") and len(err.splitlines()) == 1, err
    for part in (SECRET, SECRET[3:], "s3cr3t"):
        assert part not in out + err


def _server_processes(postmaster: int) -> list[int]:
    """The server's processes: the postmaster and its children."""
    found = [postmaster]
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and Path(f"/proc/{entry}/stat").read_text().rsplit(") ", 1)[1].split()[1] == \
                    str(postmaster):
                found.append(int(entry))
        except (OSError, IndexError):
            pass
    return found


@pytest.fixture
def own_pg_server(tmp_path_factory):
    """A throw-away PostgreSQL of this test's own (it is going to be stopped): (URL, postmaster pid)."""
    if not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")) and not os.environ.get("PG_BIN"):
        if os.environ.get("ALLIANCES_REQUIRE_PG") == "1":
            pytest.fail("no PostgreSQL binaries")
        pytest.skip("no PostgreSQL binaries (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="alliances-pg-stop."))   # under /tmp: the server's user must reach it
    started = subprocess.run(["bash", str(REPO / "scripts" / "pg_test_server.sh"), "start", str(folder)],
                             capture_output=True, text=True, timeout=120)
    try:
        assert started.returncode == 0, started.stderr
        yield started.stdout.strip(), int((folder / "data" / "postmaster.pid").read_text().split()[0])
    finally:
        if (folder / ".pg_test_server").exists():
            subprocess.run(["bash", str(REPO / "scripts" / "pg_test_server.sh"), "stop", str(folder)],
                           capture_output=True, timeout=120)
        else:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.postgres
@pytest.mark.slow
def test_a_stopped_postgresql_server_ends_the_run_at_the_statement_timeout(own_pg_server, tmp_path):
    """SIGSTOP on every server process in the middle of a run: the server can cancel nothing, so the
    watchdog shuts the connection at db_statement_timeout + 5 s, and the run ends with one line."""
    import psycopg

    url, postmaster = own_pg_server
    folder = tmp_path / "in"
    _good_folder(folder, 24)
    configs = config_copy(tmp_path, batch_size=1, db_statement_timeout=2, db_connect_timeout=2)
    process = _start(["extract", "in", "--db", url, "--workers", "1", "--no-progress"],
                     cli_env(ALLIANCES_CONFIG_DIR=str(configs)), tmp_path)
    admin = url.replace("postgresql+psycopg://", "postgresql://")

    def stored() -> int:
        try:
            with psycopg.connect(admin, connect_timeout=2) as conn:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except psycopg.Error:
            return -1

    stopped: list[int] = []
    try:
        _wait_for(lambda: stored() >= 2, process)
        stopped = _server_processes(postmaster)
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):   # a backend that ended since it was listed
                os.kill(pid, signal.SIGSTOP)
        started = time.monotonic()
        out, err = process.communicate(timeout=60)
        assert time.monotonic() - started < 2 + 5 + 5
        assert process.returncode == 1 and "Traceback" not in err, err
        assert err.startswith("alliances: error: writing a batch failed on ") and len(err.splitlines()) == 1, err
        assert "no answer from the server within 7 s (run.db_statement_timeout 2 s" in err
        # while it is stopped, a new run cannot connect: the connect timeout
        started = time.monotonic()
        again = subprocess.run([*CLI, "extract", "in", "--db", url, "--workers", "1", "--no-progress"], cwd=tmp_path,
                               env=cli_env(ALLIANCES_CONFIG_DIR=str(configs)), capture_output=True, text=True,
                               timeout=60)
        assert time.monotonic() - started < 30
        assert again.returncode == 1 and len(again.stderr.splitlines()) == 1, again.stderr
        assert "run.db_connect_timeout 2 s" in again.stderr or "no answer from the server" in again.stderr
    finally:
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):   # a backend the server ended meanwhile
                os.kill(pid, signal.SIGCONT)
        _kill_group(process)
    done = subprocess.run([*CLI, "extract", "in", "--db", url, "--workers", "1", "--no-progress"], cwd=tmp_path,
                          env=cli_env(ALLIANCES_CONFIG_DIR=str(configs)), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert stored() == 24
