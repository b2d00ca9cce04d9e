"""The report of corpus/ in a real browser: Debian's chromium, headless, driven through chromedriver by
Selenium. The page loads without a console error and without asking any host for anything; it has one
row per event of the database; filtering by a relation leaves exactly that relation's rows (and the
network their organisations); a row opens onto evidence with its parties marked; it works from the
keyboard and fits 1280×800. A screenshot at 1280×800 is kept as a CI artefact (its path is printed).

Skipped when chromium or chromedriver is missing (apt-get install chromium chromium-driver
fonts-noto-cjk), except with ALLIANCES_REQUIRE_BROWSER=1 (CI), where that fails.
ALLIANCES_ARTIFACTS names the folder for the screenshot (default: the test's temporary folder);
ALLIANCES_UPDATE_SCREENSHOT=1 also writes it to docs/img/report.png, the README's picture.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select, union_all

from pipeline.report.render import build_report
from pipeline.sinks.database import Database

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
README_PICTURE = REPO / "docs" / "img" / "report.png"
WIDTH, HEIGHT = 1280, 800
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--window-size={WIDTH},{HEIGHT}")
LOCAL = ("file://", "data:", "about:", "chrome:", "devtools:")


def _browser_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing = "selenium (pip install selenium)"
    else:
        missing = ", ".join(n for n, p in (("chromium", chromium), ("chromedriver", driver)) if not p)
    if missing:
        message = f"no {missing}: apt-get install chromium chromium-driver fonts-noto-cjk"
        if os.environ.get("ALLIANCES_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return chromium, driver


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    """The report of corpus/ and the database it was made from."""
    from pipeline.run.runner import run

    tmp = tmp_path_factory.mktemp("report-browser")
    url = f"sqlite:///{tmp / 'corpus.db'}"
    run([CORPUS], db_url=url, workers=1)
    page = build_report(url, tmp / "report.html").path
    return url, page


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, chromedriver = _browser_paths()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(browser, corpus_report):
    """The report, loaded (its ready mark set), with what the browser logged while loading it."""
    from selenium.webdriver.support.ui import WebDriverWait

    _, path = corpus_report
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(path.as_uri())
    WebDriverWait(browser, 60).until(lambda d: d.execute_script("return document.documentElement.dataset.ready"))
    return browser, browser.get_log("browser"), browser.get_log("performance")


def _sql(url: str, query) -> list:
    with Database(url) as db, db.engine.connect() as conn:
        return list(conn.execute(query(db.schema.events.table)))


def _organisations(url: str, relation: str | None = None) -> set[str]:
    def query(events):
        where = [events.c.relation == relation] if relation else []
        return union_all(select(events.c.party0_entity_id).where(*where),
                         select(events.c.party1_entity_id).where(*where))
    return {row[0] for row in _sql(url, query)}


def _rows(driver) -> list[dict]:
    return driver.execute_script(
        "return [...document.querySelectorAll('#event-rows tr.event')].map(r => ({relation: r.dataset.relation, "
        "parties: r.dataset.parties}))")


def _shown_nodes(driver) -> set[str]:
    return set(driver.execute_script(
        "return [...document.querySelectorAll('#graph .node')].filter(n => !n.classList.contains('off') && "
        "getComputedStyle(n).display !== 'none').map(n => n.dataset.id)"))


def test_the_page_loads_without_errors_or_requests(page):
    driver, console, performance = page
    errors = [entry for entry in console if entry["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    requested = [json.loads(entry["message"])["message"] for entry in performance]
    urls = [m["params"]["request"]["url"] for m in requested if m["method"] == "Network.requestWillBeSent"]
    assert urls and all(url.startswith(LOCAL) for url in urls), urls
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_one_row_per_event_and_one_node_per_organisation(page, corpus_report):
    driver, _, _ = page
    url, _ = corpus_report
    (count,) = _sql(url, lambda events: select(func.count()).select_from(events))[0]
    assert count > 100 and len(_rows(driver)) == count
    assert driver.find_element("id", "count").text == f"{count} events"
    assert _shown_nodes(driver) == _organisations(url)


def test_filtering_by_a_relation(page, corpus_report):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    driver, _, _ = page
    url, _ = corpus_report
    counts = dict(_sql(url, lambda events: select(events.c.relation, func.count()).group_by(events.c.relation)))
    relation = "investment"
    Select(driver.find_element(By.ID, "f-relation")).select_by_value(relation)
    try:
        rows = _rows(driver)
        assert len(rows) == counts[relation] and {r["relation"] for r in rows} == {relation}
        assert _shown_nodes(driver) == _organisations(url, relation)
    finally:
        Select(driver.find_element(By.ID, "f-relation")).select_by_value("")
    assert len(_rows(driver)) == sum(counts.values())


def test_a_row_opens_onto_its_evidence_with_the_parties_marked(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver, _, _ = page
    button = driver.find_element(By.CSS_SELECTOR, "#event-rows tr.event button.expand")
    button.send_keys(Keys.ENTER)   # the keyboard opens it
    try:
        assert button.get_attribute("aria-expanded") == "true"
        detail = driver.find_element(By.CSS_SELECTOR, "#event-rows tr.detail")
        parties = detail.find_elements(By.CSS_SELECTOR, "mark.m-party")
        assert parties and all(p.get_attribute("data-label") for p in parties)
        assert all(p.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)" for p in parties)
        assert detail.find_elements(By.CSS_SELECTOR, ".source a")
    finally:
        button.send_keys(Keys.ENTER)
    assert not driver.find_elements(By.CSS_SELECTOR, "#event-rows tr.detail")


def test_a_node_chosen_from_the_keyboard_filters_the_table(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver, _, _ = page
    (stop,) = driver.find_elements(By.CSS_SELECTOR, '#graph .node[tabindex="0"]')   # one Tab stop
    stop.send_keys(Keys.ARROW_RIGHT)                                                  # on to the next node
    node = driver.switch_to.active_element
    entity = node.get_attribute("data-id")
    assert node.get_attribute("class").startswith("node") and entity != stop.get_attribute("data-id")
    node.send_keys(Keys.ENTER)
    try:
        rows = _rows(driver)
        assert rows and all(entity in r["parties"].split() for r in rows)
        assert "selected" in node.get_attribute("class")
    finally:
        node.send_keys(Keys.ENTER)     # again: the filter goes
    assert "selected" not in node.get_attribute("class")


def test_it_fits_1280_by_800_and_leaves_a_screenshot(page, tmp_path, capsys):
    driver, _, _ = page
    assert driver.execute_script("return [window.innerWidth, window.innerHeight]") == [WIDTH, HEIGHT]
    assert driver.execute_script("return document.documentElement.scrollWidth") <= WIDTH
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    folder = Path(os.environ.get("ALLIANCES_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "report-1280x800.png"
    assert driver.save_screenshot(str(shot))
    with capsys.disabled():
        print(f"\nreport screenshot: {shot}")
    if os.environ.get("ALLIANCES_UPDATE_SCREENSHOT") == "1":
        README_PICTURE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, README_PICTURE)
