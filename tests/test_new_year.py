"""A new year of data shows with no code or parameter change: the notebooks' year parameters default
to 0, "as far as the data goes", so a figure for a later year appended to (a copy of) the data appears
in a run with the defaults, in the chart's data and in the tables."""

import csv
import json
import os
import subprocess
import sys

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow

ROW = {
    "indicator": "ndxp_transactions",
    "id": "f9999",
    "entity": "VNM",
    "year": "2026",
    "period": "year",
    "status": "final",
    "producer": "MIC",
    "value": "2000000000",
    "source_id": "baria-vungtau-2025-02-06",
    "quote": "Giao dịch qua NDXP đạt 2.000 triệu giao dịch trong năm 2026.",
    "note": "Test row: a year later than any in the data.",
}


def test_a_new_year_shows_with_the_default_parameters(data_copy, tmp_path):
    path = data_copy / "figures.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        fields = next(csv.reader(fh))
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fields, lineterminator="\n").writerow({k: ROW.get(k, "") for k in fields})
    out, charts = tmp_path / "out.ipynb", tmp_path / "charts"
    cmd = [
        sys.executable, "-m", "papermill", str(NOTEBOOKS_DIR / "02_ndxp_transactions.ipynb"), str(out),
        "-k", "python3", "--log-level", "ERROR", "-p", "output_dir", str(charts),
    ]  # fmt: skip
    env = {**os.environ, "HELPERS_DATA_DIR": str(data_copy)}
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    plotted = (charts / "ndxp_transactions_VNM_en.csv").read_text(encoding="utf-8")
    assert ",2026," in plotted
    nb = nbformat.read(out, as_version=4)
    shown = json.dumps([o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])])
    assert "2026" in shown  # the growth table and the findings name the new year
