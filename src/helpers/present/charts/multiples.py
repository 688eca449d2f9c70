"""Small multiples: one small panel per indicator, its latest value labelled."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import labels, style
from ..locale import chart_text, cite, meta
from .axes import time_axis, value_axis
from .bundle import (
    SHORT,
    Chart,
    chart_meta,
    has_dates,
    indicator_rows,
    plotted_data,
    redrawable,
    time_x,
    value_text,
)


@redrawable
def small_multiples(
    df, indicator_ids, lang="en", entity="VNM", ncols=None, start_year=None, end_year=None
) -> Chart:
    """One small panel per indicator with more than two figures, its latest value labelled; the
    title counts the series that improved on their previous figure. Three panels a row (two when
    drawn narrow), unless ``ncols`` says otherwise."""

    rows_of = {i: indicator_rows(df, i, entity, start_year, end_year) for i in indicator_ids}
    rows_of = {i: r for i, r in rows_of.items() if len(r) > SHORT}
    ids = list(rows_of)
    n = len(ids)
    ncols = ncols or (2 if style.is_narrow() else 3)
    nrows = max(1, math.ceil(n / ncols))
    better = 0
    for i, r in rows_of.items():
        d = r["value"].iloc[-1] - r["value"].iloc[-2]
        hib = meta(i, lang)["kind"] != "rank"
        better += (d > 0) if hib else (d < 0)
    all_rows = pd.concat(rows_of.values()) if rows_of else df[:0]
    title = chart_text("improved", lang, k=better, n=n)
    sub = chart_text(
        "own_units_period", lang, t0=str(int(all_rows["year"].min())), t1=str(int(all_rows["year"].max()))
    )
    fig, axes = style.new_chart(title, sub, nrows, ncols, figsize=(style.width(), 2.2 * nrows + 1.4))
    axes = list(getattr(axes, "flat", [axes]))
    panel_titles = []
    for ax, ind in zip(axes, ids, strict=False):
        rows = rows_of[ind]
        dated = has_dates(rows)
        x = time_x(rows, dated)
        ax.plot(x, rows["value"], marker="o", markersize=3, color=style.VIET_NAM, linewidth=1.5)
        panel_titles.append(
            ax.set_title(meta(ind, lang)["name"], fontsize=style.pt(8), fontweight="bold", loc="left", pad=6)
        )
        ax.tick_params(labelsize=style.pt(7))
        time_axis(
            ax, [x], dated, lang, max_ticks=(2 if dated else 3) if style.is_narrow() else (3 if dated else 4)
        )
        value_axis(ax, meta(ind, lang)["kind"], rows["value"], ind, lang, headroom=0.3)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3)) if meta(ind, lang)["kind"] not in (
            "rank",
            "index",
        ) else None
    for ax in axes[n:]:
        ax.set_visible(False)
    style.finish_grid(fig, cite(all_rows["source_id"], lang), panel_titles, nrows)
    for ax, ind in zip(axes, ids, strict=False):
        rows = rows_of[ind]
        x = time_x(rows, has_dates(rows))
        last = rows.iloc[-1]
        labels.place(
            ax,
            [
                {
                    "x": x[-1],
                    "y": last["value"],
                    "text": value_text(last, lang),
                    "color": style.VIET_NAM,
                    "fontsize": style.pt(7.5),
                    "fontweight": "bold",
                }
            ],
            required=1,
        )
    chart = Chart(fig, plotted_data(all_rows), f"small_multiples_{entity}_{lang}")
    chart.meta = chart_meta(title, sub, all_rows, lang)
    return chart
