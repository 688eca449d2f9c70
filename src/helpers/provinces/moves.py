"""Rank moves between years ("movers"): the one place the province pages compare ranks.

A move compares a province's rank in one year with its rank the year after, in the same ranking
(the same indicator, so among the same provinces). Ranks on the two sides of a definition break of
the indicator (the DTI's method change of 2021) measure different things: such a move is kept with
its ``reason`` (``break``) and no number, so a page can say why it gives none.

TEMPORARY (issue 19): the comparability rules and the statements every page makes are being built
as ``helpers.compare.state``; when that lands, :func:`moves` asks it instead of judging here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..data import breaks, validate
from .panel import rank_table


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


def _break_between(indicator: str, y0: int, y1: int) -> bool:
    spec = validate().indicators.get(indicator) or {}
    return any(
        dt.date(y0, 12, 31) < b.day <= dt.date(y1, 12, 31)
        for b in breaks.parse(spec.get("definition_break", "")) or []
    )


def moves(df: pd.DataFrame, rank: str = "dti_rank", table: pd.DataFrame | None = None) -> list[Move]:
    """Every province's move between consecutive years of ``rank`` (``table``: its
    :func:`~helpers.provinces.panel.rank_table`, when already computed), by years then province."""
    table = rank_table(df, rank) if table is None else table
    by = {(e, int(y)): r for e, y, r in zip(table["entity"], table["year"], table.itertuples(), strict=True)}
    out = []
    for (entity, year), a in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        b = by.get((entity, year + 1))
        if b is None:
            continue
        r0, r1 = int(a.value), int(b.value)
        across = _break_between(rank, year, year + 1)
        out.append(
            Move(rank, entity, year, year + 1, r0, r1, None if across else r0 - r1, (a.id, b.id),
                 "break" if across else "")
        )  # fmt: skip
    return out


def mover_years(found: list[Move]) -> tuple[int, int] | None:
    """The pair of years with the most comparable moves (the later pair on a tie), or None."""
    counts: dict[tuple[int, int], int] = {}
    for m in found:
        if m.places is not None:
            counts[(m.y0, m.y1)] = counts.get((m.y0, m.y1), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], k))
