"""The report runner: cold, no-op and incremental builds, parameter checks, failures.

Each test builds into a temporary outputs folder from a copy of the data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.paths import DEFAULT_DATA_DIR
from reports_support import (
    PROFILE,
    build,
    built_names,
    copy_prebuilt,
    manifest,
    prebuilt,
    published_site,
    runner_cmd,
    tiny_notebook,
    tree_hash,
    write_config,
)

pytestmark = pytest.mark.slow


REPORTS = [
    {
        "name": "tiny-{indicator}",
        "notebook": "tiny.ipynb",
        "matrix": {"indicator": ["egdi_rank", "cccd_cards_issued"]},
    },
    {
        "name": "profile-{indicator}",
        "notebook": str(PROFILE),
        "matrix": {"indicator": ["ndxp_transactions"]},
    },
]


@pytest.fixture
def setup(tmp_path, data_copy):
    """The config of REPORTS, a private copy of the data, nothing built yet."""
    nb = tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(tmp_path / "reports.yaml", REPORTS)
    return {"config": config, "outputs": tmp_path / "outputs", "data": data_copy, "nb": nb, "tmp": tmp_path}


@pytest.fixture(scope="session")
def _built_once(tmp_path_factory):
    return prebuilt(tmp_path_factory, "reports-built", REPORTS, DEFAULT_DATA_DIR)


@pytest.fixture
def built(tmp_path, _built_once):
    """Like setup, with the outputs already built (copied from one build per session): for tests
    whose first step is a build of everything, which then has nothing left to do."""
    return copy_prebuilt(_built_once, tmp_path)


def _same_site(root: Path) -> str:
    """A published site's files with times and the path of the folder it was built in taken out."""
    site = json.dumps(published_site(root / "outputs"), default=repr, sort_keys=True)
    return site.replace(str(root), "ROOT")


def test_cold_build_publishes_every_report(setup, _built_once):
    """The true command line, a new ``python`` process (most runner tests fork theirs from a warm
    server: tests/runner_fork.py); it publishes what the session's forked build of the same
    notebook, config and data did."""
    copy_prebuilt(_built_once, setup["tmp"])
    shutil.rmtree(setup["outputs"])
    r = build(setup["config"], setup["outputs"], setup["data"], "--jobs", "2", forked=False)
    assert r.returncode == 0, r.stderr + r.stdout
    assert "3 built, 0 up to date, 0 failed" in r.stdout
    assert _same_site(setup["tmp"]) == _same_site(_built_once)
    out = setup["outputs"]
    profile = out / "reports" / "profile-ndxp_transactions"
    assert (profile / "notebook.ipynb").exists()
    page = (profile / "index.html").read_text(encoding="utf-8")
    title = "<h1>Transactions through the National Data Exchange Platform (NDXP)</h1>"
    assert title in page and 'id="cite"' in page
    # the chart, and on a phone the same chart drawn at a phone's width
    assert '<figure class="chart"><picture><source media="(max-width: 600px)" srcset="charts/' in page
    assert re.search(r'srcset="charts/[^"]+\.narrow\.svg"><img src="charts/', page)
    assert "start(" not in page and "Page(" not in page  # code cells are hidden
    charts = {p.suffix for p in (profile / "charts").iterdir()}
    assert charts == {".png", ".svg", ".csv", ".json"}
    meta = json.loads(next((profile / "charts").glob("*.json")).read_text(encoding="utf-8"))
    assert len(meta["data_version"]) == 12 and meta["data_version"] in meta["citation"]
    assert meta["page"].endswith("reports/profile-ndxp_transactions/index.html")
    assert (out / "assets" / "site.css").is_file() and (out / "index.vi.html").is_file()
    m = manifest(out)
    assert m["reports"]["tiny-cccd_cards_issued"]["reads"] == ["cccd_cards_issued"]
    assert set(m["reports"]["profile-ndxp_transactions"]["inputs"]) >= {
        "notebook",
        "parameters",
        "helpers",
        "packages",
        "data",
    }
    assert "pandas" in m["reports"]["tiny-egdi_rank"]["packages"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("reports/tiny-") == 2 and "Tiny &lt;b&gt;report&lt;/b&gt;" in index


@pytest.mark.parametrize("kernel", ["inprocess", "subprocess"])
def test_both_kernel_modes_capture_printed_text_and_figures(setup, kernel):
    r = build(
        setup["config"],
        setup["outputs"],
        setup["data"],
        "--kernel",
        kernel,
        "tiny-egdi_rank",
        "profile-ndxp_transactions",
    )
    assert r.returncode == 0, r.stderr
    import nbformat

    tiny = nbformat.read(setup["outputs"] / "reports" / "tiny-egdi_rank" / "notebook.ipynb", as_version=4)
    streams = [o for c in tiny.cells for o in c.get("outputs", []) if o["output_type"] == "stream"]
    assert any(o["text"].startswith("rows read: ") for o in streams)
    profile = nbformat.read(
        setup["outputs"] / "reports" / "profile-ndxp_transactions" / "notebook.ipynb", as_version=4
    )
    kinds = {k for c in profile.cells for o in c.get("outputs", []) for k in o.get("data", {})}
    assert {"text/markdown", "text/html"} <= kinds
    roles = [
        o["metadata"]["page"]["role"]
        for c in profile.cells
        for o in c.get("outputs", [])
        if o.get("metadata", {}).get("page")
    ]
    assert roles[0] == "title" and "chart" in roles and roles[-1] == "summary"
    charts = setup["outputs"] / "reports" / "profile-ndxp_transactions" / "charts"
    assert {p.suffix for p in charts.glob("ndxp_transactions_VNM_en.*")} == {".csv", ".json", ".png", ".svg"}


def test_noop_build_starts_no_kernel_and_imports_no_pandas(built):
    assert build(built["config"], built["outputs"], built["data"]).returncode == 0
    before = tree_hash(built["outputs"])
    cmd = runner_cmd(
        built["config"], built["outputs"], built["data"], "build", python_flags=("-X", "importtime")
    )
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert "0 built, 3 up to date, 0 failed" in r.stdout
    imported = {line.split("|")[-1].strip() for line in r.stderr.splitlines() if "|" in line}
    assert not {"pandas", "matplotlib", "papermill", "ipykernel"} & imported
    assert tree_hash(built["outputs"]) == before


def _edit_note(data, indicator: str, text: str) -> None:
    import csv

    path = data / "figures.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    note = rows[0].index("note")
    for row in rows[1:]:
        if row[1] == indicator:  # row[0] is the figure id
            row[note] = text
            break
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_changing_one_indicator_rebuilds_only_reports_that_read_it(built):
    assert build(built["config"], built["outputs"], built["data"]).returncode == 0
    _edit_note(built["data"], "cccd_cards_issued", "edited note")
    r = build(built["config"], built["outputs"], built["data"])
    assert r.returncode == 0, r.stderr
    assert built_names(r.stdout) == {"tiny-cccd_cards_issued"}
    assert "data changed: cccd_cards_issued" in r.stdout


def test_changed_parameter_or_notebook_rebuilds_that_report_only(built):
    assert build(built["config"], built["outputs"], built["data"]).returncode == 0
    text = built["config"].read_text().replace("- ndxp_transactions", "- egdi_value")
    built["config"].write_text(text)
    r = build(built["config"], built["outputs"], built["data"])
    assert built_names(r.stdout) == {"profile-egdi_value"}
    import nbformat

    nb = nbformat.read(built["nb"], as_version=4)
    nb.cells[0].source = "# Tiny report, retitled"
    nbformat.write(nb, built["nb"])
    r = build(built["config"], built["outputs"], built["data"])
    assert built_names(r.stdout) == {"tiny-egdi_rank", "tiny-cccd_cards_issued"}
    assert "notebook changed" in r.stdout


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"indicatr": "egdi_rank"},
            "unknown parameter 'indicatr'; valid parameters: fail, sleep, indicator, output_dir",
        ),
        ({"sleep": "5"}, "sleep: expected int, got str '5'"),
        ({"indicator": "no_such_id"}, "indicator: unknown indicator 'no_such_id'"),
        ({"output_dir": "/tmp/x"}, "output_dir is set by the runner"),
    ],
)
def test_bad_parameters_fail_before_any_kernel(setup, params, message):
    config = write_config(
        setup["tmp"] / "bad.yaml", [{"name": "bad", "notebook": "tiny.ipynb", "parameters": params}]
    )
    r = build(config, setup["outputs"], setup["data"])
    assert r.returncode == 2
    assert message in r.stderr
    assert not (setup["outputs"] / "reports").exists()


def test_missing_notebook_and_unknown_report_exit_2(setup):
    config = write_config(setup["tmp"] / "missing.yaml", [{"name": "x", "notebook": "nope.ipynb"}])
    r = build(config, setup["outputs"], setup["data"])
    assert r.returncode == 2 and "does not exist" in r.stderr
    r = build(setup["config"], setup["outputs"], setup["data"], "no-such-report")
    assert r.returncode == 2 and "unknown report 'no-such-report'" in r.stderr
    r = build(setup["config"], setup["outputs"], setup["data"], "tiny-egdi-rank")
    assert r.returncode == 2
    assert "unknown report 'tiny-egdi-rank' (did you mean tiny-egdi_rank" in r.stderr
    assert "[" not in r.stderr and not (setup["outputs"] / "index.html").exists()  # no list repr, no build


def test_failing_report_keeps_last_good_version_and_lands_in_failed(built):
    assert build(built["config"], built["outputs"], built["data"]).returncode == 0
    published = built["outputs"] / "reports" / "tiny-egdi_rank"
    good = tree_hash(published)
    text = (
        built["config"]
        .read_text()
        .replace("name: tiny-{indicator}", "name: tiny-{indicator}\n  parameters:\n    fail: true")
    )
    built["config"].write_text(text)
    r = build(built["config"], built["outputs"], built["data"])
    assert r.returncode == 1
    assert tree_hash(published) == good
    failed = built["outputs"] / "failed"
    assert (failed / "tiny-egdi_rank.ipynb").exists()
    page = (failed / "tiny-egdi_rank.html").read_text(encoding="utf-8")
    assert "RuntimeError" in page and "boom" in page
    line = next(ln for ln in r.stdout.splitlines() if ln.startswith("tiny-egdi_rank"))
    assert "failed" in line and "cell 4" in line and "RuntimeError: boom" in line
    assert "profile-ndxp_transactions" not in built_names(r.stdout)  # up to date, not disturbed
    assert manifest(built["outputs"])["failed"]["tiny-egdi_rank"]["cell"] == 4
    # The next successful run clears the failure.
    built["config"].write_text(text.replace("fail: true", "fail: false"))
    r = build(built["config"], built["outputs"], built["data"])
    assert r.returncode == 0
    assert not (failed / "tiny-egdi_rank.html").exists()
    assert manifest(built["outputs"])["failed"] == {}


def test_list_and_params_commands(setup):
    base = runner_cmd(setup["config"], setup["outputs"], setup["data"])
    r = subprocess.run([*base, "list"], capture_output=True, text=True, check=True)
    assert "tiny-egdi_rank" in r.stdout and "stale: never built" in r.stdout
    r = subprocess.run([*base, "params", str(PROFILE)], capture_output=True, text=True, check=True)
    assert (
        "indicator: str = 'ndxp_transactions'" in r.stdout
        and "indicator id from data/indicators.csv" in r.stdout
    )
