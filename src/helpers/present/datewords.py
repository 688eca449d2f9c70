"""Dates and release cadences in words, in a page's language, with no pandas: the runner's index
says them in every build, a no-op build included (``helpers.present.facts`` says them on pages)."""

from __future__ import annotations

import datetime as dt

from .locale import date_text, t, text


def on_date(date: str, lang: str) -> str:
    """A date of any precision as a sentence says it: "6 Feb 2025" / "ngày 6/2/2025",
    "Sep 2024" / "tháng 9/2024", "2024" / "năm 2024"."""
    precision = ("year", "month", "day")[min(str(date).count("-"), 2)]
    return text(f"date_in_{precision}", lang, when=date_text(date, lang))


def cadence_phrase(name: str, month: int | None, lang: str) -> str:
    """How often a producer releases: "every two years", "every year, usually in January"."""
    phrase = t(f"cadence_{name}", lang)
    if month and name in ("annual", "biennial"):
        from babel.dates import format_date

        month_name = format_date(dt.date(2000, month, 1), t("date_month_name", lang), locale=lang)
        phrase = text("cadence_usually", lang, cadence=phrase, month=month_name)
    return phrase
