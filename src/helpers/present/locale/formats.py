"""Numbers and values for people, in each language's conventions.

The decimal mark and the thousands separator are CLDR's (Babel): "1,013,000" and "18.3%" in
English, "1.013.000" and "18,3%" in Vietnamese, as the Vietnamese press writes them. The scale
words are the catalogue's (``number_billion``: "1.0 bn" / "1,0 tỷ"); CLDR's compact forms ("1B",
"1 T") are not what the press writes. The minus sign is U+2212 where a change is signed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from ...data import numbers
from ...data.validate import validate
from .catalogue import check, cldr, t

SCALES = ((1e9, "number_billion"), (1e6, "number_million"))


@cache
def convention(lang: str) -> numbers.Convention:
    """How ``lang`` writes numbers: CLDR's decimal mark and thousands separator, and the scale
    words of its catalogue (each ``{n}`` followed by its word)."""
    symbols = cldr(lang).number_symbols["latn"]
    scales = tuple((size, t(key, lang).replace("{n}", "", 1)) for size, key in SCALES)
    return numbers.Convention(symbols["group"], symbols["decimal"], scales)


def format_number(value: float, lang: str = "en", decimals: int | None = None, percent: bool = False) -> str:
    """Format for people: 1013000000 -> "1.0 bn" / "1,0 tỷ"; 76500000 -> "76.5 m" / "76,5 triệu";
    45500 -> "45,500" / "45.500"; 18.3 with ``percent`` -> "18.3%" / "18,3%"."""
    return numbers.write(value, convention(lang), decimals=decimals, percent=percent)


def meta(indicator: str, lang: str) -> dict:
    """An indicator's name, unit, short unit and kind in ``lang``, from the data dictionary."""
    row = validate().indicators[indicator]
    check(lang)
    return {
        "name": row[f"name_{lang}"],
        "unit": row[f"unit_{lang}"],
        "short": row[f"short_unit_{lang}"],
        "kind": row["kind"],
    }


def fmt(value: float, indicator: str, lang: str) -> str:
    """A value formatted for its indicator's kind: ranks whole, indices 3 decimals, shares in %."""
    kind = meta(indicator, lang)["kind"]
    if kind == "rank":
        return f"{value:.0f}"
    if kind == "index":
        return format_number(value, lang, decimals=3)
    if kind in ("share", "rate"):
        return format_number(value, lang, percent=True, decimals=None if value % 1 else 0)
    return format_number(value, lang)


def exact(value: float, indicator: str, lang: str) -> str:
    """A value as the data holds it, for a table of a chart's data: counts in full ("67,910,130" /
    "67.910.130"), shares, rates and indices with every decimal the figure has ("11.91%")."""
    kind = meta(indicator, lang)["kind"]
    decimals = len(f"{value:.6f}".rstrip("0").rstrip(".").partition(".")[2])
    if kind == "rank":
        return f"{value:.0f}"
    if kind in ("share", "rate"):
        return format_number(value, lang, percent=True, decimals=decimals)
    conv = convention(lang)
    return numbers.write(value, numbers.Convention(conv.group, conv.decimal, ()), decimals=decimals)


def value_text(row, lang: str) -> str:
    """A figure's value as written, with its qualifier ("over 84.7 m" / "trên 84,7 triệu"); ``row``
    has ``value``, ``indicator`` and optionally ``qualifier``."""
    v = fmt(row["value"], row["indicator"], lang)
    q = row.get("qualifier", "") or ""
    return f"{t(q, lang)} {v}" if q else v


def tick_format(indicator: str, lang: str) -> Callable[[float], str]:
    """How an axis of ``indicator`` labels its ticks."""
    kind = meta(indicator, lang)["kind"]
    if kind in ("share", "rate"):
        return lambda v: format_number(v, lang, percent=True, decimals=0 if float(v).is_integer() else 1)
    decimals = {"index": 2, "rank": 0}.get(kind)
    return lambda v: format_number(v, lang, decimals=decimals)


def seconds(value: float, lang: str) -> str:
    """A duration: "12.3 s" / "12,3 giây"."""
    return t("seconds", lang).format(n=format_number(value, lang, decimals=1))
