"""The furniture of a published page, in a real browser (headless Chromium, as tests/test_browser.py):
a profile page in each language shows its key facts, what a reader should know about the data, and
under its chart the data it plotted in a folded, accessible table; a page lists only the sources of
the figures it shows."""

from __future__ import annotations

import csv
import re

import pytest

from browser_support import browser  # noqa: F401 (the shared fixture)
from helpers.present.locale import t

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]

PROFILE = "profile-digital_economy_share_gdp"  # a headline series with estimates, revisions and a rival
FURNITURE = """
const facts = Array.from(document.querySelectorAll('section.facts dl.facts dt')).map(e => e.textContent);
const stale = Array.from(document.querySelectorAll('section.facts p.stale')).map(e => e.textContent);
const know = document.querySelector('section.know');
const data = Array.from(document.querySelectorAll('figure.chart + details.chart-data'));
return {
  facts: facts, stale: stale,
  knowHeading: know ? know.querySelector('h2').textContent : null,
  know: know ? Array.from(know.querySelectorAll('li')).map(e => e.textContent) : [],
  data: data.map(d => ({open: d.open, summary: d.querySelector('summary').textContent,
                        rows: d.querySelectorAll('tbody tr').length,
                        headers: Array.from(d.querySelectorAll('thead th')).map(e => e.textContent),
                        visible: d.querySelector('table').checkVisibility()})),
  key: Array.from(document.querySelectorAll('figcaption .chart-key')).map(e => e.textContent),
};
"""


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_profile_shows_key_facts_what_to_know_and_the_data_behind_its_chart(site, browser, lang):  # noqa: F811
    page = site / "reports" / f"{PROFILE}-{lang}" / "index.html"
    browser.get(page.resolve().as_uri())
    seen = browser.execute_script(FURNITURE)

    for key in (
        "facts_producer",
        "facts_processing",
        "facts_range",
        "facts_updated",
        "facts_cadence",
        "facts_next",
    ):
        assert t(key, lang) in seen["facts"], (key, seen["facts"])

    assert seen["knowHeading"] == t("know_h", lang)
    differ = {"en": "are different measures", "vi": "là hai thước đo khác nhau"}[lang]
    assert any(differ in s and "18" in s and "14" in s for s in seen["know"]), seen["know"]

    # the data behind the chart: folded, the rows of its CSV, in the page's language
    assert seen["data"], "no folded data table under the chart"
    table = seen["data"][0]
    assert table["summary"] == t("chart_data_h", lang) and not table["open"] and not table["visible"]
    assert t("source", lang) in table["headers"] and t("value", lang) in table["headers"]
    csvs = sorted((page.parent / "charts").glob("*.csv")) or sorted(page.parent.glob("*/*.csv"))
    with csvs[0].open(encoding="utf-8") as f:
        assert table["rows"] == len(list(csv.DictReader(f)))
    browser.find_element("css selector", "details.chart-data summary").click()
    assert browser.execute_script(
        "return document.querySelector('details.chart-data table').checkVisibility()"
    )
    # the chart draws hollow marks (estimates, other sources): its key says what they mean
    assert any(t("marker_tentative", lang) in k for k in seen["key"]), seen["key"]


def test_a_page_lists_only_the_sources_of_the_figures_it_shows(site):
    """The overview shows the headline series: its list of sources is theirs (the sources of its
    chart's data and of the latest figures in its table), not every source of every figure loaded."""
    html = (site / "reports" / "overview-en" / "index.html").read_text(encoding="utf-8")
    listed = re.search(r'<ul class="sources">(.*?)</ul>', html, re.S).group(1).count("<li")
    shown = set()
    for path in (site / "reports" / "overview-en").rglob("*.csv"):
        with path.open(encoding="utf-8") as f:
            shown |= {row["source_id"] for row in csv.DictReader(f)}
    from helpers.data import indicators, load_figures

    headline = [i for i, h in indicators()["headline"].items() if h]
    loaded = load_figures(None)
    every = loaded[loaded["indicator"].isin(headline)]["source_id"].nunique()
    assert len(shown) <= listed <= len(shown) + len(headline)
    assert listed < every, f"{listed} sources listed, as many as all {every} of the headline figures"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_identity_page_gives_cards_and_accounts_per_100_people(site, lang):
    """Coverage per person: each year's last count over the statistics office's average population of
    that year, the denominator named in the table's heading."""
    html = (site / "reports" / f"identity-{lang}" / "index.html").read_text(encoding="utf-8")
    rate = t("rates_per_100", lang)
    head = f'<th class="num">{rate}</th>'
    assert head in html
    table = html[: html.index(head)].rsplit("<table", 1)[1] + html[html.index(head) :].split("</table>")[0]
    assert {"en": "Denominator: Population", "vi": "Mẫu số: Dân số"}[lang] in table
    # a rate keeps its count's looseness: 'over 84.7 m' cards give '> 84.4' (escaped in the page)
    cells = re.findall(r'data-label="' + re.escape(rate) + r'">(?:&gt; |&lt; )?([\d.,]+)<', table)
    rates = [float(c.replace(",", ".")) for c in cells]
    assert rates and all(0 < r <= 100 for r in rates), rates  # a share of everyone, children included
    assert {"en": "84.4", "vi": "84,4"}[lang] in cells  # 84.7 m cards over 100.3 m people in 2023
