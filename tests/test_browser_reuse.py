"""Reuse and citation on a published page, in a real browser (headless Chromium, as
tests/test_browser.py): a profile page in each language has, under its chart, lines that load the
chart's CSV in pandas and in R and the chart's and the data's citations; its "how to cite" block
names the data release it was built from, whose zip is there to download, gives BibTeX beside the
plain form, and fills in the reader's date as the retrieval date."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from browser_support import browser  # noqa: F401 (the shared fixture)
from helpers.present.locale import t

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]

PROFILE = "profile-ndxp_transactions"  # a headline series drawn as a chart
SEEN = """
const reuse = Array.from(document.querySelectorAll('figure.chart ~ details.reuse'));
const cite = document.querySelector('#cite');
return {
  reuse: reuse.map(d => ({open: d.open, summary: d.querySelector('summary').textContent,
                          code: Array.from(d.querySelectorAll('pre code')).map(c => c.textContent),
                          quotes: Array.from(d.querySelectorAll('blockquote')).map(q => q.textContent),
                          cites: Array.from(d.querySelectorAll('a[href="#cite"]')).map(a => a.getAttribute('href')),
                          bibtex: d.querySelector('details.bibtex pre').textContent})),
  cite: cite ? Array.from(cite.querySelectorAll('blockquote')).map(q => q.textContent) : [],
  bibtex: cite ? cite.querySelector('details.bibtex pre').textContent : '',
  retrieved: Array.from(document.querySelectorAll('time.retrieved')).map(e => e.textContent),
  today: (d => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-'
               + String(d.getDate()).padStart(2, '0'))(new Date()),
};
"""


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_profile_offers_its_data_to_reuse_and_cites_its_release(site, browser, lang):  # noqa: F811
    page = site / "reports" / f"{PROFILE}-{lang}" / "index.html"
    browser.get(page.resolve().as_uri())
    seen = browser.execute_script(SEEN)
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    release = manifest["published_release"]

    assert seen["reuse"], "no 'reuse this chart' block under the chart"
    block = seen["reuse"][0]
    assert block["summary"] == t("reuse_h", lang) and not block["open"]
    python, r = block["code"]
    csv = f"reports/{PROFILE}-{lang}/charts/"
    assert python.startswith("import pandas as pd") and f'pd.read_csv("{csv}' in python
    assert r.startswith("df <- read.csv(") and csv in r and 'encoding = "UTF-8"' in r
    address = re.search(r'read_csv\("([^"]+)"\)', python).group(1)
    assert (site / address).is_file(), f"the pandas line loads {address}, which is not published"
    (chart,) = block["quotes"]  # the chart's citation; the data release is cited once, in #cite
    assert t("site_title", lang) in chart and release in chart
    assert block["cites"] == ["#cite"] and block["bibtex"].count("@misc{") == 1

    page_cite, data_cite = seen["cite"][:2]
    assert f"reports/{PROFILE}-{lang}/index.html" in page_cite and release in page_cite
    zip_path = re.search(r"(data/versions/\S+\.zip)", data_cite).group(1)
    assert (site / zip_path).is_file(), f"the cited release {zip_path} is not there to download"
    assert seen["bibtex"].count("@misc{") == 2 and f"version      = {{{release}}}" in seen["bibtex"]
    # the reader's own date as the retrieval date, in every citation of the page
    assert seen["retrieved"] and set(seen["retrieved"]) == {seen["today"]}
    assert abs(dt.date.fromisoformat(seen["today"]) - dt.date.today()).days <= 1
