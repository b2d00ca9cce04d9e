"""Batch runs through the command line, the way users run them (`python -m pipeline.tools.cli` in a
subprocess): every bad kind of input quarantined while the rest is stored; SIGKILL at several
points followed by a re-run that ends exactly where an uninterrupted run ends; the same tables
on SQLite and PostgreSQL; no password in any output.

Inputs are built in tmp_path from the repository's corpus/. The crash runs use a copy of
configs/ with small batches (run settings are not part of the config hash), so that a short
run still has many commit points to be killed between.
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from pipeline.settings import config_hash
from pipeline.sinks.database import Database
from pipeline.sinks.export import export_tables
from pipeline.version import PIPELINE_VERSION

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
CLI = [sys.executable, "-m", "pipeline.tools.cli"]
PASSWORD = "Pw-s3cr3t!x"                      # appears nowhere but in the URLs given
PASSWORD_FORMS = (PASSWORD, "Pw-s3cr3t%21x")  # as given and as percent-encoded in a URL


# --- running the CLI -----------------------------------------------------------------

def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ALLIANCES_DB", "ALLIANCES_DEBUG", "ALLIANCES_MAX_BYTES")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, preexec_fn=None,
            expect: int = 0) -> subprocess.CompletedProcess:
    done = subprocess.run([*CLI, *args], cwd=cwd, env=env or cli_env(), preexec_fn=preexec_fn,
                          capture_output=True, text=True, timeout=600)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == expect, (done.returncode, done.stdout, done.stderr)
    return done


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def dump(url: str, derived: bool = False) -> dict[str, list[tuple]]:
    with Database(url) as db:
        return db.dump(derived=derived)


def _variant(source: Path, number: int) -> bytes:
    """A corpus article with a line of its own, so that every copy is a different article."""
    encoding = "cp949" if "cp949" in source.name else "utf-8"
    return source.read_bytes() + f"\n\n기사번호 {number:04d}\n".encode(encoding)


# --- fault injection -----------------------------------------------------------------

GOOD_FILES = [  # (name in the input folder, corpus file, encoding the run must record)
    ("101_wire.txt", "101_wire_chip_euv.txt", "utf-8"),
    ("108_cp949.txt", "108_bank_merger_cp949.txt", "cp949"),
    ("109_bom.txt", "109_wire_shipbuilding_bom.txt", "utf-8-sig"),
    ("sub/110_crlf.txt", "110_wire_retail_logistics_crlf.txt", "utf-8"),
    ("sub/106_page.html", "106_html_platform_commerce.html", "utf-8"),
]
MAX_BYTES = 6000   # ALLIANCES_MAX_BYTES for the fault run: above every good file, below big.txt

JSONL_LINES = [  # (line, None if good else (stage, reason))
    (json.dumps({"id": "a-1", "title": "네이버·카카오 협력", "body": (CORPUS / "118_wire_auto_parts_supply.txt")
                 .read_text(encoding="utf-8"), "published": "2024-03-05"}, ensure_ascii=False), None),
    ('{"id": "a-2", "title": "잘린 줄", "body": "한빛전자가 누리소프트와', ("decode", "malformed JSON")),
    ("[1, 2, 3]", ("extract", "not an object")),
    (json.dumps({"id": "a-4", "title": "본문 없음"}, ensure_ascii=False), ("extract", "no article body")),
    (json.dumps({"url": "https://news.example/5", "text": (CORPUS / "122_wire_telecom_ai_review.txt")
                 .read_text(encoding="utf-8")}, ensure_ascii=False), None),
]
BROKEN_HTML = (  # unclosed tags, no </body>: lxml repairs it and the article text is found
    "<html><head><title>한빛전자, 누리소프트와 AI 칩 공동 개발</title></head><body><div class='nav'><a href='/'>홈"
    "<div id='article'><p>한빛전자가 소프트웨어 기업 누리소프트와 인공지능(AI) 반도체를 공동 개발한다고 5일 밝혔다."
    "<p>두 회사는 2026년까지 500억 원을 투입해 저전력 추론용 칩을 개발할 계획이다.<p>한빛전자 관계자는 "
    "\"하드웨어와 소프트웨어의 결합으로 경쟁력을 높이겠다\"고 말했다.<div class='footer'>ⓒ 무단 전재 금지"
)
CHROME_ONLY_HTML = (
    "<html><head><title></title><script>var a = '<p>';</script><style>p {color: red}</style></head><body>"
    "<nav><ul><li><a href='/'>홈</a></li><li><a href='/eco'>경제</a></li></ul></nav>"
    "<footer>ⓒ 뉴스 무단 전재 및 재배포 금지</footer></body></html>"
)


def _cannot_override_permissions() -> None:
    """preexec_fn for root: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set,
    so the CLI process is refused a mode-000 file like any other user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):   # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:   # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _unreadable_file(path: Path):
    """Make `path` unreadable to the CLI; returns the preexec_fn to run it with, or False if impossible."""
    path.chmod(0)
    if os.geteuid() != 0:
        return None if not os.access(path, os.R_OK) else False
    probe = subprocess.run([sys.executable, "-c", f"open({str(path)!r}, 'rb')"], capture_output=True,
                           preexec_fn=_cannot_override_permissions)
    return _cannot_override_permissions if b"PermissionError" in probe.stderr else False


def _write_inputs(folder: Path, *, bad: bool) -> dict[str, tuple[str, str]]:
    """The good inputs (both folders) and, if `bad`, every bad kind; returns the expected
    quarantine: path as the CLI reports it (run from `folder` on ".") → (stage, reason part)."""
    folder.mkdir(parents=True)
    (folder / "sub").mkdir()
    for name, source, _ in GOOD_FILES:
        shutil.copy(CORPUS / source, folder / name)
    utf16 = (CORPUS / "130_wire_battery_materials_supply.txt").read_text(encoding="utf-8")
    (folder / "utf16.txt").write_bytes(utf16.encode("utf-16"))
    (folder / "broken.html").write_text(BROKEN_HTML, encoding="utf-8")
    # JSON Lines: in the clean folder the bad lines are blank, so good lines keep their numbers
    lines = [line if outcome is None or bad else "" for line, outcome in JSONL_LINES]
    (folder / "sub" / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not bad:
        return {}
    expected = {f"sub/feed.jsonl#{n}": outcome for n, (_, outcome) in enumerate(JSONL_LINES, 1) if outcome}
    article = (CORPUS / "101_wire_chip_euv.txt").read_bytes()
    files = {
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
                      ("decode", "binary file (PNG image)")),
        "nul.txt": (article[:300] + b"\x00\x00\x00\x01" + article[300:], ("decode", "NUL bytes")),
        "empty.txt": (b"", ("read", "empty file (0 bytes)")),
        "blank.txt": (b"  \n\t\r\n \xe3\x80\x80 \n\n", ("extract", "whitespace-only")),
        "garbage.txt": (bytes((i * 73 + 129) % 127 + 129 for i in range(600)), ("decode", "undecodable")),
        "big.txt": ((article * 6)[:MAX_BYTES + 500], ("read", "file too large")),
        "sub/nav_only.html": (CHROME_ONLY_HTML.encode(), ("extract", "HTML page has no article text")),
    }
    for name, (data, outcome) in files.items():
        (folder / name).write_bytes(data)
        expected[f"{name}"] = outcome
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink(folder / "loop_b.txt", folder / "loop_a.txt")
    os.symlink(folder / "loop_a.txt", folder / "loop_b.txt")
    os.mkfifo(folder / "pipe.txt")
    expected.update({
        "dangling.txt": ("discover", "broken symlink"),
        "loop_a.txt": ("discover", "symlink loop"),
        "loop_b.txt": ("discover", "symlink loop"),
        "pipe.txt": ("read", "not a regular file (a FIFO"),
        "secret.txt": ("read", "unreadable: permission denied"),
    })
    (folder / "secret.txt").write_bytes(article)
    return expected


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    """The clean folder and the folder with every bad kind, each extracted once (from inside it, on ".")."""
    tmp = tmp_path_factory.mktemp("faults")
    _write_inputs(tmp / "clean", bad=False)
    expected = _write_inputs(tmp / "mixed", bad=True)
    preexec = _unreadable_file(tmp / "mixed" / "secret.txt")
    if preexec is False:
        warnings.warn("cannot make a file unreadable here (root without CAP_SETPCAP?): secret.txt left out",
                      stacklevel=1)
        (tmp / "mixed" / "secret.txt").unlink()
        del expected["secret.txt"]
    env = cli_env(ALLIANCES_MAX_BYTES=str(MAX_BYTES))
    clean_url, mixed_url = sqlite_url(tmp / "clean.db"), sqlite_url(tmp / "mixed.db")
    run_cli("extract", ".", "--db", clean_url, "--workers", "1", cwd=tmp / "clean", env=env)
    mixed = run_cli("extract", ".", "--db", mixed_url, "--out", str(tmp / "mixed.jsonl"), "--workers", "1",
                    cwd=tmp / "mixed", env=env, preexec_fn=preexec)
    return {"tmp": tmp, "expected": expected, "env": env, "preexec": preexec, "clean": clean_url,
            "mixed": mixed_url, "output": mixed}


def test_bad_inputs_do_not_stop_the_run(fault_run):
    output = fault_run["output"]   # run_cli checked: exit 0, no traceback
    summary = dict(line.rsplit(None, 1) for line in output.stdout.splitlines() if line[:1].isalpha()
                   and not line.startswith(("database", "jsonl")))
    assert int(summary["quarantined"]) == len(fault_run["expected"])
    assert int(summary["articles"]) == len(GOOD_FILES) + 2 + 2   # + utf16.txt, broken.html, 2 JSON lines


def test_every_bad_input_is_in_the_quarantine_table_with_its_stage_and_reason(fault_run):
    quarantine = {row["path"]: row for row in _rows(fault_run["mixed"], "quarantine")}
    assert sorted(quarantine) == sorted(fault_run["expected"])
    for path, (stage, reason) in fault_run["expected"].items():
        assert quarantine[path]["stage"] == stage, (path, quarantine[path])
        assert reason in quarantine[path]["reason"], (path, quarantine[path]["reason"])
    # files that were read carry the SHA-256 of their bytes
    image = (fault_run["tmp"] / "mixed" / "image.txt").read_bytes()
    assert quarantine["image.txt"]["sha256"] == hashlib.sha256(image).hexdigest()
    assert quarantine["empty.txt"]["sha256"] == hashlib.sha256(b"").hexdigest()


def test_the_summary_lists_every_quarantined_input(fault_run):
    listed = [line for line in fault_run["output"].stderr.splitlines() if line.startswith("quarantined: ")]
    assert len(listed) == len(fault_run["expected"])
    for path, (stage, reason) in fault_run["expected"].items():
        assert any(line.startswith(f"quarantined: {path} [{stage}] ") and reason in line for line in listed), path


def test_every_good_article_is_stored_as_in_a_run_without_bad_inputs(fault_run):
    clean, mixed = dump(fault_run["clean"]), dump(fault_run["mixed"])
    assert clean["quarantine"] == []
    with Database(fault_run["clean"]) as db:
        tables = [t.name for t in db.schema.data_tables if t.name != "quarantine"]
    for table in tables:
        assert mixed[table] == clean[table], table
    articles = {row["article"]: row for row in _rows(fault_run["mixed"], "articles")}
    expected_paths = {name for name, _, _ in GOOD_FILES} | {"utf16.txt", "broken.html",
                                                          "sub/feed.jsonl#1", "sub/feed.jsonl#5"}
    assert set(articles) == expected_paths
    for name, _, encoding in GOOD_FILES:
        assert articles[f"{name}"]["encoding"] == encoding, name
    assert articles["utf16.txt"]["encoding"] == "utf-16"
    assert all(row["pipeline_version"] == PIPELINE_VERSION and row["config_hash"] == config_hash()
               for row in articles.values())
    assert "500억 원" in articles["broken.html"]["text"] and "무단 전재" not in articles["broken.html"]["text"]
    counts = _counts(fault_run["mixed"])
    assert counts["alliances"] > 10 and counts["organizations"] > 50
    lines = (fault_run["tmp"] / "mixed.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["article"] for line in lines) == sorted(expected_paths)


def test_strict_rerun_exits_3_and_adds_nothing(fault_run):
    before = dump(fault_run["mixed"])
    again = run_cli("extract", ".", "--db", fault_run["mixed"], "--workers", "1", "--strict",
                    cwd=fault_run["tmp"] / "mixed", env=fault_run["env"], preexec_fn=fault_run["preexec"], expect=3)
    assert dump(fault_run["mixed"]) == before
    stored = dict(line.rsplit(None, 1) for line in again.stdout.splitlines() if line.startswith("  already stored"))
    assert int(stored["  already stored"]) == len(GOOD_FILES) + 4


def _rows(url: str, table: str) -> list[dict]:
    with Database(url) as db:
        t = db.schema.metadata.tables[table]
        with db.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(t.select())]


def _counts(url: str) -> dict[str, int]:
    with Database(url) as db:
        return db.counts()


# --- duplicates and fixed inputs (in this process: Kiwi is loaded once per session) ---

def _three_copies(tmp_path: Path) -> Path:
    """A folder holding one corpus article as a.txt, b.txt and c.txt."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(CORPUS / "104_wire_telecom_ai_chip_funding.txt", folder / name)
    return folder


def test_a_copy_keeps_the_first_path_whatever_the_batches(tmp_path):
    """Copies of one article in different batches: the first path keeps the row, as after a
    crash between the batches and a re-run (a re-run skips every stored copy)."""
    from pipeline.run.runner import run

    folder = _three_copies(tmp_path)
    urls = {}
    for batch_size in (1, 32):
        urls[batch_size] = sqlite_url(tmp_path / f"b{batch_size}.db")
        summary = run([folder], db_url=urls[batch_size], out=tmp_path / f"b{batch_size}.jsonl", batch_size=batch_size)
        assert (summary.processed, summary.skipped) == (1, 2)
    assert dump(urls[1]) == dump(urls[32])
    # --force re-extracts the stored article once: its copies in later batches are still copies
    summary = run([folder], db_url=urls[1], out=tmp_path / "forced.jsonl", batch_size=1, force=True)
    assert (summary.processed, summary.skipped) == (1, 2)
    assert dump(urls[1]) == dump(urls[32])
    # paths relative to the input root (the folder given)
    assert [row["article"] for row in _rows(urls[1], "articles")] == ["a.txt"]
    lines = (tmp_path / "b1.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["article"] for line in lines] == ["a.txt", "b.txt", "c.txt"]
    assert lines == (tmp_path / "b32.jsonl").read_text(encoding="utf-8").splitlines()


def test_without_a_database_every_copy_gets_its_line(tmp_path):
    """JSON Lines only: copies in one batch or in several each get the article's line under their
    own path, as a database run writes them (the writer holds nothing beyond its batch)."""
    from pipeline.run.runner import run

    folder = _three_copies(tmp_path)
    outputs = {}
    for batch_size in (1, 32):
        out = tmp_path / f"n{batch_size}.jsonl"
        run([folder], db_url=None, out=out, batch_size=batch_size)
        outputs[batch_size] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [line["article"] for line in outputs[batch_size]] == ["a.txt", "b.txt", "c.txt"]
        assert len({json.dumps({**line, "article": ""}, sort_keys=True) for line in outputs[batch_size]}) == 1
    assert outputs[1] == outputs[32]


def test_an_input_that_reads_fine_again_leaves_the_quarantine(tmp_path):
    from pipeline.run.runner import run

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "104_wire_telecom_ai_chip_funding.txt", folder / "a.txt")
    (folder / "b.txt").write_bytes(b"")
    url = sqlite_url(tmp_path / "q.db")
    assert run([folder], db_url=url).quarantined == 1
    shutil.copy(folder / "a.txt", folder / "b.txt")   # fixed: now a copy of a stored article
    summary = run([folder], db_url=url)
    assert (summary.quarantined, summary.skipped) == (0, 2)
    assert _rows(url, "quarantine") == []


# --- SIGKILL and re-run --------------------------------------------------------------

CRASH_VARIANTS = 40   # articles made from the corpus; + one page present twice, + two bad files
CRASH_ARTICLES = CRASH_VARIANTS + 1
CRASH_BATCH = 4


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory):
    """Inputs, a config copy with small batches, and the uninterrupted run's tables and JSONL."""
    tmp = tmp_path_factory.mktemp("crash")
    configs = tmp / "config" / "configs"
    shutil.copytree(REPO / "configs", configs)
    os.symlink(REPO / "models", tmp / "config" / "models")   # ../models, as seen from configs/
    settings = (configs / "settings.yaml").read_text(encoding="utf-8")
    settings = (settings.replace("batch_size: 256", f"batch_size: {CRASH_BATCH}")
                .replace("chunk_size: 16", "chunk_size: 2"))
    assert f"batch_size: {CRASH_BATCH}" in settings and "chunk_size: 2" in settings
    (configs / "settings.yaml").write_text(settings, encoding="utf-8")

    inputs = tmp / "in"
    inputs.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))
    for number in range(CRASH_VARIANTS):
        source = sources[number % len(sources)]
        (inputs / f"{number:03d}_{source.name}").write_bytes(_variant(source, number))
    page = CORPUS / "106_html_platform_commerce.html"
    shutil.copy(page, inputs / "015_page.html")   # the same article twice, batches apart
    shutil.copy(page, inputs / "035_page_copy.html")
    (inputs / "010_empty.txt").write_bytes(b"")
    (inputs / "030_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))

    env = cli_env(ALLIANCES_CONFIG_DIR=str(configs))
    base = tmp / "base"
    (base / "out").mkdir(parents=True)   # a missing output folder is a usage error
    run_cli(*_crash_command(inputs, base, 1), env=env)
    assert _counts(sqlite_url(base / "db.sqlite"))["articles"] == CRASH_ARTICLES
    return {"tmp": tmp, "inputs": inputs, "env": env, "dump": dump(sqlite_url(base / "db.sqlite"), derived=True),
            "jsonl": (base / "out" / "out.jsonl").read_text(encoding="utf-8")}


def _crash_command(inputs: Path, where: Path, workers: int) -> list[str]:
    return ["extract", str(inputs), "--db", sqlite_url(where / "db.sqlite"), "--out", str(where / "out" / "out.jsonl"),
            "--workers", str(workers), "--no-progress"]


def _stored_articles(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:   # not created yet
        return -1


def _session_processes(session: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getsid(int(entry)) == session:
                    found.append(int(entry))
            except OSError:
                pass
    return found


def _kill_session(session: int) -> None:
    try:
        os.killpg(session, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _run_and_kill(command: list[str], env: dict, db_path: Path, point: str | int) -> None:
    """Start the CLI and SIGKILL it (the main process only, like `kill -9 PID`) once the database
    file exists ("db") or holds at least `point` articles. Leftover workers are reaped afterwards."""
    process = subprocess.Popen([*CLI, *command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            if point == "db" and db_path.exists() or point != "db" and _stored_articles(db_path) >= point:
                break
            time.sleep(0.01)
        assert process.poll() is None, f"the run ended before the kill point {point}: {process.stderr.read()}"
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        _kill_session(process.pid)
        process.stderr.close()


CRASHES = [  # (workers, kill points: "db" = as soon as the database file exists, n = once n articles are stored)
    pytest.param(1, ["db"], id="1 worker, while creating the tables"),
    pytest.param(1, [CRASH_BATCH], id="1 worker, after the first batch"),
    pytest.param(1, [2 * CRASH_BATCH, CRASH_ARTICLES - 2 * CRASH_BATCH],
                 id="1 worker, killed, re-run killed near the end"),
    pytest.param(2, [2 * CRASH_BATCH], id="2 workers, after two batches"),
    pytest.param(2, [CRASH_ARTICLES - 2 * CRASH_BATCH], id="2 workers, near the end"),
]


@pytest.mark.slow
@pytest.mark.parametrize("workers, points", CRASHES)
def test_a_rerun_after_sigkill_ends_as_an_uninterrupted_run(crash_setup, workers, points, request):
    where = crash_setup["tmp"] / f"run-{request.node.callspec.id.replace(' ', '_').replace(',', '')}"
    (where / "out").mkdir(parents=True)
    target = where / "out" / "out.jsonl"
    target.write_text("previous output\n", encoding="utf-8")
    command = _crash_command(crash_setup["inputs"], where, workers)
    for point in points:
        _run_and_kill(command, crash_setup["env"], where / "db.sqlite", point)
        assert target.read_text(encoding="utf-8") == "previous output\n"   # never half-written
    run_cli(*command, env=crash_setup["env"])
    assert dump(sqlite_url(where / "db.sqlite"), derived=True) == crash_setup["dump"]
    assert target.read_text(encoding="utf-8") == crash_setup["jsonl"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.jsonl"]   # no temp files left


@pytest.mark.slow
def test_workers_end_when_the_cli_is_killed(crash_setup):
    where = crash_setup["tmp"] / "orphans"
    (where / "out").mkdir(parents=True)
    command = _crash_command(crash_setup["inputs"], where, 2)
    process = subprocess.Popen([*CLI, *command], env=crash_setup["env"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(_workers(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_workers(process.pid)) == 2
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10   # time enough to notice, even while loading Kiwi
        while _session_processes(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_processes(process.pid) == []
    finally:
        _kill_session(process.pid)


def _workers(session: int) -> list[int]:
    found = []
    for pid in _session_processes(session):
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            pass
    return found


# --- SQLite and PostgreSQL -----------------------------------------------------------

def _with_password(url: str) -> str:
    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)


def _assert_no_password(*texts: str) -> None:
    for text in texts:
        for form in PASSWORD_FORMS:
            assert form not in text


@pytest.mark.postgres
@pytest.mark.slow
def test_the_corpus_gives_identical_tables_on_sqlite_and_postgresql(pg_database, tmp_path):
    lite = sqlite_url(tmp_path / "corpus.db")
    runs = [subprocess.Popen([*CLI, "extract", str(CORPUS), "--db", url, "--out", str(tmp_path / f"{name}.jsonl"),
                              "--workers", "1", "--no-progress"], env=cli_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for name, url in (("sqlite", lite), ("postgresql", pg_database))]
    for process in runs:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0 and "Traceback" not in err, err
    on_sqlite, on_postgresql = dump(lite, derived=True), dump(pg_database, derived=True)
    assert on_sqlite == on_postgresql
    assert len(on_sqlite["articles"]) == sum(1 for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    assert (tmp_path / "sqlite.jsonl").read_bytes() == (tmp_path / "postgresql.jsonl").read_bytes()
    export_tables(lite, "csv", tmp_path / "csv-sqlite")
    export_tables(pg_database, "csv", tmp_path / "csv-postgresql")
    for path in sorted((tmp_path / "csv-sqlite").iterdir()):
        assert path.read_bytes() == (tmp_path / "csv-postgresql" / path.name).read_bytes(), path.name

    # Re-run on PostgreSQL, this time with a password in the URL (from $ALLIANCES_DB; the test
    # server trusts every login): no rows change, and the password is shown nowhere.
    again = run_cli("extract", str(CORPUS), "--out", str(tmp_path / "again.jsonl"), "--workers", "1",
                    "--no-progress", env=cli_env(ALLIANCES_DB=_with_password(pg_database)))
    _assert_no_password(again.stdout, again.stderr)
    assert "postgresql+psycopg://postgres:***@" in again.stdout
    assert f"already stored  {len(on_sqlite['articles']):>10}" in again.stdout
    assert dump(pg_database, derived=True) == on_postgresql
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "postgresql.jsonl").read_bytes()
    _assert_no_password(json.dumps(on_postgresql, default=str, ensure_ascii=False))


# --- credentials on failure ----------------------------------------------------------

UNREACHABLE = [   # a closed port on this machine: the connection fails at once
    f"postgresql+psycopg://alli:{PASSWORD_FORMS[1]}@127.0.0.1:1/prod",
    f"postgresql://alli@127.0.0.1:1/prod?password={PASSWORD_FORMS[1]}",
    f"postgres://alli:{PASSWORD_FORMS[1]}@127.0.0.1:1/prod?sslmode=disable",
]


@pytest.mark.parametrize("url", UNREACHABLE)
@pytest.mark.parametrize("command", ["extract", "export"])
def test_a_failed_connection_is_one_line_without_the_password(url, command, tmp_path, capsys, caplog, monkeypatch):
    from pipeline.tools.cli import main

    caplog.set_level("DEBUG")
    monkeypatch.delenv("ALLIANCES_DEBUG", raising=False)
    args = ["extract", str(CORPUS / "101_wire_chip_euv.txt"), "--workers", "1", "--no-progress",
            "--out", str(tmp_path / "o.jsonl")] if command == "extract" else ["export", "--out", str(tmp_path / "x")]
    assert main([*args, "--db", url]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("alliances: error:") and len(err.strip().splitlines()) == 1, err
    assert "127.0.0.1" in err and "***" in err
    _assert_no_password(out, err, caplog.text, *(repr(r.args) for r in caplog.records))
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "x").exists()


def test_a_failed_connection_from_the_environment_hides_the_password_too():
    done = run_cli("extract", str(CORPUS / "101_wire_chip_euv.txt"), "--workers", "1",
                   env=cli_env(ALLIANCES_DB=UNREACHABLE[0]), expect=1)
    _assert_no_password(done.stdout, done.stderr)
    assert done.stderr.startswith("alliances: error:") and "alli:***@127.0.0.1:1" in done.stderr
