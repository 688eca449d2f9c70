"""Periods: the span of time a figure covers, from its ``period``, ``year`` and ``date``.

``year`` is a whole calendar year (no date). ``half``, ``quarter`` and ``month`` are the calendar
half, quarter or month that contains ``date``, and ``date`` is the last day covered: a date before the
period's end means a partial period ("September 2022 up to 26/9"). ``year_to_date`` runs from
1 January to ``date``. ``day`` is a per-day figure (an average or a typical day) reported at ``date``
(or during ``year`` when there is no date). ``as_of`` is a level at ``date`` (a stock, or a share or
rank measured at a date).

Standard library only.
"""

from __future__ import annotations

import calendar
import datetime as dt

from . import schema

PERIODS = schema.enum("figures", "period")
NEEDS_DATE = ("half", "quarter", "month", "year_to_date", "as_of")  # "year" takes none, "day" may


def _months(period: str, month: int) -> tuple[int, int]:
    """First and last month of the calendar period of ``period`` that contains ``month``."""
    if period == "month":
        return month, month
    if period == "quarter":
        first = 3 * ((month - 1) // 3) + 1
        return first, first + 2
    if period == "half":
        return (1, 6) if month <= 6 else (7, 12)
    return 1, 12


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def window(period: str, year: int, date: dt.date | None) -> tuple[dt.date, dt.date]:
    """The first and last day the figure covers."""
    if date is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if period in ("as_of", "day"):
        return date, date
    first, _ = _months(period, date.month)
    return dt.date(year, first, 1), date


def complete(period: str, year: int, date: dt.date | None) -> bool:
    """False when the period was not over at ``date`` (a partial month, quarter, half or year)."""
    if date is None or period in ("as_of", "day"):
        return True
    _, last = _months(period, date.month)
    return date == _month_end(year, last)


def label(period: str, year: int, date: dt.date | None) -> str:
    """A short English label for the data's ``period_label`` column: "2022", "Q1 2022",
    "Sep 2022 (to 26/9)", "H1 2025", "1 Jan to 31/7/2022", "25/12/2022". Pages name periods in their
    own language with ``helpers.present.locale.when``."""
    if date is None:
        return str(year)
    dm = f"{date.day}/{date.month}"
    if period in ("as_of", "day"):
        return f"{dm}/{year}"
    if period == "year_to_date":
        return f"1 Jan to {dm}/{year}"
    first, _ = _months(period, date.month)
    if period == "month":
        base = f"{calendar.month_abbr[first]} {year}"
    elif period == "quarter":
        base = f"Q{(first + 2) // 3} {year}"
    else:  # half
        base = f"H{1 if first == 1 else 2} {year}"
    return base if complete(period, year, date) else f"{base} (to {dm})"
