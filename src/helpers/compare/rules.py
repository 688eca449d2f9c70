"""When two figures may be compared, and why not when they may not.

Each rule returns a :class:`Reason` (a code, the facts a sentence needs, and an English text) or
None. The codes are the words pages translate (``compare_why_<code>`` in the catalogues).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..data.breaks import Break
from .figure import Figure

# Every refusal the rules give, with its English text ({a} and {b} are the two figures' labels).
REASONS = {
    "entity": "they are about different countries or places",
    "indicator": "they measure different things ({a_indicator}, {b_indicator})",
    "same": "they are the same period",
    "period": "they cover different kinds of period ({a_period}, {b_period})",
    "window": "they are averages over different windows ({a_window}; {b_window})",
    "window_unstated": "the source does not say which days an average covers",
    "partial": "one covers part of a period, the other {other} ({a_part}; {b_part})",
    "forecast": "a forecast is not set beside an outturn",
    "break": "what is counted changed on {day}: {what}",
    "vintage": "they come from different releases ({a_vintage}; {b_vintage})",
    "bound": "they are stated as bounds ({a_bound}; {b_bound}): a change would claim more precision than they have",
    "date": "they are not measured at the same date",
    "missing": "a figure is missing",
    # target verdicts
    "abolished": "the measure was abolished on {day}: {what}",
    "no_figure": "no figure of this measure at the deadline or soon after",
    "estimate_only": "the figure at the deadline is an estimate",
    "deadline": "the deadline ({deadline}) is after the data's date ({judged_on})",
    "no_survey": "no survey at or after the deadline",
    "bound_target": "the figure is stated as a bound that does not settle the target",
}


@dataclass(frozen=True)
class Reason:
    code: str
    facts: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The reason in English (pages say it in their language from ``code`` and ``facts``)."""
        try:
            return REASONS[self.code].format(**self.facts)
        except (KeyError, IndexError):
            return REASONS.get(self.code, self.code)


def _window(f: Figure) -> tuple:
    """What a per-day figure averages, comparable across years: a typical day, or an average over
    the same days of the year."""
    if f.window == "typical":
        return ("typical",)
    start, end = f.window.split("/")
    return ("days", start[5:], end[5:], int(end[:4]) - int(start[:4]))


def side(f: Figure, day: dt.date) -> str:
    """Where a figure lies against a break on ``day``: before, after, or spanning it."""
    if f.end < day:
        return "before"
    if f.start >= day:
        return "after"
    return "spans"


def across(a: Figure, b: Figure, breaks: list[Break]) -> Break | None:
    """The first break between ``a`` and ``b`` (or inside either's period), if any."""
    for brk in breaks:
        sa, sb = side(a, brk.day), side(b, brk.day)
        if sa != sb or sa == "spans":
            return brk
    return None


def change_reason(a: Figure, b: Figure, breaks: list[Break], across_vintages: bool = False) -> Reason | None:
    """Why ``a`` (earlier) and ``b`` (later) may not be compared as a change of one measure; None
    when they may. Bounds are the measure's business (:mod:`helpers.compare.measure`)."""
    if a.entity != b.entity:
        return Reason("entity")
    if a.indicator != b.indicator:
        return Reason("indicator", {"a_indicator": a.indicator, "b_indicator": b.indicator})
    if a.period != b.period:
        return Reason("period", {"a_period": a.period, "b_period": b.period})
    if (a.start, a.end) == (b.start, b.end):
        return Reason("same")
    if a.period == "day":
        if "unstated" in (a.window, b.window) or not a.window or not b.window:
            return Reason("window_unstated", {"a_window": a.window, "b_window": b.window})
        if _window(a) != _window(b):
            return Reason("window", {"a_window": a.window, "b_window": b.window})
    if (not a.complete or not b.complete) and a.part() != b.part():
        other = "the whole period" if a.complete or b.complete else "another part"
        return Reason("partial", {"other": other, "a_part": _part(a), "b_part": _part(b)})
    if a.outturn != b.outturn:
        return Reason("forecast")
    brk = across(a, b, breaks)
    if brk is not None:
        return Reason("break", {"day": brk.day.isoformat(), "what": brk.what})
    if a.vintage != b.vintage and not (across_vintages and not a.revises and not b.revises):
        return Reason("vintage", {"a_vintage": a.vintage or "-", "b_vintage": b.vintage or "-"})
    return None


def _part(f: Figure) -> str:
    return f"{f.start.isoformat()} to {f.end.isoformat()}"


def same_time_reason(a: Figure, b: Figure, breaks: dict[str, list[Break]]) -> Reason | None:
    """Why two figures of different measures may not be divided (a ratio), or set beside each other
    in a ratio claim; None when they may: same place, same period, same days, both outturns."""
    if a.entity != b.entity:
        return Reason("entity")
    if a.period != b.period:
        return Reason("period", {"a_period": a.period, "b_period": b.period})
    if (a.start, a.end) != (b.start, b.end):
        return Reason("date")
    if a.outturn != b.outturn:
        return Reason("forecast")
    for f in (a, b):
        for brk in breaks.get(f.indicator, []):
            if side(f, brk.day) == "spans":
                return Reason("break", {"day": brk.day.isoformat(), "what": brk.what})
    return None


def year_reason(num: Figure, den: Figure, breaks: dict[str, list[Break]]) -> Reason | None:
    """Why a count may not be divided by a figure of its year (a rate per person: the population
    averaged over the year); None when it may: same place, the same year, both outturns."""
    if num.entity != den.entity:
        return Reason("entity")
    if num.year != den.year or den.period not in ("year", "as_of"):
        return Reason("date")
    if num.outturn != den.outturn:
        return Reason("forecast")
    for f in (num, den):
        for brk in breaks.get(f.indicator, []):
            if side(f, brk.day) == "spans":
                return Reason("break", {"day": brk.day.isoformat(), "what": brk.what})
    return None
