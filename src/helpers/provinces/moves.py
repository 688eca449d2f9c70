"""Rank moves between years ("movers"): the one place the province pages compare ranks.

A move compares a province's rank in one year with its rank the year after, in the same ranking
(the same indicator, so among the same provinces). Ranks on the two sides of a definition break of
the indicator (the DTI's method change of 2021) measure different things: such a move is kept with
its ``reason`` and no number, so a page can say why it gives none.

Whether two ranks compare, and by how many places, is :func:`helpers.compare.state`'s answer (a
change of a rank indicator is measured in places): each move carries its ``statement``, which the
pages record in their ``statements.json`` when they say the move.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..compare import Statement, state
from .panel import fullest, rank_table


@dataclass(frozen=True)
class Move:
    """A province's rank in ``y0`` and in ``y1``; ``places`` is how many places it rose (negative:
    fell), None when the two ranks may not be compared (``reason`` says why)."""

    indicator: str
    entity: str
    y0: int
    y1: int
    r0: int
    r1: int
    places: int | None
    ids: tuple[str, ...]
    reason: str = ""
    statement: Statement | None = None


def _rank_figure(row) -> dict:
    """A rank as the comparability rules see it: a figure of the rank indicator covering its year
    (the id is the figure it rests on: the printed rank, or the index value it was computed from)."""
    year = int(row.year)
    return {"id": row.id, "indicator": row.indicator, "entity": row.entity, "year": year,
            "period": "year", "date": "", "value": float(row.value),
            "period_start": f"{year}-01-01", "period_end": f"{year}-12-31"}  # fmt: skip


def moves(df: pd.DataFrame, rank: str = "dti_rank", table: pd.DataFrame | None = None) -> list[Move]:
    """Every province's move between consecutive years of ``rank`` (``table``: its
    :func:`~helpers.provinces.panel.rank_table`, when already computed), by years then province."""
    from ..data import validate

    table = rank_table(df, rank) if table is None else table
    indicators = validate().indicators  # the dictionary, read once for every move (not twice a move)
    by = {(e, int(y)): r for e, y, r in zip(table["entity"], table["year"], table.itertuples(), strict=True)}
    out = []
    for (entity, year), a in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        b = by.get((entity, year + 1))
        if b is None:
            continue
        st = state("change", [_rank_figure(a), _rank_figure(b)], indicators=indicators)
        gained = None if st.value is None else int(round(st.value))
        out.append(
            Move(rank, entity, year, year + 1, int(a.value), int(b.value), gained, (a.id, b.id),
                 "" if st.ok else st.reason.code, st)
        )  # fmt: skip
    return out


def mover_years(found: list[Move]) -> tuple[int, int] | None:
    """The pair of years with the most comparable moves (the later pair on a tie), or None."""
    counts: dict[tuple[int, int], int] = {}
    for m in found:
        if m.places is not None:
            counts[(m.y0, m.y1)] = counts.get((m.y0, m.y1), 0) + 1
    return fullest(counts)
