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
The browser, the measuring scripts and the choice of pages are in browser_support.py.
"""

from __future__ import annotations

import time

import pytest

from browser_support import (
    ALL_LOADED,
    LAYOUT,
    PROVINCE_PAGES,
    SCREENSHOTS,
    WIDTHS,
    browser,  # noqa: F401 (the fixture)
    html_lang,
    one_of_each_kind,
    path_of,
    ranks_held,
    rel,
    showcase,
    smallest_text,
    viewport,
    visit,
)
from pages_support import LANGS, pages

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]  # one build of the site per session


@pytest.fixture(scope="module")
def visits(site, browser):  # noqa: F811
    """One page of each kind (:func:`one_of_each_kind`) opened at each width:
    {(page, width name): what was seen}."""
    found = one_of_each_kind(site)
    assert any(p.kind == "report" for p in found), f"no report page under {site}"
    return {(p, w): visit(browser, p, size) for p in found for w, size in WIDTHS.items()}


@pytest.fixture(scope="module")
def layouts(site, browser, visits):  # noqa: F811
    """Every page the visits did not open, loaded once at 1280 px (without waiting for its images,
    which have their sizes) and measured there and at 390 px: {(page, width name): what was seen}."""
    seen, out = {p for p, _ in visits}, {}
    for page in pages(site):
        if page in seen:
            continue
        viewport(browser, *WIDTHS["desktop"])
        browser.get(page.url)
        for wname, size in WIDTHS.items():
            viewport(browser, *size)
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


def test_no_console_errors(site, visits):
    bad = [f"{rel(site, p)} ({w}): {v['errors']}" for (p, w), v in visits.items() if v["errors"]]
    assert not bad, "console errors:\n" + "\n".join(bad)


def test_every_image_loads(site, visits):
    bad = [f"{rel(site, p)}: {v['broken']}" for (p, w), v in visits.items() if w == "desktop" and v["broken"]]
    assert not bad, "images that did not load:\n" + "\n".join(bad)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_horizontal_scroll(site, layouts, width):
    assert {p for p, _ in layouts} == set(pages(site))  # every page measured
    bad = [
        f"{rel(site, p)}: page {v['scroll'][0]} px wide in a {v['scroll'][1]} px window; wide: {v['scroll'][2]}"
        for (p, w), v in layouts.items()
        if w == width and v["scroll"]
    ]
    assert not bad, f"horizontal scroll at {WIDTHS[width][0]} px:\n" + "\n".join(bad)


def test_nothing_is_wider_than_a_phone(site, layouts):
    """At 390 px no element, tables included, runs past the window: a wide table is stacked, a row
    a block (site.css), not scrolled sideways."""
    bad = [
        f"{rel(site, p)}: {v['phone_wide']}"
        for (p, w), v in layouts.items()
        if w == "phone" and v["phone_wide"]
    ]
    assert not bad, "elements wider than a 390 px phone:\n" + "\n".join(bad)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_chart_text_is_at_least_10_px(site, visits, width):
    """Every chart's smallest text, at the width the page draws it, is 10 px or more: on a phone the
    page shows the chart drawn narrow (its <picture> source), whose text keeps its size."""
    bad, seen = [], 0
    for (p, w), v in visits.items():
        if w != width:
            continue
        for src, drawn in v["charts"]:
            path = path_of(src)
            if path is None or path.suffix != ".svg" or not drawn:
                continue
            smallest, units = smallest_text(path)
            seen += 1
            if smallest * drawn / units < 10:
                bad.append(
                    f"{rel(site, p)}: {path.name}: {smallest * drawn / units:.1f} px at {drawn:.0f} px wide"
                )
    assert seen, f"no chart measured at {width}"
    assert not bad, f"chart text under 10 px at {WIDTHS[width][0]} px:\n" + "\n".join(bad)


def test_tables_fit_the_column_on_a_desktop(site, layouts):
    """At 1280 px every table fits the text column: a table that scrolls sideways hides columns from
    a reader who does not think to scroll (on a phone, tables may scroll)."""
    bad = [
        f"{rel(site, p)}: table {wide} px wide in {room} px (section {head.strip()!r})"
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
            bad.append(f"{rel(site, p)}: <html lang={v['lang']!r}>, expected {p.lang!r}")
        if not v["title"] or v["title"].strip().lower() == "notebook":
            bad.append(f"{rel(site, p)}: browser title {v['title']!r}")
    assert not bad, "\n".join(bad)


def test_twin_and_index_links_lead_to_existing_pages(site, visits):
    indexes = {p.path.resolve(): p.lang for p in pages(site) if p.kind == "index"}
    assert set(indexes.values()) == set(LANGS), f"an index per language expected, found {indexes}"
    bad = []
    for (p, w), v in visits.items():
        if w != "desktop":
            continue
        where = rel(site, p)
        twins = [(lang, url) for lang, url in v["twins"] if lang != p.lang]
        if not twins:
            bad.append(f"{where}: no link to its other-language twin (a[rel=alternate][hreflang])")
        for lang, url in twins:
            target = path_of(url)
            if target is None or not target.is_file():
                bad.append(f"{where}: twin link {url} leads nowhere")
            elif html_lang(target) != lang:
                bad.append(f"{where}: twin link {url} declares hreflang={lang} but the page is not in it")
        if p.kind == "index":
            continue
        if not v["index"]:
            bad.append(f"{where}: no link to the index (a[data-link=index])")
        for url in v["index"]:
            target = path_of(url)
            if target is None or target.resolve() not in indexes:
                bad.append(f"{where}: index link {url} is not an index page")
            elif indexes[target.resolve()] != p.lang:
                bad.append(f"{where}: index link {url} leads to the index in another language")
    assert not bad, "\n".join(bad)


def test_screenshots(site, browser, visits):  # noqa: F811
    """Full-page screenshots for people to look at; fails only when one cannot be taken."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    taken = []
    for page in showcase(pages(site)):
        stem = page.name.replace("/", "_").removesuffix(".html").replace(".", "-")
        for wname, (width, height, mobile) in WIDTHS.items():
            if (
                wname == "phone"
                and page.kind != "index"
                and not page.name.startswith(("overview", "profile-"))
            ):
                continue
            viewport(browser, width, height, mobile)
            browser.get(page.url)
            full = browser.execute_script("return document.documentElement.scrollHeight")
            viewport(browser, width, min(max(full, height), 12000), mobile)
            out = SCREENSHOTS / f"{stem}-{wname}.png"
            assert browser.save_screenshot(str(out)), f"no screenshot of {page.path}"
            taken.append(out.name)
    assert len([t for t in taken if t.endswith("desktop.png")]) >= 2 + 3 * len(LANGS), taken


@pytest.mark.parametrize("lang", LANGS)
def test_province_pages_show_the_tile_map_the_heatmap_and_a_profile(site, browser, lang):  # noqa: F811
    """The provinces page and a province's profile in each language, as a reader sees them: the tile
    map, the heatmap and the profile's rank chart load as images; full-page screenshots go to
    test-artifacts/screenshots/ (after test_screenshots, which empties the folder)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = {p.name: p for p in pages(site)}
    for template, charts in PROVINCE_PAGES.items():
        page = found[template.format(lang=lang)]
        viewport(browser, 1280, 900, False)
        browser.get(page.url)
        full = browser.execute_script("return document.documentElement.scrollHeight")
        viewport(browser, 1280, min(max(full, 900), 16000), False)
        for _ in range(50):
            if browser.execute_script(ALL_LOADED):
                break
            time.sleep(0.1)
        loaded = browser.execute_script(
            "return Array.from(document.images).filter(i => i.naturalWidth > 0).map(i => i.getAttribute('src'))"
        )
        for chart in charts:
            name = chart.format(lang=lang)
            if not ranks_held():  # nothing to chart: a card says so instead
                assert browser.execute_script("return document.querySelectorAll('.card').length"), page.name
                continue
            assert any(src.endswith("/" + name) for src in loaded), (
                f"{page.name}: {name} not shown ({loaded})"
            )
        out = SCREENSHOTS / f"{page.name}-desktop.png"
        assert browser.save_screenshot(str(out)), f"no screenshot of {page.path}"
