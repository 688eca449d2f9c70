"""The charts the notebooks draw. Each returns a :class:`Chart`: the figure, exactly the data plotted
and a file name; ``chart.save(folder)`` writes PNG, SVG and CSV. Titles and units come from the data
dictionary, the source line from the sources of the rows plotted; every word and number format that
depends on ``lang`` comes from ``locale``."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..data import series
from . import style
from .locale import cite, fmt, meta, t, tick_format


@dataclass
class Chart:
    fig: object
    data: pd.DataFrame
    name: str

    def save(self, output_dir: str | Path | None) -> None:
        """Write the chart's PNG, SVG and CSV into ``output_dir`` (nothing when it is empty).

        Returns None so that a notebook cell ending in ``chart.save(...)`` shows only the figure."""
        if output_dir:
            style.save(self.fig, output_dir, self.name, self.data)


def _axis_formatter(indicator: str, lang: str) -> FuncFormatter:
    fmt_tick = tick_format(indicator, lang)
    return FuncFormatter(lambda v, _pos: fmt_tick(v))


def _x(rows: pd.DataFrame) -> pd.Series:
    """Time as decimal years: dated rows at their day of the year, whole-year rows at mid-year."""
    dates = pd.to_datetime(rows["date"].where(rows["date"] != "", rows["year"].astype(str) + "-07-02"))
    return dates.dt.year + (dates.dt.day_of_year - 1) / 365.25


def _date_axis(ax, x: pd.Series | None = None) -> None:
    """Whole-year ticks; the axis spans at least the calendar years of the points."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
    if x is not None and len(x):
        lo, hi = float(x.min()), float(x.max())
        ax.set_xlim(min(lo - 0.15, int(lo)), max(hi + 0.15, int(lo) + 1 if hi - lo < 1 else hi + 0.15))


def _label_last(ax, x, values, indicator: str, lang: str, color: str, ha: str, offset: int, **kw) -> None:
    """Write the latest value above the last point of a series."""
    if len(values):
        ax.annotate(
            fmt(values.iloc[-1], indicator, lang),
            (x.iloc[-1], values.iloc[-1]),
            xytext=(0, offset),
            textcoords="offset points",
            ha=ha,
            color=color,
            **kw,
        )


def spread_labels(values: list[float], gap: float) -> list[float]:
    """Positions for labels at sorted ``values``, moved apart to be at least ``gap`` from each other."""
    out: list[float] = []
    for v in values:
        out.append(max(v, out[-1] + gap) if out else v)
    return out


def _wrap(title: str, width: int) -> str:
    return "\n".join(textwrap.wrap(title, width))


def _plotted(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[["indicator", "entity", "year", "date", "value", "source_id", "selected"]].reset_index(
        drop=True
    )


def _years(df: pd.DataFrame, start_year: int | None, end_year: int | None) -> pd.DataFrame:
    lo = -math.inf if start_year is None else start_year
    hi = math.inf if end_year is None else end_year
    return df[(df["year"] >= lo) & (df["year"] <= hi)]


def series_chart(df, indicator, lang="en", entity="VNM", start_year=None, end_year=None) -> Chart:
    """One indicator over time; values from other sources for the same point as hollow markers."""
    m = meta(indicator, lang)
    rows = _years(series(df, indicator, entity, selected=False), start_year, end_year)
    fig, ax = style.new_chart(m["name"], m["unit"])
    chosen, others = rows[rows["selected"]], rows[~rows["selected"]]
    x = _x(chosen)
    if m["kind"] == "flow" and chosen["date"].eq("").all():
        ax.bar(chosen["year"], chosen["value"], color=style.VIET_NAM, width=0.6)
        for yr, v in zip(chosen["year"], chosen["value"], strict=True):
            ax.annotate(
                fmt(v, indicator, lang), (yr, v), textcoords="offset points", xytext=(0, 4), ha="center"
            )
        ax.set_xticks(sorted(chosen["year"].unique()))
        if not others.empty:
            ax.scatter(
                others["year"],
                others["value"],
                facecolors="none",
                edgecolors=style.INK,
                zorder=3,
                label=t("source", lang) + " ≠",
            )
    else:
        ax.plot(x, chosen["value"], marker="o", color=style.VIET_NAM)
        for xi, v in zip(x, chosen["value"], strict=True):
            ax.annotate(
                fmt(v, indicator, lang), (xi, v), textcoords="offset points", xytext=(0, 6), ha="center"
            )
        if not others.empty:
            ax.scatter(_x(others), others["value"], facecolors="none", edgecolors=style.INK, zorder=3)
        _date_axis(ax, pd.concat([x, _x(others)]))
    if m["kind"] == "rank":
        ax.invert_yaxis()
    ax.yaxis.set_major_formatter(_axis_formatter(indicator, lang))
    ax.set_ylim(bottom=0) if m["kind"] not in ("rank", "rate") else None
    style.finish(fig, cite(rows["source_id"], lang))
    return Chart(fig, _plotted(rows), f"{indicator}_{entity}_{lang}")


def rank_chart(df, lang="en", entity="VNM", start_year=None, end_year=None, indicator="egdi_rank") -> Chart:
    """A rank over survey years: axis inverted (1 at the top), every point labelled."""
    m = meta(indicator, lang)
    rows = _years(series(df, indicator, entity), start_year, end_year)
    fig, ax = style.new_chart(m["name"], t("rank_axis", lang))
    ax.plot(rows["year"], rows["value"], marker="o", color=style.VIET_NAM, linewidth=2)
    for yr, v in zip(rows["year"], rows["value"], strict=True):
        ax.annotate(
            f"{v:.0f}", (yr, v), textcoords="offset points", xytext=(0, 8), ha="center", fontweight="bold"
        )
    ax.invert_yaxis()
    ax.set_xticks(rows["year"].tolist())
    ax.set_ylabel(t("rank_axis", lang))
    style.finish(fig, cite(rows["source_id"], lang))
    return Chart(fig, _plotted(rows), f"{indicator}_{entity}_{lang}")


def index_chart(df, lang="en", entity="VNM", start_year=None, end_year=None, threshold=0.75) -> Chart:
    """EGDI and its sub-indices over survey years, with the UN's 'very high' threshold."""
    parts = ["egdi_value", "osi_value", "hci_value", "tii_value", "epi_value"]
    fig, ax = style.new_chart(t("subindices_title", lang), meta("egdi_value", lang)["unit"])
    plotted = []
    for i, ind in enumerate(parts):
        rows = _years(series(df, ind, entity), start_year, end_year)
        plotted.append(rows)
        main = ind == "egdi_value"
        ax.plot(
            rows["year"],
            rows["value"],
            marker="o" if main else ".",
            linewidth=2.5 if main else 1.2,
            color=style.VIET_NAM if main else style.PALETTE[i - 1],
            label=meta(ind, lang)["name"].replace("UN ", ""),
            zorder=3 if main else 2,
        )
    ax.axhline(threshold, color=style.INK, linestyle="--", linewidth=1)
    ax.annotate(
        t("very_high", lang),
        (ax.get_xlim()[0], threshold),
        xytext=(4, 4),
        textcoords="offset points",
        fontsize=8.5,
    )
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(style.number_formatter(lang, decimals=2))
    ax.legend(loc="upper left", fontsize=8, ncols=2)
    data = pd.concat(plotted)
    style.finish(fig, cite(data["source_id"], lang))
    return Chart(fig, _plotted(data), f"egdi_components_{entity}_{lang}")


def peer_rank_chart(
    df, peers, lang="en", highlight="VNM", start_year=None, end_year=None, names=None
) -> Chart:
    """EGDI rank of ``peers`` across survey years, ``highlight`` in vermillion, the rest in grey."""
    rows = _years(
        df[(df["indicator"] == "egdi_rank") & df["entity"].isin(peers) & df["selected"]], start_year, end_year
    ).sort_values(["entity", "year"])
    fig, ax = style.new_chart(t("peers_title", lang), t("rank_axis", lang), figsize=(8, 5.5))
    ends = []
    for entity, g in rows.groupby("entity", sort=True):
        me = entity == highlight
        ax.plot(
            g["year"],
            g["value"],
            marker="o",
            markersize=4 if not me else 6,
            linewidth=2.5 if me else 1,
            color=style.VIET_NAM if me else style.PEER,
            zorder=3 if me else 2,
        )
        ends.append((g["value"].iloc[-1], g["year"].iloc[-1], entity))
    span = (rows["value"].max() - rows["value"].min()) if len(rows) else 1
    ends.sort()
    for (_y, year, entity), label_y in zip(ends, spread_labels([e[0] for e in ends], span / 28), strict=True):
        me = entity == highlight
        ax.text(
            year + 0.25,
            label_y,
            (names or {}).get(entity, entity),
            va="center",
            fontsize=8.5,
            color=style.VIET_NAM if me else style.MUTED,
            fontweight="bold" if me else None,
        )
    ax.invert_yaxis()
    ax.set_xticks(sorted(rows["year"].unique()))
    ax.set_ylabel(t("rank_axis", lang))
    style.finish(fig, cite(rows["source_id"], lang))
    return Chart(fig, _plotted(rows), f"egdi_rank_peers_{lang}")


def multi_series_chart(
    df, indicator_ids, lang="en", entity="VNM", title=None, start_year=None, end_year=None
):
    """Several indicators sharing a unit (e.g. ID cards and VNeID accounts) on one dated axis."""
    first = meta(indicator_ids[0], lang)
    fig, ax = style.new_chart(title or first["name"], first["unit"])
    plotted = []
    for i, ind in enumerate(indicator_ids):
        rows = _years(series(df, ind, entity), start_year, end_year)
        plotted.append(rows)
        color = style.VIET_NAM if i == 0 else style.PALETTE[i - 1]
        x = _x(rows)
        ax.plot(x, rows["value"], marker="o", color=color, label=meta(ind, lang)["name"])
        _label_last(ax, x, rows["value"], ind, lang, color, ha="center", offset=7)
    ax.yaxis.set_major_formatter(_axis_formatter(indicator_ids[0], lang))
    ax.set_ylim(bottom=0)
    _date_axis(ax, pd.concat([_x(r) for r in plotted]))
    ax.legend(loc="lower right", fontsize=8.5)
    data = pd.concat(plotted)
    style.finish(fig, cite(data["source_id"], lang))
    return Chart(fig, _plotted(data), f"{'_'.join(indicator_ids[:2])}_{entity}_{lang}")


def small_multiples(
    df, indicator_ids, lang="en", entity="VNM", ncols=3, start_year=None, end_year=None
) -> Chart:
    """One small panel per indicator, each with its latest value labelled."""
    n = len(indicator_ids)
    nrows = max(1, math.ceil(n / ncols))
    fig, axes = style.new_chart(
        t("all_series_title", lang), t("own_units", lang), nrows, ncols, figsize=(11, 2.6 * nrows + 1.2)
    )
    axes = list(getattr(axes, "flat", [axes]))
    plotted = []
    for ax, ind in zip(axes, indicator_ids, strict=False):
        m = meta(ind, lang)
        rows = _years(series(df, ind, entity), start_year, end_year)
        plotted.append(rows)
        x = _x(rows)
        ax.plot(x, rows["value"], marker="o", markersize=3.5, color=style.VIET_NAM)
        ax.set_title(_wrap(f"{m['name']} ({m['short']})", 42), fontsize=8.5, fontweight="bold")
        ax.yaxis.set_major_formatter(_axis_formatter(ind, lang))
        ax.tick_params(labelsize=7.5)
        _date_axis(ax, x)
        if m["kind"] == "rank":
            ax.invert_yaxis()
        _label_last(ax, x, rows["value"], ind, lang, style.VIET_NAM, ha="right", offset=5, fontsize=8)
    for ax in axes[n:]:
        ax.set_visible(False)
    data = pd.concat(plotted)
    style.finish(fig, cite(data["source_id"], lang), grid=(nrows, ncols))
    return Chart(fig, _plotted(data), f"small_multiples_{entity}_{lang}")
