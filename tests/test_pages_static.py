"""What a browser would check on a page and can be read from its HTML, on every published page of
the run's one build of the site, in one pass: ``<html lang>`` and a title, links to the
other-language twin and to the index in the page's language, every picture the page shows is a
published file. tests/test_browser.py opens one page of each kind in Chromium for what only a
browser sees (layout, console errors, images decoded, chart text as drawn).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from pages_support import pages

pytestmark = pytest.mark.slow  # needs the built site (PAGES_OUTPUTS=outputs reuses one)


@pytest.fixture(scope="module")
def built(site):
    return {p: p.path.read_text(encoding="utf-8") for p in pages(site)}


class _Refs(HTMLParser):
    """A page's <html lang>, <title>, twin and index links, and the pictures it shows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.title, self._in_title = None, "", False
        self.twins: list[tuple[str, str]] = []  # (hreflang, href)
        self.index: list[str] = []
        self.images: list[str] = []  # <img src> and <source srcset> (one address each)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "a" and "alternate" in a.get("rel", "").split() and a.get("hreflang"):
            self.twins.append((a["hreflang"], a.get("href", "")))
        if tag == "a" and a.get("data-link") == "index":
            self.index.append(a.get("href", ""))
        if tag == "img" and a.get("src") is not None:
            self.images.append(a["src"])
        elif tag == "source" and a.get("srcset"):
            self.images += [part.strip().split()[0] for part in a["srcset"].split(",") if part.strip()]

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _refs(html: str) -> _Refs:
    r = _Refs()
    r.feed(html)
    r.close()
    return r


def _target(page, href: str) -> Path | None:
    """The published file a relative link of a page leads to (None: an absolute address)."""
    if re.match(r"[a-z][a-z0-9+.-]*:|//", href):
        return None
    return (page.path.parent / unquote(href.split("#")[0].split("?")[0])).resolve()


def test_every_page_declares_its_language_and_its_title(site, built):
    bad = []
    for page, html in built.items():
        r = _refs(html)
        if r.lang != page.lang:
            bad.append(f"{page.name}: <html lang={r.lang!r}>, expected {page.lang!r}")
        if not r.title.strip() or r.title.strip().lower() == "notebook":
            bad.append(f"{page.name}: <title> {r.title!r}")
    assert not bad, "\n".join(bad)


def test_every_pages_twin_and_index_links_lead_to_pages_in_their_language(site, built):
    langs = {p.path.resolve(): p.lang for p in built}
    indexes = {p.path.resolve(): p.lang for p in built if p.kind == "index"}
    assert set(indexes.values()) == {"en", "vi"}, f"an index per language expected, found {indexes}"
    bad = []
    for page, html in built.items():
        r = _refs(html)
        twins = [(lang, href) for lang, href in r.twins if lang != page.lang]
        if not twins:
            bad.append(f"{page.name}: no link to its other-language twin (a[rel=alternate][hreflang])")
        for lang, href in twins:
            target = _target(page, href)
            if target is not None and langs.get(target) != lang:
                bad.append(f"{page.name}: twin link {href} leads to no published page in {lang!r}")
        if page.kind == "index":
            continue
        if not r.index:
            bad.append(f"{page.name}: no link to the index (a[data-link=index])")
        for href in r.index:
            if indexes.get(_target(page, href)) != page.lang:
                bad.append(f"{page.name}: index link {href} is not the index in {page.lang!r}")
    assert not bad, "\n".join(bad)


def test_every_picture_a_page_shows_is_published(site, built):
    bad, seen = [], 0
    for page, html in built.items():
        for src in _refs(html).images:
            if src.startswith("data:"):
                continue
            seen += 1
            target = _target(page, src)
            if target is None or not target.is_file() or not target.stat().st_size:
                bad.append(f"{page.name}: picture {src[:80]} is not a published file")
    assert seen, "no page shows a picture"
    assert not bad, "\n".join(bad)
