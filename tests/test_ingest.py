"""Ingest: decoding, binary and bad inputs, discovery, HTML, JSON Lines, analysis text.

Bad inputs are generated in tmp_path. Running as root makes chmod ineffective, so the
permission rows run the read in a forked child that drops to uid/gid 65534 (nobody); when
that is impossible they fall back to chmod as an ordinary user, or skip. A FIFO and a
folder named *.txt stand for the other unreadable kinds.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import inspect
import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path
from unittest import mock

import pytest

from pipeline.ingest import SourceDocument, iter_documents, iter_paths, read_document
from pipeline.ingest.decode import NotText, decode_bytes
from pipeline.korean.textnorm import analysis_text
from pipeline.records import Quarantine

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

ARTICLE = (
    "한빛전자가 소프트웨어 기업 누리소프트와 인공지능(AI) 반도체를 공동 개발한다고 5일 밝혔다.\n"
    "두 회사는 2026년까지 500억 원을 투입해 저전력 추론용 칩을 개발할 계획이다.\n"
    "한빛전자 관계자는 \"하드웨어와 소프트웨어의 결합으로 경쟁력을 높이겠다\"고 말했다."
)
SHORT_KOREAN = "삼성전자, 하만 인수"          # 20 bytes in CP949
TINY_KOREAN = "협력"                        # 4 bytes in CP949 (charset-normalizer alone says Big5)
CP949_ONLY = "똠방각하 쌰갈 협력 발표"       # syllables outside EUC-KR's 2,350


def _only(items):
    assert len(items) == 1, items
    return items[0]


def _with_bad_bytes(data: bytes, spaces) -> bytes:
    """`data` with the n-th space bytes (for n in `spaces`) replaced by an invalid byte 0xFF."""
    positions = [i for i, byte in enumerate(data) if byte == 0x20]
    damaged = bytearray(data)
    for n in spaces:
        damaged[positions[n]] = 0xFF
    return bytes(damaged)


def _random_bytes(size: int, seed: int = 7, low: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(size))


# --- decoding: (name, bytes, expected encoding, expected text, warning substring or None) ---------

LONG = (ARTICLE + "\n") * 30
DECODE_ROWS = [
    # plain encodings
    ("utf-8", ARTICLE.encode("utf-8"), "utf-8", ARTICLE, None),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig", ARTICLE, None),
    ("ascii only", b"Hanbit and Nuri sign an MOU.", "utf-8", "Hanbit and Nuri sign an MOU.", None),
    ("cp949 short (20 bytes)", SHORT_KOREAN.encode("cp949"), "cp949", SHORT_KOREAN, None),
    ("cp949 tiny (4 bytes)", TINY_KOREAN.encode("cp949"), "cp949", TINY_KOREAN, None),
    ("cp949 long", LONG.encode("cp949"), "cp949", LONG.rstrip(), None),
    ("cp949-only syllables", CP949_ONLY.encode("cp949"), "cp949", CP949_ONLY, None),
    ("euc-kr bytes decode as cp949", ARTICLE.encode("euc_kr"), "cp949", ARTICLE, None),
    ("utf-16 LE BOM", b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "utf-16", ARTICLE, None),
    ("utf-16 BE BOM", b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16", ARTICLE, None),
    ("utf-16 default (BOM)", ARTICLE.encode("utf-16"), "utf-16", ARTICLE, None),
    ("utf-32 BOM", ARTICLE.encode("utf-32"), "utf-32", ARTICLE, None),
    ("utf-16 LE without BOM", ARTICLE.encode("utf-16-le"), "utf-16-le", ARTICLE, "without a byte-order mark"),
    # what the text keeps and loses
    ("CRLF line endings", ARTICLE.replace("\n", "\r\n").encode(), "utf-8", ARTICLE, None),
    ("old Mac CR line endings", ARTICLE.replace("\n", "\r").encode(), "utf-8", ARTICLE, None),
    ("trailing whitespace of the document", (ARTICLE + " \n\n\t \n").encode(), "utf-8", ARTICLE, None),
    ("leading blank line and inner spaces kept", ("\n  " + ARTICLE).encode(), "utf-8", "\n  " + ARTICLE, None),
    ("text starting with MZ is no executable", "MZ세대 겨냥 협업".encode(), "utf-8", "MZ세대 겨냥 협업", None),
    # a few damaged bytes: kept, with a warning
    ("utf-8 with 3 bad bytes", _with_bad_bytes(LONG.encode(), (10, 200, 400)), "utf-8", None,
     "with 3 replacement characters"),
    ("cp949 with 2 bad bytes", _with_bad_bytes(LONG.encode("cp949"), (0, 300)), "cp949", None,
     "with 2 replacement characters"),
]


@pytest.mark.parametrize("name, data, encoding, text, warning", DECODE_ROWS, ids=[r[0] for r in DECODE_ROWS])
def test_decode_rows(tmp_path, name, data, encoding, text, warning):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    doc = _only(read_document(path))
    assert isinstance(doc, SourceDocument), doc
    assert doc.encoding == encoding
    if text is not None:
        assert doc.text == text
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert doc.raw_sha256 == hashlib.sha256(data).hexdigest()
    assert doc.title is None and doc.published is None and doc.source_id is None
    if warning:
        assert any(warning in w for w in doc.warnings), doc.warnings
    else:
        assert doc.warnings == ()


def test_chinese_gbk_is_not_taken_for_cp949(tmp_path):
    chinese = "华为与百度签署战略合作协议，共同开发人工智能平台。" * 3
    path = tmp_path / "zh.txt"
    path.write_bytes(chinese.encode("gbk"))
    doc = _only(read_document(path))
    assert isinstance(doc, SourceDocument)
    assert doc.encoding != "cp949"
    assert doc.text == chinese


# --- bad inputs: (name, bytes, stage, reason substring) ----------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(200)
QUARANTINE_ROWS = [
    ("PNG image", PNG, "decode", "binary file (PNG image)"),
    ("PDF document", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "decode", "binary file (PDF document)"),
    ("ZIP archive", b"PK\x03\x04\x14\x00\x00\x00" + _random_bytes(50), "decode", "binary file (ZIP archive"),
    ("ELF executable", b"\x7fELF\x02\x01\x01" + bytes(50), "decode", "binary file (ELF executable)"),
    ("gzip archive", b"\x1f\x8b\x08\x00" + _random_bytes(50), "decode", "binary file (gzip archive)"),
    ("HWP (OLE2) document", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "decode", "OLE2"),
    ("NUL bytes in text", "한빛전자\x00\x00와 누리\x00소프트".encode(), "decode", "binary file (contains"),
    ("random bytes", _random_bytes(4096), "decode", "binary file"),
    ("random bytes without NUL or controls", _random_bytes(300, seed=3, low=0x80), "decode", "undecodable"),
    ("control characters", ("협력\x01\x02\x03\x04" * 20).encode(), "decode", "control bytes"),
    ("mostly garbage", ARTICLE.encode()[:60] + _random_bytes(2000, seed=11, low=0x80), "decode", "undecodable"),
    ("empty", b"", "read", "empty file (0 bytes)"),
    ("whitespace only", b" \n\t\r\n  \n", "extract", "whitespace-only file (8 bytes)"),
    ("BOM then whitespace", b"\xef\xbb\xbf  \r\n", "extract", "whitespace-only"),
    ("utf-16 BOM then garbage", b"\xff\xfe" + b"\x00\xd8" * 50, "decode", "undecodable"),
]


@pytest.mark.parametrize("name, data, stage, reason", QUARANTINE_ROWS, ids=[r[0] for r in QUARANTINE_ROWS])
def test_bad_inputs_are_quarantined(tmp_path, name, data, stage, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    entry = _only(read_document(path))
    assert isinstance(entry, Quarantine), entry
    assert (entry.stage, entry.path) == (stage, str(path))
    assert reason in entry.reason, entry.reason
    assert entry.sha256 == hashlib.sha256(data).hexdigest()
    assert entry.size == len(data)


class _NoRead:
    """A file object that fails the test when read."""

    def __init__(self, stream):
        self.stream = stream

    def read(self, *args):
        raise AssertionError("the oversized file was read")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()


@pytest.mark.parametrize("size, limit", [(3 * 10**9, None), (2_000, 100)], ids=["3 GB sparse file", "over a set limit"])
def test_over_the_size_limit_is_quarantined_without_reading(tmp_path, size, limit):
    path = tmp_path / "big.txt"
    with open(path, "wb") as stream:
        stream.write(ARTICLE.encode())
        stream.truncate(size)   # sparse: no disk used
    real_fdopen = os.fdopen
    with mock.patch("pipeline.ingest.regular_files.os.fdopen", lambda fd, mode: _NoRead(real_fdopen(fd, mode))):
        entry = _only(read_document(path, settings={"max_bytes": limit} if limit else None))
    assert isinstance(entry, Quarantine)
    assert entry.stage == "read" and "file too large" in entry.reason
    assert entry.size == size and entry.sha256 is None


def test_replacement_ratio_threshold_comes_from_settings(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes(_with_bad_bytes(LONG.encode(), (10, 200, 400)))
    entry = _only(read_document(path, settings={"ingest": {"max_replacement_ratio": 0.0001}}))
    assert isinstance(entry, Quarantine) and entry.stage == "decode" and "undecodable" in entry.reason


def test_min_text_chars(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("협력", encoding="utf-8")
    entry = _only(read_document(path, settings={"min_text_chars": 10}))
    assert isinstance(entry, Quarantine) and entry.stage == "extract" and "too short" in entry.reason


# --- unreadable and odd files --------------------------------------------------------------------

def test_fifo_is_unreadable_and_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    entry = _only(read_document(fifo))
    assert time.monotonic() - started < 5
    assert isinstance(entry, Quarantine)
    assert entry.stage == "read" and "not a regular file (a FIFO" in entry.reason


def test_folder_named_txt_is_walked_when_given_and_unreadable_as_a_file(tmp_path):
    folder = tmp_path / "looks-like-a-file.txt"
    folder.mkdir()
    (folder / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    entry = _only(read_document(folder))
    assert isinstance(entry, Quarantine) and entry.stage == "read" and "a directory" in entry.reason
    docs = list(iter_documents([folder]))
    assert [d.path for d in docs] == [str(folder / "inside.txt")]


def test_permission_denied_via_mocked_open(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with mock.patch("pipeline.ingest.regular_files.os.open", side_effect=PermissionError(13, "Permission denied")):
        entry = _only(read_document(path))
    assert isinstance(entry, Quarantine)
    assert (entry.stage, entry.reason) == ("read", "unreadable: permission denied")


def _run_as_nobody(function):
    """Run `function()` in a forked child with uid/gid 65534; return its repr'd results."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:   # child
        os.close(read_end)
        try:
            os.setgroups([])
            os.setresgid(65534, 65534, 65534)
            os.setresuid(65534, 65534, 65534)
            payload = {"ok": [[type(x).__name__, x.path, getattr(x, "stage", None), getattr(x, "reason", None)]
                              for x in function()]}
        except BaseException as error:   # report anything to the parent
            payload = {"error": repr(error)}
        os.write(write_end, json.dumps(payload).encode())
        os._exit(0)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    return json.loads(data)


def test_permission_denied_for_real():
    folder = Path(tempfile.mkdtemp(prefix="ingest-perm-", dir="/tmp"))
    try:
        os.chmod(folder, 0o755)
        secret = folder / "secret.txt"
        secret.write_text(ARTICLE, encoding="utf-8")
        os.chmod(secret, 0o600)
        locked = folder / "locked"
        locked.mkdir()
        (locked / "inside.txt").write_text(ARTICLE, encoding="utf-8")
        os.chmod(locked, 0o700)
        (folder / "open.txt").write_text(ARTICLE, encoding="utf-8")
        os.chmod(folder / "open.txt", 0o644)

        def run():
            return list(iter_documents([folder]))

        if os.geteuid() == 0:
            result = _run_as_nobody(run)
            if "error" in result:
                pytest.skip(f"cannot drop root privileges here: {result['error']}")
            rows = result["ok"]
        else:
            os.chmod(secret, 0o000)
            os.chmod(locked, 0o000)
            if os.access(secret, os.R_OK):
                pytest.skip("chmod has no effect for this user")
            rows = [[type(x).__name__, x.path, getattr(x, "stage", None), getattr(x, "reason", None)] for x in run()]
        assert rows == [
            ["Quarantine", str(locked), "discover", "cannot list the folder: permission denied"],
            ["SourceDocument", str(folder / "open.txt"), None, None],
            ["Quarantine", str(secret), "read", "unreadable: permission denied"],
        ]
    finally:
        for path in (folder, folder / "locked", folder / "secret.txt"):
            if path.exists():
                os.chmod(path, 0o700)
        shutil.rmtree(folder)


# --- discovery -----------------------------------------------------------------------------------

def _kinds(items):
    return [(type(x).__name__, str(x) if isinstance(x, Path) else x.path, getattr(x, "stage", None)) for x in items]


def test_walk_order_extensions_and_hidden(tmp_path):
    for relative in ("b.txt", "a.html", "c.htm", "d.jsonl", "z/y.txt", "z/x.TXT", "e.json", "f.png",
                     "notes.md", ".hidden.txt", ".git/config.txt", "m/n/o.txt"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x", encoding="utf-8")
    found = [str(p.relative_to(tmp_path)) for p in iter_paths([tmp_path])]
    assert found == ["a.html", "b.txt", "c.htm", "d.jsonl", "m/n/o.txt", "z/x.TXT", "z/y.txt"]
    # an explicit file is taken whatever its extension
    assert list(iter_paths([tmp_path / "notes.md"])) == [tmp_path / "notes.md"]
    assert found == [str(p.relative_to(tmp_path)) for p in iter_paths([tmp_path])]   # deterministic


def test_missing_path(tmp_path):
    entry = _only(list(iter_paths([tmp_path / "nope"])))
    assert isinstance(entry, Quarantine) and entry.stage == "discover" and "no such file" in entry.reason


SYMLINK_ROWS = [
    # (name, link builder, expected stage, reason substring)
    ("broken symlink", lambda d: os.symlink(d / "gone.txt", d / "link.txt"), "discover", "broken symlink"),
    ("symlink loop a -> b -> a", lambda d: (os.symlink(d / "b.txt", d / "a.txt"), os.symlink(d / "a.txt", d / "b.txt")),
     "discover", "symlink loop"),
    ("self loop", lambda d: os.symlink(d / "self.txt", d / "self.txt"), "discover", "symlink loop"),
]


@pytest.mark.parametrize("name, build, stage, reason", SYMLINK_ROWS, ids=[r[0] for r in SYMLINK_ROWS])
def test_bad_symlinks_walked_and_given(tmp_path, name, build, stage, reason):
    build(tmp_path)
    walked = [x for x in iter_documents([tmp_path])]
    assert walked and all(isinstance(x, Quarantine) and x.stage == stage and reason in x.reason for x in walked)
    link = sorted(p for p in tmp_path.iterdir())[0]
    given = _only(list(iter_documents([link])))
    assert isinstance(given, Quarantine) and given.stage == stage and reason in given.reason
    direct = _only(read_document(link))
    assert isinstance(direct, Quarantine) and reason in direct.reason


def test_directory_symlink_cycle_terminates_and_reads_each_file_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "top.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "sub" / "inner.txt").write_text(ARTICLE + "\n추가 문장.", encoding="utf-8")
    os.symlink(root, root / "sub" / "back")            # sub/back -> corpus: a cycle
    os.symlink(root / "sub", root / "alias")            # alias -> sub: the same folder twice
    items = list(iter_documents([root]))
    docs = [x.path for x in items if isinstance(x, SourceDocument)]
    problems = [x for x in items if isinstance(x, Quarantine)]
    assert sorted(docs) == [str(root / "alias" / "inner.txt"), str(root / "top.txt")]
    assert len(problems) == 1 and problems[0].stage == "discover" and "symlink cycle" in problems[0].reason
    # the same folder given twice is walked once
    assert len([x for x in iter_documents([root, root]) if isinstance(x, SourceDocument)]) == 2


def test_symlinked_file_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(tmp_path / "real.txt", tmp_path / "via-link.txt")
    docs = list(iter_documents([tmp_path]))
    assert [d.path for d in docs] == [str(tmp_path / "real.txt"), str(tmp_path / "via-link.txt")]
    assert docs[0].sha256 == docs[1].sha256


def test_iter_documents_is_lazy():
    assert inspect.isgeneratorfunction(iter_documents)
    assert inspect.isgeneratorfunction(iter_paths)


# --- HTML ----------------------------------------------------------------------------------------

PAGE_BODY = [
    "한빛전자가 소프트웨어 기업 누리소프트와 인공지능(AI) 반도체를 공동 개발한다고 5일 밝혔다.",
    "누리소프트는 컴파일러와 운영 소프트웨어를 맡는다.",
    "누리소프트는 내년 상반기 첫 시제품을 공개할 예정이다.",
]
PAGE_CHROME = [
    "다온모빌리티", "푸른바이오",          # related articles inside the article body
    "별빛통신", "초록에너지", "은하금융",   # sidebar: most-read and recommended
    "정치섹션", "경제메뉴",                 # navigation
    "스크립트안의텍스트", "동적으로삽입된광고", "font-size",   # scripts and styles
    "대표전화", "All rights reserved", "무단전재",           # footer and copyright
    "기사 공유하기", "카카오톡", "관련기사", "많이 본 뉴스",
]


def _check_page(doc):
    assert isinstance(doc, SourceDocument), doc
    assert doc.title == "한빛전자, 누리소프트와 AI 반도체 공동개발"
    assert doc.text.startswith(doc.title + "\n\n")
    assert doc.published == dt.date(2024, 3, 5)
    for sentence in PAGE_BODY:
        assert sentence in doc.text
    for chrome in PAGE_CHROME:
        assert chrome not in doc.text, chrome
    assert "\n" in doc.text[len(doc.title) + 2:]   # paragraph breaks kept
    assert "<" not in doc.text


def test_html_page_with_chrome(tmp_path):
    doc = _only(read_document(FIXTURES / "news_page.html"))
    _check_page(doc)
    assert doc.encoding == "utf-8" and doc.warnings == ()


def test_html_fallback_when_trafilatura_fails():
    with mock.patch("trafilatura.extract", side_effect=RuntimeError("boom")):
        doc = _only(read_document(FIXTURES / "news_page.html"))
    _check_page(doc)
    assert any("plain HTML extraction" in w for w in doc.warnings)


@pytest.mark.parametrize("meta", [
    '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">',
    '<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">',
    "<meta charset='EUC-KR'>",
    '<meta charset="iso-8859-1">',   # mislabelled: Korean CP949 wins over the claimed Latin-1
])
def test_html_in_cp949_with_meta_charset(tmp_path, meta):
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8").replace('<meta charset="utf-8">', meta)
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp949"))
    doc = _only(read_document(path))
    _check_page(doc)
    assert doc.encoding == "cp949"


def test_html_mislabelled_charset_trusts_valid_utf8(tmp_path):
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta charset="euc-kr">')
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("utf-8"))
    doc = _only(read_document(path))
    _check_page(doc)
    assert doc.encoding == "utf-8"


def test_txt_that_is_html_is_extracted(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_bytes((FIXTURES / "news_page.html").read_bytes())
    _check_page(_only(read_document(path)))


BROKEN_HTML = [
    ("unclosed tags",
     "<html><head><title>협력 발표</title><body><div><p>한빛전자가 누리소프트와 협력한다고 밝혔다.<p>두 회사는 "
     "공동 개발에 나선다.<div class='sidebar'><ul><li><a href='/x'>별빛통신 뉴스</a></ul>", "협력 발표",
     ["한빛전자가 누리소프트와 협력한다고 밝혔다.", "공동 개발에 나선다."], ["별빛통신"]),
    ("stray closing tags and no head",
     "</div></span><body><h1>합작법인 설립</h1><p>초록에너지와 바다풍력이 합작법인을 세운다.</b></i></p></td></html>",
     "합작법인 설립", ["초록에너지와 바다풍력이 합작법인을 세운다."], []),
    ("xml declaration and entities",
     "<?xml version=\"1.0\" encoding=\"utf-8\"?><html><body><p>은하금융&amp;달빛핀테크 지분 인수&nbsp;완료</p>"
     "</body></html>", None, ["은하금융&달빛핀테크 지분 인수"], []),
    ("div soup without paragraphs",
     "<html><body><div class='menu'><a href='/'>메뉴하나</a><a href='/'>메뉴둘</a></div><div class='txt'>"
     "푸른바이오가 하늘제약을 인수한다고 밝혔다.<br>인수 금액은 1천억 원이다.<br></div>"
     "<div class='footer'>회사소개 | 광고문의</div></body></html>", None,
     ["푸른바이오가 하늘제약을 인수한다고 밝혔다.\n인수 금액은 1천억 원이다."], ["메뉴하나", "광고문의"]),
]


@pytest.mark.parametrize("name, html, title, present, absent", BROKEN_HTML, ids=[r[0] for r in BROKEN_HTML])
@pytest.mark.parametrize("extractor", ["trafilatura", "fallback"])
def test_broken_html(tmp_path, name, html, title, present, absent, extractor):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    patch = (mock.patch("trafilatura.extract", return_value=None) if extractor == "fallback"
             else contextlib.nullcontext())
    with patch:
        doc = _only(read_document(path))
    assert isinstance(doc, SourceDocument), doc
    assert doc.title == title
    for text in present:
        assert text in doc.text
    for text in absent:
        assert text not in doc.text


HTML_META_ROWS = [
    # (name, head and body markup, expected title, expected date)
    ("time element", "<title>제목 하나</title></head><body><time datetime='2023-11-02T10:00'>어제</time>", "제목 하나",
     dt.date(2023, 11, 2)),
    ("meta name=date with dots", "<meta name='date' content='2024.01.09 08:00'><title>t</title></head><body>", "t",
     dt.date(2024, 1, 9)),
    ("itemprop datePublished", "<meta itemprop='datePublished' content='20220315'></head><body><h1>헤드라인</h1>",
     "헤드라인", dt.date(2022, 3, 15)),
    ("json-ld", "<script type='application/ld+json'>{\"headline\": \"\\ud611\\ub825\", \"datePublished\": "
     "\"2021-07-01\"}</script></head><body>", "협력", dt.date(2021, 7, 1)),
    ("site name suffix removed", "<meta property='og:site_name' content='가상일보'><title>본제목 | 가상일보</title>"
     "</head><body>", "본제목", None),
    ("og:title wins over title", "<meta property='og:title' content='오지 제목'><title>긴 제목 - 가상일보</title>"
     "</head><body>", "오지 제목", None),
    ("invalid date ignored", "<meta property='article:published_time' content='2024-13-45'></head><body>", None, None),
]


@pytest.mark.parametrize("name, markup, title, date", HTML_META_ROWS, ids=[r[0] for r in HTML_META_ROWS])
def test_html_title_and_date(tmp_path, name, markup, title, date):
    html = f"<html><head>{markup}<div><p>{PAGE_BODY[0]}</p><p>{PAGE_BODY[1]}</p></div></body></html>"
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = _only(read_document(path))
    assert isinstance(doc, SourceDocument), doc
    assert (doc.title, doc.published) == (title, date)
    assert PAGE_BODY[0] in doc.text


def test_deeply_nested_broken_html(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div><font>" * 400 + f"<p>{PAGE_BODY[0]}</p>", encoding="utf-8")
    doc = _only(read_document(path))
    assert isinstance(doc, SourceDocument) and doc.text == PAGE_BODY[0]


def test_source_document_is_frozen():
    doc = SourceDocument(path="p", text="t", encoding="utf-8", title=None, published=None, sha256="s",
                         raw_sha256="r")
    with pytest.raises(AttributeError):
        doc.text = "changed"
    assert not hasattr(doc, "__dict__")   # slots


def test_html_without_article_text_is_quarantined(tmp_path):
    path = tmp_path / "chrome-only.html"
    path.write_text("<html><head><script>var a=1;</script></head><body><nav><a href='/'>홈</a></nav>"
                    "<footer>Copyright</footer></body></html>", encoding="utf-8")
    entry = _only(read_document(path))
    assert isinstance(entry, Quarantine) and entry.stage == "extract" and "no article text" in entry.reason


# --- JSON Lines ----------------------------------------------------------------------------------

JSONL_LINES = [
    # (line, expected: ("doc", text, source_id, published, title) or ("quarantine", stage, reason substring))
    (json.dumps({"id": "a-1", "title": "제목 하나", "body": "본문 하나.\r\n둘째 줄.  ",
                 "published": "2024-03-05T09:00:00+09:00"}, ensure_ascii=False),
     ("doc", "제목 하나\n\n본문 하나.\n둘째 줄.", "a-1", dt.date(2024, 3, 5), "제목 하나")),
    (json.dumps({"url": "https://example.com/n/2", "text": "제목 없는 본문."}, ensure_ascii=False),
     ("doc", "제목 없는 본문.", "https://example.com/n/2", None, None)),
    ("{\"id\": 3, \"title\": \"깨진 줄\", \"body\": \"닫히지 않은 문자열}", ("quarantine", "decode", "malformed JSON")),
    ("", None),   # a blank line: nothing
    ("[1, 2, 3]", ("quarantine", "extract", "JSON value is a list, not an object")),
    (json.dumps({"id": 5, "title": "본문 없음"}, ensure_ascii=False), ("quarantine", "extract", "no article body")),
    (json.dumps({"id": 6, "body": ["목록"]}, ensure_ascii=False), ("quarantine", "extract", "is a list, not text")),
    (json.dumps({"id": 7, "title": "HTML 본문", "content": "<div><p>은하금융이 달빛핀테크 지분을 인수했다.</p>"
                 "<div class='related'><h4>관련기사</h4><ul><li><a href='/r'>별빛통신 기사</a></li></ul></div>"
                 "<p>인수 금액은 300억 원이다.</p></div>", "published": 1709596800000}, ensure_ascii=False),
     ("doc", "HTML 본문\n\n은하금융이 달빛핀테크 지분을 인수했다.\n인수 금액은 300억 원이다.", "7", dt.date(2024, 3, 5),
      "HTML 본문")),
    ("\"just a string\"", ("quarantine", "extract", "JSON value is text, not an object")),
    (json.dumps({"id": 10, "body": "   "}), ("quarantine", "extract", "field 'body' has no text")),
]


def test_jsonl_good_and_malformed_lines(tmp_path):
    path = tmp_path / "scraped.jsonl"
    path.write_text("\n".join(line for line, _ in JSONL_LINES) + "\n", encoding="utf-8")
    items = read_document(path)
    expected = [(number, want) for number, (_, want) in enumerate(JSONL_LINES, start=1) if want]
    assert len(items) == len(expected), items
    for item, (number, want) in zip(items, expected, strict=True):
        assert item.path == f"{path}#{number}"
        if want[0] == "doc":
            _, text, source_id, published, title = want
            assert isinstance(item, SourceDocument), item
            assert (item.text, item.source_id, item.published, item.title, item.encoding) == (
                text, source_id, published, title, "utf-8")
            assert item.sha256 == hashlib.sha256(text.encode()).hexdigest()
        else:
            _, stage, reason = want
            assert isinstance(item, Quarantine), item
            assert item.stage == stage and reason in item.reason and item.reason.startswith(f"line {number}:")
            assert item.sha256 is not None


def test_jsonl_special_lines(tmp_path):
    good = json.dumps({"id": "ok", "body": "정상 본문."}, ensure_ascii=False).encode()
    cp949 = json.dumps({"id": "kr", "body": "한빛전자와 누리소프트 협력"}, ensure_ascii=False).encode("cp949")
    too_long = json.dumps({"id": "long", "body": "가" * 400}, ensure_ascii=False).encode()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + cp949 + b"\n" + too_long + b"\n" + good)
    items = read_document(path, settings={"max_bytes": 300})
    assert [type(x).__name__ for x in items] == ["SourceDocument", "SourceDocument", "Quarantine", "SourceDocument"]
    assert items[0].text == "정상 본문." and items[0].source_id == "ok"
    assert items[1].encoding == "cp949" and items[1].text == "한빛전자와 누리소프트 협력" and items[1].warnings
    assert items[2].stage == "read" and "line too long" in items[2].reason and items[2].path.endswith("#3")
    assert items[3].path.endswith("#4")


@pytest.mark.parametrize("name, data, stage, reason", [
    ("empty", b"", "read", "empty file"),
    ("blank lines only", b"\n\n  \n", "extract", "whitespace-only"),
    ("binary", PNG, "decode", "binary file (PNG image)"),
], ids=["empty", "blank lines only", "binary"])
def test_jsonl_bad_files(tmp_path, name, data, stage, reason):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(data)
    entry = _only(read_document(path))
    assert isinstance(entry, Quarantine) and entry.stage == stage and reason in entry.reason


# --- a whole run: every input accounted for --------------------------------------------------------

def test_run_over_a_folder_of_good_and_bad_inputs(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "good-cp949.txt").write_bytes(LONG.encode("cp949"))
    (tmp_path / "page.html").write_bytes((FIXTURES / "news_page.html").read_bytes())
    (tmp_path / "image.txt").write_bytes(PNG)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "feed.jsonl").write_text('{"id": 1, "body": "본문"}\nnot json\n', encoding="utf-8")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(iter_documents([tmp_path]))
    outcome = {(Path(x.path.split("#")[0]).name, x.path.rsplit("#", 1)[-1] if "#" in x.path else ""):
               type(x).__name__ for x in items}
    assert outcome == {
        ("dangling.txt", ""): "Quarantine", ("empty.txt", ""): "Quarantine", ("feed.jsonl", "1"): "SourceDocument",
        ("feed.jsonl", "2"): "Quarantine", ("good-cp949.txt", ""): "SourceDocument",
        ("good.txt", ""): "SourceDocument", ("image.txt", ""): "Quarantine", ("page.html", ""): "SourceDocument",
        ("pipe.txt", ""): "Quarantine",
    }
    assert len(items) == len(outcome)


def test_unexpected_error_becomes_a_quarantine(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with mock.patch("pipeline.ingest.files.decode_bytes", side_effect=KeyError("bug")):
        entry = _only(read_document(path))
    assert isinstance(entry, Quarantine) and entry.stage == "process" and "KeyError" in entry.reason


def test_decode_bytes_api():
    assert decode_bytes("협력".encode("cp949")).encoding == "cp949"
    with pytest.raises(NotText, match="binary file"):
        decode_bytes(PNG)


# --- analysis text -------------------------------------------------------------------------------

CHAR_ROWS = [
    # (input, expected analysis text)
    ("ＬＧ전자와 ＳＫ", "LG전자와 SK"),
    ("１００억 원（약 ８％）", "100억 원(약 8%)"),
    ("a\tb\u00a0c\u3000d", "a b c d"),
    ("삼성\u200b전자\ufeff", "삼성 전자 "),
    ("줄\r\n다음", "줄 \n다음"),
    ("x\u2028y\u2029z", "x\ny\nz"),
    ("제어\x07문자\x1b", "제어 문자 "),
    ("㈜한빛 · 누리•소프트 ㆍ", "㈜한빛 · 누리•소프트 ㆍ"),   # kept: mapping them would change meaning or length
    ("이모지 🤝 협력", "이모지 🤝 협력"),
]


@pytest.mark.parametrize("text, expected", CHAR_ROWS, ids=[r[0] for r in CHAR_ROWS])
def test_analysis_text_characters(text, expected):
    assert analysis_text(text) == expected


CHROME_ROWS = [
    # (line, blanked?)
    ("본문 바로가기", True),
    ("본문바로가기", True),
    ("반응형", True),
    ("  반응형  ", True),
    ("기사 공유하기", True),
    ("글자크기", True),
    ("구독하기", True),
    ("기자 페이지", True),
    ("댓글", True),
    ("댓글 12", True),
    ("좋아요 (3)", True),
    ("이 기사를 추천합니다", True),
    ("▶ 관련기사", True),
    ("많이 본 뉴스", True),
    ("Copyright ⓒ 가상일보. All rights reserved.", True),
    ("저작권자 ⓒ 가상경제신문 무단전재 및 재배포 금지", True),
    ("<저작권자(c) 가상통신, 무단 전재-재배포 금지>", True),
    ("무단전재 및 재배포 금지", True),
    ("hong.gildong@example.co.kr", True),
    ("홍길동 기자 hong@example.com", True),
    ("네이버에서 가상일보를 구독하세요", True),
    ("본문\t바로가기", True),   # a tab is a space to the matcher
    # article lines that must stay
    ("댓글 기능을 개편한다고 밝혔다.", False),
    ("반응형 웹 디자인을 도입했다.", False),
    ("저작권자의 허락 없이 쓸 수 없다는 판결이 나왔다.", False),
    ("한빛전자가 누리소프트와 협력한다고 밝혔다.", False),
    ("홍길동 기자는 hong@example.com으로 제보를 받는다고 밝혔다. 이번 협약은 두 회사가 처음 맺는 것이다.", False),
    ("가" * 170 + " 무단전재 및 재배포 금지", False),   # too long to be a footer line
]


@pytest.mark.parametrize("line, blanked", CHROME_ROWS, ids=[r[0][:30] for r in CHROME_ROWS])
def test_chrome_lines(line, blanked):
    text = f"첫 줄입니다.\n{line}\n끝 줄입니다."
    result = analysis_text(text)
    assert len(result) == len(text)
    middle = result.split("\n")[1]
    if blanked:
        assert middle == " " * len(line)
    else:
        assert middle == line.replace("\t", " ")
    assert result.startswith("첫 줄입니다.\n") and result.endswith("\n끝 줄입니다.")


def test_chrome_at_document_edges_and_offsets():
    text = "본문 바로가기\n\n한빛전자가 누리소프트와 협력한다.\n\n반응형"
    result = analysis_text(text)
    assert result == " " * 7 + "\n\n한빛전자가 누리소프트와 협력한다.\n\n   "
    start = text.index("누리소프트")
    assert result[start:start + 5] == "누리소프트"


def test_analysis_text_length_invariant_on_random_text():
    rng = random.Random(5)
    alphabet = ("가나다라 한빛전자 \n\t\r\u00a0\u200b\u3000ＡＢ１２％ \u2028\u0301e\x00\x7f\x85"
                "본문 바로가기\n반응형\n댓글 3\nⓒ 무단전재 및 재배포 금지\n🤝𝐀")
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        result = analysis_text(text)
        assert len(result) == len(text)
        assert [i for i, c in enumerate(result) if c == "\n"] == [
            i for i, c in enumerate(text) if c in "\n\u2028\u2029"]


def test_analysis_text_speed():
    text = ("본문 바로가기\n" + ARTICLE + "\n\tＬＧ\u00a0협력\n반응형\n") * 4000   # ≈ 1 MB
    started = time.perf_counter()
    result = analysis_text(text)
    elapsed = time.perf_counter() - started
    assert len(result) == len(text)
    assert len(text) / elapsed > 2_000_000, f"{len(text) / elapsed:,.0f} chars/s"


# --- hostile JSON lines, device errors, file names ---------------------------------------------

HOSTILE_LINES = [
    # (line, expected: ("doc", text) or ("quarantine", stage, reason substring))
    ('{"id": 1, "body": "\\ud800 외톨이"}', ("quarantine", "decode", "field 'body' holds a lone surrogate escape")),
    ('{"id": 2, "body": "본문", "tags": ["\\udfff"]}', ("quarantine", "decode", "field 'tags' holds a lone surrogate")),
    ('{"\\ud800": 1, "body": "본문"}', ("quarantine", "decode", "a field name holds a lone surrogate")),
    ('{"id": 4, "body": "짝이 맞는 \\ud55c\\uae00 \\ud83d\\ude00"}', ("doc", "짝이 맞는 한글 \U0001f600")),
    ("[" * 100_000 + "]" * 100_000, ("quarantine", "decode", "JSON nested deeper than 64 levels")),
    ('{"id": 6, "body": "본문", "meta": ' + "[" * 63 + "]" * 63 + "}", ("doc", "본문")),   # 64 levels
    ('{"id": 7, "body": "본문", "meta": ' + "[" * 64 + "]" * 64 + "}", ("quarantine", "decode", "deeper than 64")),
    ('{"id": 8, "body": "괄호는 문자열 안에 ' + "[" * 200 + '"}', ("doc", "괄호는 문자열 안에 " + "[" * 200)),
    ('{"id": 9, "body": "끝까지 읽힌다."}', ("doc", "끝까지 읽힌다.")),
]


def test_every_hostile_line_is_its_own_entry_and_the_file_goes_on(tmp_path):
    """Before, a lone surrogate or deep nesting ended the whole file with one file-level entry."""
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(line for line, _ in HOSTILE_LINES) + "\n", encoding="utf-8")
    items = read_document(path)
    assert len(items) == len(HOSTILE_LINES)
    for number, (item, (_, want)) in enumerate(zip(items, HOSTILE_LINES, strict=True), start=1):
        assert item.path == f"{path}#{number}"
        if want[0] == "doc":
            assert isinstance(item, SourceDocument) and item.text == want[1], item
        else:
            assert isinstance(item, Quarantine) and item.stage == want[1] and item.reason.startswith(f"line {number}: ")
            assert want[2] in item.reason, item.reason


def test_an_unexpected_error_in_one_line_is_that_line_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(_jsonl_text({"id": 1, "body": "하나"}, {"id": 2, "body": "둘"}, {"id": 3, "body": "셋"}),
                    encoding="utf-8")
    real = __import__("pipeline.ingest.jsonl_input", fromlist=["_first"])._first

    def failing(obj, names):
        if obj.get("id") == 2:
            raise RecursionError("maximum recursion depth exceeded")
        return real(obj, names)

    with mock.patch("pipeline.ingest.jsonl_input._first", side_effect=failing):
        items = read_document(path)
    assert [type(i).__name__ for i in items] == ["SourceDocument", "Quarantine", "SourceDocument"]
    assert items[1].stage == "process" and "line 2: unexpected error: RecursionError" in items[1].reason


def _jsonl_text(*objects) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


class _FailingStream:
    """A file whose reads fail like a dying disk (EIO)."""

    def __init__(self, data: bytes, fail_after: int):
        self.data, self.fail_after, self.position = data, fail_after, 0

    def _take(self, size: int) -> bytes:
        if self.position >= self.fail_after:
            raise OSError(5, "Input/output error")
        chunk = self.data[self.position:self.position + size]
        self.position += len(chunk)
        return chunk

    def read(self, size: int = -1) -> bytes:
        return self._take(len(self.data) if size < 0 else size)

    def readline(self, size: int = -1) -> bytes:
        end = self.data.find(b"\n", self.position)
        end = len(self.data) if end < 0 else end + 1
        return self._take(min(end - self.position, size if size >= 0 else end))

    def peek(self, size: int = 0) -> bytes:
        return self.data[self.position:self.position + 4096]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("name, data, fail_after, expected", [
    ("a.txt", ARTICLE.encode(), 0, [("a.txt", "read", "unreadable: Input/output error")]),
    ("feed.jsonl", _jsonl_text({"id": 1, "body": "하나"}, {"id": 2, "body": "둘"}).encode(), 20,
     [("feed.jsonl#1", None, None),
      ("feed.jsonl", "read", "after the lines read so far: unreadable: Input/output error")]),
], ids=["text file", "JSON Lines file"])
def test_a_device_error_is_a_read_problem(tmp_path, name, data, fail_after, expected):
    path = tmp_path / name
    path.write_bytes(data)
    stream = _FailingStream(data, fail_after)
    with mock.patch("pipeline.ingest.files.open_regular", return_value=(stream, len(data))):
        items = read_document(path)
    found = [(Path(i.path).name, getattr(i, "stage", None), getattr(i, "reason", None)) for i in items]
    assert [(n, s) for n, s, _ in found] == [(n, s) for n, s, _ in expected]
    for (_, _, reason), (_, _, want) in zip(found, expected, strict=True):
        assert want is None or want in reason


def test_a_file_name_that_is_not_utf8_is_read_and_named_with_escapes(tmp_path):
    raw = os.fsencode(tmp_path) + b"/\xb1\xe2\xbb\xe7.txt"   # a CP949 file name on a UTF-8 system
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.encode())
    (doc,) = list(iter_documents([tmp_path]))
    assert isinstance(doc, SourceDocument) and doc.text == ARTICLE
    assert doc.path == f"{tmp_path}/\\xb1\\xe2\\xbb\\xe7.txt"
    doc.path.encode("utf-8")   # storable anywhere


NAME_ROWS = [   # (name as the OS gives it, shown name, on a terminal)
    ("plain.txt", "plain.txt", "plain.txt"),
    (os.fsdecode(b"\xff\xfe.txt"), "\\xff\\xfe.txt", "\\xff\\xfe.txt"),
    ("new\nline.txt", "new\nline.txt", "new\\nline.txt"),
    ("esc\x1b[31m.txt", "esc\x1b[31m.txt", "esc\\x1b[31m.txt"),
    ("tab\tcr\r.txt", "tab\tcr\r.txt", "tab\\tcr\\r.txt"),
    ("rtl\u202efdp.txt", "rtl\u202efdp.txt", "rtl\\u202efdp.txt"),
    ("한글 이름.txt", "한글 이름.txt", "한글 이름.txt"),
    ("lone\ud800.txt", "lone\\ud800.txt", "lone\\ud800.txt"),
]


@pytest.mark.parametrize("name, shown, terminal", NAME_ROWS, ids=[repr(r[0]) for r in NAME_ROWS])
def test_file_names_as_stored_and_as_printed(name, shown, terminal):
    from pipeline.ingest.names import shown_path, terminal_text

    assert shown_path(name) == shown
    assert terminal_text(shown_path(name)) == terminal
    assert "\n" not in terminal_text(shown_path(name))


def test_discovery_skips_what_the_caller_says(tmp_path):
    for name in ("a.txt", "b.txt", "out.jsonl"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    seen = []

    def skip(name, path):
        seen.append(name)
        return name == "out.jsonl"

    assert [p.name for p in iter_paths([tmp_path, tmp_path / "out.jsonl"], skip=skip)] == ["a.txt", "b.txt"]
    assert seen.count("out.jsonl") == 2


def test_a_reader_hook_sees_each_unit_and_can_replace_or_pass_over_it(tmp_path):
    from pipeline.ingest.units import SKIP

    path = tmp_path / "feed.jsonl"
    path.write_text(_jsonl_text({"id": 1, "body": "하나"}, {"id": 2, "body": "둘"}, {"id": 3, "body": "셋"}),
                    encoding="utf-8")
    entry = Quarantine(path=f"{path}#2", stage="process", reason="left out")
    seen = []

    def hook(unit):
        seen.append(unit)
        return {f"{path}#1": SKIP, f"{path}#2": entry}.get(unit)

    items = read_document(path, hook=hook)
    assert seen == [f"{path}#{n}" for n in (1, 2, 3)]
    assert items[0] == entry and items[1].path == f"{path}#3" and len(items) == 2
