"""Rank changes between two years ("movers"): each province whose rank the record holds in both
years as an arrow from its earlier rank to its later one, rises in blue, falls in orange, the best
rank on the right. The moves come from ``helpers.provinces.moves``, which refuses to compare ranks
across a definition break."""

from __future__ import annotations

import pandas as pd

from ...provinces import Move, mover_years, population
from .. import style
from ..locale import chart_text, meta, places
from .bundle import Chart, chart_meta, redrawable
from .cards import Card, number_card
from .provincial import names, source_line

ROSE, FELL, SAME = style.PALETTE[0], style.PALETTE[1], style.MUTED
ROW = 0.3  # inches per province


def _sign(n: int) -> str:
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "0"


@redrawable
def movers_chart(df: pd.DataFrame, found: list[Move], lang: str = "en") -> Chart | Card:
    """The moves of the pair of years with the most comparable moves (``found``: every move, from
    :func:`helpers.provinces.moves`), biggest rise at the top; a card saying so when no move can
    be shown."""
    pair = mover_years(found)
    if pair is None:  # say so, as a card
        return number_card(df[:0], "dti_rank", lang, f"dti_rank_movers_{lang}")
    y0, y1 = pair
    shown = sorted((m for m in found if (m.y0, m.y1) == pair and m.places is not None),
                   key=lambda m: (-m.places, m.r1, m.entity))  # fmt: skip
    top = shown[0]
    named = names(lang)
    total = len(population(y1))
    key = "movers_up" if top.places > 0 else "movers_none_up"
    title = chart_text(key, lang, y0=y0, y1=y1, who=named(top.entity), places=places(abs(top.places), lang),
                       n=len(shown))  # fmt: skip
    sub = chart_text("movers_sub", lang, unit=meta(top.indicator, lang)["unit"], total=total)
    fig, ax = style.new_chart(title, sub, figsize=(style.width(), ROW * len(shown) + 2.3))
    for y, m in enumerate(shown):
        colour = ROSE if m.places > 0 else FELL if m.places < 0 else SAME
        if m.places:
            ax.annotate("", xy=(m.r1, y), xytext=(m.r0, y),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.8, "shrinkA": 0, "shrinkB": 0})  # fmt: skip
        ax.plot([m.r0], [y], marker="o", markersize=4, color=colour, linestyle="none")
        ahead = 1 if m.r1 <= m.r0 else -1  # the later rank is on the right when it is better
        ax.annotate(str(m.r1), (m.r1, y), xytext=(6 * ahead, 0), textcoords="offset points", va="center",
                    ha="left" if ahead > 0 else "right", fontsize=8, fontweight="bold", color=colour)  # fmt: skip
        ax.annotate(str(m.r0), (m.r0, y), xytext=(-6 * ahead, 0), textcoords="offset points", va="center",
                    ha="right" if ahead > 0 else "left", fontsize=8, color=style.MUTED)  # fmt: skip
    ax.set_yticks(range(len(shown)), [f"{named(m.entity)} ({_sign(m.places)})" for m in shown], fontsize=8.5)
    ax.set_ylim(len(shown) - 0.5, -0.6)
    ax.set_xlim(total + 2, -2)  # 1 (the best) on the right
    ax.set_xticks([t for t in (1, 10, 20, 30, 40, 50, 60) if t <= total])
    ax.grid(axis="x", color="#E5E5E5")
    ax.grid(axis="y", visible=False)
    rows = df[df["id"].isin([i for m in shown for i in m.ids])]
    style.finish(fig, source_line(rows, lang))
    # The ranks charted, two figures per province (the earlier and the later year), each with the
    # move it is part of: the rows of the chart's CSV and of its data table.
    moved = {i: m for m in shown for i in m.ids}
    order = {m.entity: k for k, m in enumerate(shown)}  # the chart's order, top first
    data = rows.sort_values(["entity", "year"], key=lambda c: c.map(order) if c.name == "entity" else c)
    data = data.assign(
        name=lambda r: [named(e) for e in r["entity"]],
        places_rose=lambda r: [moved[i].places for i in r["id"]],
    )
    data = data[["indicator", "entity", "name", "year", "date", "value", "places_rose", "id", "source_id"]]
    chart = Chart(fig, data, f"dti_rank_movers_{y0}_{y1}_{lang}")
    chart.meta = chart_meta(title, sub, rows.sort_values("year"), lang)
    return chart
