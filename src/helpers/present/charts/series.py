"""One indicator over time: yearly flows as bars, everything else as a line with its points; other
sources' disagreeing figures and the targets beside them. A rank is such a series."""

from __future__ import annotations

import pandas as pd

from .. import labels, style
from ..locale import cite, fmt, meta
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
    tentative_rows,
    time_x,
    value_text,
    when_text,
)
from .cards import Card, number_card
from .targets import draw_targets, target_x, targets_of
from .titles import finding, subtitle


@redrawable
def series_chart(
    df, indicator, lang="en", entity="VNM", start_year=None, end_year=None, targets=None
) -> Chart | Card:
    """One indicator over time (a card for one or two figures). Yearly flows are bars; everything
    else a line with its points; figures from other sources for the same point as hollow markers;
    targets as hollow diamonds labelled with their year."""
    m = meta(indicator, lang)
    everything = indicator_rows(df, indicator, entity, start_year, end_year, selected=False)
    chosen = everything[everything["selected"]]
    name = f"{indicator}_{entity}_{lang}"
    if len(chosen) <= SHORT:
        return number_card(chosen, indicator, lang, name)
    others = everything[~everything["selected"]]
    agree = others.merge(
        chosen[["year", "date", "value"]], on=["year", "date", "value"], how="left", indicator=True
    )
    others = others[(agree["_merge"] == "left_only").to_numpy()]  # only figures that disagree show
    dated = has_dates(chosen) or has_dates(others)
    bars = m["kind"] == "flow" and not dated
    dotted = not bars and bool(gaps.missing(chosen).any())
    title, sub = finding(chosen, indicator, lang), gaps.note(subtitle(chosen, indicator, lang), dotted, lang)
    fig, ax = style.new_chart(title, sub)
    x = time_x(chosen, dated)
    if bars:
        ax.bar(x, chosen["value"], color=style.VIET_NAM, width=0.6, zorder=2)
        gaps.empty_slots(ax, x, lang)
    else:
        gaps.line(ax, x, chosen["value"], gaps.missing(chosen), style.VIET_NAM, linewidth=2, markersize=5)
        tentative = tentative_rows(chosen)
        if tentative.any():  # estimates and periods not yet over: hollow
            ax.plot(
                x[tentative],
                chosen["value"][tentative],
                linestyle="none",
                marker="o",
                markersize=5,
                markerfacecolor="white",
                markeredgecolor=style.VIET_NAM,
                zorder=4,
            )
    if not others.empty:
        ax.scatter(
            time_x(others, dated),
            others["value"],
            s=30,
            facecolors="white",
            edgecolors=style.INK,
            linewidths=1,
            zorder=4,
        )
    goals = targets_of(indicator, entity, targets)
    goals = goals[goals["year"] >= int(chosen["year"].min())] if len(goals) else goals
    gx = target_x(goals, dated)
    goal_labels = draw_targets(ax, goals, gx, indicator, lang)
    time_axis(ax, [x, time_x(others, dated), gx], dated, lang)
    if len(goals) and style.is_narrow():  # room beside the last targets for their labels
        x0, x1 = ax.get_xlim()
        ax.set_xlim(x0, x1 + (x1 - x0) * 0.2)
    values = pd.concat([everything["value"], goals["value"]]) if len(goals) else everything["value"]
    value_axis(ax, m["kind"], values, indicator, lang, headroom=0.16 if bars else 0.22)
    style.finish(fig, cite(everything["source_id"], lang))
    if style.is_narrow():  # little room: the targets' labels first, the points' find room around them
        labels.place(ax, goal_labels, required=len(goal_labels))
    if bars:
        _bar_labels(ax, x, chosen, lang)
    else:
        _point_labels(ax, x, chosen, lang, style.VIET_NAM, dated, every=len(chosen) <= 10)
    if not style.is_narrow():
        labels.place(ax, goal_labels, required=len(goal_labels))
    plotted = pd.concat([chosen, others]).sort_values(
        ["year", "date", "selected"], ascending=[True, True, False]
    )
    chart = Chart(fig, plotted_data(plotted), name)
    chart.meta = chart_meta(title, sub, plotted, lang)
    chart.meta["marks"] = [  # what each kind of mark drawn means is keyed under the chart on a page
        "bar" if bars else "reported",
        *(["tentative"] if not bars and tentative_rows(chosen).any() else []),
        *(["other"] if not others.empty else []),
        *(["target"] if len(goals) else []),
    ]
    return chart


def _point_labels(ax, x, rows, lang, color, dated, every: bool) -> None:
    """Value labels at the points: the last always (dated when the axis is), the first and the
    others where they fit."""
    n = len(rows)
    sep = "\n" if style.is_narrow() else ", "  # the date beneath the value in a narrow chart
    order = [n - 1] + ([0] if n > 1 else []) + (list(range(n - 2, 0, -1)) if every else [])
    specs = []
    for i in order:
        row = rows.iloc[i]
        text = value_text(row, lang)
        if dated and i in (0, n - 1) and row["date"]:
            text = f"{text}{sep}{when_text(row, lang)}"
        specs.append(
            {
                "x": x[i],
                "y": row["value"],
                "text": text,
                "color": color,
                "fontsize": 9,
                "fontweight": "bold" if i == n - 1 else None,
                "linespacing": 1.15,
            }
        )
    labels.place(ax, specs, required=1)


def _bar_labels(ax, x, rows, lang) -> None:
    specs = [
        {
            "x": xi,
            "y": v,
            "text": fmt(v, ind, lang),
            "fontsize": 9,
            "color": style.INK,
            "around": [((0, 3), "center", "bottom")],
        }
        for xi, v, ind in zip(x, rows["value"], rows["indicator"], strict=True)
    ]
    labels.place(ax, specs, required=len(specs))


@redrawable
def rank_chart(
    df, lang="en", entity="VNM", start_year=None, end_year=None, indicator="egdi_rank"
) -> Chart | Card:
    """A rank over survey years: 1 at the top, every point labelled, the title the latest move."""
    return series_chart(df, indicator, lang, entity, start_year, end_year)
