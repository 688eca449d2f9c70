"""A build reports the indicators older than their release cadence allows: in the runner's output,
in manifest.json and in the index's build details (in each language), judged on the data's newest retrieval date,
so that the same data gives the same list whatever day the build runs."""

from __future__ import annotations

import json
import re

import pytest

from data_edit_support import edit_each_row
from reports_support import build, tiny_notebook, write_config

pytestmark = pytest.mark.slow  # builds a (tiny) report


def test_the_build_lists_stale_indicators_judged_on_the_data_s_date(tmp_path, data_copy):
    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(tmp_path / "reports.yaml", [{"name": "tiny", "notebook": "tiny.ipynb"}])
    outputs = tmp_path / "outputs"

    # every source read in January 2026: the UN survey of September 2024 is not yet overdue
    edit_each_row(data_copy / "sources.csv", lambda r: r.update(accessed=r["accessed"] and "2026-01-10"))
    r = build(config, outputs, data_copy)
    assert r.returncode == 0, r.stderr + r.stdout
    recorded = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))["freshness"]
    assert recorded["judged_on"] == "2026-01-10"
    early = {s["indicator"] for s in recorded["stale"]}
    assert "egdi_rank" not in early and "ndxp_transactions_month" in early
    assert "stale: " in r.stdout and "judged on 2026-01-10" in r.stdout
    assert "ndxp_transactions_month (monthly" in r.stdout

    # a source read in November 2026: the 2026 survey is now overdue; the runner says so again
    def later(row):
        if row["id"] == "un-egdi-2024":
            row["accessed"] = "2026-11-02"

    edit_each_row(data_copy / "sources.csv", later)
    r = build(config, outputs, data_copy)
    assert r.returncode == 0, r.stderr + r.stdout
    recorded = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))["freshness"]
    assert recorded["judged_on"] == "2026-11-02"
    assert "egdi_rank" in {s["indicator"] for s in recorded["stale"]}
    assert "egdi_rank (biennial, last 2024-09, due 2026-09)" in " ".join(r.stdout.split())
    index = (outputs / "index.html").read_text(encoding="utf-8")
    assert "Indicators with no figure as recent as their release cadence allows" in index
    assert "Judged on 2 Nov 2026, the day the sources were last read" in index
    # each cell labelled with its column's name, for a phone (the table stacks)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", index.split("Indicators with no figure as recent")[1])
    row = ["UN E-Government Development Index rank", "every two years", "Sep 2024", "Sep 2026"]
    assert any(cells[i : i + 4] == row for i in range(len(cells))), cells
    assert 'data-label="Next was due">Sep 2026</td>' in index
    vi = (outputs / "index.vi.html").read_text(encoding="utf-8")
    assert "Đánh giá vào ngày 2/11/2026" in vi and "hai năm một lần" in vi and "tháng 9/2026" in vi
