"""The charts the notebooks draw. Each returns a :class:`Chart` (the figure, exactly the data plotted, a
file name and the metadata of its downloads) or, for a series of one or two points, a :class:`Card`.
``save(folder)`` writes the bundle: PNG, SVG, CSV and a metadata JSON (a card: CSV and JSON).

House rules, one per kind of indicator (``indicators.csv`` ``kind``), applied by :func:`value_axis`:

- counts (``stock``, ``flow``) and shares start at zero; shares stop at 100%;
- rates (growth) include zero, so a fall shows below the line;
- indices of 0 to 1 use their whole scale;
- ranks run downwards with 1 at the top; the axis never shows a rank below 1.

Time: yearly values sit on labelled year ticks (UN survey years on survey-year ticks, 2010, 2012,
...); dated values on a date axis, the labels of their points dated ("Dec 2023" / "12/2023").
A line never bridges a missing period without showing it (dotted, and the subtitle says so); an
empty bar slot says "no figure found". Every title states the finding, computed from the data
through ``helpers.compare`` (figures that may not be compared get no direction); the subtitle gives unit and period; the
source line is built from ``sources.csv``. Lines are labelled at their ends, never by a legend; no
text touches another text, a line or the edge (``tests/test_chart_layout.py`` measures it).

Rooms, lower first (placing labels is ``helpers.present.labels``, the look ``helpers.present.style``):

- ``bundle``     :class:`Chart`, the rows a chart reads and the metadata of its downloads
- ``axes``       time and value axes (:func:`time_axis`, :func:`value_axis`, :func:`rank_ticks`)
- ``titles``     the finding as title (:func:`finding`) and unit and period (:func:`subtitle`)
- ``cards``      :class:`Card` and :func:`number_card`: one or two figures as a number
- ``targets``    targets as labelled diamonds (:func:`targets_of`, :func:`target_text`)
- ``gaps``       missing periods: dotted segments with a note, "no figure found" in empty bar slots
- ``series``     one indicator over time, bars or a line (:func:`series_chart`, :func:`rank_chart`)
- ``egdi``       the EGDI and its components (:func:`index_chart`)
- ``peers``      a rank among peers (:func:`peer_rank_chart`)
- ``multi``      several indicators on one axis (:func:`multi_series_chart`)
- ``multiples``  one small panel per indicator (:func:`small_multiples`)
- ``provincial`` what the province charts share: rank colours, names on tiles, short source lines
- ``ranked``     the provinces' DTI as ranked dot plots, the pillars as small multiples
  (:func:`dot_plot`, :func:`pillar_plot`)
- ``tilemap``    a tile-grid map of Viet Nam, 63 provinces before the merger and 34 after
  (:func:`tile_map`; the layouts are ``tiles.csv``)
- ``movers``     rank changes between two years (:func:`movers_chart`)
- ``heatmap``    provinces by year, seaborn's heatmap (:func:`rank_heatmap`)
- ``province``   one province over time, beside its predecessors (:func:`province_rank_chart`,
  :func:`province_dti_chart`)

This package re-exports every public name, so ``charts.series_chart`` and the others are called as
``from helpers.present import charts`` gives them.
"""

from __future__ import annotations

from .axes import rank_ticks, time_axis, value_axis
from .bundle import COUNTS, SHORT, Chart
from .cards import Card, number_card
from .egdi import INDEX_PARTS, index_chart
from .heatmap import rank_heatmap
from .movers import movers_chart
from .multi import multi_series_chart
from .multiples import small_multiples
from .peers import peer_rank_chart
from .province import province_dti_chart, province_rank_chart
from .ranked import dot_plot, pillar_plot
from .series import rank_chart, series_chart
from .targets import TARGET_AROUND, target_text, targets_of
from .tilemap import tile_map
from .titles import finding, subtitle

__all__ = [
    "COUNTS",
    "INDEX_PARTS",
    "SHORT",
    "TARGET_AROUND",
    "Card",
    "Chart",
    "dot_plot",
    "finding",
    "index_chart",
    "movers_chart",
    "multi_series_chart",
    "number_card",
    "peer_rank_chart",
    "pillar_plot",
    "province_dti_chart",
    "province_rank_chart",
    "rank_chart",
    "rank_heatmap",
    "rank_ticks",
    "series_chart",
    "small_multiples",
    "subtitle",
    "target_text",
    "targets_of",
    "tile_map",
    "time_axis",
    "value_axis",
]
