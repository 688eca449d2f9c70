"""Values the project derives for a province formed on 1 July 2025, for the years before it existed:
the mean of its predecessors' values, the rule the ministry itself used for DTI 2024 ("dựa trên giá
trị trung bình cộng các chỉ số chính của DTI các tỉnh trước sáp nhập": a mean of the predecessors'
indices, so of their DTI, which is a sum of them). A year gets one only where every predecessor has
a value; the rows are marked ``derived`` (origin ``derived``), computed on each load and never
stored in ``data/``.
"""

from __future__ import annotations

import pandas as pd

from .panel import COLUMNS, values
from .places import predecessors

DERIVED = "derived"  # the origin of a value computed here


def derived_id(indicator: str, code: str, year: int) -> str:
    """The id of a derived value, in its own namespace (never a figure id of ``data/``)."""
    return f"derived:mean:{indicator}:{code}:{year}"


def predecessor_mean(df: pd.DataFrame, code: str, indicator: str = "dti") -> pd.DataFrame:
    """The unweighted mean of the predecessors' values of ``indicator`` for each year in which every
    predecessor of ``code`` has one; empty for a province that was not formed from two or more.
    Columns: those of :func:`~helpers.provinces.panel.values`, ``derived`` (True), ``from_ids``
    (the figures averaged)."""
    olds = predecessors(code)
    if len(olds) < 2:
        return pd.DataFrame(columns=[*COLUMNS, "derived", "from_ids"])
    held = values(df, indicator, olds)
    rows = []
    for year, g in held.groupby("year", sort=True):
        if set(g["entity"]) != set(olds):
            continue
        rows.append(
            {
                "indicator": indicator,
                "entity": code,
                "year": int(year),
                "value": float(g["value"].mean()),
                "id": derived_id(indicator, code, int(year)),
                "source_id": "",
                "origin": DERIVED,
                "derived": True,
                "from_ids": " ".join(g["id"]),
            }
        )
    return pd.DataFrame.from_records(rows, columns=[*COLUMNS, "derived", "from_ids"])
