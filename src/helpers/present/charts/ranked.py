"""The DTI of the provinces as ranked dot plots: one dot per province whose value the record holds,
best at the top, with the national DTI and the mean of the provinces as lines where the record holds
them; and the three pillars as small multiples, where their values exist."""

from __future__ import annotations

import textwrap

import pandas as pd

from ...provinces import fullest, population, ranks, values
from .. import style
from ..locale import chart_text, fmt, meta, ordinal, t
from .bundle import Chart, chart_meta, redrawable
from .cards import Card, number_card
from .provincial import names, source_line

PILLARS = ("dti_digital_government", "dti_digital_economy", "dti_digital_society")
ROW = 0.27  # inches per province


def best_year(df: pd.DataFrame, indicators=("dti",)) -> int | None:
    """The year in which the record holds values of every one of ``indicators`` for the most
    provinces (the later on a tie)."""
    counts: dict[int, int] = {}
    sets = [values(df, i) for i in indicators]
    years = set.intersection(*(set(s["year"]) for s in sets)) if sets else set()
    for y in years:
        held = set.intersection(*(set(s.loc[s["year"] == y, "entity"]) for s in sets))
        if held:
            counts[int(y)] = len(held)
    return fullest(counts)


def _national(df: pd.DataFrame, year: int) -> pd.DataFrame:
    """The national DTI and the mean of the provinces of ``year``, where the record holds them."""
    rows = df[
        df["indicator"].isin(["dti_national", "dti_provincial_mean"]) & df["selected"] & (df["year"] == year)
    ]
    return rows.sort_values(["indicator", "period_end"]).drop_duplicates("indicator", keep="last")


def _x_index(ax) -> None:
    ax.set_xlim(0, 1.0)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.grid(axis="x", color="#E5E5E5")
    ax.grid(axis="y", visible=False)


@redrawable
def dot_plot(df: pd.DataFrame, lang: str = "en", year: int | None = None) -> Chart | Card:
    """The DTI of ``year`` (default: the year the record holds most provinces' values for), one dot
    per province, best at the top, each labelled with its value and named with its rank; None when
    the record holds no provincial DTI, a card that says so."""
    year = year or best_year(df)
    if year is None:  # say so, as a card
        return number_card(df[:0], "dti", lang, f"dti_provinces_{lang}")
    rows = values(df, "dti", year=year).sort_values(["value", "entity"], ascending=[False, True])
    held = ranks(df, "dti_rank", year)
    rank_of = dict(zip(held["entity"], held["value"], strict=True))
    total = len(population(year))
    top = rows.iloc[0]
    named = names(lang)
    title = chart_text("dots", lang, who=named(top["entity"]), value=fmt(top["value"], "dti", lang),
                       year=year, n=len(rows), total=total)  # fmt: skip
    sub = chart_text(
        "dots_sub", lang, unit=meta("dti", lang)["unit"], year=year, total=total, missing=total - len(rows)
    )
    fig, ax = style.new_chart(title, sub, figsize=(style.width(), ROW * len(rows) + 2.4))
    y = list(range(len(rows)))
    ax.scatter(rows["value"], y, s=42, color=style.VIET_NAM, zorder=3)
    for yi, v in zip(y, rows["value"], strict=True):
        ax.annotate(fmt(v, "dti", lang), (v, yi), xytext=(6, 0), textcoords="offset points", va="center",
                    ha="left", fontsize=8, color=style.INK)  # fmt: skip
    labels = [named(e) + (f" ({ordinal(rank_of[e], lang)})" if e in rank_of else "") for e in rows["entity"]]
    ax.set_yticks(y, labels, fontsize=8.5)
    ax.set_ylim(len(rows) - 0.4, -0.9)
    _x_index(ax)
    refs = _national(df, year)
    for k, (_, r) in enumerate(refs.iterrows()):
        ax.axvline(
            r["value"], color=style.INK if k == 0 else style.MUTED, linestyle="--", linewidth=1, zorder=1
        )
        ax.text(r["value"], -0.75, f"{meta(r['indicator'], lang)['name']}: {fmt(r['value'], 'dti', lang)}",
                ha="center", va="bottom", fontsize=style.pt(8), color=style.MUTED)  # fmt: skip
    plotted = pd.concat([rows, refs[rows.columns.intersection(refs.columns)]], ignore_index=True)
    style.finish(fig, source_line(plotted, lang))
    chart = Chart(fig, _data(plotted, lang), f"dti_provinces_{year}_{lang}")
    chart.meta = chart_meta(title, sub, plotted, lang)
    return chart


@redrawable
def pillar_plot(df: pd.DataFrame, lang: str = "en", year: int | None = None) -> Chart | None:
    """The three DTI pillars as small multiples for ``year`` (default: the year the record holds all
    three for the most provinces), provinces in the order of their digital government value; None
    when no province has the three."""
    year = year or best_year(df, PILLARS)
    if year is None:
        return None
    parts = {p: values(df, p, year=year) for p in PILLARS}
    held = set.intersection(*(set(r["entity"]) for r in parts.values()))
    order = (
        parts[PILLARS[0]][parts[PILLARS[0]]["entity"].isin(held)]
        .sort_values(["value", "entity"], ascending=[False, True])["entity"]
        .tolist()
    )
    title = chart_text("pillars", lang, year=year, n=len(order), total=len(population(year)))
    sub = chart_text("pillars_sub", lang, unit=meta(PILLARS[0], lang)["unit"], year=year)
    fig, axes = style.new_chart(
        title, sub, 1, 3, figsize=(style.width(), ROW * len(order) + 2.6), sharey=True
    )
    y = list(range(len(order)))
    for ax, p in zip(axes, PILLARS, strict=True):
        r = parts[p].set_index("entity").loc[order]
        ax.scatter(r["value"], y, s=36, color=style.VIET_NAM, zorder=3)
        for yi, v in zip(y, r["value"], strict=True):
            ax.text(
                v, yi - 0.32, fmt(v, p, lang), va="bottom", ha="center", fontsize=style.pt(8), color=style.INK
            )
        head = t(f"chart_pillar_{p}", lang)  # a phone's narrow panel: its name on two lines
        ax.set_title(
            textwrap.fill(head, 11) if style.is_narrow() else head,
            fontsize=8.5,
            fontweight="bold",
            loc="left",
            pad=8 if style.is_narrow() else 4,
        )
        _x_index(ax)
        ax.set_xticks([0.5] if style.is_narrow() else [0.25, 0.5, 0.75])  # a phone: one tick a panel
        ax.tick_params(labelsize=style.pt(8))
    named = names(lang)
    axes[0].set_yticks(y, [named(e) for e in order], fontsize=8.5)
    axes[0].set_ylim(len(order) - 0.5, -0.8)
    plotted = pd.concat(parts.values(), ignore_index=True)
    plotted = plotted[plotted["entity"].isin(held)]
    style.finish(fig, source_line(plotted, lang))
    chart = Chart(fig, _data(plotted, lang), f"dti_pillars_{year}_{lang}")
    chart.meta = chart_meta(title, sub, plotted, lang)
    return chart


def _data(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What a province chart plotted, with each place's name in the page's language."""
    named = names(lang)
    out = rows.assign(name=[named(e) for e in rows["entity"]])
    cols = ["indicator", "entity", "name", "year", "value", "id", "source_id"]
    return out[[c for c in cols if c in out.columns]].reset_index(drop=True)
