"""Titles that state the finding, computed from the data, and subtitles that give unit and period."""

from __future__ import annotations

import pandas as pd

from ...compare import state
from ...data import validate
from .. import locale, statements
from ..locale import bracketed, chart_text, meta, ordinal
from .bundle import at_text, period_of, value_text, when_text


def finding(
    rows: pd.DataFrame, indicator: str, lang: str, who: str | None = None, record: bool = True
) -> str:
    """The title of a one-series chart: what happened, computed from the data.

    Ranks compare with the previous figure ("Viet Nam rose 15 places to 71st in 2024"); other
    kinds go from the first figure shown to the last ("... rose from 181 m in 2021 to 1.0 bn in 2024").
    Figures that may not be compared (``helpers.compare``) are named without a direction ("...: about
    1 m in Jan 2022 and about 2.8 m in Apr 2024, not compared"). The title is recorded as a statement
    (``record=False``: a title no page shows, such as a card's metadata)."""
    keep = statements.keep if record else (lambda st, said: said)
    m = meta(indicator, lang)
    last = rows.iloc[-1]
    who = who or locale.country(last["entity"], lang)
    if m["kind"] == "rank":
        facts = {"who": who, "ordinal": ordinal(last["value"], lang), "at": at_text(last, lang)}
        st = state("change", [rows.iloc[-2], last]) if len(rows) > 1 else None
        if st is None or not st.ok:
            return chart_text("rank_one", lang, **facts)
        d = int(round(st.value))
        key = "rank_up" if d > 0 else "rank_down" if d < 0 else "rank_same"
        return keep(st, chart_text(key, lang, places=locale.places(abs(d), lang), **facts))
    first = rows.iloc[0]
    facts = {
        "name": m["name"],
        "first": value_text(first, lang),
        "last": value_text(last, lang),
        "t0": bracketed(first["year"], first["date"], lang, period_of(first)),
        "t1": bracketed(last["year"], last["date"], lang, period_of(last)),
    }
    if len(rows) < 2:
        return chart_text("one", lang, **facts)
    st = state("change", [first, last])
    if not st.ok:
        return keep(st, chart_text("not_compared", lang, **facts))  # no direction between unlike figures
    if facts["first"] == facts["last"]:
        return keep(st, chart_text("flat", lang, **facts))
    return keep(st, chart_text("rose" if st.value > 0 else "fell", lang, **facts))


def _survey_years(rows: pd.DataFrame) -> bool:
    ds = validate()
    return bool(len(rows)) and all(ds.sources[s]["kind"] == "un_survey" for s in rows["source_id"])


def subtitle(rows: pd.DataFrame, indicator: str, lang: str) -> str:
    """Unit and period: "rank among UN member states (1 = best), UN survey years 2010–2024"."""
    m = meta(indicator, lang)
    unit = m["unit"] + (f" ({chart_text('one_best', lang)})" if m["kind"] == "rank" else "")
    if not len(rows):
        return unit
    t0, t1 = when_text(rows.iloc[0], lang), when_text(rows.iloc[-1], lang)
    if t0 == t1:
        return f"{unit}, {t1}"
    key = "survey_years" if _survey_years(rows) else "period"
    return f"{unit}, {chart_text(key, lang, t0=t0, t1=t1)}"
