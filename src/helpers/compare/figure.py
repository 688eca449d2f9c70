"""A figure as the comparability rules see it: what it measures, over which days, how it was stated.

Built from a row of the tidy table (``helpers.data.load_figures``) or any mapping with its columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

# How a figure's qualifier bounds its true value: "trên 84,7 triệu" is at least 84.7 m (lower), "gần
# 48 triệu" at most 48 m (upper), "khoảng 1 triệu" near it (approx); no qualifier: exact as stated.
BOUNDS = {"": "exact", "over": "lower", "nearly": "upper", "about": "approx"}
OUTTURN = ("final", "estimate", "provisional")  # measured; a forecast is not


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "")
    return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None


@dataclass(frozen=True)
class Figure:
    """One figure: its id, what it measures (indicator, entity), the days it covers (``start`` to
    ``end``; ``complete`` False for a period not over at its date), its averaging ``window`` (a
    per-day figure), how it was stated (``status``, ``bound``) and which release it is (``vintage``,
    ``revises``)."""

    id: str
    indicator: str
    entity: str
    year: int
    period: str
    date: str
    value: float
    start: dt.date
    end: dt.date
    complete: bool = True
    window: str = ""
    status: str = "final"
    vintage: str = ""
    revises: str = ""
    qualifier: str = ""
    producer: str = ""
    source_id: str = ""
    origin: str = "curated"

    @classmethod
    def of(cls, row: Mapping | Figure) -> Figure:
        """The figure of a tidy-table row (a pandas Series or a dict)."""
        if isinstance(row, Figure):
            return row
        get = row.get
        year = int(get("year"))
        date = str(get("date") or "")
        start = _day(get("period_start")) or _day(date) or dt.date(year, 1, 1)
        end = _day(get("period_end")) or _day(date) or dt.date(year, 12, 31)
        complete = get("complete", True)
        return cls(
            id=str(get("id") or ""),
            indicator=str(get("indicator")),
            entity=str(get("entity") or "VNM"),
            year=year,
            period=str(get("period") or "year"),
            date=date,
            value=float(get("value")),
            start=start,
            end=end,
            complete=bool(True if complete is None else complete),
            window=str(get("window") or ""),
            status=str(get("status") or "final"),
            vintage=str(get("vintage") or ""),
            revises=str(get("revises") or ""),
            qualifier=str(get("qualifier") or ""),
            producer=str(get("producer") or ""),
            source_id=str(get("source_id") or ""),
            origin=str(get("origin") or "curated"),
        )

    @property
    def bound(self) -> str:
        """exact, lower ("over"), upper ("nearly") or approx ("about")."""
        return BOUNDS.get(self.qualifier, "approx")

    @property
    def outturn(self) -> bool:
        return self.status in OUTTURN

    def part(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The part of a year the figure covers, as (month, day) of its first and last day: a partial
        period compares only with the same part of another period."""
        return (self.start.month, self.start.day), (self.end.month, self.end.day)
