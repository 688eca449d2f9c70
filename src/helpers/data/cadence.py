"""Release cadences and freshness: when an indicator's next figure is expected, and whether the
record is older than its cadence allows on a given day.

The dictionary gives each indicator a ``cadence`` (``monthly``, ``quarterly``, ``annual``,
``biennial`` or ``irregular``) and, for an annual or biennial one, the ``release_month`` in which its
producer usually publishes, where the record shows one. The newest figure of an indicator is the one
whose period ends last (any entity); its *last update* is the earliest publication date its sources
give for that period (the first time the figure was published, as far as the record shows; a press
report a year later does not make it newer). Without any publication date the period's end stands
in for it.

The next release is expected one interval after the last update (monthly 1 month, quarterly 3,
annual 12, biennial 24); with a usual month, in the first such month at least half a year short of
the interval after it (an annual release of 6/1/2025 with month 1: January 2026). An irregular
series has no expected release, and neither has a measure that a definition break abolished.

**The judgement date.** Freshness is judged on a date the data gives, never on the clock of the
machine that builds the pages: by default the newest ``accessed`` date in ``sources.csv``, the day
the curators last read a source (:func:`judgement_date`). An indicator is *stale* when that date is
after the end of the month its next release was expected in: "no newer figure found since
September 2024; the UN publishes every two years". Pass ``on`` to judge on another day.

Standard library only: the report runner lists stale indicators without pandas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import periods

INTERVAL = {"monthly": 1, "quarterly": 3, "annual": 12, "biennial": 24}  # months between releases
ABOLISHED = "abolished:"  # a definition break whose text starts so ends the measure


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def plus(self, months: int) -> Month:
        n = self.year * 12 + self.month - 1 + months
        return Month(n // 12, n % 12 + 1)

    def last_day(self) -> dt.date:
        return periods._month_end(self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Freshness:
    """An indicator's record against its cadence on ``judged_on``.

    ``newest``: the last day the newest figure covers (ISO); ``figure``: its id; ``published``:
    its first publication date as the sources give it (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
    empty when no source dates it); ``expected``: the month the next release was due (``YYYY-MM``,
    empty when none is expected); ``ended``: the day a definition break abolished the measure."""

    indicator: str
    cadence: str
    release_month: int | None
    newest: str
    figure: str
    published: str
    expected: str
    ended: str
    judged_on: dt.date | None

    @property
    def stale(self) -> bool:
        """Whether the next release was due before the judgement date and none is in the record."""
        if not self.expected or self.judged_on is None:
            return False
        year, month = (int(p) for p in self.expected.split("-"))
        return self.judged_on > Month(year, month).last_day()


def judgement_date(ds) -> dt.date | None:
    """The data's own date: the newest ``accessed`` of ``sources.csv`` (the day a source was last
    read), or None when no source records one."""
    days = [s["accessed"].strip() for s in ds.sources.values() if s.get("accessed", "").strip()]
    return dt.date.fromisoformat(max(days)) if days else None


def _month_of(published: str) -> Month:
    """The month of a publication date; a bare year counts as its December (the latest it can be)."""
    parts = published.split("-")
    return Month(int(parts[0]), int(parts[1]) if len(parts) > 1 else 12)


def next_release(cadence: str, release_month: int | None, last: Month) -> Month | None:
    """The month the release after one published in ``last`` is expected (None: irregular)."""
    months = INTERVAL.get(cadence)
    if months is None:
        return None
    if not release_month:
        return last.plus(months)
    earliest = last.plus(months - 6)
    due = Month(earliest.year, release_month)
    return due if due >= earliest else Month(earliest.year + 1, release_month)


def _points(ds) -> dict[str, list[tuple[dt.date, str, str]]]:
    """Indicator -> (last day covered, figure id, source id) of its every figure: curated, UN, DTI."""
    out: dict[str, list] = {}
    for f in ds.figures:
        end = periods.window(f["period"], f["year"], f["date"])[1]
        out.setdefault(f["indicator"], []).append((end, f["id"], f["source_id"]))
    for u in ds.un.figures:
        out.setdefault(u.indicator, []).append(
            (dt.date(u.year, 12, 31), f"un:{u.indicator}:{u.entity}:{u.year}", u.source_id)
        )
    for d in ds.dti.figures if ds.dti else ():
        out.setdefault(d.indicator, []).append((dt.date(d.year, 12, 31), d.id, d.source_id))
    return out


def _ended(definition_break: str, on: dt.date | None) -> str:
    for part in (definition_break or "").split(" | "):
        day, _, what = part.strip().partition(": ")
        if what.startswith(ABOLISHED) and (on is None or dt.date.fromisoformat(day) <= on):
            return day
    return ""


def freshness(ds, indicator: str, on: dt.date | None = None, _index=None) -> Freshness | None:
    """``indicator``'s record judged on ``on`` (default: :func:`judgement_date`); None when it has
    no figure."""
    points = (_index if _index is not None else _points(ds)).get(indicator)
    if not points:
        return None
    judged = on or judgement_date(ds)
    newest = max(p[0] for p in points)
    latest = [p for p in points if p[0] == newest]
    dates = sorted(
        (_month_of(ds.sources[s]["published"]), ds.sources[s]["published"])
        for _, _, s in latest
        if ds.sources[s]["published"]
    )
    published = dates[0][1] if dates else ""
    info = ds.indicators[indicator]
    ended = _ended(info["definition_break"], judged)
    basis = dates[0][0] if dates else Month(newest.year, newest.month)
    due = None if ended else next_release(info["cadence"], info["release_month"], basis)
    figure = min(latest, key=lambda p: (not p[1].endswith(":VNM:" + str(newest.year)) and ":" in p[1], p[1]))[
        1
    ]
    return Freshness(
        indicator, info["cadence"], info["release_month"], newest.isoformat(), figure, published,
        str(due) if due else "", ended, judged,
    )  # fmt: skip


def stale(ds, on: dt.date | None = None) -> list[Freshness]:
    """Every indicator whose newest figure is older than its cadence allows on ``on`` (default: the
    data's :func:`judgement_date`), in the dictionary's order."""
    out, index = [], _points(ds)
    for indicator in ds.indicators:
        f = freshness(ds, indicator, on, index)
        if f is not None and f.stale:
            out.append(f)
    return out
