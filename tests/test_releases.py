"""Citable data releases (helpers.reports.releases), citations that work and machine-readable metadata
(helpers.reports.metadata): every data release stays downloadable under its dated, versioned address
after the data changed; pages cite the release they were built from, with an absolute address, the
retrieval date and BibTeX; the data page carries a schema.org Dataset that dataset search engines
accept, and every page citation meta tags. All on two builds of one site with a data change
between. What needs no build (a release's name and folder, the citation forms, JSON-LD inside a
script element): test_releases_names.py."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import zipfile
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
import yaml

from helpers.paths import DEFAULT_DATA_DIR
from helpers.present import locale
from helpers.reports import releases
from helpers.reports.layout import RELEASE_NAME
from helpers.reports.outputs import Outputs
from reports_support import PROFILE, build, manifest

SITE = "https://example.org/vn-digital-gov/"
INDICATOR = "ndxp_transactions"  # the profile shows it, and the test changes one of its figures

# --- two builds with a data change between ----------------------------------------------------------


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    """A site with an address, built, then built again after one figure of the report's indicator
    changed: (folder, the first release's name, the second's)."""
    import shutil

    root = tmp_path_factory.mktemp("releases")
    shutil.copytree(DEFAULT_DATA_DIR, root / "data")
    config = root / "reports.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "settings": {"cell_timeout": 120, "site_url": SITE},
                "reports": [
                    {
                        "name": "profile-{lang}",
                        "notebook": str(PROFILE),
                        "parameters": {"indicator": INDICATOR},
                        "matrix": {"lang": list(locale.LANGS)},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    r = build(config, root / "outputs", root / "data")
    assert r.returncode == 0, r.stderr + r.stdout
    first = manifest(root / "outputs")[releases.KEY]
    _change_a_figure(root / "data")
    r = build(config, root / "outputs", root / "data")
    assert r.returncode == 0, r.stderr + r.stdout
    second = manifest(root / "outputs")[releases.KEY]
    return {"root": root, "outputs": root / "outputs", "first": first, "second": second, "config": config}


def _change_a_figure(data) -> None:
    path = data / "figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    row = next(r for r in rows if r["indicator"] == INDICATOR and r["value"])
    row.update(value=str(float(row["value"]) + 1), derived="true", note="test edit")
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.slow
def test_the_older_release_stays_downloadable_whole(two_releases):
    out = Outputs(two_releases["outputs"])
    first, second = two_releases["first"], two_releases["second"]
    assert RELEASE_NAME.fullmatch(first) and RELEASE_NAME.fullmatch(second) and first != second
    assert set(out.releases()) == {first, second}
    for name in (first, second):
        record = releases.read(out, name)
        blob = out.release_file(name, record["zip"]["name"]).read_bytes()
        assert hashlib.sha256(blob).hexdigest() == record["zip"]["sha256"]
        assert len(blob) == record["zip"]["bytes"]
        names = zipfile.ZipFile(out.release_file(name, record["zip"]["name"])).namelist()
        assert any(n.endswith("/figures.csv") for n in names)
        assert json.loads(out.release_file(name, "datapackage.json").read_text(encoding="utf-8"))["resources"]
    newer = releases.read(out, second)
    assert newer["previous"] == first
    assert newer["changes"]["counts"] == {"added": 0, "changed": 1, "removed": 0}
    assert newer["data_version"] == manifest(two_releases["outputs"])["data_version"]
    # The figure as it was is still in the older release, the new value in the newer one.
    old_zip = zipfile.ZipFile(out.release_file(first, releases.read(out, first)["zip"]["name"]))
    new_zip = zipfile.ZipFile(out.release_file(second, newer["zip"]["name"]))
    figures = next(n for n in old_zip.namelist() if n.endswith("/figures.csv"))
    assert old_zip.read(figures) != new_zip.read(figures)


@pytest.mark.slow
def test_a_release_is_never_rewritten(two_releases):
    """A build with the same data writes nothing into the releases; the first release's files keep
    their bytes and times."""
    out = Outputs(two_releases["outputs"])
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.versions_dir.rglob("*") if p.is_file()}
    r = build(two_releases["config"], out.root, two_releases["root"] / "data")
    assert r.returncode == 0, r.stderr + r.stdout
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.versions_dir.rglob("*") if p.is_file()}
    assert after == before


# --- what the pages say -----------------------------------------------------------------------------


class _Head(HTMLParser):
    """The meta tags, JSON-LD scripts and links of a page."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self.hrefs: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"], a.get("content") or ""))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def _parse(path) -> _Head:
    p = _Head()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _absolute(url) -> bool:
    u = urlparse(url)
    return u.scheme in ("http", "https") and bool(u.netloc)


@pytest.mark.slow
def test_the_data_page_lists_every_release_and_cites_the_current_one(two_releases):
    out = Outputs(two_releases["outputs"])
    first, second = two_releases["first"], two_releases["second"]
    for lang in locale.LANGS:
        page = out.data_page_in(lang)
        html = page.read_text(encoding="utf-8")
        hrefs = _parse(page).hrefs
        for name in (first, second):
            zip_name = releases.read(out, name)["zip"]["name"]
            href = out.release_href(name, zip_name)
            assert href in hrefs, f"{page.name} does not link {href}"
            assert (page.parent / href).is_file()
        cite = html[html.index('id="cite"') :]
        assert f"{SITE}data/versions/{second}/" in cite and first not in cite
        assert "@misc{" in cite  # BibTeX beside the plain form


@pytest.mark.slow
def test_pages_cite_the_release_they_were_built_from_with_an_absolute_address(two_releases):
    out = Outputs(two_releases["outputs"])
    second = two_releases["second"]
    for lang in locale.LANGS:
        page = out.report_dir(f"profile-{lang}") / "index.html"
        html = page.read_text(encoding="utf-8")
        cite = html[html.index('id="cite"') :]
        assert f"{SITE}reports/profile-{lang}/index.html" in cite
        assert f"{SITE}data/versions/{second}/" in cite
        assert "@misc{" in cite and "urldate" in cite
        tags = _parse(page).meta
        names = {n for n, _ in tags}
        assert {"citation_title", "citation_author", "citation_publication_date", "citation_date"} <= names
        assert {"citation_public_url", "citation_language", "DC.title", "DC.creator", "DC.date"} <= names
        assert dict(tags)["citation_public_url"] == f"{SITE}reports/profile-{lang}/index.html"
        assert dict(tags)["citation_language"] == lang
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", dict(tags)["citation_publication_date"])
    index = (out.root / "index.html").read_text(encoding="utf-8")
    assert f"{SITE}data/versions/{second}/" in index[index.index('id="cite"') :]


# Google's Dataset Search: https://developers.google.com/search/docs/appearance/structured-data/dataset
REQUIRED = {"name": str, "description": str}
RECOMMENDED = {
    "url": str,
    "sameAs": list,
    "identifier": list,
    "license": str,
    "creator": list,
    "distribution": list,
    "temporalCoverage": str,
    "spatialCoverage": dict,
    "version": str,
    "keywords": list,
    "isAccessibleForFree": bool,
    "variableMeasured": list,
    "citation": str,
    "dateModified": str,
}


@pytest.mark.slow
def test_the_data_page_carries_a_dataset_that_dataset_search_accepts(two_releases):
    out = Outputs(two_releases["outputs"])
    second = two_releases["second"]
    for lang in locale.LANGS:
        scripts = _parse(out.data_page_in(lang)).jsonld
        assert len(scripts) == 1, "one JSON-LD Dataset on the data page"
        d = json.loads(scripts[0])
        assert d["@context"] == "https://schema.org" and d["@type"] == "Dataset"
        for key, kind in {**REQUIRED, **RECOMMENDED}.items():
            assert isinstance(d.get(key), kind), (
                f"{key}: {type(d.get(key)).__name__}, expected {kind.__name__}"
            )
            assert d[key] not in ("", [], {}), key
        assert 50 <= len(d["description"]) <= 5000
        assert d["version"] == second
        assert re.fullmatch(r"\d{4}/\d{4}", d["temporalCoverage"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["dateModified"])
        assert d["spatialCoverage"]["@type"] in ("Place", "Country") and d["spatialCoverage"]["name"]
        assert all(c["@type"] in ("Person", "Organization") and c["name"] for c in d["creator"])
        assert d["url"] == f"{SITE}{out.data_href_in(lang)}"
        addresses = [d["url"], d["license"], *d["sameAs"], d["identifier"][0]]
        addresses += [x["contentUrl"] for x in d["distribution"]]
        assert all(_absolute(a) for a in addresses), addresses
        zips = [x for x in d["distribution"] if x["encodingFormat"] == "application/zip"]
        assert zips and zips[0]["@type"] == "DataDownload"
        assert (
            zips[0]["contentUrl"]
            == f"{SITE}data/versions/{second}/{releases.read(out, second)['zip']['name']}"
        )
        assert second in d["citation"]
