"""The number a comparison gives, in the natural unit of what is compared, and how precisely it may
be said when a figure was stated as a bound.

A rank changes in places (1 = best), a share or a rate in percentage points, an index in index
points, a count in percent or, from ``MULTIPLE_FROM`` times, as a multiple. A figure stated as a
bound ("trên 84,7 triệu": at least 84.7 m) makes the result a bound too, in the direction the
arithmetic gives ("over 67 m" to 68 m: less than +1.5%); two bounds that pull in opposite directions,
or a bound beside an approximation, give no number at all.
"""

from __future__ import annotations

from .figure import Figure

MULTIPLE_FROM = 3.0  # a count that grew at least this many times is said as a multiple ("17x")

_FLIP = {"exact": "exact", "approx": "approx", "lower": "upper", "upper": "lower"}


def combine(first: str, second: str) -> str | None:
    """The bound of a result that grows with ``first`` and with ``second`` (each exact, lower, upper or
    approx); None when it has none (a lower with an upper, or an approximation with a bound)."""
    if first == "exact":
        return second
    if second == "exact" or first == second:
        return first
    return None


def bound_of_difference(a: Figure, b: Figure) -> str | None:
    """The bound of ``b - a`` or ``b / a`` (both grow with b and shrink with a)."""
    return combine(b.bound, _FLIP[a.bound])


def bound_of_ratio(num: Figure, den: Figure) -> str | None:
    return combine(num.bound, _FLIP[den.bound])


def change(kind: str, a: Figure, b: Figure) -> tuple[str, float]:
    """(measure, value) of the change from ``a`` to ``b`` for an indicator of ``kind``: places
    gained (a rank, positive when it improved), pp, points, a multiple or percent; a difference when
    a count starts from zero."""
    if kind == "rank":
        return "places", a.value - b.value
    if kind in ("share", "rate"):
        return "pp", b.value - a.value
    if kind == "index":
        return "points", b.value - a.value
    if a.value > 0 and b.value / a.value >= MULTIPLE_FROM:
        return "multiple", b.value / a.value
    if a.value == 0:
        return "difference", b.value - a.value
    return "pct", (b.value / a.value - 1) * 100


def position(values: dict[str, float], entity: str, higher_is_better: bool) -> tuple[int, int]:
    """(position, of): ``entity``'s place among ``values`` (1 = best; ties share the better place)."""
    mine = values[entity]
    better = sum(1 for v in values.values() if (v > mine if higher_is_better else v < mine))
    return better + 1, len(values)
