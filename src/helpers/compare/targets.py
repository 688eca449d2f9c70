"""Target verdicts: met, missed, on track, not yet judged, cannot be judged.

A target is judged only on a figure of its own indicator (the dictionary keeps every denominator
apart, so the indicator is the denominator too), of its entity, that is an outturn: final or
provisional, an estimate only when the statement says so (``estimates=True``), never a forecast.
That figure must be measured at the deadline: a whole period ending in the deadline's period (the
deadline's month for a dated target, its year otherwise), or a level dated at most :data:`BEFORE`
days before the deadline or, the nearest measurement after it, at most :data:`AFTER` days after the
deadline's period; for the UN's biennial survey, the first survey at or after the deadline's year.
No figure lies across a definition break from the deadline.

Before the deadline (on the data's own date, never the clock) a target whose latest figure already
meets it is "on track"; otherwise it is "not yet judged", as it is when the deadline has passed and
no figure judges it. A measure a definition break abolished before the deadline "cannot be judged".
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping

from ..data.breaks import Break
from .figure import Figure
from .rules import Reason, side

VERDICTS = ("met", "missed", "on track", "not yet judged", "cannot be judged")
AFTER = 92  # days after the deadline's period in which a level still counts as measured at it
BEFORE = 31  # days before the deadline in which a level counts as measured at it
LEVELS = ("as_of", "day")  # figures measured at a date, not over a period
JUDGING = ("final", "provisional")


def deadline(target: Mapping) -> dt.date:
    """A target's deadline: its date, else the end of its year."""
    day = target.get("date")
    if isinstance(day, dt.date):
        return day
    if day:
        return dt.date.fromisoformat(str(day)[:10])
    return dt.date(int(target["year"]), 12, 31)


def deadline_period(target: Mapping) -> tuple[dt.date, dt.date]:
    """The period a judging figure must be dated in: the deadline's month, or its year."""
    day = deadline(target)
    if target.get("date"):
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def meets(value: float, bound: str, target: Mapping) -> bool | None:
    """Whether a value stated with ``bound`` meets the target; None when the bound leaves it open
    ("over 78%" for "at least 80%")."""
    goal, direction = float(target["value"]), target["direction"]
    if direction == "exactly":
        return abs(value - goal) < 1e-9 if bound in ("exact", "approx") else None
    at_least = direction == "at_least"
    ok = value >= goal if at_least else value <= goal
    if bound in ("exact", "approx"):
        return ok
    # a lower bound settles "at least" when it already meets it, an upper bound when it falls short
    if (bound == "lower") == at_least:
        return True if ok else None
    return False if not ok else None


def _at_deadline(figs: list[Figure], due: dt.date, first: dt.date, last: dt.date) -> Figure | None:
    """The figure measured at the deadline: a whole period ending in the deadline's period (a year
    for a year's target), or a level dated from :data:`BEFORE` days before the deadline to
    :data:`AFTER` days after its period, the nearest to the deadline (the later on a tie)."""
    whole = [f for f in figs if f.period not in LEVELS and f.complete and first <= f.end <= last]
    if whole:
        return whole[-1]
    levels = [
        f
        for f in figs
        if f.period in LEVELS and due - dt.timedelta(days=BEFORE) <= f.end <= last + dt.timedelta(days=AFTER)
    ]
    return min(levels, key=lambda f: (abs((f.end - due).days), -f.end.toordinal())) if levels else None


def _survey(figures: list[Figure]) -> bool:
    return bool(figures) and all(f.producer == "UN DESA" and f.period == "year" for f in figures)


def judge(
    target: Mapping,
    figures: Iterable[Figure],
    judged_on: dt.date,
    breaks: list[Break],
    estimates: bool = False,
) -> tuple[str, Figure | None, Figure | None, Reason | None]:
    """(verdict, the judging figure, the latest figure, why it is not judged) for ``target`` on the
    figures of its indicator and entity (selected ones: one per point) measured by ``judged_on``."""
    figs = sorted(
        (
            f
            for f in figures
            if f.indicator == target["indicator"] and f.entity == target["entity"] and f.start <= judged_on
        ),
        key=lambda f: (f.end, f.start),
    )
    latest = figs[-1] if figs else None
    due = deadline(target)
    for brk in breaks:
        if brk.abolished and brk.day <= due:
            return (
                "cannot be judged",
                None,
                latest,
                Reason("abolished", {"day": brk.day.isoformat(), "what": brk.what}),
            )
    allowed = JUDGING + (("estimate",) if estimates else ())
    comparable = [
        f for f in figs if not any(side(f, b.day) != ("before" if due < b.day else "after") for b in breaks)
    ]
    usable = [f for f in comparable if f.status in allowed]
    first, last = deadline_period(target)
    if due > judged_on:  # the deadline is still ahead on the data's date
        now = usable[-1] if usable else None
        if now is not None and meets(now.value, now.bound, target):
            return "on track", now, latest, None
        return (
            "not yet judged",
            None,
            latest,
            Reason("deadline", {"deadline": due.isoformat(), "judged_on": judged_on.isoformat()}),
        )
    if _survey(comparable):
        later = [f for f in usable if f.year >= due.year]
        judging = later[0] if later else None
        missing = Reason("no_survey")
    else:
        judging = _at_deadline(usable, due, first, last)
        estimate_only = (
            _at_deadline([f for f in comparable if f.status == "estimate"], due, first, last) is not None
        )
        missing = Reason("estimate_only") if estimate_only and not estimates else Reason("no_figure")
    if judging is None:
        return "not yet judged", None, latest, missing
    ok = meets(judging.value, judging.bound, target)
    if ok is None:
        return "not yet judged", judging, latest, Reason("bound_target")
    return ("met" if ok else "missed"), judging, latest, None
