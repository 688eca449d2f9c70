"""Provinces as places of the collection: who they are on each side of the merger of 1 July 2025,
their values and ranks by year, the rank moves between years and the values the project derives
for a province formed at the merger. Above ``helpers.data``, below ``helpers.present``.

Rooms, lower first:

- ``places``   the 63 provinces before the merger, the 34 after, a province's predecessors
- ``panel``    an indicator's values by province and year (the selected figures), the ranks among
               the provinces (computed from a complete table, else as published) and the coverage
- ``moves``    rank changes between years ("movers"): the one place the province pages compare ranks
- ``derived``  the mean of a new province's predecessors: computed here, labelled derived, never stored

Nothing here invents a value: a province or a year the record does not hold stays missing, and the
pages say so ("no figure found").
"""

from __future__ import annotations

from .derived import DERIVED, predecessor_mean
from .moves import Move, mover_years, moves
from .panel import complete, coverage, fullest, rank_table, ranks, values
from .places import MERGER, after, before, is_new, population, predecessors, successor

__all__ = [
    "DERIVED",
    "MERGER",
    "Move",
    "after",
    "before",
    "complete",
    "coverage",
    "fullest",
    "is_new",
    "mover_years",
    "moves",
    "population",
    "predecessor_mean",
    "predecessors",
    "rank_table",
    "ranks",
    "successor",
    "values",
]
