"""The data page (helpers.reports.datapage) and the data changelog (helpers.reports.changes), and the
runner publishing them."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from helpers.data import validate
from helpers.paths import DEFAULT_DATA_DIR, PROJECT_DIR
from helpers.reports import changes, datapage
from helpers.reports.outputs import Outputs
from reports_support import build, copy_prebuilt, manifest, prebuilt

REPORTS = [{"name": "tiny", "notebook": "tiny.ipynb"}]


def test_diff_lists_added_changed_removed_with_complete_counts(monkeypatch):
    old = {"a|VNM|2024||s1": 1.0, "b|VNM|2024||s1": 2.0, "c|VNM|2023|2023-12-31|s2": 3.0}
    new = {"a|VNM|2024||s1": 1.0, "b|VNM|2024||s1": 2.5, "d|VNM|2025||s3": 4.0}
    d = changes.diff(old, new)
    assert d["counts"] == {"added": 1, "changed": 1, "removed": 1}
    assert d["changed"] == [
        {
            "indicator": "b",
            "entity": "VNM",
            "year": 2024,
            "date": "",
            "source_id": "s1",
            "old": 2.0,
            "new": 2.5,
        }
    ]
    assert d["added"][0]["value"] == 4.0 and d["removed"][0]["date"] == "2023-12-31"
    monkeypatch.setattr(changes, "ITEMS", 2)
    many = changes.diff({}, {f"x|VNM|{y}||s": y for y in range(2000, 2010)})
    assert many["counts"]["added"] == 10 and len(many["added"]) == 2
    html = datapage.changes_html([{"at": "t", "data_version": "v", **many}])
    assert "8 more" in html


def test_snapshot_holds_curated_and_un_figures():
    snap = changes.snapshot(validate(DEFAULT_DATA_DIR))
    assert "egdi_rank|VNM|2024||un-egdi-2024" in snap
    assert snap["egdi_rank|VNM|2024||un-egdi-2024"] == 71
    assert any(k.startswith("ndxp_transactions|VNM|") for k in snap)


def test_zip_is_the_whole_data_package_and_reproducible():
    package = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    blob = datapage.make_zip(DEFAULT_DATA_DIR, package, "pkg")
    assert blob == datapage.make_zip(DEFAULT_DATA_DIR, package, "pkg")
    names = set(zipfile.ZipFile(io.BytesIO(blob)).namelist())
    for r in package["resources"]:
        assert f"pkg/{r['path']}" in names
    assert {"pkg/datapackage.json", "pkg/README.md", "pkg/LICENSE.txt"} <= names


def test_licence_is_the_one_citation_cff_and_the_package_state():
    """CITATION.cff says the dataset is CC-BY-4.0; the package descriptor, and so the page, agree."""
    package = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    assert "CC-BY-4.0" in (PROJECT_DIR / "CITATION.cff").read_text(encoding="utf-8")
    assert "CC-BY-4.0" in datapage.licence_text(package)


@pytest.fixture(scope="session")
def _tiny_built(tmp_path_factory):
    return prebuilt(tmp_path_factory, "datapage-built", REPORTS, DEFAULT_DATA_DIR)


@pytest.fixture
def tiny(tmp_path, _tiny_built):
    return copy_prebuilt(_tiny_built, tmp_path)


def _set_value(data, indicator: str, year: str, source: str, value: str) -> None:
    """Change one figure; it is no longer stated in its quote, so it is marked derived (with a note)."""
    path = data / "figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    hits = [r for r in rows if (r["indicator"], r["year"], r["source_id"]) == (indicator, year, source)]
    assert len(hits) == 1
    hits[0].update(value=value, derived="true", note="test edit")
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.slow
def test_build_publishes_the_data_page_and_records_changes(tiny):
    out = Outputs(tiny["outputs"])
    zip_path = out.data_zip("vn-digital-gov-figures")
    assert out.data_page.exists() and zip_path.exists()
    page = out.data_page.read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by/4.0/" in page and "How to cite" in page
    assert f'href="{zip_path.name}"' in page and 'hreflang="vi" lang="vi" href="index.vi.html"' in page
    vi = out.data_page_in("vi").read_text(encoding="utf-8")
    assert "Cách trích dẫn" in vi
    # The files are described in the page's language (the data dictionary's title_vi, the catalogues'
    # words for the descriptor, READMEs and licence): no description left in English on it.
    assert "Số liệu: mỗi dòng một số liệu" in vi and "từ điển dữ liệu và quy tắc chọn số liệu" in vi
    assert '<td lang="en"' not in vi and '<td lang="en"' not in page
    index = out.index.read_text(encoding="utf-8")
    assert 'href="data/index.html"' in index
    first = manifest(tiny["outputs"])["data_changes"]
    assert len(first) == 1 and first[0]["first"]

    _set_value(tiny["data"], "ndxp_transactions", "2024", "web-baomoi-mic-2025-02-06", "1013000001")
    r = build(tiny["config"], tiny["outputs"], tiny["data"])
    assert r.returncode == 0, r.stderr + r.stdout
    recorded = manifest(tiny["outputs"])["data_changes"]
    assert len(recorded) == 2
    latest = changes.latest_changes(manifest(tiny["outputs"]))[0]
    assert latest["counts"] == {"added": 0, "changed": 1, "removed": 0}
    item = latest["changed"][0]
    assert (item["indicator"], item["new"]) == ("ndxp_transactions", 1013000001)
    assert item["old"] == 1013000000 and item["source_id"]
    assert "Latest data changes" in out.index.read_text(encoding="utf-8")

    # Nothing changed: no new entry, the page is not rewritten.
    mtime = out.data_page.stat().st_mtime_ns
    r = build(tiny["config"], tiny["outputs"], tiny["data"])
    assert r.returncode == 0
    assert len(manifest(tiny["outputs"])["data_changes"]) == 2
    assert out.data_page.stat().st_mtime_ns == mtime
