"""The notebooks under papermill: defaults and other parameter sets, bad parameters, stored outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR, PROJECT_DIR
from helpers.reports.notebooks import VOLATILE_CELL_KEYS, VOLATILE_NB_KEYS

pytestmark = pytest.mark.slow
NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def papermill(nb: str, out: Path, params: dict, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable,
        "-m",
        "papermill",
        str(NOTEBOOKS_DIR / nb),
        str(out),
        "-k",
        "python3",
        "--log-level",
        "ERROR",
    ]
    for key, value in params.items():
        cmd += ["-y", json.dumps({key: value})] if isinstance(value, list) else ["-p", key, str(value)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})


def outputs_text(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


def test_collection_has_the_seven_notebooks():
    assert NOTEBOOKS == [
        "00_overview.ipynb",
        "01_egov_ranking.ipynb",
        "02_ndxp_transactions.ipynb",
        "03_identity_cccd_vneid.ipynb",
        "04_provinces.ipynb",
        "10_indicator_profile.ipynb",
        "11_province_profile.ipynb",
    ]


def test_every_notebook_saves_reproducible_charts(site):
    """Every report of the run's one build of the site (each notebook run by the runner, through
    papermill, in each language) saved its charts as PNG, SVG, CSV and JSON, the SVGs without a date;
    each notebook saved at least one chart. (A run with the default parameters is nbval's: it runs
    every notebook as committed and compares its outputs.)"""
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    charted = set()
    for name, rec in manifest["reports"].items():
        charts = site / "reports" / name / "charts"
        files = sorted(charts.iterdir()) if charts.is_dir() else []
        assert {f.suffix for f in files} <= {".png", ".svg", ".csv", ".json"}, (name, files)
        for svg in charts.glob("*.svg"):
            assert "<dc:date>" not in svg.read_text(encoding="utf-8"), svg
        if {f.suffix for f in files} == {".png", ".svg", ".csv", ".json"}:
            charted.add(rec["notebook"])
    assert charted == set(NOTEBOOKS)


NON_DEFAULT = [
    ("00_overview.ipynb", {"lang": "vi", "start_year": 2020}, ["Mới nhất", "Nguồn"]),
    (
        "01_egov_ranking.ipynb",
        {"lang": "vi", "peers": ["THA", "MYS"], "start_year": 2016},
        ["Vị trí trong Đông Nam Á", "/3"],
    ),
    (
        "02_ndxp_transactions.ipynb",
        {"lang": "vi", "start_year": 2023},
        ["1,0 tỷ", "Thay đổi so với năm trước"],
    ),
    ("03_identity_cccd_vneid.ipynb", {"start_year": 2023, "end_year": 2025}, ["84.7 m", "65 m"]),
    (
        "10_indicator_profile.ipynb",
        {"indicator": "cccd_cards_issued", "lang": "vi"},
        ["76,5 triệu", "Trích dẫn"],
    ),
    (
        "10_indicator_profile.ipynb",
        {"indicator": "egdi_value", "start_year": 2018},
        ["0.771", "raw/un-egdi/EGOV_DATA_2024.csv"],
    ),
]


@pytest.fixture(scope="module")
def other_runs(tmp_path_factory):
    """The notebooks run with the parameter sets of NON_DEFAULT, all in one build of the report runner
    (papermill in warm forked workers: one start-up for the six runs, not six kernels and six
    papermill processes); the folder of their published notebooks."""
    from helpers.paths import DEFAULT_DATA_DIR
    from reports_support import build, write_config

    root = tmp_path_factory.mktemp("other-parameters")
    reports = [
        {"name": f"run-{i}", "notebook": str(NOTEBOOKS_DIR / nb), "parameters": params}
        for i, (nb, params, _) in enumerate(NON_DEFAULT)
    ]
    r = build(write_config(root / "reports.yaml", reports), root / "outputs", DEFAULT_DATA_DIR, "--jobs", "2")
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return root / "outputs" / "reports"


@pytest.mark.parametrize(
    ("i", "nb", "params", "expected"),
    [(i, *case) for i, case in enumerate(NON_DEFAULT)],
    ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(NON_DEFAULT)],
)
def test_runs_with_other_parameters(other_runs, i, nb, params, expected):
    path = other_runs / f"run-{i}" / "notebook.ipynb"
    assert path.is_file(), f"{nb} with {params} was not published"
    text = outputs_text(path)
    for phrase in expected:
        assert phrase in text, phrase


@pytest.mark.parametrize(
    ("nb", "params", "message"),
    [
        (
            "01_egov_ranking.ipynb",
            {"start_year": 1800},
            "start_year: expected a year from 1990 to 2100, got 1800",
        ),
        ("01_egov_ranking.ipynb", {"lang": "fr"}, "lang: expected one of en, vi, got 'fr'"),
        ("01_egov_ranking.ipynb", {"peers": ["XXX"]}, "peers: unknown country code(s) ['XXX']"),
        (
            "00_overview.ipynb",
            {"start_year": 2024, "end_year": 2010},
            "start_year 2024 is after end_year 2010",
        ),
        ("10_indicator_profile.ipynb", {"indicator": "nope"}, "indicator: unknown indicator 'nope'"),
    ],
)
def test_bad_parameters_fail_in_the_validation_cell(nb, params, message, tmp_path):
    r = papermill(nb, tmp_path / "out.ipynb", params)
    assert r.returncode != 0
    assert "ParameterError" in r.stderr and message in r.stderr
    # the user's value is said, not a traceback through the helpers (issue 23)
    assert "helpers/params.py" not in r.stderr and "---> " not in r.stderr, r.stderr[-2000:]
    nb = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert len(errors) == 1 and errors[0]["traceback"] == [f"ParameterError: {errors[0]['evalue']}"], errors


def test_a_string_parameter_is_data_never_code(tmp_path):
    marker = tmp_path / "pwned"
    payload = f"x\"\nimport pathlib; pathlib.Path({str(marker)!r}).touch()\n\"'; __import__('os')"
    r = papermill("10_indicator_profile.ipynb", tmp_path / "out.ipynb", {"indicator": payload})
    assert r.returncode != 0 and "unknown indicator" in r.stderr
    assert not marker.exists()


def test_committed_notebooks_are_clean_and_executed():
    for name in NOTEBOOKS:
        nb = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
        assert not set(VOLATILE_NB_KEYS) & set(nb["metadata"]), name
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(
            c.get("outputs") or c["metadata"].get("tags") == ["parameters"] or c["execution_count"]
            for c in code
        )
        for cell in nb["cells"]:
            assert not set(VOLATILE_CELL_KEYS) & set(cell.get("metadata", {})), name
        assert len(code) <= 10, f"{name}: keep logic in helpers"
        assert all(
            len(c["source"] if isinstance(c["source"], str) else "".join(c["source"])) < 600 for c in code
        )


def test_nbval_fails_when_a_headline_figure_changes_without_a_refresh(data_copy):
    path = data_copy / "figures.csv"
    text = path.read_text(encoding="utf-8").replace(",1013000000,", ",1213000000,", 1)
    text = text.replace("lên 1.013 triệu giao dịch", "lên 1.213 triệu giao dịch")
    path.write_text(text, encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "--nbval",
        "--nbval-current-env",
        "-p",
        "no:cacheprovider",
        "--nbval-sanitize-with",
        "tests/sanitize.cfg",
        "notebooks/02_ndxp_transactions.ipynb",
    ]
    env = {**os.environ, "HELPERS_DATA_DIR": str(data_copy)}
    r = subprocess.run(cmd, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode != 0, r.stdout[-1500:]
    assert "1.2 bn" in r.stdout  # the new figure, shown in nbval's diff of the growth table
