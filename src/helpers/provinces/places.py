"""The provinces on each side of the merger of 1 July 2025 (Resolution 202/2025/QH15), read from
``data/places.csv`` and the crosswalk as validated: the 63 before, the 34 after, and which of the
63 each of the 34 was formed from (itself for the 11 whose territory did not change)."""

from __future__ import annotations

import datetime as dt

from ..data import validate

MERGER = dt.date(2025, 7, 1)  # the day the 34 provinces began


def _places(data_dir=None):
    return validate(data_dir).places


def before(data_dir=None) -> list[str]:
    """The codes of the 63 provinces of 30 June 2025, in code order."""
    return [p.code for p in _places(data_dir).on(MERGER - dt.timedelta(days=1))]


def after(data_dir=None) -> list[str]:
    """The codes of the 34 provinces from 1 July 2025, in code order."""
    return [p.code for p in _places(data_dir).on(MERGER)]


def population(year: int, data_dir=None) -> list[str]:
    """The provinces a ranking of ``year`` covers: those that existed on its last day (the 63 up to
    2024, the 34 from 2025)."""
    return [p.code for p in _places(data_dir).on(dt.date(year, 12, 31))]


def predecessors(code: str, data_dir=None) -> list[str]:
    """The provinces of the 63 that ``code`` was formed from, in code order: itself for a province
    whose territory did not change, none for a province of the 63 that ended on 30 June 2025."""
    return sorted(_places(data_dir).predecessors(code))


def successor(code: str, data_dir=None) -> str | None:
    """The province of the 34 that ``code`` (one of the 63) became part of."""
    return _places(data_dir).successor.get(code)


def is_new(code: str, data_dir=None) -> bool:
    """Whether ``code`` is a province formed on 1 July 2025 (a new place, even where it keeps a
    predecessor's name)."""
    p = _places(data_dir).get(code)
    return bool(p and p.valid_from and p.valid_from >= MERGER)
