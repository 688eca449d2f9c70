"""The province pages as published: the provinces page and a profile of every province of today, in
both languages, read from one build of the site (the ``site`` fixture), in one pass.

The provinces page shows the tile map and the heatmap; every link between the overview, the
provinces page and the profiles leads to a published page; the index lists the profiles in their own
group; a profile of a province formed on 1 July 2025 names its predecessors; every chart of these
pages has a title, units and a source line in its metadata."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from helpers.data import load_figures
from helpers.present.locale import t
from helpers.provinces import after, predecessors
from pages_support import LANGS, pages

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]


@pytest.fixture(scope="module")
def built(site):
    return {
        p.name: (p, p.path.read_text(encoding="utf-8")) for p in pages(site) if p.kind in ("report", "index")
    }


def _links(page, html: str) -> list[Path]:
    """Where the page's links within the site lead (anchors and downloads aside)."""
    out = []
    for href in re.findall(r'<a[^>]*href="([^"#]+)"', html):
        href = unescape(href)
        if re.match(r"[a-z]+:", href):
            continue
        out.append((page.path.parent / href).resolve())
    return out


def test_every_province_of_today_has_a_profile_in_each_language(built):
    missing = [
        f"province-{c}-{lang}" for c in after() for lang in LANGS if f"province-{c}-{lang}" not in built
    ]
    assert not missing and all(f"provinces-{lang}" in built for lang in LANGS), missing


@pytest.mark.parametrize("lang", LANGS)
def test_the_provinces_page_shows_the_tile_map_and_the_heatmap(built, lang):
    """The tile map and the heatmap wherever the record holds a provincial rank (a province with no
    rank is a tile marked missing), else cards that say no figure was found."""
    page, html = built[f"provinces-{lang}"]
    held = (load_figures(["dti_rank"])["entity"] != "VNM").sum()
    for name in (f"tiles_{lang}", f"dti_rank_heatmap_{lang}"):
        if not held:
            assert (page.path.parent / "charts" / f"{name}.json").is_file() and 'class="card"' in html
            continue
        assert re.search(rf'<img src="[^"]*{name}\.svg"', html), name
        assert (page.path.parent / "charts" / f"{name}.png").is_file(), name


@pytest.mark.parametrize("lang", LANGS)
def test_links_between_the_overview_the_provinces_page_and_the_profiles_lead_to_pages(built, lang):
    provinces, html = built[f"provinces-{lang}"]
    targets = set(_links(provinces, html))
    profiles = {built[f"province-{c}-{lang}"][0].path.resolve() for c in after()}
    assert profiles <= targets, "the provinces page links every profile"
    overview, ohtml = built[f"overview-{lang}"]
    assert provinces.path.resolve() in set(_links(overview, ohtml)), "the overview links the provinces page"
    broken = []
    for c in after():
        page, phtml = built[f"province-{c}-{lang}"]
        links = _links(page, phtml)
        if provinces.path.resolve() not in links:
            broken.append(f"{page.name}: no link to the provinces page")
        broken += [f"{page.name}: {p}" for p in links if not p.exists()]
    broken += [f"{provinces.name}: {p}" for p in targets if not p.exists()]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_groups_the_profiles_and_lists_the_provinces_page(site, built, lang):
    index = next(html for name, (p, html) in built.items() if p.kind == "index" and p.lang == lang)
    group = re.search(
        rf'<section class="provinces"><h2>{re.escape(t("group_province", lang))}</h2>(.*?)</section>',
        index,
        re.S,
    )
    assert group, "no group of province profiles"
    listed = re.findall(r'href="reports/([^/"]+)/index\.html"', group.group(1))
    assert sorted(listed) == sorted(f"province-{c}-{lang}" for c in after())
    assert f'href="reports/provinces-{lang}/index.html"' in index


def test_a_new_provinces_profile_names_its_predecessors_as_former(built):
    for lang, word in (("en", "(former)"), ("vi", "(cũ)")):
        page, html = built[f"province-VN-N37-{lang}"]
        assert len(predecessors("VN-N37")) == 3
        assert html.count(word) >= 1, lang
        page, html = built[f"province-VN-HN-{lang}"]
        assert word not in html, "a province that did not change has no predecessors"


def test_every_province_chart_has_a_title_units_and_a_source_line(built):
    problems = []
    for name, (page, _) in built.items():
        if not name.startswith("province"):
            continue
        for meta in sorted((page.path.parent / "charts").glob("*.json")):
            m = json.loads(meta.read_text(encoding="utf-8"))
            if m.get("kind") == "card":
                continue
            for key in ("title", "subtitle", "source_line", "units"):
                if not m.get(key):
                    problems.append(f"{name}/{meta.name}: no {key}")
            if m.get("source_line") and not m["source_line"].startswith(
                (t("source", m["lang"]), t("sources", m["lang"]))
            ):
                problems.append(f"{name}/{meta.name}: source line {m['source_line']!r}")
    assert not problems, "\n".join(problems)
