"""Provinces by year as a heatmap (seaborn's ``heatmap``, drawn in the house style): one row per
province of the 63, one column per year, each cell the province's rank that year, darker the better;
a cell the record holds no rank for stays pale and empty. A white gap and a note mark a definition
break between two years (the DTI's method change of 2021): the colours on its two sides rank
different measures."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ...data import breaks, validate
from ...provinces import before, fullest, rank_table
from .. import drawing, style
from ..locale import chart_text, meta
from .bundle import Chart, chart_meta, redrawable
from .cards import Card, number_card
from .provincial import MISSING, RANKS, names, source_line

ROW = 0.2  # inches per province: a row holds 8-point text


def _break_years(indicator: str, years: list[int]) -> list[int]:
    """The years whose column starts after a definition break (the break falls within the year or
    between it and the year before)."""
    spec = validate().indicators.get(indicator) or {}
    days = [b.day for b in breaks.parse(spec.get("definition_break", "")) or []]
    return [y for y in years[1:] if any(dt.date(y - 1, 12, 31) < d <= dt.date(y, 12, 31) for d in days)]


@redrawable
def rank_heatmap(df: pd.DataFrame, lang: str = "en", rank: str = "dti_rank", table=None) -> Chart | Card:
    """Every province of the 63 by year, coloured by ``rank`` (``table``: its
    :func:`~helpers.provinces.rank_table`, when already computed); provinces in the order of the
    year the record holds most ranks for; a card saying so when the record holds no rank."""
    import seaborn as sns

    table = rank_table(df, rank) if table is None else table
    codes = before()
    table = table[table["entity"].isin(codes)]
    if table.empty:  # say so, as a card
        return number_card(df[:0], rank, lang, f"{rank}_heatmap_{lang}")
    years = list(range(int(table["year"].min()), int(table["year"].max()) + 1))
    wide = table.pivot(index="entity", columns="year", values="value").reindex(index=codes, columns=years)
    counts = wide.notna().sum()
    full = int(fullest(counts))
    wide = wide.sort_values([full, *years], na_position="last", kind="stable")
    total = len(codes)
    complete = [y for y in years if counts[y] == total]
    partial = [int(counts[y]) for y in years if counts[y] < total]
    facts = {"total": total, "years": ", ".join(map(str, complete)), "lo": min(partial, default=0),
             "hi": max(partial, default=0)}  # fmt: skip
    key = "heat_full" if complete and partial else "heat_all" if complete else "heat_partial"
    title = chart_text(key, lang, **facts)
    sub = chart_text("heat_sub", lang, unit=meta(rank, lang)["unit"], t0=years[0], t1=years[-1])
    fig, ax = style.new_chart(title, sub, figsize=(style.width(), ROW * total + 2.6))
    ax.set_facecolor(MISSING)
    labels = wide.map(lambda v: "" if pd.isna(v) else f"{v:.0f}")
    # seaborn names no row (its codes, upright, always overlap at 0.2 in a row and are turned level:
    # the rows are named level here) and keeps from drawing the figure (tests/test_drawing_charts.py)
    with drawing.heatmap_undrawn():
        sns.heatmap(wide, ax=ax, mask=wide.isna(), cmap=RANKS, vmin=1, vmax=total, cbar=False, annot=labels,
                    fmt="", annot_kws={"fontsize": style.pt(8)}, linewidths=0.6, linecolor="white", yticklabels=False)  # fmt: skip
    named = names(lang)
    ax.set_yticks(
        [i + 0.5 for i in range(total)], [named(c) for c in wide.index], fontsize=style.pt(8), va="center"
    )
    ax.set_xticks([i + 0.5 for i in range(len(years))], [str(y) for y in years], fontsize=8.5)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    note = ""
    for y in _break_years(rank, years):
        i = years.index(y)
        ax.axvline(i, color="white", linewidth=4)
        note = chart_text("heat_break", lang, year=y)
    plotted = table.sort_values("year")
    style.finish(fig, source_line(plotted, lang), note)
    data = plotted.assign(name=[named(e) for e in plotted["entity"]])
    chart = Chart(fig, data[["indicator", "entity", "name", "year", "value", "basis", "id", "source_id"]],
                  f"{rank}_heatmap_{lang}")  # fmt: skip
    chart.meta = chart_meta(title, sub, plotted, lang)
    return chart
