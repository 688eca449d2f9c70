"""Dates and the time a figure covers, for people.

A date is written with a CLDR date pattern from the catalogue (``date_day``: "d MMM y" in English,
"d/M/y" in Vietnamese) and CLDR's month names (Babel): "31 Dec 2023" / "31/12/2023". What CLDR does
not know is the catalogue's phrasing: quarters and halves ("Q1 2022" / "quý 1/2022",
"H1 2025" / "6 tháng đầu 2025"), a year to date ("Jan–Sep 2022" / "1–9/2022") and the time in a
sentence ("in 2024" / "năm 2024", "since Dec 2022" / "so với tháng 12/2022").
"""

from __future__ import annotations

import datetime as dt

from .catalogue import check, t, text

PERIODS = ("quarter", "half", "year_to_date")  # periods said by their own phrase, not by a month


def _date(pattern_key: str, year: int, month: int, day: int, lang: str) -> str:
    from babel.dates import format_date

    return format_date(dt.date(year, month, day), t(pattern_key, lang), locale=lang)


def date_text(date: str, lang: str) -> str:
    """An ISO date (or year-month, or year) for people: "31 Dec 2023" / "31/12/2023"."""
    parts = [int(p) for p in str(date).split("-") if p]
    check(lang)
    if len(parts) == 3:
        return _date("date_day", *parts, lang)
    if len(parts) == 2:
        return _date("date_month", *parts, 1, lang)
    return str(date)


def month_year(date: str, lang: str) -> str:
    """A date's month and year, as charts write it: "2023-12-31" -> "Dec 2023" / "12/2023"."""
    return _date("date_month_chart", int(date[:4]), int(date[5:7]), 1, check(lang))


def when(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time as a label: its year, or the month and year of its date; with the period it
    covers (``figures.period``), a quarter "Q1 2022" / "quý 1/2022", a half "H1 2025" /
    "6 tháng đầu 2025", a year to date "Jan–Sep 2022" / "1–9/2022"."""
    check(lang)
    if not date:
        return str(int(year))
    y, m = int(date[:4]), int(date[5:7])
    if period == "quarter":
        return text("when_quarter", lang, q=(m - 1) // 3 + 1, year=y)
    if period == "half":
        return text("when_half_1" if m <= 6 else "when_half_2", lang, year=y)
    if period == "year_to_date" and m > 1:
        first, month = (_date("date_month_name", y, k, 1, lang) for k in (1, m))
        return text("when_year_to_date", lang, first=first, month=month, year=y)
    return month_year(date, lang)


def _kind(date: str, period: str) -> str:
    """How a time is said in a sentence: as a year, a month, or a period of its own."""
    if not date:
        return "year"
    return "period" if period in PERIODS else "month"


def at(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time in a sentence: "in 2024" / "năm 2024", "in Dec 2023" / "tháng 12/2023"."""
    return text("at_" + _kind(date, period), lang, when=when(year, date, lang, period))


def bracketed(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time in a title's "from X (t0) to Y (t1)": "in 2022" in English, where the time
    follows the value; "08/2022" in Vietnamese, where the template puts it in brackets."""
    return text("title_when", lang, when=when(year, date, lang, period))


def since(year: int, date: str, lang: str, period: str = "") -> str:
    """The comparison named: "since 2022" / "so với năm 2022"."""
    return text("since_" + _kind(date, period), lang, when=when(year, date, lang, period))
