"""Figures and targets for the tests of helpers.compare (test_compare.py,
test_compare_targets.py, test_compare_properties.py): ``fig`` makes a figure of a small set of
indicators (SPEC), ``change`` asks ``state`` for a change between two, ``verdict`` for a target's
verdict (TARGET: 80 % of ``s`` by 2025, judged in June 2026 unless told).
"""

from __future__ import annotations

import datetime as dt

from helpers.compare import Figure, state

D = dt.date
SPEC = {
    "x": {"kind": "stock", "definition_break": "", "higher_is_better": True},
    "y": {"kind": "stock", "definition_break": "", "higher_is_better": True},
    "s": {"kind": "share", "definition_break": "", "higher_is_better": True},
    "r": {"kind": "rank", "definition_break": "", "higher_is_better": False},
}


def fig(id="a", indicator="x", year=2022, period="as_of", date="2022-06-30", value=10.0, **kw) -> Figure:
    day = D.fromisoformat(date) if date else None
    start = kw.pop("start", None) or (day if period in ("as_of", "day") else D(year, 1, 1))
    end = kw.pop("end", None) or (day or D(year, 12, 31))
    return Figure(id, indicator, kw.pop("entity", "VNM"), year, period, date, value, start, end, **kw)


def change(a, b, spec=SPEC, **kw):
    return state("change", [a, b], indicators=spec, **kw)


TARGET = {
    "id": "t",
    "indicator": "s",
    "entity": "VNM",
    "year": 2025,
    "date": None,
    "value": 80,
    "direction": "at_least",
}


JUNE_2026 = D(2026, 6, 1)


def verdict(figures, on=JUNE_2026, target=TARGET, spec=SPEC, **kw):
    return state("target", figures, target=target, judged_on=on, indicators=spec, **kw)
