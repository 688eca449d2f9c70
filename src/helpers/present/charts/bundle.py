"""What a chart gives the notebook (:class:`Chart`: the figure, exactly the data plotted, a file
name and the metadata of its downloads), the rows a chart reads, and that metadata."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from ...data import series, validate
from ...paths import data_dir as _data_dir
from .. import style
from ..locale import at, cite, fmt, meta, when

COUNTS = ("stock", "flow")
SHORT = 2  # a series with this many points or fewer is a number card, not a chart


@dataclass
class Chart:
    fig: object
    data: pd.DataFrame
    name: str
    meta: dict = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    recipe: tuple | None = None  # (function, args, kwargs) that drew it: drawn again, narrow

    @property
    def title(self) -> str:
        return self.meta.get("title", "")

    def save(self, output_dir: str | Path | None) -> None:
        """Write PNG, SVG, CSV and metadata JSON into ``output_dir`` (nothing when it is empty);
        ``files`` lists what was written. Returns None so that a notebook cell ending in
        ``chart.save(...)`` shows only the figure."""
        if output_dir:
            self.files = style.save(self.fig, output_dir, self.name, self.data, self.meta)
            narrow = self.narrow()
            if narrow is not None:
                self.files.append(style.save_narrow(narrow, output_dir, self.name))
                import matplotlib.pyplot as plt

                plt.close(narrow)

    def narrow(self):
        """The chart drawn again at a phone's width (``style.narrow``): its figure, or None when the
        chart records no recipe."""
        if self.recipe is None:
            return None
        func, args, kwargs = self.recipe
        with style.narrow():
            again = func(*args, **kwargs)
        return again.fig


def redrawable(func):
    """Make a chart function's Charts remember how they were drawn (``Chart.recipe``), so that
    ``save`` draws a narrow rendering too. A Card (no figure) is returned as it is."""

    @functools.wraps(func)
    def draw(*args, **kwargs):
        chart = func(*args, **kwargs)
        if isinstance(chart, Chart) and not style.is_narrow():
            chart.recipe = (func, args, kwargs)
        return chart

    return draw


def plotted_data(rows: pd.DataFrame) -> pd.DataFrame:
    cols = ["indicator", "entity", "year", "date", "value", "source_id", "selected"]
    return rows[[c for c in cols if c in rows.columns]].reset_index(drop=True)


def within_years(df: pd.DataFrame, start_year: int | None, end_year: int | None) -> pd.DataFrame:
    lo = -math.inf if start_year is None else start_year
    hi = math.inf if end_year is None else end_year
    return df[(df["year"] >= lo) & (df["year"] <= hi)]


def indicator_rows(
    df, indicator, entity="VNM", start_year=None, end_year=None, selected=True
) -> pd.DataFrame:
    return within_years(series(df, indicator, entity, selected=selected), start_year, end_year)


def has_dates(rows: pd.DataFrame) -> bool:
    return bool((rows["date"] != "").any())


def time_x(rows: pd.DataFrame, dated: bool) -> np.ndarray:
    """Where each row sits on the time axis: its year, or (dated axis) its date; a yearly value on
    a dated axis sits mid-year."""
    if not dated:
        return rows["year"].astype(int).to_numpy()
    days = [d if d else f"{int(y)}-07-02" for y, d in zip(rows["year"], rows["date"], strict=True)]
    return mdates.date2num(pd.to_datetime(days).to_pydatetime())


def period_of(row) -> str:
    period = row.get("period", "") if hasattr(row, "get") else ""
    return period if isinstance(period, str) else ""


def when_text(row, lang: str) -> str:
    return when(row["year"], row["date"], lang, period_of(row))


def at_text(row, lang: str) -> str:
    return at(row["year"], row["date"], lang, period_of(row))


def value_text(row, lang: str) -> str:
    return fmt(row["value"], row["indicator"], lang)


def tentative_rows(rows: pd.DataFrame) -> np.ndarray:
    """Rows that are estimates, provisional or forecasts, or cover a period not yet over."""
    out = np.zeros(len(rows), dtype=bool)
    if "status" in rows.columns:
        out |= rows["status"].isin(["estimate", "provisional", "forecast"]).to_numpy()
    if "complete" in rows.columns:
        out |= (rows["complete"] == False).to_numpy()  # noqa: E712 (a column of booleans)
    return out


def _licence() -> dict:
    package = json.loads((_data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    lic = (package.get("licenses") or [{}])[0]
    return {k: lic[k] for k in ("name", "title", "path") if k in lic}


def chart_meta(title: str, subtitle: str, rows: pd.DataFrame, lang: str, kind: str = "chart") -> dict:
    ds = validate()
    sources = []
    for sid in dict.fromkeys(rows["source_id"]):
        s = ds.sources[sid]
        sources.append(
            {
                k: s.get(k, "")
                for k in ("publisher", "title", "published", "address", "retrieved_from", "accessed")
            }
            | {"id": sid}
        )
    indicators = list(dict.fromkeys(rows["indicator"]))
    return {
        "title": title,
        "subtitle": subtitle,
        "kind": kind,
        "lang": lang,
        "indicators": indicators,
        "units": {i: meta(i, lang)["unit"] for i in indicators},
        "period": {"start": when_text(rows.iloc[0], lang), "end": when_text(rows.iloc[-1], lang)}
        if len(rows)
        else {},
        "sources": sources,
        "source_line": cite(rows["source_id"], lang),
        "licence": _licence(),
    }  # the report runner adds the data version, the page's address and how to cite
