"""Targets on a chart: hollow diamonds at their deadline, labelled with year, value and (when an
indicator has several) the instrument that set them."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from .. import style
from ..locale import chart_text, fmt, short_instrument


def targets_of(indicator: str, entity: str = "VNM", targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The targets set for ``indicator`` (from ``helpers.data.targets()`` unless given)."""
    if targets is None:
        from ... import data

        targets = data.targets([indicator])  # reads only this indicator (incremental builds)
    t_ = targets[(targets["indicator"] == indicator) & (targets["entity"] == entity)]
    t_ = t_.assign(date=t_["date"].fillna(""))
    # one goal point per (time, value), however many instruments set it
    return t_.drop_duplicates(["year", "date", "value"]).sort_values(["year", "value"])


def target_x(rows: pd.DataFrame, dated: bool) -> np.ndarray:
    """A target's place in time: its year, or on a dated axis its date (the year's end when it has
    none: "by 2025" is by 31 December 2025)."""
    if not dated:
        return rows["year"].astype(int).to_numpy()
    days = [d if d else f"{int(y)}-12-31" for y, d in zip(rows["year"], rows["date"], strict=True)]
    return mdates.date2num(pd.to_datetime(days).to_pydatetime())


# Where a target's label goes, in order: beside its point, left first (targets lie beyond the data,
# so the room is usually on their left), then diagonally, then above or below.
TARGET_AROUND = [
    ((-9, 0), "right", "center"),
    ((9, 0), "left", "center"),
    ((-7, -7), "right", "top"),
    ((-7, 7), "right", "bottom"),
    ((0, 9), "center", "bottom"),
    ((0, -9), "center", "top"),
]
# In a narrow chart targets lie closer together: above or below before the corners.
NARROW_AROUND = [TARGET_AROUND[i] for i in (0, 5, 4, 2, 3, 1)]


def target_text(year: int, value: str, instrument: str, lang: str) -> str:
    """A target's label: "target 2025: 70"; when an indicator has targets from more than one
    instrument, the instrument on a second line ("target 2025: 70\nDecision 749" / "QĐ 749"), which
    keeps the label narrow enough to sit beside its point."""
    label = f"{chart_text('target', lang, year=year)}: {value}"
    short = short_instrument(instrument, lang)
    return f"{label}\n{short}" if short else label


def draw_targets(ax, goals: pd.DataFrame, x, indicator: str, lang: str) -> list[dict]:
    """Targets as hollow diamonds; returns their labels ("target 2025: 20%") for placing."""
    if goals.empty:
        return []
    ax.plot(
        x,
        goals["value"],
        linestyle="none",
        marker="D",
        markersize=7,
        markerfacecolor="white",
        markeredgecolor=style.VIET_NAM,
        markeredgewidth=1.5,
        zorder=4,
    )
    several = "instrument" in goals and goals["instrument"].nunique() > 1
    instruments = goals["instrument"] if several else [""] * len(goals)
    return [
        {
            "x": xi,
            "y": v,
            "text": target_text(int(y), fmt(v, indicator, lang), inst, lang),
            "color": style.VIET_NAM,
            "fontsize": 8.5,
            "fontstyle": "italic",
            "around": NARROW_AROUND if style.is_narrow() else TARGET_AROUND,
        }
        for xi, v, y, inst in zip(x, goals["value"], goals["year"], instruments, strict=True)
    ]
