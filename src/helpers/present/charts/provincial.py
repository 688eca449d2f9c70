"""What the province charts share: the colours of ranks, names on tiles and in labels, a source line
that names the main sources of many, and the rows a chart of provinces plots."""

from __future__ import annotations

import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from ...provinces import is_new
from .. import style
from ..locale import cite, country, namer, plural, text

# Ranks from best (dark blue) to worst (pale): one ramp for every chart of ranks among provinces.
RANKS = LinearSegmentedColormap.from_list("ranks", ["#0B3C5D", "#1F6FA8", "#7FB5DC", "#E3EFF8"])
MISSING = "#EFEFEF"  # a province with no figure found
MOST_SOURCES = 4  # a source line names at most this many sources, then counts the others


def rank_colour(rank: float, among: int):
    """The colour of ``rank`` among ``among`` provinces (1: darkest)."""
    return RANKS(0.0 if among <= 1 else (float(rank) - 1) / (among - 1))


def ink_on(colour) -> str:
    """Text colour readable on ``colour``: white on dark, ink on light."""
    r, g, b = to_rgb(colour)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else style.INK


def name(code: str, lang: str) -> str:
    """A province's name in ``lang``."""
    return country(code, lang)


def names(lang: str):
    """Provinces' names in ``lang`` for one chart: ``named = names(lang)``, then ``named(code)``, as
    :func:`name` gives them, with the data read once (``locale.namer``)."""
    return namer(lang)


def former(code: str, lang: str) -> str:
    """A province of the 63 named as a predecessor: "Lào Cai (former)" / "Lào Cai (cũ)"."""
    return text("province_former", lang, name=name(code, lang))


def label_of(code: str, lang: str, successor: str | None = None) -> str:
    """A province's label in a chart: a predecessor of a new province (``successor``) as former."""
    return former(code, lang) if successor and successor != code and is_new(successor) else name(code, lang)


def source_line(rows: pd.DataFrame, lang: str) -> str:
    """The sources of ``rows``: every one when few, else the :data:`MOST_SOURCES` behind the most
    figures and how many others (each chart's metadata lists them all)."""
    counts = rows["source_id"].value_counts(sort=False)
    ordered = sorted(counts.index, key=lambda s: (-counts[s], s))
    if len(ordered) <= MOST_SOURCES + 1:
        return cite(ordered, lang)
    rest = len(ordered) - MOST_SOURCES
    return f"{cite(ordered[:MOST_SOURCES], lang)}; {plural('chart_more_sources', rest, lang, n=rest)}"
