"""Citable data releases without a build: a release is named by the data's date and version and
nothing else, and only such folders are listed; the citation forms (plain and BibTeX) share the
facts and BibTeX is escaped; the JSON-LD metadata is safe inside a script element. Two builds with
a data change between: test_releases.py."""

from __future__ import annotations

import json
import re

import pytest

from helpers.present import locale
from helpers.reports import metadata, releases
from helpers.reports.layout import release_name
from helpers.reports.outputs import Outputs

# --- names and folders ------------------------------------------------------------------------------


def test_a_release_is_named_by_the_datas_date_and_version_and_nothing_else(tmp_path):
    assert release_name("2025-11-30", "3f9a2b1c4d5e") == "2025-11-30-3f9a2b1c4d5e"
    out = Outputs(tmp_path)
    for bad in ("../etc", "2025-11-30-3F9A2B1C4D5E", "2025-11-30-3f9a2b1c4d5e/..", "", "x" * 300):
        with pytest.raises(ValueError):
            out.release_dir(bad)
    with pytest.raises(ValueError):
        release_name("2025-11-30", "../../x")
    with pytest.raises(ValueError):
        out.release_file("2025-11-30-3f9a2b1c4d5e", "../index.html")
    # Only real folders with a release's name are listed: no file, no link, no other name.
    out.versions_dir.mkdir(parents=True)
    (out.versions_dir / "2025-11-30-3f9a2b1c4d5e").mkdir()
    (out.versions_dir / "2025-12-01-aaaaaaaaaaaa").write_text("not a folder")
    (out.versions_dir / ".new-xyz").mkdir()
    (out.versions_dir / "2025-12-02-bbbbbbbbbbbb").symlink_to(tmp_path)
    assert out.releases() == ["2025-11-30-3f9a2b1c4d5e"]
    assert releases.listed(out) == []  # a folder without its record is not a release


def test_citation_forms_share_the_facts_and_bibtex_is_escaped():
    cite = {
        "title": "50% & more_of #1 {x}",
        "version": "0.1.0",
        "data_version": "3f9a2b1c4d5e",
        "date": "2026-12-05",
        "address": "https://example.org/r/index.html",
        "release": "2025-11-30-3f9a2b1c4d5e",
        "data_address": "https://example.org/data/versions/2025-11-30-3f9a2b1c4d5e/x.zip",
        "author": "Some contributors",
    }
    for lang in locale.LANGS:
        plain = locale.citation(lang, **cite, retrieved="2027-01-02")
        assert cite["release"] in plain and cite["address"] in plain and "2027-01-02" in plain
        bib = locale.citation(lang, **cite, retrieved="2027-01-02", form="bibtex")
        assert bib.startswith("@misc{") and bib.rstrip().endswith("}")
        assert re.match(r"@misc\{[a-z0-9-]+,\n", bib)
        assert r"50\% \& more\_of \#1 \{x\}" in bib
        assert "url          = {https://example.org/r/index.html}" in bib
        assert "urldate      = {2027-01-02}" in bib and "version      = {2025-11-30-3f9a2b1c4d5e}" in bib
        assert bib.count("{") == bib.count("}") + bib.count(r"\{") - bib.count(r"\}")
    with pytest.raises(ValueError):
        locale.citation("en", **cite, form="ris")


def test_json_ld_is_safe_inside_a_script_element():
    text = metadata.json_ld({"name": "</script><script>alert(1)</script> & more"})
    assert "</" not in text and "<" not in text and json.loads(text)["name"].startswith("</script>")
