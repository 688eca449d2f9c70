"""Small multiples: one small panel per indicator, its latest value labelled."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.ticker import MaxNLocator

from ...compare import state
from ...data import higher_is_better
from .. import labels, statements, style
from ..locale import chart_text, cite, meta
from . import gaps
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


def _improved(st, indicator: str) -> bool:
    """Whether a computed change is certainly an improvement: places gained, or a move in the
    direction the dictionary calls better, by a number not bounded towards zero."""
    v = st.value or 0.0
    up = v > 0 and st.bound in ("exact", "lower", "approx")
    down = v < 0 and st.bound in ("exact", "upper", "approx")
    return up if st.measure == "places" or higher_is_better(indicator) else down


@redrawable
def small_multiples(
    df, indicator_ids, lang="en", entity="VNM", ncols=None, start_year=None, end_year=None
) -> Chart:
    """One small panel per indicator with more than two figures, its latest value labelled, dotted
    across a missing period; the title counts the series that improved on their previous figure,
    among those whose last two figures may be compared (``helpers.compare``). Three panels a row
    (two when drawn narrow), unless ``ncols`` says otherwise."""

    rows_of = {i: indicator_rows(df, i, entity, start_year, end_year) for i in indicator_ids}
    rows_of = {i: r for i, r in rows_of.items() if len(r) > SHORT}
    ids = list(rows_of)
    n = len(ids)
    ncols = ncols or (2 if style.is_narrow() else 3)
    nrows = max(1, math.ceil(n / ncols))
    moves = {i: state("change", [r.iloc[-2], r.iloc[-1]]) for i, r in rows_of.items()}
    compared = {i: s for i, s in moves.items() if s.ok}
    better = sum(1 for i, s in compared.items() if _improved(s, i))
    all_rows = pd.concat(rows_of.values()) if rows_of else df[:0]
    title = chart_text("improved", lang, k=better, n=len(compared))
    if len(compared) < n:
        title = chart_text("improved_of_comparable", lang, k=better, n=len(compared), all=n)
    for s in moves.values():
        statements.keep(s, title)
    dotted = any(gaps.missing(r).any() for r in rows_of.values())
    sub = chart_text(
        "own_units_period", lang, t0=str(int(all_rows["year"].min())), t1=str(int(all_rows["year"].max()))
    )
    sub = gaps.note(sub, dotted, lang)
    fig, axes = style.new_chart(title, sub, nrows, ncols, figsize=(style.width(), 2.2 * nrows + 1.4))
    axes = list(getattr(axes, "flat", [axes]))
    panel_titles = []
    for ax, ind in zip(axes, ids, strict=False):
        rows = rows_of[ind]
        dated = has_dates(rows)
        x = time_x(rows, dated)
        gaps.line(ax, x, rows["value"], gaps.missing(rows), style.VIET_NAM, linewidth=1.5, markersize=3)
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
