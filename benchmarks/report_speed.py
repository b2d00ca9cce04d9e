"""How long `alliances report` takes on a database of 10,000 articles, and how long the page takes to
render in headless Chromium.

    python benchmarks/report_speed.py [--articles 10000] [--templates-db URL] [--keep DIR [--reuse]]

1. Templates: the article results of `corpus/` (extracted once into a temporary database, ~5 s of
   Kiwi), or those already stored in --templates-db.
2. A synthetic database: --articles results made from the templates and written through the sink
   (`Database.write_batch`, so entities, events and event mentions are built as in a real run),
   no Kiwi. Copy c of a template keeps its text, records and offsets, with other organisations: each
   entity becomes one of the lexicon's names, chosen by (entity, c // 2), so every deal is reported
   by two articles (two outlets, a few days apart: one event of two articles) and the network
   has thousands of organisations. Publication dates spread over three years.
3. `alliances report` on it, timed as a command (a fresh process, imports included), and once
   more with --org for the neighbourhood of the busiest organisation.
4. The page in headless Chromium (Debian's chromium and chromedriver, through Selenium) at
   1280×800: time from navigation start to the page's ready mark (data parsed, the first page of
   500 rows and the network drawn and painted), the time to filter the table by one relation, to
   open a row's evidence, to turn to the next page, and to sort every event by amount.

Prints one JSON object. A benchmark run by hand, never a timed test.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 500
START = date(2023, 1, 2)
DAYS = 3 * 365
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,800")


def _templates(url: str | None, work: Path) -> list:
    from pipeline.records import ArticleResult
    from pipeline.sinks.database import Database

    if url is None:
        from pipeline.run.runner import run

        url = f"sqlite:///{work / 'templates.db'}"
        run([ROOT / "corpus"], db_url=url, workers=1)
    with Database(url) as db:
        db.check()
        shas = sorted(db.stored_versions())
        return [ArticleResult.model_validate_json(line) for line in db.iter_result_json(shas)]


def _pool() -> list:
    """Organisations to draw from: the lexicon's companies (Korean and global), as unseen-name entities."""
    from pipeline.config_files import CONFIG_DIR
    from pipeline.records import Entity, unseen_entity_id

    pool, seen = [], set()
    for name in ("curated.jsonl", "krx.jsonl"):
        for line in (CONFIG_DIR / "organizations" / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("//"):
                continue
            row = json.loads(line)
            canonical = row["canonical"]
            if canonical in seen:
                continue
            seen.add(canonical)
            pool.append(Entity(entity_id=unseen_entity_id(canonical), name=canonical, type=row.get("type"),
                               country=row.get("country"), market=row.get("market"), in_lexicon=False))
    return pool


def _pick(pool: list, entity_id: str, group: int):
    digest = hashlib.sha256(f"{entity_id}|{group}".encode()).digest()
    return pool[int.from_bytes(digest[:8], "big") % len(pool)]


def _mapped(mapped: dict, pool: list, key: str, group: int):
    """The pool entity a template's entity becomes in a group of copies (the same within an article)."""
    if key not in mapped:
        mapped[key] = _pick(pool, key, group)
    return mapped[key]


def synthetic_results(templates: list, pool: list, n: int):
    """n article results from the templates (see the module's docstring)."""
    for k in range(n):
        t = templates[k % len(templates)]
        copy = k // len(templates)
        group = copy // 2
        mapped: dict[str, object] = {}
        organizations = []
        for o in t.organizations:
            e = _mapped(mapped, pool, o.entity_id or o.canonical, group)
            organizations.append(o.model_copy(update={"canonical": e.name, "entity_id": e.entity_id}))
        alliances = []
        for a in t.alliances:
            parties = []
            for p in a.parties:
                e = _mapped(mapped, pool, p.entity_id or p.canonical, group)
                parties.append(p.model_copy(update={"canonical": e.name, "entity_id": e.entity_id}))
            alliances.append(a.model_copy(update={"parties": parties}))
        day = START + timedelta(days=(group * 53 + (k % len(templates)) * 7) % DAYS + (copy % 2) * 3)
        sha = hashlib.sha256(f"{t.sha256}|{k}".encode()).hexdigest()
        yield t.model_copy(update={
            "article": f"synthetic/{k:05d}/{t.article}", "sha256": sha, "published": day.isoformat(),
            "url": f"https://outlet{copy % 2}.example/news/{k}", "source_id": str(k),
            "organizations": organizations, "alliances": alliances,
            "entities": sorted(mapped.values(), key=lambda e: e.entity_id),
        })


def build_database(url: str, templates: list, n: int) -> dict:
    from pipeline.sinks.database import Database

    started = time.perf_counter()
    pool = _pool()
    batch = []
    with Database(url) as db:
        db.create()
        for result in synthetic_results(templates, pool, n):
            batch.append(result)
            if len(batch) == BATCH:
                db.write_batch(batch)
                batch = []
        if batch:
            db.write_batch(batch)
        counts = db.counts()
    return {"articles": counts["articles"], "alliances": counts["alliances"], "events": counts["events"],
            "entities": counts["entities"], "seconds": round(time.perf_counter() - started, 1)}


def time_report(url: str, out: Path, *extra: str) -> dict:
    command = [str(Path(sys.executable).with_name("alliances")), "report", "--db", url, "--out", str(out), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return {"seconds": round(time.perf_counter() - started, 2), "bytes": out.stat().st_size,
            "said": done.stdout.strip()}


def time_browser(page: Path, profile: Path) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
        driver.set_page_load_timeout(120)
        started = time.perf_counter()
        driver.get(page.as_uri())
        WebDriverWait(driver, 120).until(lambda d: d.execute_script("return document.documentElement.dataset.ready"))
        wall = time.perf_counter() - started
        ready_ms, script_ms, rows = driver.execute_script(
            "return [window.reportRenderMs, window.reportScriptMs, document.querySelectorAll('tr.event').length]")
        relation = driver.execute_script("return document.querySelector('#f-relation option:nth-child(2)').value")
        t0 = time.perf_counter()
        Select(driver.find_element(By.ID, "f-relation")).select_by_value(relation)
        WebDriverWait(driver, 60).until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('tr.event')].every(r => r.dataset.relation === arguments[0])",
            relation))
        filter_s = time.perf_counter() - t0
        filtered = driver.execute_script("return document.querySelectorAll('tr.event').length")
        t0 = time.perf_counter()
        driver.find_element(By.CSS_SELECTOR, "tr.event button.expand").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.detail mark.m-party"))
        expand_s = time.perf_counter() - t0
        first = driver.execute_script("return document.querySelector('tr.event').dataset.i")
        t0 = time.perf_counter()
        driver.execute_script("document.querySelector('.pager.top .next').click()")
        WebDriverWait(driver, 60).until(
            lambda d: d.execute_script("return document.querySelector('tr.event').dataset.i") != first)
        next_page_s = time.perf_counter() - t0
        sort_ms = driver.execute_script(
            "const t = performance.now(); document.querySelector('th[data-key=amount] button').click(); "
            "document.body.offsetHeight; return performance.now() - t")
        return {"ready_ms": round(ready_ms), "script_ms": round(script_ms), "load_wall_s": round(wall, 2),
                "rows": rows, "filter_s": round(filter_s, 2), "filtered_rows": filtered, "expand_s": round(expand_s, 2),
                "next_page_s": round(next_page_s, 2), "sort_by_amount_ms": round(sort_ms)}
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--templates-db", help="take the template results from this database (no Kiwi)")
    parser.add_argument("--keep", type=Path, help="keep the database and the pages in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: use the database made by an earlier run")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="alliances-report-bench-"))
    try:
        folder = args.keep or work
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"synthetic-{args.articles}.db"
        url = f"sqlite:///{path}"
        if args.reuse and path.exists():
            figures = {"database": "reused " + str(path)}
        else:
            for stale in folder.glob(path.name + "*"):
                os.remove(stale)
            templates = _templates(args.templates_db, work)
            figures = {"templates": len(templates), "database": build_database(url, templates, args.articles)}
        page = folder / "report.html"
        figures["report"] = time_report(url, page)
        busiest = _busiest(url)
        figures["report_org"] = {"org": busiest, **time_report(url, folder / "report-org.html", "--org", busiest)}
        if not args.no_browser:
            figures["browser"] = time_browser(page, work / "profile")
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _busiest(url: str) -> str:
    from sqlalchemy import func, select, union_all

    from pipeline.sinks.database import Database

    with Database(url) as db:
        events = db.schema.events.table
        ids = union_all(select(events.c.party0_entity_id.label("id")), select(events.c.party1_entity_id.label("id")))
        sub = ids.subquery()
        query = select(sub.c.id, func.count().label("n")).group_by(sub.c.id).order_by(func.count().desc()).limit(1)
        with db.engine.connect() as conn:
            return conn.execute(query).first()[0]


if __name__ == "__main__":
    main()
