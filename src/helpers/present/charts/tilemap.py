"""A tile-grid map of Viet Nam: one square per province, roughly where it lies (no boundary files).

The layouts ship beside this module in ``tiles.csv``: for each period (``before``: the 63 provinces
up to 30 June 2025; ``after``: the 34 from 1 July 2025) a province's ``row`` (north to south) and
``col`` (west to east). ``tests/test_tiles.py`` checks that each holds every province of its period
exactly once. A tile shows the province's name and its rank, darker the better; a province whose
rank the record does not hold is a pale tile marked "–".
"""

from __future__ import annotations

import csv
import textwrap
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb

from ...provinces import after, before, fullest, ranks
from .. import drawing, style
from ..locale import chart_text
from .bundle import Chart, chart_meta, redrawable
from .cards import Card, number_card
from .provincial import MISSING, ink_on, names, rank_colour, source_line

TILES = Path(__file__).with_name("tiles.csv")
PERIODS = ("before", "after")
TALL = 1.3  # a tile's height over its width


@cache
def layout(period: str) -> dict[str, tuple[int, int]]:
    """Province code -> (row, col) of ``period``'s tile layout."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    with TILES.open(encoding="utf-8", newline="") as f:
        return {r["code"]: (int(r["row"]), int(r["col"])) for r in csv.DictReader(f) if r["period"] == period}


def best_year(df: pd.DataFrame, rank: str) -> int | None:
    """The year of ``rank`` the record holds most provinces' ranks for (the later on a tie)."""
    held = df[(df["indicator"] == rank) & df["selected"]].groupby("year")["entity"].nunique()
    year = fullest(held)
    return None if year is None else int(year)


def _panel(ax, period: str, held: pd.DataFrame, among: int, named) -> None:
    """Draw ``period``'s tiles on ``ax``: each coloured by its rank in ``held`` (pale and "–" when
    the record holds none), named (``named(code)``), with white gutters between them."""
    tiles = layout(period)
    nrows = max(r for r, _ in tiles.values()) + 1
    ncols = max(c for _, c in tiles.values()) + 1
    image = np.zeros((nrows, ncols, 4))  # transparent where no province lies
    by = dict(zip(held["entity"], held["value"], strict=True))
    for code, (r, c) in tiles.items():
        rank = by.get(code)
        colour = MISSING if rank is None else rank_colour(rank, among)
        image[r, c] = (*to_rgb(colour), 1.0)
        ink = ink_on(colour) if rank is not None else style.MUTED
        ax.text(c + 0.5, r + 0.08, named(code), ha="center", va="top", fontsize=style.pt(8),
                color=ink, linespacing=1.0, gid=f"tile-name {code}")  # fmt: skip
        ax.text(c + 0.5, r + 0.92, "–" if rank is None else f"{rank:.0f}", ha="center", va="bottom",
                fontsize=style.pt(8.5), fontweight="bold", color=ink, gid=f"tile-rank {code}")  # fmt: skip
    ax.imshow(image, extent=(0, ncols, nrows, 0), interpolation="nearest")
    for r in range(nrows + 1):  # white gutters between the tiles
        ax.plot([0, ncols], [r, r], color="white", linewidth=1.6, solid_capstyle="butt")
    for c in range(ncols + 1):
        ax.plot([c, c], [0, nrows], color="white", linewidth=1.6, solid_capstyle="butt")
    ax.set_xlim(0, ncols)
    ax.set_ylim(nrows, 0)
    ax.set_aspect(TALL)  # a tile is taller than wide: two lines of name over its rank
    ax.set_anchor("N")  # both maps hang from the top
    ax.axis("off")


def short_name(label: str) -> str:
    """A province's name as its initials, as Vietnamese print it for long names: "Bà Rịa - Vũng Tàu"
    -> "BR-VT", "TP. Hồ Chí Minh" -> "TP.HCM", "Ho Chi Minh City" -> "HCMC"."""
    parts = [p.strip() for p in label.replace("–", "-").split("-") if p.strip()]
    return "-".join("".join(w if w.endswith(".") else w[0].upper() for w in part.split()) for part in parts)


def fit_names(ax, room: float = 0.9) -> None:
    """Wrap every tile's name on at most two lines no wider than ``room`` of its tile, as drawn (a
    name's width depends on the language and the font); a name that does not fit is shown by its
    initials (:func:`short_name`; the chart's data name every province in full). Text never shrinks
    under the house's smallest size."""
    renderer = ax.figure.canvas.get_renderer()
    tile = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
    for t in ax.texts:
        if not str(t.get_gid()).startswith("tile-name"):
            continue
        label = " ".join(t.get_text().split())
        tried = set()  # a narrower width often wraps as a wider one did: that one did not fit
        for width in (12, 10, 9, 8, 7, 6, 5):
            lines = textwrap.wrap(label, width, break_long_words=False)
            if len(lines) > 2 or tuple(lines) in tried:
                continue
            tried.add(tuple(lines))
            if _fits(t, lines, room * tile, renderer):
                t.set_text("\n".join(lines))
                break
        else:
            t.set_text(short_name(label))


def _fits(text, lines: list[str], limit: float, renderer) -> bool:
    """Whether ``text`` showing ``lines`` is no wider than ``limit`` pixels as drawn: its widest
    line's width (:func:`~helpers.present.drawing.text_width`), which is its box's width to within
    rounding; measured as a whole only when that close to the limit."""
    dpi = text.get_figure(root=True).dpi
    widest = max(drawing.text_width(renderer, text, line, dpi) for line in lines)
    if abs(widest - limit) > 1e-3:
        return widest <= limit
    text.set_text("\n".join(lines))
    return text.get_window_extent(renderer).width <= limit


@redrawable
def tile_map(
    df: pd.DataFrame, lang: str = "en", rank: str = "dti_rank", merged: str = "dti_rank_merged"
) -> Chart | Card:
    """The DTI rank of every province on two tile maps side by side: the 63 provinces in the year
    the record holds most of their ranks, and the 34 in the latest year of their own ranking; a
    card saying so when the record holds no rank of either."""
    year, year34 = best_year(df, rank), best_year(df, merged)
    named = names(lang)
    if year is None and year34 is None:  # no rank to map: say so, as a card
        return number_card(df[:0], rank, lang, f"tiles_{lang}")
    held = ranks(df, rank, year) if year else df[:0].assign(basis="")
    held34 = ranks(df, merged, year34) if year34 else df[:0].assign(basis="")
    n63, n34 = len(before()), len(after())
    best = held.sort_values("value").iloc[0] if len(held) else None
    facts = {"n": len(held), "total": n63, "n34": len(held34), "total34": n34}
    if best is not None:
        title = chart_text("tiles", lang, who=named(best["entity"]), year=year, **facts)
    else:
        title = chart_text("tiles_none", lang, **facts)
    sub = chart_text("tiles_sub", lang)
    width = max(c for _, c in layout("before").values()) + 1
    width34 = max(c for _, c in layout("after").values()) + 1
    rows63 = max(r for r, _ in layout("before").values()) + 1
    rows34 = max(r for r, _ in layout("after").values()) + 1
    tile = (style.width() - 2 * style.MARGIN) / width  # a phone: the maps one above the other, full width
    if style.is_narrow():
        fig, axes = style.new_chart(title, sub, 2, 1, figsize=(style.width(), 10))  # height: finish_stack
    else:
        fig, axes = style.new_chart(title, sub, 1, 2, figsize=(style.width(), 0.5 * TALL * rows63 + 2.4),
                                    gridspec_kw={"width_ratios": [width, width34]})  # fmt: skip
    panels = [
        (axes[0], "before", held, n63, chart_text("tiles_before", lang, year=year or "–", total=n63)),
        (axes[1], "after", held34, n34, chart_text("tiles_after", lang, year=year34 or "–", total=n34)),
    ]
    for ax, period, rows, among, head in panels:
        _panel(ax, period, rows, among, named)
        ax.set_title(head, fontsize=9, fontweight="bold", loc="left", pad=6, color=style.INK)
    plotted = pd.concat([held, held34], ignore_index=True)
    if style.is_narrow():  # each map as tall as its tiles, the same size in both
        sizes = [(tile * cols, tile * TALL * rows) for cols, rows in ((width, rows63), (width34, rows34))]
        style.finish_stack(fig, source_line(plotted, lang), sizes)
    else:
        style.finish(fig, source_line(plotted, lang))
    for ax, *_ in panels:
        fit_names(ax)
    data = plotted.assign(name=[named(c) for c in plotted["entity"]])
    chart = Chart(
        fig, data[["indicator", "entity", "name", "year", "value", "basis", "source_id"]], f"tiles_{lang}"
    )
    chart.meta = chart_meta(title, sub, plotted.sort_values("year"), lang)
    return chart
