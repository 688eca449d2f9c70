"""Missing periods: a line never bridges one without showing it, and an empty bar slot says so.

A segment between two points bridges a missing period when, for figures over whole years, a year
(a survey, for the UN's biennial survey) lies between them with no figure; for months, quarters and
halves, when the next period does not start the day after the last one ends; for levels at a date
and per-day figures, when a whole calendar year between them has no figure. Such a segment is drawn
dotted, and the chart's subtitle says what the dotted line means.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .. import style
from ..locale import chart_text

DOTTED = (0, (1.2, 2.2))  # the line style of a segment across a missing period


def _day(text) -> dt.date:
    return dt.date.fromisoformat(str(text)[:10])


def missing(rows: pd.DataFrame) -> np.ndarray:
    """For each segment between consecutive rows, whether it bridges a missing period."""
    out = np.zeros(max(len(rows) - 1, 0), dtype=bool)
    records = rows.to_dict("records")
    for i, (a, b) in enumerate(zip(records, records[1:], strict=False)):
        period = a.get("period", "year")
        if period == "year" and b.get("period", "year") == "year":
            step = 2 if a.get("producer") == b.get("producer") == "UN DESA" else 1
            out[i] = int(b["year"]) - int(a["year"]) > step
        elif period in ("month", "quarter", "half") and period == b.get("period"):
            out[i] = _day(b["period_start"]) > _day(a["period_end"]) + dt.timedelta(days=1)
        else:
            out[i] = int(b["year"]) - int(a["year"]) >= 2
    return out


def line(ax, x, y, gaps: np.ndarray, color, linewidth: float, markersize: float, zorder: int = 3) -> bool:
    """Draw a series as a line with its points: solid where the periods follow each other, dotted
    across a missing period. Returns whether any segment is dotted."""
    y = np.asarray(y, dtype=float)
    start = 0
    for i in range(len(x) - 1):
        if gaps[i]:
            if i > start:
                ax.plot(x[start : i + 1], y[start : i + 1], color=color, linewidth=linewidth, zorder=zorder)
            ax.plot(
                x[i : i + 2], y[i : i + 2], color=color, linewidth=linewidth, linestyle=DOTTED, zorder=zorder
            )
            start = i + 1
    if len(x) - 1 > start:
        ax.plot(x[start:], y[start:], color=color, linewidth=linewidth, zorder=zorder)
    ax.plot(x, y, linestyle="none", marker="o", markersize=markersize, color=color, zorder=zorder)
    return bool(gaps.any())


def note(subtitle: str, dotted: bool, lang: str) -> str:
    """The subtitle, with what a dotted segment means when the chart has one."""
    return f"{subtitle}; {chart_text('dotted_gap', lang)}" if dotted else subtitle


def empty_slots(ax, years, lang: str) -> list[int]:
    """Write "no figure found" in each empty slot of a bar chart of whole years (between its first and
    last bar); returns the years of those slots."""
    have = sorted({int(y) for y in years})
    empty = [y for y in range(have[0], have[-1] + 1) if y not in have] if have else []
    for year in empty:
        ax.annotate(
            chart_text("no_figure_found", lang),
            (year, 0),
            xytext=(0, 5),
            textcoords="offset points",
            rotation=90,
            ha="center",
            va="bottom",
            fontsize=8,
            fontstyle="italic",
            color=style.MUTED,
            zorder=3,
        )
    return empty
