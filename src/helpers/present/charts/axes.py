"""The axes: time (year ticks, or month-end ticks on a dated axis) and values by the house rule of
the indicator's kind (see ``helpers.present.charts``)."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from .. import locale, style
from ..locale import tick_format


def time_axis(ax, xs: list[np.ndarray], dated: bool, lang: str, max_ticks: int = 11) -> None:
    """Year ticks for yearly values (every survey year when the years step by two). For dated
    values a date axis whose ticks sit on month ends, labelled with the month ("Dec 2023" /
    "12/2023"), so an end-of-year stock sits on its own year's tick. A narrow chart
    (``style.narrow``) has at most 6 year ticks, 3 dated ones, and more room at the ends."""
    narrow = style.is_narrow()
    if narrow:
        max_ticks = min(max_ticks, 6)
    allx = np.concatenate([np.asarray(x, dtype=float) for x in xs if len(x)])
    lo, hi = float(allx.min()), float(allx.max())
    if not dated:
        years = sorted({int(v) for v in allx})
        step = int(np.gcd.reduce(np.diff(years))) if len(years) > 1 else 1
        while int((hi - lo) // step) + 1 > max_ticks:
            step *= 2
        first = int(hi) - step * int((hi - lo) // step)  # so that the latest year has a tick
        ax.xaxis.set_major_locator(FixedLocator(list(range(first, int(hi) + 1, step))))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f}"))
        half = max(max(step, 1) * 0.5, 0.8 if narrow else 0.0)
        ax.set_xlim(lo - half, hi + half)
        return
    max_ticks = min(max_ticks, 3 if style.is_narrow() else 7)  # "Dec 2023" is wider than "2023"
    span = hi - lo
    pad = max(span * 0.05, 15)
    ax.set_xlim(lo - pad, hi + pad)
    start, end = mdates.num2date(lo - pad), mdates.num2date(hi + pad)
    ends = pd.date_range(start.replace(tzinfo=None), end.replace(tzinfo=None), freq="ME")
    ticks = []
    for months in ((3, 6, 9, 12), (6, 12), (12,), (12,), (12,)):
        ticks = [d for d in ends if d.month in months]
        if len(ticks) <= max_ticks:
            break
    every = 1
    while len(ticks[::every]) > max_ticks:
        every += 1
    ticks = ticks[::-1][::every][::-1]  # keep the latest tick
    # a tick in the corner would meet the value axis' lowest label
    corner = 0.12 if narrow else 0.04
    ticks = [d for d in ticks if mdates.date2num(d.to_pydatetime()) >= lo - pad + corner * (span + 2 * pad)]
    ax.xaxis.set_major_locator(FixedLocator(mdates.date2num([d.to_pydatetime() for d in ticks])))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _p: locale.month_year(mdates.num2date(v).strftime("%Y-%m-%d"), lang))
    )
    ax.xaxis.set_minor_locator(FixedLocator([]))


def rank_ticks(top: float, bottom: float) -> list[int]:
    """Nice whole ranks between ``top`` (best) and ``bottom``; never below 1 (no rank 0)."""
    ticks = MaxNLocator(nbins=5, integer=True, steps=[1, 2, 5, 10]).tick_values(top, bottom)
    out = sorted({max(1, int(v)) for v in ticks if top - 1e-9 <= v <= bottom + 1e-9 or v == 0})
    return [v for v in out if top - 1e-9 <= v <= bottom + 1e-9]


def value_axis(ax, kind: str, values, indicator: str, lang: str, headroom: float = 0.16) -> None:
    """The value axis by the house rule of ``kind`` (see the module docstring)."""
    v = np.asarray(list(values), dtype=float)
    v = v[np.isfinite(v)]
    lo, hi = (float(v.min()), float(v.max())) if len(v) else (0.0, 1.0)
    fmt_tick = tick_format(indicator, lang)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: fmt_tick(y)))
    if kind == "rank":
        pad = max(2.0, (hi - lo) * headroom)
        top, bottom = max(0.5, lo - pad), hi + pad * 0.6
        ax.set_ylim(bottom, top)  # inverted: 1 at the top
        ax.yaxis.set_major_locator(FixedLocator(rank_ticks(top, bottom)))
        return
    if kind == "index" and lo >= 0 and hi <= 1:
        ax.set_ylim(0, 1.0 + headroom * 0.5 if hi > 0.85 else 1.0)
        ax.yaxis.set_major_locator(FixedLocator([0, 0.25, 0.5, 0.75, 1.0]))
        return
    low = min(0.0, lo * (1 + headroom)) if kind == "rate" else 0.0
    high = max(hi, 0.0)
    ax.set_ylim(low, high + (high - low) * headroom if high > low else 1.0)
    locator = MaxNLocator(nbins=5)
    ticks = [y for y in locator.tick_values(low, high) if low - 1e-9 <= y <= high * (1 + headroom)]
    if kind == "share":
        ticks = [y for y in ticks if y <= 100]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
