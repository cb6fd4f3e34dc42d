"""The evidence map in a real headless browser: Debian's Chromium, driven by selenium through chromedriver.

One browser serves every test here. Where no browser or driver is installed
(.ci/run installs them with apt-get), these tests are skipped and say why.
`CLAIMCHECK_UPDATE_SCREENSHOT=1 python -m pytest tests/test_report_browser.py`
also writes the README's screenshot, docs/report.png.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINIMAL_SOURCES, ROOT, invoke

pytestmark = pytest.mark.browser

SCREENSHOT = ROOT / "docs" / "report.png"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1400,1000")
# Run before any script of the page: record every alert, confirm, prompt and uncaught error.
WATCH = """
window.__dialogs = []; window.__errors = [];
['alert', 'confirm', 'prompt'].forEach(function (name) {
  window[name] = function (message) { window.__dialogs.push(name + ': ' + message); };
});
window.addEventListener('error', function (event) { window.__errors.push(String(event.message)); });
"""


def _find_browser() -> tuple[str, str] | str:
    """The paths of chromium and chromedriver, or why they cannot be used."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        return "no chromium and chromedriver on PATH (apt-get install chromium chromium-driver)"
    return chromium, driver


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    found = _find_browser()
    if isinstance(found, str):
        pytest.skip(f"browser tests need a browser: {found}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = found
    with tempfile.TemporaryDirectory(prefix="claimcheck-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # A Service with the driver's path: selenium then never looks for (or downloads) a driver itself.
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
            yield driver
        finally:
            driver.quit()


def write_page(registry: Path, target: Path, order: str = "registry") -> Path:
    """The report of a registry, written from the registry's folder (so the page names it by its file name);
    in registry order unless asked, so that tests can name rows by their place in the file."""
    here = Path.cwd()
    os.chdir(registry.parent)
    try:
        result = invoke("report", registry.name, "-o", str(target), "--order", order)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="session")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(ROOT / "claims.yaml", tmp_path_factory.mktemp("report") / "map.html")


def open_page(browser: Any, page: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.documentElement.getAttribute('data-ready')") == "true")


def problems(browser: Any) -> list[str]:
    """Console errors and warnings, uncaught errors and any alert since the last call."""
    logged = [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    return logged + browser.execute_script("var p = window.__errors.concat(window.__dialogs); "
                                           "window.__errors = []; window.__dialogs = []; return p;")


def visible_claims(browser: Any) -> list[str]:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#map tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.getAttribute('data-claim'));")


def bundled() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    return loaded


def stating_documents(registry: dict[str, Any]) -> list[str]:
    stated = {entry["source"] for claim in registry["claims"] for entry in claim["evidence"]}
    return [source["id"] for source in registry["sources"] if source["id"] in stated]


def claim_button(browser: Any, claim: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'button.claim-open[data-claim="{claim}"]')


def panel_open(browser: Any) -> bool:
    return bool(browser.execute_script("return document.getElementById('panel').open"))


def active_claim(browser: Any) -> str | None:
    result: str | None = browser.execute_script("return document.activeElement.getAttribute('data-claim')")
    return result


# --------------------------------------------------------------------- tests

def test_the_map_shows_every_claim_and_document_with_no_console_error(browser: Any, bundled_page: Path) -> None:
    open_page(browser, bundled_page)
    registry = bundled()
    assert visible_claims(browser) == [claim["id"] for claim in registry["claims"]]
    headers = browser.execute_script(
        "return Array.from(document.querySelectorAll('#map thead th.doc .doc-id')).map(h => h.textContent)")
    assert headers == stating_documents(registry)
    row = browser.execute_script(
        "var r = document.querySelector('tr[data-claim=\"overall-motile-sperm\"]');"
        "return Array.from(r.children).map(c => [c.className, c.innerText.replace(/\\s+/g, ' ').trim()]);")
    assert row[1] == ["status", "✗ conflict (accepted) ●○○○ very-low"]
    # Each value marked by its own verdicts: the news item's "some" agrees with every value; its 11/30
    # and the blog's own 11/30 (37%) meet the blog's "most".
    assert row[2:4] == [["cell stated values", "11/30 ✗ conflict (accepted) some ✓ agree"],
                        ["cell stated values",
                         "11/30 (37%) ✗ conflict (accepted) over a third ✓ agree most ✗ conflict (accepted)"]]
    values = browser.execute_script(
        "return Array.from(document.querySelectorAll('tr[data-claim=\"overall-motile-sperm\"] li.value'))"
        ".map(li => li.className);")
    assert values == ["value v-conflict", "value v-agree", "value v-conflict", "value v-agree", "value v-conflict"]
    assert [cell[0] for cell in row[4:]] == ["cell empty"] * 3
    summary = browser.execute_script("return document.getElementById('summary').innerText.replace(/\\s+/g, ' ')")
    assert summary.startswith("64 claims in 5 documents 2 conflicts 2 tensions 16 agree 44 single source 2 accepted")
    assert problems(browser) == []


def test_the_map_opens_worst_first_in_one_page_scroll(browser: Any, tmp_path: Path) -> None:
    page = write_page(ROOT / "claims.yaml", tmp_path / "worst.html", order="worst")
    open_page(browser, page)
    shown = visible_claims(browser)
    statuses = {claim: status for claim, status in browser.execute_script(
        "return Array.from(document.querySelectorAll('#map tbody tr'))"
        ".map(r => [r.getAttribute('data-claim'), r.querySelector('td.status').innerText]);")}
    assert shown[:2] == ["overall-motile-sperm", "use-outside-trials"]
    assert [statuses[claim].split()[1] for claim in shown[:4]] == ["conflict", "conflict", "tension", "tension"]
    assert browser.execute_script("return document.getElementById('sort').value") == "worst"
    assert problems(browser) == []


def test_clicking_a_claim_opens_its_panel(browser: Any, bundled_page: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, bundled_page)
    claim_button(browser, "overall-motile-sperm").click()
    assert panel_open(browser)
    panel = browser.find_element(By.ID, "panel")
    assert panel.find_element(By.ID, "panel-title").text == "overall-motile-sperm"
    quotes = [q.text for q in panel.find_elements(By.CSS_SELECTOR, "blockquote")]
    claim = next(c for c in bundled()["claims"] if c["id"] == "overall-motile-sperm")
    assert quotes == [entry["quote"] for entry in claim["evidence"]]
    assert [e.text for e in panel.find_elements(By.CSS_SELECTOR, ".where")] == [
        "(line 3 of the document)", "(line 3 of the document)", "(line 99 of the document)",
        "(line 194 of the document)", "(line 211 of the document)"]
    shown = json.loads(invoke("show", "overall-motile-sperm", "--format", "json").output)["claim"]
    assert [li.text for li in panel.find_elements(By.CSS_SELECTOR, ".reasons li")] == shown["reasons"]
    assert [p.text for p in panel.find_elements(By.CSS_SELECTOR, ".pairs .reason")] == [
        pair["reason"] for pair in shown["pairs"]]
    assert panel.find_element(By.CSS_SELECTOR, ".tree").text.split("\n") == [
        "aksoy-blog-2025", "jessup-2025", "isotretinoin-case-report", "aresperm-trial",
        "news-isotretinoin-infertility", "jessup-2025"]
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not panel_open(browser)
    assert active_claim(browser) == "overall-motile-sperm"  # focus back where it was
    assert problems(browser) == []


def test_a_claim_with_pooled_studies_shows_its_pooled_estimate(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    example = ROOT / "examples" / "halvorex" / "claims.yaml"
    open_page(browser, write_page(example, tmp_path / "halvorex.html"))
    claim_button(browser, "stroke-risk").click()
    panel = browser.find_element(By.ID, "panel")
    headings = [h.get_attribute("textContent") for h in panel.find_elements(By.CSS_SELECTOR, "h3")]  # CSS upper-cases
    assert "Pooled (2 independent studies, risk ratio)" in headings
    shown = json.loads(invoke("show", "stroke-risk", str(example), "--format", "json").output)["claim"]
    assert [li.text for li in panel.find_elements(By.CSS_SELECTOR, ".pooled li")] == shown["pooled"]["summary"]
    assert problems(browser) == []


def test_the_keyboard_reaches_and_opens_a_claim(browser: Any, bundled_page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, bundled_page)
    keys = ActionChains(browser)
    presses = 0
    while active_claim(browser) is None:
        presses += 1
        assert presses < 20, "no claim within 20 presses of Tab"
        keys.send_keys(Keys.TAB).perform()
    assert active_claim(browser) == "overall-motile-sperm"
    outline = browser.execute_script("var s = getComputedStyle(document.activeElement); "
                                     "return [s.outlineStyle, s.outlineWidth];")
    assert outline == ["solid", "3px"]  # the focus shows
    keys.send_keys(Keys.ENTER).perform()
    assert panel_open(browser)
    assert browser.switch_to.active_element.get_attribute("id") == "panel-close"
    keys.send_keys(Keys.ESCAPE).perform()
    assert not panel_open(browser) and active_claim(browser) == "overall-motile-sperm"
    keys.send_keys(Keys.TAB).send_keys(Keys.SPACE).perform()
    assert panel_open(browser)
    assert browser.find_element("id", "panel-title").text == "study-sample-size"
    keys.send_keys(Keys.ENTER).perform()  # on the focused close button
    assert not panel_open(browser) and active_claim(browser) == "study-sample-size"
    assert problems(browser) == []


def test_filters_hide_rows(browser: Any, bundled_page: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, bundled_page)
    listed = json.loads(invoke("list", str(ROOT / "claims.yaml"), "--format", "json").output)["claims"]

    def ids(keep: Any) -> list[str]:
        return [row["claim"] for row in listed if keep(row)]

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("conflict")
    assert visible_claims(browser) == ids(lambda row: row["status"] == "conflict") == [
        "overall-motile-sperm", "use-outside-trials"]
    assert browser.find_element(By.ID, "shown").text == "Showing 2 of 64 claims"
    Select(browser.find_element(By.ID, "filter-status")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-tag")).select_by_value("efficacy")
    Select(browser.find_element(By.ID, "filter-source")).select_by_value("eczema-article")
    assert visible_claims(browser) == ids(lambda row: "efficacy" in row["tags"] and "eczema-article" in {
        value["source"] for value in row["values"]}) == ["effective-for-severe-acne", "benefits-in-eczema"]
    browser.find_element(By.ID, "filter-reset").click()
    browser.find_element(By.ID, "filter-text").send_keys("over a third")
    assert visible_claims(browser) == ["overall-motile-sperm"]
    browser.find_element(By.ID, "filter-reset").click()
    browser.find_element(By.CSS_SELECTOR, "#summary li.v-tension button").click()
    assert visible_claims(browser) == ids(lambda row: row["status"] == "tension")
    browser.find_element(By.ID, "filter-reset").click()
    assert len(visible_claims(browser)) == 64
    assert problems(browser) == []


def test_printing_hides_the_controls_and_unrolls_the_map(browser: Any, bundled_page: Path) -> None:
    open_page(browser, bundled_page)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        styles = browser.execute_script(
            "var s = id => getComputedStyle(document.getElementById(id));"
            "return [s('filters').display, s('map-wrap').overflow, s('map-wrap').maxHeight];")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert styles == ["none", "visible", "none"]
    # A claim open when printing prints after the map, and is gone again afterwards.
    claim_button(browser, "use-outside-trials").click()
    printed = browser.execute_script(
        "window.dispatchEvent(new Event('beforeprint'));"
        "var during = document.getElementById('print-panel').innerText;"
        "window.dispatchEvent(new Event('afterprint'));"
        "return [during, document.getElementById('print-panel').innerText];")
    assert printed[0].startswith("use-outside-trials\n\nIsotretinoin should be used to treat male infertility")
    assert "You should give it a try." in printed[0] and printed[1] == ""
    assert problems(browser) == []


HOSTILE = """\
version: 1
sources:
  - id: study-a
    title: "Study </script><script>alert('title')</script>"
    type: study
    design: cohort
    sample_size: 30
  - id: news-a
    title: "News \\"><img src=x onerror=alert('img')>"
    type: news
    cites: [study-a]
  - id: blog-b
    title: "<!-- <script>alert(3)</script>"
    type: blog
    cites: [study-a]
claims:
  - id: response
    statement: "Share who responded <script>alert(1)</script> \\"><img src=x onerror=alert(1)>"
    population: "</script><!--<script>alert(4)</script>"
    note: "&lt;b&gt;not bold&lt;/b&gt; & <b>not bold either</b>"
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men </script><script>alert(5)</script>"
      - source: blog-b
        says: most
        quote: "\\"><img src=x onerror=alert(6)> <svg onload=alert(7)>"
"""


def test_a_hostile_registry_shows_as_text(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    registry = tmp_path / "claims.yaml"
    registry.write_text(HOSTILE, encoding="utf-8")
    open_page(browser, write_page(registry, tmp_path / "map.html"))
    claim_button(browser, "response").click()
    statement = "Share who responded <script>alert(1)</script> \"><img src=x onerror=alert(1)>"
    assert browser.find_element(By.CSS_SELECTOR, "button.claim-open .statement").text == statement
    assert browser.find_element(By.ID, "panel-statement").text == statement
    assert [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#panel blockquote")] == [
        "11 of 30 men </script><script>alert(5)</script>", "\"><img src=x onerror=alert(6)> <svg onload=alert(7)>"]
    facts = browser.find_element(By.CSS_SELECTOR, "#panel .facts").text
    assert "</script><!--<script>alert(4)</script>" in facts
    assert "&lt;b&gt;not bold&lt;/b&gt; & <b>not bold either</b>" in facts
    titles = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#documents tbody td:nth-child(2)")]
    assert titles == ["Study </script><script>alert('title')</script>", "News \"><img src=x onerror=alert('img')>",
                      "<!-- <script>alert(3)</script>"]
    injected = browser.execute_script(
        "return ['script', 'img', 'svg', 'iframe', 'object'].map(t => document.getElementsByTagName(t).length)")
    assert injected == [2, 0, 0, 0, 0]  # the page's own two scripts, nothing else
    assert problems(browser) == []


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_screenshot_of_the_map(browser: Any, bundled_page: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(1400, 1200)
    try:
        open_page(browser, bundled_page)
        Select(browser.find_element(By.ID, "sort")).select_by_value("worst")
        browser.execute_script("document.activeElement.blur()")
        assert visible_claims(browser)[:4] == ["overall-motile-sperm", "use-outside-trials", "study-is-conclusive",
                                               "paternal-exposure-safe-for-child"]
        picture = browser.get_screenshot_as_png()
    finally:
        browser.set_window_size(1400, 1000)
    assert _png_size(picture)[0] >= 1200
    if os.environ.get("CLAIMCHECK_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.write_bytes(picture)
    assert _png_size(SCREENSHOT.read_bytes())[0] >= 1200
    assert SCREENSHOT.stat().st_size < 400_000


def test_a_claim_with_errors_shows_a_not_checked_badge(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from test_unchecked import REPRODUCER

    (tmp_path / "claims.yaml").write_text(REPRODUCER, encoding="utf-8")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = invoke("report", "claims.yaml", "-o", "map.html", "--order", "registry")
    finally:
        os.chdir(here)
    assert result.exit_code == 1
    open_page(browser, tmp_path / "map.html")
    assert visible_claims(browser) == ["good", "broken"]
    row = browser.execute_script(
        "var r = document.querySelector('tr[data-claim=\"broken\"]');"
        "return Array.from(r.children).map(c => [c.className, c.innerText.replace(/\\s+/g, ' ').trim()]);")
    assert row[1] == ["status", "! not checked 1 error"]
    assert row[2:] == [["cell empty", "not stated"], ["cell stated v-not-checked", "5 out of ! not checked"]]
    good = browser.execute_script(
        "return document.querySelector('tr[data-claim=\"good\"] td.status').innerText.replace(/\\s+/g, ' ').trim()")
    assert good == "✗ conflict ●○○○ very-low"
    summary = browser.execute_script("return document.getElementById('summary').innerText.replace(/\\s+/g, ' ')")
    assert "1 not checked (has errors)" in summary
    Select(browser.find_element(By.ID, "filter-status")).select_by_value("not-checked")
    assert visible_claims(browser) == ["broken"]
    Select(browser.find_element(By.ID, "filter-status")).select_by_value("")
    Select(browser.find_element(By.ID, "sort")).select_by_value("worst")
    assert visible_claims(browser) == ["broken", "good"]
    claim_button(browser, "broken").click()
    panel = browser.find_element(By.ID, "panel")
    assert panel.find_element(By.ID, "panel-badges").text == "! not checked"
    assert panel.find_element(By.CSS_SELECTOR, ".not-checked-note").text == (
        "Not checked: 1 error. No verdict nor grade until they are fixed; claimcheck validate lists them.")
    assert [q.text for q in panel.find_elements(By.CSS_SELECTOR, "blockquote")] == ["about 5%"]
    assert problems(browser) == []


SILENCED = MINIMAL_SOURCES + """\
claims:
  - id: response
    statement: Share who responded
    evidence:
      - source: news-a
        says: 11/30 (40%)
        quote: "11 of 30 men (40%)"
        ignore: [CC303]
"""


def test_a_silenced_finding_is_marked_in_the_cell_and_the_panel(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(SILENCED, encoding="utf-8")
    open_page(browser, write_page(tmp_path / "claims.yaml", tmp_path / "map.html"))
    cell = browser.execute_script(
        "return document.querySelector('tr[data-claim=\"response\"] li.value').innerText.replace(/\\s+/g, ' ').trim();")
    assert cell == "11/30 (40%) • single source ⊝ silenced: CC303"
    claim_button(browser, "response").click()
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('#panel .silenced-mark')).map(m => m.innerText);")
    assert marks == ["⊝ silenced: CC303"]
    assert problems(browser) == []


def test_the_map_scrolls_with_the_page_and_keeps_its_header_in_view(browser: Any, bundled_page: Path) -> None:
    open_page(browser, bundled_page)
    wrap = browser.execute_script(
        "var w = document.getElementById('map-wrap'); return [w.scrollHeight, w.clientHeight];")
    assert wrap[0] == wrap[1]  # no scroll box inside the page
    top = browser.execute_script(
        "var map = document.getElementById('map'); window.scrollTo(0, map.offsetTop + 1500);"
        "return document.querySelector('#map thead th').getBoundingClientRect().top;")
    assert top == 0
    browser.execute_script("window.scrollTo(0, 0);")
