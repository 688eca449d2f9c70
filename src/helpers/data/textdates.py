"""Dates written in a text, so that a number that is part of one is never taken for a figure's value:
a year ("in 2021", "năm 2025"), a numeric date ("31/12/2023", "12/2023", "2024-03-15"), a day or a
month after its word ("ngày 15", "tháng 3", "March 15", "15 March"). Not "6/11", which may be six
of eleven. Standard library only."""

from __future__ import annotations

import re

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_DATE = re.compile(
    r"(?<![0-9])(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}/[0-9]{4})(?![0-9])"
    rf"|(?:ngày|tháng|tháng thứ)\s+[0-9]{{1,2}}(?![0-9])|\b(?:{_MONTHS})\.?\s+[0-9]{{1,2}}(?![0-9])"
    rf"|(?<![0-9.,])[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b",
    re.IGNORECASE,
)


def date_like(value: float) -> bool:
    """Whether ``value`` could be read off a date: a day or month number, or a year."""
    return float(value).is_integer() and (1 <= value <= 31 or 1900 <= value <= 2100)


def dates_in(text: str) -> list[tuple[int, int]]:
    """The spans of the dates written in ``text`` ("31/12/2023", "12/2023", "2024-03-15", "ngày 15",
    "March 15"); not "6/11", which may be six of eleven."""
    return [m.span() for m in _DATE.finditer(text)]


def is_date(m: re.Match[str], dates: list[tuple[int, int]]) -> bool:
    """Whether the number of phrase ``m`` is a year (four digits, no scale, no percent) or lies in
    one of ``dates``."""
    start, end = m.span("num")
    num = m["num"]
    if len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100 and not m["scale"] and not m["pct"]:
        return True
    return any(a < end and start < b for a, b in dates)
