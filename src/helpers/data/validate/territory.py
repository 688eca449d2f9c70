"""A figure's ``territory``: the place as it existed (empty), or the producer's value for the
territory of a province formed after the figure's period (``successor``).

A figure names a place that existed in its year (or on its date). One exception is declared, never
inferred: a producer may publish, after a merger, a value for the territory of a province formed by
it, for a period before the province existed (the ministry's DTI 2024 was published for the 34
provinces of 1 July 2025, each "the mean of its predecessors' main indices"). Such a figure is
stored as published, with ``territory`` ``successor``, and only where

- the place was formed from others (it has predecessors in ``place_crosswalk.csv``: ``Places.formed``),
- the figure's period ends before the place's ``valid_from`` (its date, else the last day of its
  year), and
- its ``note`` says the producer's method (how the value for the merged territory was made).

Any other figure outside its place's lifetime gets the lifetime problem. ``fastpath`` vouches for the
rows these checks pass; ``tests/test_validate_fastpath.py`` keeps the two equal.
"""

from __future__ import annotations

import datetime as dt

from .. import schema
from ..checks import Checker
from ..csvio import Row
from ..gazetteer import Places

SUCCESSOR = "successor"
TERRITORIES = schema.enum("figures", "territory")  # the values besides empty
EXPECTED = (
    "empty (the place as it existed) or successor (the producer's value for the territory of a province "
    "formed after the figure's period, published after the merger)"
)


def period_end(year: int, date: dt.date | None) -> dt.date:
    """The last day a figure covers: its date, else the last day of its year."""
    return date if date is not None else dt.date(year, 12, 31)


def check(
    c: Checker,
    row: Row,
    entity: str | None,
    year: int | None,
    date: dt.date | None,
    places: Places | None,
    lifetime: bool,
) -> str:
    """The row's ``territory``, each problem reported; with ``lifetime`` (the entity, year and date
    are consistent), the place's lifetime too: the place existed in the figure's period, or the
    row is a successor's value as the module describes."""
    raw = row["territory"].strip()
    if raw and raw not in TERRITORIES:
        c.bad(row, "territory", EXPECTED)
        raw = ""
    if raw != SUCCESSOR:
        if lifetime and entity and places is not None and (year or date):
            wrong = places.outside(entity, year, date)
            if wrong:
                c.bad(row, "date" if date else "year", wrong)
        return raw
    formed = places.formed(entity) if entity and places is not None else None
    if entity and formed is None:
        c.bad(
            row,
            "territory",
            f"empty: successor marks a value for the territory of a province formed by a merger (one "
            f"with predecessors in place_crosswalk.csv); {entity} is not one",
        )
    elif formed is not None and lifetime and (year or date):
        end = period_end(year or date.year, date)
        if end >= formed:
            c.bad(
                row,
                "territory",
                f"empty: {entity} existed in the figure's period (to {end.isoformat()}); successor marks "
                f"only a figure of a period before the province was formed ({formed.isoformat()})",
            )
    if not row["note"].strip():
        c.bad(
            row,
            "note",
            "the producer's method for the merged territory's value (a successor row needs a note, "
            "e.g. 'the mean of its predecessors' main indices')",
        )
    return raw
