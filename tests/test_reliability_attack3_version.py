"""The reliability attack, round three (issue 23): the runner publishes the data page and the
reports on one data version (even when the disk fills up while publishing), stamps a page with the
data it was built from, and rebuilds a page when what it depends on changes (the site's address, a
new language twin). The outputs folder and the runner's own files: test_reliability_attack3_outputs.py."""

from __future__ import annotations

import re
import resource
import signal

import pytest

from attack_support import (
    NAMES,
    TWO_TINY,
    bilingual_notebook,
    copy_site,
    data_version_of,
    edit_csv,
    manifest_of,
    no_traceback,
    run,
    tree,
)
from reports_support import built_names, write_config

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tiny_published):
    """The run's one published site of two tiny reports (conftest.tiny_published), copied by tests."""
    return tiny_published


@pytest.fixture
def site(published, tmp_path) -> dict:
    return copy_site(published, tmp_path)


# --- publishing on one data version ---------------------------------------------------------------


def _full_disk_at(nbytes: int):
    """A process whose files may grow to ``nbytes`` only, failing with EFBIG beyond (as on a full
    disk: an error, not a signal)."""

    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))

    return apply


def test_a_full_disk_while_publishing_leaves_the_data_page_and_reports_on_one_version(site):
    out = site["outputs"]
    edit_csv(
        site["data"] / "figures.csv", lambda h, rows: rows[0].__setitem__(h.index("note"), "checked again")
    )
    data_before, manifest_before = tree(out / "data"), manifest_of(out)
    index_before = (out / "index.html").read_text(encoding="utf-8")
    # The zip (about 230 KB) fits, the snapshot of every figure (about 660 KB) does not.
    r = run(site, "build", "--jobs", "1", preexec_fn=_full_disk_at(400_000))
    no_traceback(r)
    assert r.returncode == 1, r.stdout[-2000:] + r.stderr[-2000:]
    assert "published-figures.json" in r.stderr and "File too large" in r.stderr, r.stderr[-2000:]
    assert tree(out / "data") == data_before
    assert manifest_of(out) == manifest_before
    assert (out / "index.html").read_text(encoding="utf-8") == index_before
    m = manifest_of(out)
    assert data_version_of(out / "data" / "index.html") == m["published_data_version"] == m["data_version"]
    r = run(site, "build", "--jobs", "1")  # with room again: every part on the new version
    assert r.returncode == 0, r.stderr[-2000:]
    m = manifest_of(out)
    assert data_version_of(out / "data" / "index.html") == m["published_data_version"] == m["data_version"]


EDITS_ITS_DATA = """
import csv, os
from pathlib import Path
from helpers.data import load_figures

# The data changes while the build runs (a person saves an edit): a valid edit of one note.
path = Path(os.environ["HELPERS_DATA_DIR"]) / "figures.csv"
rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
rows[1][rows[0].index("note")] += " (edited while building)"
with path.open("w", encoding="utf-8", newline="") as fh:
    csv.writer(fh, lineterminator="\\n").writerows(rows)
df = load_figures(["egdi_rank"])
print(len(df))
"""


def test_a_page_is_stamped_with_the_data_version_it_was_built_from(site):
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('output_dir: str = ""  # unused')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Edits its data"),
        params,
        nbformat.v4.new_code_cell(EDITS_ITS_DATA),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, site["tmp"] / "edits.ipynb")
    config = write_config(site["tmp"] / "edits.yaml", [{"name": "edits", "notebook": "edits.ipynb"}])
    r = run(site, "build", config=config)
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-3000:]
    now = re.search(r"data version ([0-9a-f]+)", run(site, "list", config=config).stdout).group(1)
    assert data_version_of(site["outputs"] / "reports" / "edits" / "index.html") == now


# --- what a report's page depends on --------------------------------------------------------------


def test_the_site_address_is_among_a_reports_inputs(site):
    url = "https://example.org/figures"
    text = site["config"].read_text(encoding="utf-8")
    site["config"].write_text(text.replace("settings:", f"settings:\n  site_url: {url}"), encoding="utf-8")
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    assert built_names(r.stdout) == set(NAMES), r.stdout
    for name in NAMES:
        page = (site["outputs"] / "reports" / name / "index.html").read_text(encoding="utf-8")
        assert f"{url}/reports/{name}/index.html" in page, name


def test_a_new_language_twin_rebuilds_the_page_that_links_it(site):
    bilingual_notebook(site["tmp"] / "bilingual.ipynb")
    entry = {"name": "lang-{lang}", "notebook": "bilingual.ipynb", "matrix": {"lang": ["en"]}}
    write_config(site["config"], [*TWO_TINY, entry])
    assert run(site, "build").returncode == 0
    entry["matrix"]["lang"] = ["en", "vi"]
    write_config(site["config"], [*TWO_TINY, entry])
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    assert built_names(r.stdout) == {"lang-en", "lang-vi"}, r.stdout
    page = (site["outputs"] / "reports" / "lang-en" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="vi"' in page and "reports/lang-vi/index.html" in page
