"""Rates per person for people: a count beside the population of its year and the rate, the
denominator named in the table's heading (``analysis.per_person`` pairs them; each rate is said by
``helpers.compare.state``, with the looseness of a count stated as a bound, and recorded)."""

from __future__ import annotations

import pandas as pd

from .. import analysis
from ..compare import state
from . import statements
from .locale import date_text, fmt, format_number, meta, source_name, t, text
from .tables import Table


def coverage(df: pd.DataFrame, indicators: list[str], lang: str, denominator: str = "population") -> Table:
    """The last figure of each year of ``indicators`` per 100 people of the average population of
    that year: the figure, its date, the population (named: the denominator and its producer) and
    the rate."""
    parts = [
        analysis.per_person(df, i, denominator).groupby("year", sort=True).tail(1).assign(indicator=i)
        for i in indicators
    ]
    r = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if r.empty:
        return Table(pd.DataFrame())
    rows = df.set_index("id", drop=False)
    rates = []
    for num, den_id in zip(r["id"], r["denominator_id"], strict=True):
        st = state("ratio", [rows.loc[num], rows.loc[den_id]], per_year=True)
        if st.ok:  # "over 84.7 million" gives "> 84.4" per 100 people
            said = statements.bound_sign(st) + format_number(st.value, lang, decimals=1)
        else:
            said = statements.not_computed(st, lang)
        rates.append(statements.keep(st, said))
    den = text("rates_denominator", lang, name=meta(denominator, lang)["name"])
    rate = t("rates_per_100", lang)
    frame = pd.DataFrame(
        {
            t("indicator", lang): [meta(i, lang)["name"] for i in r["indicator"]],
            t("date", lang): [
                date_text(d, lang) if d else str(y) for d, y in zip(r["date"], r["year"], strict=True)
            ],
            t("value", lang): [
                f"{t(q, lang)} {fmt(v, i, lang)}" if q else fmt(v, i, lang)
                for v, i, q in zip(r["value"], r["indicator"], r["qualifier"], strict=True)
            ],
            den: [
                f"{fmt(v, denominator, lang)} ({y})" for v, y in zip(r["denominator"], r["year"], strict=True)
            ],
            rate: rates,
            t("source", lang): [
                f"{source_name(a, lang)}; {source_name(b, lang)}"
                for a, b in zip(r["source_id"], r["denominator_source_id"], strict=True)
            ],
        }
    )
    return Table(
        frame,
        num=[t("value", lang), den, rate],
        date=[t("date", lang)],
        verbatim=[t("source", lang)],
        sources=[*r["source_id"], *r["denominator_source_id"]],
    )
