"""The published pages as a reader gets them, read from the HTML files of a real build:

- a Vietnamese page shows no English outside quotes, publisher names and identifiers (which carry
  ``lang="en"`` or ``translate="no"``);
- the title once, and the browser's title is the report's;
- no notebook instructions, no pandas index column;
- one shared stylesheet: a report page without its images weighs under 60 KB;
- a "how to cite" block on every page, and every chart's downloads (PNG, SVG, CSV, metadata) exist.

What a browser would check and can be read from the HTML is checked on every page by
tests/test_pages_static.py.

The first tests check the English detector itself on small samples (fast); the rest need a build
(slow; ``PAGES_OUTPUTS=outputs`` reuses one).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from pages_support import english_leaks, english_locale_strings, pages, visible_text

pytestmark = pytest.mark.xdist_group("site")  # the slow tests share one build of the site per session
PAGE_BUDGET = 60_000  # bytes of a report page once embedded images are taken out

# --- the detector -----------------------------------------------------------------------------------


def test_detector_ignores_quotes_publishers_and_code_but_finds_english():
    html = """<html lang="vi"><head><title>Xếp hạng</title><style>p{color:red}</style></head><body>
    <h1>Chính phủ số</h1>
    <p>Việt Nam tăng 15 bậc lên vị trí 71 năm 2024.</p>
    <blockquote lang="en">Viet Nam rose to 71st place in the survey.</blockquote>
    <td translate="no">United Nations Department of Economic and Social Affairs</td>
    <code>egdi_rank</code>
    <p>The change is on the previous figure.</p>
    <img alt="Rank of Viet Nam" src="x.png">
    </body></html>"""
    lines = visible_text(html, "vi")
    assert "Việt Nam tăng 15 bậc lên vị trí 71 năm 2024." in lines
    assert not any("survey" in line or "United Nations" in line or "egdi_rank" in line for line in lines)
    leaks = english_leaks(lines, ["Source", "Used in charts"])
    assert len(leaks) == 2, leaks
    assert "The change is on the previous figure." in leaks[0] and "Rank of Viet Nam" in leaks[1]


def test_detector_finds_english_labels_and_text_of_the_english_twin():
    vi = ["Dùng trong biểu đồ: Used in charts", "Tài khoản VNeID e-identification accounts approved"]
    twin = ["VNeID e-identification accounts approved"]
    leaks = english_leaks(vi, ["Used in charts"], twin)
    assert len(leaks) == 2, leaks
    # Vietnamese words that look like English ones written without diacritics are not flagged.
    assert english_leaks(["Công an tỉnh in thẻ to và đẹp"], ["Source"]) == []


def test_locale_strings_are_found():
    strings = english_locale_strings()
    assert "Used in charts" in strings


# --- the built pages --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(site):
    return {p: p.path.read_text(encoding="utf-8") for p in pages(site)}


def _twin_of(page, built):
    """The English page linked as the twin of a Vietnamese one, if any."""
    m = re.search(r'<a[^>]*rel="alternate"[^>]*hreflang="en"[^>]*href="([^"]+)"', built[page]) or re.search(
        r'<a[^>]*href="([^"]+)"[^>]*hreflang="en"', built[page]
    )
    if not m:
        return None
    target = (page.path.parent / unescape(m.group(1)).split("#")[0]).resolve()
    return next((p for p in built if p.path.resolve() == target), None)


@pytest.mark.slow
def test_vietnamese_pages_show_no_english(site, built):
    en_strings = english_locale_strings()
    vi_pages = [p for p in built if p.lang == "vi"]
    assert vi_pages, "no Vietnamese page was published"
    problems = []
    for page in vi_pages:
        twin = _twin_of(page, built)
        twin_lines = visible_text(built[twin], "en") if twin else []
        for leak in english_leaks(visible_text(built[page], "vi"), en_strings, twin_lines):
            problems.append(f"{page.path.relative_to(site)}: {leak}")
    assert not problems, f"{len(problems)} English strings on Vietnamese pages:\n" + "\n".join(problems[:80])


def _h1s(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", unescape(h)).strip() for h in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    ]


@pytest.mark.slow
def test_title_once_and_browser_title_is_the_reports(site, built):
    problems = []
    for page, html in built.items():
        if page.kind != "report":
            continue
        h1 = _h1s(html)
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        title = unescape(title.group(1)).strip() if title else ""
        if len(h1) != 1:
            problems.append(f"{page.name}: {len(h1)} <h1> ({h1})")
        elif not title.startswith(h1[0]):
            problems.append(f"{page.name}: browser title {title!r} is not the report's title {h1[0]!r}")
        # Indicator profiles are titled by their indicator, never generically.
        if page.name.startswith("profile") and h1 and h1[0].lower() in ("indicator profile", "hồ sơ chỉ số"):
            problems.append(f"{page.name}: generic title {h1[0]!r}")
    titles = [_h1s(html)[:1] for p, html in built.items() if p.kind == "report"]
    dup = {t[0] for t in titles if t and titles.count(t) > 1}
    assert not problems and not dup, "\n".join(problems) + (f"\nshared titles: {sorted(dup)}" if dup else "")


NOTEBOOK_TALK = re.compile(
    r"set the parameters|this notebook|parameters? (below|cell)|in the `?\w+`? parameter|"
    r"đặt tham số|sổ tay này|'No disagreement|No disagreement between sources\.",
    re.I,
)


@pytest.mark.slow
def test_no_notebook_instructions_or_console_text(site, built):
    problems = []
    for page, html in built.items():
        if page.kind != "report":
            continue
        text = "\n".join(
            visible_text(html, page.lang) + visible_text(html, "en" if page.lang == "vi" else "vi")
        )
        for m in NOTEBOOK_TALK.finditer(text):
            problems.append(f"{page.name}: {text[max(0, m.start() - 40) : m.end() + 40]!r}")
        problems = list(dict.fromkeys(problems))
        if re.search(r'class="[^"]*(jp-OutputArea-output[^"]*jp-RenderedText|output_stream)', html):
            problems.append(f"{page.name}: console text in the page")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_tables_have_no_index_column(site, built):
    problems = []
    for page, html in built.items():
        for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.S):
            if re.search(r"<tr[^>]*>\s*<th[^>]*>\s*\d+\s*</th>", body):
                problems.append(page.name)
                break
    assert not problems, "tables with a 0, 1, 2 index column: " + ", ".join(problems)


@pytest.mark.slow
def test_one_shared_stylesheet_and_light_pages(site, built):
    problems = []
    sheets = set()
    for page, html in built.items():
        links = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
        for href in links:
            target = (page.path.parent / href).resolve()
            sheets.add(target)
            if not target.is_file():
                problems.append(f"{page.name}: stylesheet {href} missing")
        inline = sum(len(s) for s in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S))
        if not links or inline > 2_000:
            problems.append(f"{page.name}: {len(links)} linked stylesheets, {inline} bytes of inline CSS")
        if page.kind == "report":
            weight = len(re.sub(r"data:image/[^\"')]+", "", html).encode("utf-8"))
            if weight > PAGE_BUDGET:
                problems.append(f"{page.name}: {weight / 1000:.0f} KB without images (budget 60 KB)")
    if len(sheets) > 1:
        problems.append(f"{len(sheets)} stylesheets, expected one shared file: {sorted(map(str, sheets))}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_how_to_cite_and_chart_downloads(site, built):
    problems = []
    charted = 0
    for page, html in built.items():
        if page.kind not in ("report", "index"):
            continue
        cite = re.search(r'<(section|div|aside)[^>]*id="cite"[^>]*>(.*?)</\1>', html, re.S)
        if not cite:
            problems.append(f"{page.name}: no how-to-cite block (id=cite)")
        elif "data" not in cite.group(2).lower() and "dữ liệu" not in cite.group(2).lower():
            problems.append(f"{page.name}: the citation names no data version")
        if page.kind != "report":
            continue
        figures = re.findall(r'<figure[^>]*class="chart"[^>]*>(.*?)</figure>', html, re.S)
        charted += len(figures)
        for fig in figures:
            hrefs = [unescape(h) for h in re.findall(r'<a[^>]*href="([^"]+)"[^>]*download', fig)]
            exts = {Path(h).suffix for h in hrefs}
            if not {".png", ".svg", ".csv", ".json"} <= exts:
                problems.append(f"{page.name}: a chart offers {sorted(exts)} for download")
            for h in hrefs:
                if not (page.path.parent / h).is_file():
                    problems.append(f"{page.name}: download {h} missing")
    if not charted:
        problems.append("no page shows a chart as figure.chart with its downloads")
    assert not problems, "\n".join(problems)
