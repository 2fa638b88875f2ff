"""The site in a real browser: headless Chromium (Debian's chromium + chromium-driver) driven by Selenium,
against a live waitress server on 127.0.0.1. Screenshots go to tests/artifacts/.

Without /usr/bin/chromium these tests skip, unless CI=true, where a missing browser is a failure
(scripts/browser.sh installs it).
"""

import csv
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from spinekg.webui import create_app

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000"]


def _need_browser():
    missing = [str(p) for p in (CHROMIUM, DRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if not missing:
        return
    msg = f"browser tests need {', '.join(missing)} (run scripts/browser.sh; pip install selenium)"
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true and " + msg)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def server(store):
    _need_browser()
    from local_server import LocalServer

    app = create_app({"QUERY_TIMEOUT": 10.0, "PRECOMPUTE": True}, store=store)
    server = LocalServer(app)
    yield server.url
    server.close()
    app.extensions["spinekg_sandbox"].close()


@pytest.fixture(scope="module")
def downloads():
    d = tempfile.mkdtemp(prefix="spinekg-dl-")
    yield Path(d)
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(server, downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="spinekg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    drv = webdriver.Chrome(service=Service(str(DRIVER)), options=opts)
    drv.set_page_load_timeout(30)
    drv.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    ARTIFACTS.mkdir(exist_ok=True)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


def shot(drv, name):
    """A full-page screenshot under tests/artifacts/."""
    h = drv.execute_script("return document.documentElement.scrollHeight")
    drv.set_window_size(1280, max(600, min(int(h) + 40, 4000)))
    drv.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    drv.set_window_size(1280, 1000)


def wait(drv, css, timeout=10):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def test_search_ntrk_with_autocomplete_and_open_the_fusion(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    box = browser.find_element(By.CSS_SELECTOR, "main input[data-autocomplete]")
    box.send_keys("NTRK")
    wait(browser, "main ul.ac li a")
    items = browser.find_elements(By.CSS_SELECTOR, "main ul.ac li a")
    texts = [i.text for i in items]
    assert any("fusion" in t for t in texts) and any("gene" in t for t in texts), texts
    shot(browser, "search-autocomplete")
    fusion = next(i for i in items if "fusion" in i.text)
    assert "partner gene" in fusion.text  # which name matched is shown
    fusion.click()
    wait(browser, "h1")
    assert "/fusion/" in browser.current_url
    assert "NTRK3" in browser.find_element(By.TAG_NAME, "h1").text
    shot(browser, "fusion")


def test_search_results_page_without_script(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    box = browser.find_element(By.CSS_SELECTOR, "header input[name=q]")
    box.send_keys("NTRK")
    browser.find_element(By.CSS_SELECTOR, "header form.search button").click()
    wait(browser, "ol.hits")
    assert "/search?q=NTRK" in browser.current_url
    shot(browser, "search")
    gene = next(a for a in browser.find_elements(By.CSS_SELECTOR, "ol.hits a.hit") if "GENE" in a.text.upper())
    gene.click()
    wait(browser, "h1")
    assert "/gene/NTRK" in browser.current_url
    shot(browser, "gene")


def test_open_an_entity_and_then_a_case(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/ontology/SolitaryFibrousTumor")
    assert browser.find_element(By.TAG_NAME, "h1").text == "solitary fibrous tumor"
    assert browser.find_element(By.CSS_SELECTOR, "svg.plot").is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, 'a[href*="evsexplore.semantics.cancer.gov"]')
    shot(browser, "tumor-type")
    browser.find_element(By.CSS_SELECTOR, 'a[href="/case/dev-001"]').click()
    wait(browser, "svg.timeline")
    assert browser.current_url.endswith("/case/dev-001")
    assert "solitary fibrous tumor" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_element(By.CSS_SELECTOR, "svg.spine.compact").is_displayed()
    shot(browser, "case")


def test_run_a_query_from_the_sparql_page(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/sparql")
    shot(browser, "sparql")
    browser.find_element(By.CSS_SELECTOR, 'aside.library a[href="/sparql?example=tumor-types-with-cases"]').click()
    wait(browser, "form.editor textarea")
    assert "tumor-types-with-cases" in browser.current_url
    browser.find_element(By.CSS_SELECTOR, "form.editor button:not([formaction])").click()
    wait(browser, "table.data")
    assert "/query?" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) > 5
    shot(browser, "query-results")


def _wait_file(folder, pattern, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        done = [p for p in folder.glob(pattern) if not p.name.endswith(".crdownload")]
        if done and done[0].stat().st_size > 0:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {pattern} downloaded into {folder}: {list(folder.iterdir())}")


def test_download_a_table(browser, server, downloads):
    from selenium.webdriver.common.by import By

    browser.get(server + "/browse?type=skg:SolitaryFibrousTumor")
    wait(browser, "table.data")
    shot(browser, "browse")
    browser.find_element(By.CSS_SELECTOR, "section.results .dl a[href*='download=cases']").click()
    f = _wait_file(downloads, "*cases*.csv")
    with f.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["case", "iri", "tumor type", "diagnosis"]
    assert len(rows) == 5 and all(r[3] == "solitary fibrous tumor" for r in rows[1:])


@pytest.mark.parametrize("name, path", [
    ("home", "/"), ("cases", "/cases"), ("vertebra", "/ontology/T11"), ("region", "/ontology/ThoracicSpine"),
    ("marker", "/marker/CD34"), ("drug", "/drug/doxorubicin"), ("procedure", "/ontology/TotalEnBlocSpondylectomy"),
    ("report", "/report/doi-10.1016-j.ijscr.2017.08.045"), ("case-with-drugs", "/case/dev-003"),
    ("ontology", "/ontology"), ("tumor-type", "/ontology/Chondrosarcoma"),
    ("not-found", "/no/such/page")])
def test_screenshots_of_every_page_type(browser, server, name, path):
    from selenium.webdriver.common.by import By

    browser.get(server + path)
    assert browser.find_element(By.TAG_NAME, "h1").text
    # no page loads anything from elsewhere, and the style sheet applied
    assert browser.execute_script("return getComputedStyle(document.querySelector('header.top')).display") != "inline"
    shot(browser, name)


@pytest.mark.parametrize("name, path", [("home", "/"), ("case", "/case/dev-008"), ("cases", "/cases"),
                                        ("ontology", "/ontology"), ("tumor-type", "/ontology/Chondrosarcoma"),
                                        ("browse", "/browse")])
def test_pages_fit_a_phone_screen(browser, server, name, path):
    """At 390 px nothing widens the page (wide tables scroll inside their cards), the spine map is on screen and
    the header search's placeholder is not cut."""
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        browser.get(server + path)
        width = browser.execute_script("return window.innerWidth")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
        box = browser.find_element(By.CSS_SELECTOR, "header.top input[type=search]")
        fits = browser.execute_script(
            "const el = arguments[0], c = document.createElement('canvas').getContext('2d');"
            "const s = getComputedStyle(el); c.font = s.fontSize + ' ' + s.fontFamily;"
            "const pad = parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);"
            "return c.measureText(el.placeholder).width + pad <= el.clientWidth;", box)
        assert fits, "the header search's placeholder is cut"
        for svg in browser.find_elements(By.CSS_SELECTOR, "svg.spine"):
            r = svg.rect
            assert r["x"] >= 0 and r["x"] + r["width"] <= width, (name, r)
        shot_phone = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(390, max(600, min(int(shot_phone) + 40, 4000)))
        browser.save_screenshot(str(ARTIFACTS / f"phone-{name}.png"))
    finally:
        browser.set_window_size(1280, 1000)
