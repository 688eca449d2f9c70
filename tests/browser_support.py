"""The browser the page tests drive (test_browser.py, test_browser_furniture.py,
test_browser_reuse.py): the ``browser`` fixture (headless Chromium from the distribution, driven by
selenium through the distribution's chromedriver; it skips, saying how to install them, when they
are missing), the two widths, the scripts that measure a page, a visit of one page, the pages of
each kind, and what the screenshots and the provinces' pages show.

A test module takes the fixture by importing it (``from browser_support import browser``): it is
module-scoped, so each module starts its own browser.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from helpers.paths import PROJECT_DIR
from pages_support import LANGS, Page, pages

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = PROJECT_DIR / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}
INSTALL = "apt-get install chromium chromium-driver (Debian/Ubuntu), or set CHROMIUM and CHROMEDRIVER"


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium missing: make venv installs it")
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not (shutil.which(binary) or Path(binary).exists()):
            pytest.skip(f"{binary} not found; to run the browser tests: {INSTALL}")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def viewport(driver, width: int, height: int, mobile: bool) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def path_of(url: str) -> Path | None:
    u = urlparse(url)
    return Path(unquote(u.path)) if u.scheme == "file" else None


def html_lang(path: Path) -> str | None:
    m = re.search(r"<html[^>]*\blang=\"([^\"]*)\"", path.read_text(encoding="utf-8")[:2000])
    return m.group(1) if m else None


ALL_LOADED = """
const imgs = Array.from(document.images);
return imgs.every(i => i.complete);
"""
BROKEN = """
return Array.from(document.images).filter(i => !(i.naturalWidth > 0))
  .map(i => (i.getAttribute('src') || '').slice(0, 80));
"""
SCROLL = """
const d = document.documentElement;
return [d.scrollWidth, d.clientWidth, Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1
          && getComputedStyle(e).position !== 'fixed')
  .filter(e => !e.closest('[data-scroll], .table-scroll'))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))];
"""
TABLES = """
return Array.from(document.querySelectorAll('.table-scroll'))
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => {
    let h = e.previousElementSibling;  // the nearest heading before the table names it
    while (h && !/^H[1-3]$/.test(h.tagName)) h = h.previousElementSibling;
    return [e.scrollWidth, e.clientWidth, h ? h.textContent : ''];
  });
"""
# On a phone nothing may be wider than the window, tables included (a wide table is stacked).
PHONE_WIDE = """
const w = document.documentElement.clientWidth;
return Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed')
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '')
                        + ' ' + Math.round(e.getBoundingClientRect().right) + ' px');
"""
# Each chart's picture as shown: the file the browser chose and the width it is drawn at.
CHARTS = """
return Array.from(document.querySelectorAll('figure.chart img'))
  .map(i => [i.currentSrc || i.src, i.getBoundingClientRect().width]);
"""
LINKS = """
const lang = document.documentElement.getAttribute('lang');
const twins = Array.from(document.querySelectorAll('a[rel~="alternate"][hreflang]'))
  .map(a => [a.getAttribute('hreflang'), a.href]);
const index = Array.from(document.querySelectorAll('a[data-link="index"]')).map(a => a.href);
return [lang, twins, index, document.title];
"""


def visit(driver, page: Page, size) -> dict:
    viewport(driver, *size)
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(page.url)
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight);")
    for _ in range(50):
        if driver.execute_script(ALL_LOADED):
            break
        time.sleep(0.1)
    driver.execute_script("window.scrollTo(0, 0);")
    scroll_width, client_width, wide = driver.execute_script(SCROLL)
    lang, twins, index, title = driver.execute_script(LINKS)
    return {
        "phone_wide": driver.execute_script(PHONE_WIDE) if size[2] else [],
        "charts": driver.execute_script(CHARTS),
        "errors": [e["message"][:200] for e in driver.get_log("browser") if e.get("level") == "SEVERE"],
        "broken": driver.execute_script(BROKEN),
        "scroll": (scroll_width, client_width, wide) if scroll_width > client_width else None,
        "tables": driver.execute_script(TABLES),
        "lang": lang,
        "twins": twins,
        "index": index,
        "title": title,
    }


def one_of_each_kind(site: Path) -> list[Page]:
    """Every page that is not a report, and for each notebook and language the report whose page is
    the largest (the most text, tables and charts to lay out)."""
    import json

    found = pages(site)
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))["reports"]
    largest: dict[tuple[str, str], Page] = {}
    for p in found:
        if p.kind == "report":
            key = (manifest[p.name]["notebook"], p.lang)
            if key not in largest or p.path.stat().st_size > largest[key].path.stat().st_size:
                largest[key] = p
    return [p for p in found if p.kind != "report"] + sorted(largest.values(), key=lambda p: p.name)


# What depends on a page's own content, in one call: [scrollWidth, clientWidth, wide], tables, phone.
LAYOUT = "return [" + ", ".join(f"(function () {{{js}}})()" for js in (SCROLL, TABLES, PHONE_WIDE)) + "];"


def rel(site: Path, page: Page) -> str:
    return str(page.path.relative_to(site))


def smallest_text(svg: Path) -> tuple[float, float]:
    """An SVG chart's smallest font size and its width, both in the units of its viewBox."""
    text = svg.read_text(encoding="utf-8")
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"', text).group(1))
    sizes = [float(x) for x in re.findall(r"font-size: ?([\d.]+)px", text)]
    return min(sizes), width


def showcase(found: list[Page]) -> list[Page]:
    """The indexes and three reports per language: overview, UN ranking and one indicator profile."""
    chosen = [p for p in found if p.kind == "index"]
    for lang in LANGS:
        reports = [p for p in found if p.kind == "report" and p.lang == lang]
        for prefix in ("overview", "egov-ranking", "profile-"):
            pick = next((p for p in reports if p.name.startswith(prefix) and p not in chosen), None)
            chosen.append(pick) if pick else None
        for p in reports:  # fewer than three matched: take any others
            if sum(c.kind == "report" and c.lang == lang for c in chosen) >= 3:
                break
            if p not in chosen:
                chosen.append(p)
    return chosen


PROVINCE_PAGES = {  # report -> the chart files (by name) the page must show, loaded
    "provinces-{lang}": ("tiles_{lang}.svg", "dti_rank_heatmap_{lang}.svg"),
    "province-VN-N37-{lang}": ("dti_rank_VN-N37_{lang}.svg",),  # formed on 1 July 2025 from three
}


def ranks_held() -> int:
    """How many provincial DTI ranks the record holds. With none, the heatmap and a profile's rank
    chart are cards that say no figure was found, and the tile map marks every tile missing."""
    from helpers.data import load_figures

    return int((load_figures(["dti_rank"])["entity"] != "VNM").sum())
