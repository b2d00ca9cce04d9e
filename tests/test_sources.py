"""Source identity: JSON Lines `id`/`url` and an HTML page's canonical link (or og:url) are kept on
the article, and article paths are relative to the input root, so a run from another folder finds
the same articles."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.ingest import read_document
from pipeline.ingest.documents import SourceDocument
from pipeline.records import Quarantine
from pipeline.run.roots import input_root, relative_entry, relative_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BODY = "<p>한빛전자가 누리소프트와 인공지능 반도체를 공동 개발한다고 5일 밝혔다.</p>"

HTML_URLS = [  # (head, the url kept)
    ('<link rel="canonical" href="https://news.example.kr/a/1"><meta property="og:url" content="https://m.example.kr/1">',
     "https://news.example.kr/a/1"),
    ('<meta property="og:url" content="https://m.example.kr/1">', "https://m.example.kr/1"),
    ('<link rel="canonical" href="/a/1"><meta property="og:url" content="https://m.example.kr/1">',
     "https://m.example.kr/1"),   # a relative canonical link says too little
    ('<link rel="alternate canonical" href="http://news.example.kr/b">', "http://news.example.kr/b"),
    ("", None),
]


@pytest.mark.parametrize("head, url", HTML_URLS)
def test_an_html_page_keeps_its_url(head, url, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>제목</title>{head}</head><body>{BODY}</body></html>", encoding="utf-8")
    (document,) = read_document(page)
    assert isinstance(document, SourceDocument) and (document.url, document.source_id) == (url, None)


JSON_SOURCES = [  # (fields besides the body, (source_id, url))
    ({"id": "a-1", "url": "https://news.example.kr/1"}, ("a-1", "https://news.example.kr/1")),
    ({"url": "https://news.example.kr/2"}, ("https://news.example.kr/2", "https://news.example.kr/2")),
    ({"id": 17, "link": " https://news.example.kr/3 "}, ("17", "https://news.example.kr/3")),
    ({"guid": "g-4"}, ("g-4", None)),
    ({}, (None, None)),
]


@pytest.mark.parametrize("fields, expected", JSON_SOURCES)
def test_a_json_line_keeps_its_id_and_url(fields, expected, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({**fields, "body": "한빛전자가 누리소프트와 손잡았다."}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    (document,) = read_document(feed)
    assert (document.source_id, document.url) == expected


ROOTS = [  # (inputs relative to tmp, expected root relative to tmp)
    (["in"], "in"),
    (["in/a.txt"], "in"),
    (["in/sub", "in/a.txt"], "in"),
    (["in/sub", "other"], "."),
]


@pytest.mark.parametrize("inputs, root", ROOTS)
def test_the_input_root_holds_every_input(inputs, root, tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "in" / "a.txt").write_text("가", encoding="utf-8")
    assert input_root([tmp_path / p for p in inputs]) == os.path.normpath(tmp_path / root)


def test_an_input_outside_the_given_root_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not under the root"):
        input_root([tmp_path / "a"], root=tmp_path / "b")
    assert input_root([tmp_path / "b" / "c"], root=tmp_path / "b") == str(tmp_path / "b")


def test_paths_and_discovery_entries_become_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = str(tmp_path / "in")
    assert relative_path("in/sub/x.txt", root) == "sub/x.txt"
    entry = Quarantine(path="in/loop.txt", stage="discover", reason="symlink loop (in/loop.txt → loop.txt never …)")
    assert relative_entry(entry, root).model_dump() == {**entry.model_dump(), "path": "loop.txt",
                                                       "reason": "symlink loop (loop.txt → loop.txt never …)"}


def test_a_run_from_another_folder_stores_the_same_articles(tmp_path, monkeypatch):
    from pipeline.run.runner import run
    from pipeline.sinks.database import Database

    folder = tmp_path / "crawl"
    (folder / "2024").mkdir(parents=True)
    shutil.copy(CORPUS / "101_wire_chip_euv.txt", folder / "2024" / "a.txt")
    (folder / "empty.txt").write_bytes(b"")
    dumps = []
    for number, (cwd, given) in enumerate([(tmp_path, "crawl"), (folder, "."), (tmp_path / "crawl" / "2024", "..")]):
        monkeypatch.chdir(cwd)
        url = f"sqlite:///{tmp_path / f'run{number}.db'}"
        run([given], db_url=url)
        with Database(url) as db:
            dumps.append(db.dump(derived=True))
    assert dumps[0] == dumps[1] == dumps[2]
    assert [row[0] for row in dumps[0]["articles"]] == ["2024/a.txt"]
    assert [row[0] for row in dumps[0]["quarantine"]] == ["empty.txt"]
