"""A no-op build leaves the catalogue as it is without rendering it (issue 24): whether the index is
current is told from what it is made of (the entries, the data's changes and freshness, the code),
not from its words, whose rendering cost a no-op build most of its time. Whatever changes what the
index says still rewrites it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers.reports import catalogue
from helpers.reports.manifest import Manifest
from helpers.reports.outputs import Outputs

REPORTS = [SimpleNamespace(name=f"r-{lang}", parameters={"lang": lang}) for lang in ("en", "vi")]


def _good(title: str) -> dict:
    return {"title": title, "built_at": "2026-12-05T10:00:00", "duration_s": 1.0, "summary": {"group": "x"}}


@pytest.fixture
def site(tmp_path, monkeypatch):
    """An outputs folder with an index written once, and a count of the renderings after it."""
    outputs = Outputs(tmp_path / "outputs")
    outputs.root.mkdir()
    manifest = Manifest({"reports": {r.name: _good(f"Title {r.name}") for r in REPORTS}})
    catalogue.write_index(outputs, REPORTS, manifest, "v1")
    rendered = []
    real = catalogue.index_page
    monkeypatch.setattr(catalogue, "index_page", lambda *a, **k: rendered.append(a[1]) or real(*a, **k))
    sections = []
    real_section = catalogue._data_section
    monkeypatch.setattr(catalogue, "_data_section", lambda *a: sections.append(a[2]) or real_section(*a))
    return SimpleNamespace(outputs=outputs, manifest=manifest, rendered=rendered, sections=sections)


def test_an_unchanged_index_is_not_rendered_again(site):
    before = {p: p.read_bytes() for p in site.outputs.root.glob("index*.html")}
    catalogue.write_index(site.outputs, REPORTS, site.manifest, "v1", if_changed=True)
    assert site.rendered == [] and site.sections == []
    assert {p: p.read_bytes() for p in site.outputs.root.glob("index*.html")} == before


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.data["reports"]["r-en"].update(title="A new title"),
        lambda m: m.data.update(freshness={"data_version": "v1", "code": "c", "judged_on": "", "stale": []}),
        lambda m: m.data.update(data_changes=[{"at": "2026-12-05T11:00", "data_version": "v1"}]),
    ],
    ids=["an entry", "the freshness judged", "a data change recorded"],
)
def test_what_changes_the_index_renders_it_again(site, change):
    change(site.manifest)
    catalogue.write_index(site.outputs, REPORTS, site.manifest, "v1", if_changed=True)
    assert sorted(site.rendered) == ["en", "vi"]


def test_a_new_data_version_renders_it_again(site):
    catalogue.write_index(site.outputs, REPORTS, site.manifest, "v2", if_changed=True)
    assert sorted(site.rendered) == ["en", "vi"]
    assert "v2" in (site.outputs.root / "index.html").read_text(encoding="utf-8")


def test_a_build_with_nothing_to_do_loads_no_worker_machinery():
    """What a no-op build imports: the runner without the pool (multiprocessing, the workers, the
    progress bar), imported only when some report is stale."""
    import subprocess
    import sys

    code = (
        "import sys; import helpers.reports.runner, helpers.reports.cli; "
        "print(sorted(m for m in ('helpers.reports.pool', 'helpers.reports.worker', 'tqdm', "
        "'multiprocessing.connection') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
