"""The forest plot in the evidence map's panel, in a real browser; and its picture in docs/forest.png.

`CLAIMCHECK_UPDATE_SCREENSHOT=1 python -m pytest tests/test_forest_browser.py` rewrites docs/forest.png,
the README's picture of the worked example's plot, from what Chromium draws.
"""

from __future__ import annotations

import os
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from test_report_browser import browser, claim_button, open_page, problems, write_page  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser

PICTURE = ROOT / "docs" / "forest.png"


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB or RGBA PNG (PNG spec, section 9)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    step = 3 if colour == 2 else 4
    chunks, at = [], 8
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * step
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - step] if i >= step else 0
            b = previous[i]
            c = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i] for i in range(0, stride, step)) for r in rows]  # red channel


def dark_share(data: bytes) -> float:
    """The share of pixels darker than light grey: 0 for a blank picture."""
    width, height, rows = png_pixels(data)
    return sum(1 for row in rows for value in row if value < 160) / (width * height)


def test_the_map_panel_shows_the_forest_plot(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    example = ROOT / "examples" / "halvorex" / "claims.yaml"
    open_page(browser, write_page(example, tmp_path / "halvorex.html"))
    claim_button(browser, "stroke-risk").click()
    image = browser.find_element(By.CSS_SELECTOR, "#panel img.forest")
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return arguments[0].complete", image))
    assert image.get_attribute("alt") == "Forest plot of stroke-risk: 2 independent studies, risk ratio"
    assert image.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert browser.execute_script("return arguments[0].naturalWidth", image) == 780
    assert image.size["width"] > 300  # drawn in the panel, not collapsed
    plain = browser.find_element(By.CSS_SELECTOR, "#panel .plain-language").text
    assert plain == "Halvorex reduces the two-year risk of a first stroke."
    if os.environ.get("CLAIMCHECK_UPDATE_SCREENSHOT") == "1":
        (tmp_path / "panel.png").write_bytes(browser.get_screenshot_as_png())
        print("panel screenshot:", tmp_path / "panel.png")
    # claims with no pooled estimate have no plot
    browser.find_element(By.ID, "panel-close").click()
    claim_button(browser, "quality-of-life").click()
    assert browser.find_elements(By.CSS_SELECTOR, "#panel img.forest") == []
    assert problems(browser) == []


def test_a_picture_of_the_plot(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    from conftest import invoke

    svg = tmp_path / "stroke-risk.svg"
    assert invoke("plot", "stroke-risk", str(ROOT / "examples" / "halvorex" / "claims.yaml"), "-o", str(svg)).exit_code == 0
    browser.set_window_size(1000, 800)
    try:
        browser.get(svg.as_uri())
        picture = browser.find_element("css selector", "svg").screenshot_as_png
    finally:
        browser.set_window_size(1400, 1000)
    size = (780, int(ET.fromstring(svg.read_text(encoding="utf-8")).get("height", "0")))
    assert png_pixels(picture)[:2] == size
    assert 0.005 < dark_share(picture) < 0.2  # drawn, and not a black box
    if os.environ.get("CLAIMCHECK_UPDATE_SCREENSHOT") == "1":
        PICTURE.write_bytes(picture)
    committed = PICTURE.read_bytes()
    assert png_pixels(committed)[:2] == size
    assert 0.005 < dark_share(committed) < 0.2
