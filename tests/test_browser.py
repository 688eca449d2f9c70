"""The published pages in a real browser: headless Chromium from the distribution, driven by
selenium through the distribution's chromedriver.

One page of each kind is opened at 1280 px and at 390 px (a phone): every page that is not a report
(the indexes, the data pages) and, for each notebook and language, its report with the most to lay
out (the largest page; the other reports of a notebook are the same template with other figures).
On each: no console error, every image loaded, every chart's text at least 10 px high as drawn,
``<html lang>`` right, and the links to the other-language twin and to the index lead to existing
pages. What depends on a page's own content (a wide table, a long word) is measured on every page:
each is loaded once more lightly (no wait for its images), at 1280 px and again at 390 px, for no
horizontal scroll, on a phone no element wider than the window, on a desktop every table within the
column. What can be read from the HTML without a browser (language, title, links, pictures
published) is checked on every page by tests/test_pages_static.py. Screenshots of the indexes and of three
reports per language (and at 390 px of the indexes, the overviews and the profiles) go to
``test-artifacts/screenshots/`` (kept by CI when a run fails).

Without Chromium the tests skip and say how to install it. ``CHROMIUM`` and ``CHROMEDRIVER`` point
to other binaries; ``PAGES_OUTPUTS=outputs`` tests an existing build instead of building one.
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

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]  # one build of the site per session

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


def _viewport(driver, width: int, height: int, mobile: bool) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def _path_of(url: str) -> Path | None:
    u = urlparse(url)
    return Path(unquote(u.path)) if u.scheme == "file" else None


def _html_lang(path: Path) -> str | None:
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


def _visit(driver, page: Page, size) -> dict:
    _viewport(driver, *size)
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


@pytest.fixture(scope="module")
def visits(site, browser):
    """One page of each kind (:func:`one_of_each_kind`) opened at each width:
    {(page, width name): what was seen}."""
    found = one_of_each_kind(site)
    assert any(p.kind == "report" for p in found), f"no report page under {site}"
    return {(p, w): _visit(browser, p, size) for p in found for w, size in WIDTHS.items()}


# What depends on a page's own content, in one call: [scrollWidth, clientWidth, wide], tables, phone.
LAYOUT = "return [" + ", ".join(f"(function () {{{js}}})()" for js in (SCROLL, TABLES, PHONE_WIDE)) + "];"


@pytest.fixture(scope="module")
def layouts(site, browser, visits):
    """Every page the visits did not open, loaded once at 1280 px (without waiting for its images,
    which have their sizes) and measured there and at 390 px: {(page, width name): what was seen}."""
    seen, out = {p for p, _ in visits}, {}
    for page in pages(site):
        if page in seen:
            continue
        _viewport(browser, *WIDTHS["desktop"])
        browser.get(page.url)
        for wname, size in WIDTHS.items():
            _viewport(browser, *size)
            (width, window, wide), tables, phone_wide = browser.execute_script(LAYOUT)
            out[(page, wname)] = {
                "scroll": (width, window, wide) if width > window else None,
                "tables": tables,
                "phone_wide": phone_wide if size[2] else [],
            }
    return {**out, **visits}


def test_one_page_of_each_kind_is_visited(site, visits):
    """Each notebook's reports, in each language, and every page that is not a report are visited."""
    import json

    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))["reports"]
    kinds = {(rec["notebook"], rec["parameters"].get("lang", "en")) for rec in manifest.values()}
    seen = {p for p, _ in visits}
    assert {(manifest[p.name]["notebook"], p.lang) for p in seen if p.kind == "report"} == kinds
    assert {p for p in pages(site) if p.kind != "report"} <= seen


def _rel(site: Path, page: Page) -> str:
    return str(page.path.relative_to(site))


def test_no_console_errors(site, visits):
    bad = [f"{_rel(site, p)} ({w}): {v['errors']}" for (p, w), v in visits.items() if v["errors"]]
    assert not bad, "console errors:\n" + "\n".join(bad)


def test_every_image_loads(site, visits):
    bad = [
        f"{_rel(site, p)}: {v['broken']}" for (p, w), v in visits.items() if w == "desktop" and v["broken"]
    ]
    assert not bad, "images that did not load:\n" + "\n".join(bad)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_horizontal_scroll(site, layouts, width):
    assert {p for p, _ in layouts} == set(pages(site))  # every page measured
    bad = [
        f"{_rel(site, p)}: page {v['scroll'][0]} px wide in a {v['scroll'][1]} px window; wide: {v['scroll'][2]}"
        for (p, w), v in layouts.items()
        if w == width and v["scroll"]
    ]
    assert not bad, f"horizontal scroll at {WIDTHS[width][0]} px:\n" + "\n".join(bad)


def test_nothing_is_wider_than_a_phone(site, layouts):
    """At 390 px no element, tables included, runs past the window: a wide table is stacked, a row
    a block (site.css), not scrolled sideways."""
    bad = [
        f"{_rel(site, p)}: {v['phone_wide']}"
        for (p, w), v in layouts.items()
        if w == "phone" and v["phone_wide"]
    ]
    assert not bad, "elements wider than a 390 px phone:\n" + "\n".join(bad)


def _smallest_text(svg: Path) -> tuple[float, float]:
    """An SVG chart's smallest font size and its width, both in the units of its viewBox."""
    text = svg.read_text(encoding="utf-8")
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"', text).group(1))
    sizes = [float(x) for x in re.findall(r"font-size: ?([\d.]+)px", text)]
    return min(sizes), width


@pytest.mark.parametrize("width", list(WIDTHS))
def test_chart_text_is_at_least_10_px(site, visits, width):
    """Every chart's smallest text, at the width the page draws it, is 10 px or more: on a phone the
    page shows the chart drawn narrow (its <picture> source), whose text keeps its size."""
    bad, seen = [], 0
    for (p, w), v in visits.items():
        if w != width:
            continue
        for src, drawn in v["charts"]:
            path = _path_of(src)
            if path is None or path.suffix != ".svg" or not drawn:
                continue
            smallest, units = _smallest_text(path)
            seen += 1
            if smallest * drawn / units < 10:
                bad.append(
                    f"{_rel(site, p)}: {path.name}: {smallest * drawn / units:.1f} px at {drawn:.0f} px wide"
                )
    assert seen, f"no chart measured at {width}"
    assert not bad, f"chart text under 10 px at {WIDTHS[width][0]} px:\n" + "\n".join(bad)


def test_tables_fit_the_column_on_a_desktop(site, layouts):
    """At 1280 px every table fits the text column: a table that scrolls sideways hides columns from
    a reader who does not think to scroll (on a phone, tables may scroll)."""
    bad = [
        f"{_rel(site, p)}: table {wide} px wide in {room} px (section {head.strip()!r})"
        for (p, w), v in layouts.items()
        if w == "desktop"
        for wide, room, head in v["tables"]
    ]
    assert not bad, "tables wider than the column at 1280 px:\n" + "\n".join(bad)


def test_html_lang_and_title(site, visits):
    bad = []
    for (p, w), v in visits.items():
        if w != "desktop":
            continue
        if v["lang"] != p.lang:
            bad.append(f"{_rel(site, p)}: <html lang={v['lang']!r}>, expected {p.lang!r}")
        if not v["title"] or v["title"].strip().lower() == "notebook":
            bad.append(f"{_rel(site, p)}: browser title {v['title']!r}")
    assert not bad, "\n".join(bad)


def test_twin_and_index_links_lead_to_existing_pages(site, visits):
    indexes = {p.path.resolve(): p.lang for p in pages(site) if p.kind == "index"}
    assert set(indexes.values()) == set(LANGS), f"an index per language expected, found {indexes}"
    bad = []
    for (p, w), v in visits.items():
        if w != "desktop":
            continue
        where = _rel(site, p)
        twins = [(lang, url) for lang, url in v["twins"] if lang != p.lang]
        if not twins:
            bad.append(f"{where}: no link to its other-language twin (a[rel=alternate][hreflang])")
        for lang, url in twins:
            target = _path_of(url)
            if target is None or not target.is_file():
                bad.append(f"{where}: twin link {url} leads nowhere")
            elif _html_lang(target) != lang:
                bad.append(f"{where}: twin link {url} declares hreflang={lang} but the page is not in it")
        if p.kind == "index":
            continue
        if not v["index"]:
            bad.append(f"{where}: no link to the index (a[data-link=index])")
        for url in v["index"]:
            target = _path_of(url)
            if target is None or target.resolve() not in indexes:
                bad.append(f"{where}: index link {url} is not an index page")
            elif indexes[target.resolve()] != p.lang:
                bad.append(f"{where}: index link {url} leads to the index in another language")
    assert not bad, "\n".join(bad)


def _showcase(found: list[Page]) -> list[Page]:
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


def test_screenshots(site, browser, visits):
    """Full-page screenshots for people to look at; fails only when one cannot be taken."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    taken = []
    for page in _showcase(pages(site)):
        stem = page.name.replace("/", "_").removesuffix(".html").replace(".", "-")
        for wname, (width, height, mobile) in WIDTHS.items():
            if (
                wname == "phone"
                and page.kind != "index"
                and not page.name.startswith(("overview", "profile-"))
            ):
                continue
            _viewport(browser, width, height, mobile)
            browser.get(page.url)
            full = browser.execute_script("return document.documentElement.scrollHeight")
            _viewport(browser, width, min(max(full, height), 12000), mobile)
            out = SCREENSHOTS / f"{stem}-{wname}.png"
            assert browser.save_screenshot(str(out)), f"no screenshot of {page.path}"
            taken.append(out.name)
    assert len([t for t in taken if t.endswith("desktop.png")]) >= 2 + 3 * len(LANGS), taken


PROVINCE_PAGES = {  # report -> the chart files (by name) the page must show, loaded
    "provinces-{lang}": ("tiles_{lang}.svg", "dti_rank_heatmap_{lang}.svg"),
    "province-VN-N37-{lang}": ("dti_rank_VN-N37_{lang}.svg",),  # formed on 1 July 2025 from three
}


def _ranks_held() -> int:
    """How many provincial DTI ranks the record holds. With none, the heatmap and a profile's rank
    chart are cards that say no figure was found, and the tile map marks every tile missing."""
    from helpers.data import load_figures

    return int((load_figures(["dti_rank"])["entity"] != "VNM").sum())


@pytest.mark.parametrize("lang", LANGS)
def test_province_pages_show_the_tile_map_the_heatmap_and_a_profile(site, browser, lang):
    """The provinces page and a province's profile in each language, as a reader sees them: the tile
    map, the heatmap and the profile's rank chart load as images; full-page screenshots go to
    test-artifacts/screenshots/ (after test_screenshots, which empties the folder)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = {p.name: p for p in pages(site)}
    for template, charts in PROVINCE_PAGES.items():
        page = found[template.format(lang=lang)]
        _viewport(browser, 1280, 900, False)
        browser.get(page.url)
        full = browser.execute_script("return document.documentElement.scrollHeight")
        _viewport(browser, 1280, min(max(full, 900), 16000), False)
        for _ in range(50):
            if browser.execute_script(ALL_LOADED):
                break
            time.sleep(0.1)
        loaded = browser.execute_script(
            "return Array.from(document.images).filter(i => i.naturalWidth > 0).map(i => i.getAttribute('src'))"
        )
        for chart in charts:
            name = chart.format(lang=lang)
            if not _ranks_held():  # nothing to chart: a card says so instead
                assert browser.execute_script("return document.querySelectorAll('.card').length"), page.name
                continue
            assert any(src.endswith("/" + name) for src in loaded), (
                f"{page.name}: {name} not shown ({loaded})"
            )
        out = SCREENSHOTS / f"{page.name}-desktop.png"
        assert browser.save_screenshot(str(out)), f"no screenshot of {page.path}"
