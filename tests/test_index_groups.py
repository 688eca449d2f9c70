"""The index's groups: the overview and the topics show their first chart as a thumbnail; the
provinces and the indicator profiles are lists of names, with no thumbnail and no empty box."""

import re

from helpers.reports import html

META = {"data_version": "abc", "generated": "2026-12-06 10:00 UTC", "css_href": "assets/site.css",
        "self_href": "index.html", "twin_href": "index.vi.html", "twin_lang": "vi",
        "manifest_href": "manifest.json", "mark": "0123abcd",
        "cite": {"title": "", "version": "0.1.0", "data_version": "abc", "date": "2026-12-06", "address": ""}}  # fmt: skip


def _entry(name: str, group: str, thumb: str | None) -> dict:
    return {"name": name, "lang": "en", "title": name.title(), "state": "ok", "href": f"reports/{name}/index.html",
            "summary": {"group": group, "thumb": thumb}, "thumb_href": thumb and f"reports/{name}/{thumb}"}  # fmt: skip


def _section(page: str, group: str) -> str:
    return re.search(rf'<section class="{group}s">(.*?)</section>', page, re.S).group(1)


def test_only_the_overview_and_topics_show_thumbnails():
    entries = [
        _entry("overview-en", "overview", "thumb.png"),
        _entry("ndxp-en", "topic", "thumb.png"),
        _entry("province-a-en", "province", "thumb.png"),
        _entry("province-b-en", "province", None),
        _entry("profile-x-en", "profile", "thumb.png"),
    ]
    page = html.index_page(entries, "en", META)
    assert '<img class="thumb" alt="" src="reports/overview-en/thumb.png"' in _section(page, "overview")
    assert '<img class="thumb" alt="" src="reports/ndxp-en/thumb.png"' in _section(page, "topic")
    for group in ("province", "profile"):
        listed = _section(page, group)
        assert "thumb" not in listed, group  # neither the picture nor an empty box
        assert listed.count('<li class="entry bare">') == listed.count("<li"), group


def test_a_topic_without_a_chart_keeps_its_empty_box():
    page = html.index_page([_entry("ndxp-en", "topic", None)], "en", META)
    assert '<li class="entry"><span class="thumb empty" aria-hidden="true"></span>' in _section(page, "topic")


def test_the_stylesheet_lays_the_provinces_out_as_a_grid():
    css = html.stylesheet()
    assert ".entry.bare{grid-template-columns:1fr}" in css
    assert re.search(r"\.provinces ul\{display:grid;grid-template-columns:repeat\(auto-fill", css)
