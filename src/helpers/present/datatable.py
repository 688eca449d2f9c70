"""The data behind a chart, as a table a reader (and a screen reader) can read on the page: the
same rows as the chart's CSV download, with their dates, values and sources in the page's language."""

from __future__ import annotations

import pandas as pd

from .locale import country, date_text, exact, meta, source_name, t, territory_label
from .tables import Table


def chart_data(data: pd.DataFrame, lang: str) -> Table:
    """The rows a chart plotted (its ``data``: indicator, entity, year, date, value, source_id and
    whether the figure is the one charted): one row each, in the CSV's order. The indicator and the
    country are columns only when the chart shows more than one. A value its producer published for
    the territory of a province formed later (``territory`` ``successor``) says so beside its date."""
    if data is None or len(data) == 0:
        return Table(pd.DataFrame())
    if "date" not in data:  # a chart of yearly values (the provinces') may carry no date column
        data = data.assign(date="")
    cols: dict[str, list[str]] = {}
    if data["indicator"].nunique() > 1:
        cols[t("indicator", lang)] = [meta(i, lang)["name"] for i in data["indicator"]]
    if "entity" in data and data["entity"].nunique() > 1:
        cols[t("entity", lang)] = [country(e, lang) for e in data["entity"]]
    cols[t("date", lang)] = [
        date_text(d, lang) if d else str(int(y)) for y, d in zip(data["year"], data["date"], strict=True)
    ]
    if "territory" in data:  # a value published for a merged province's territory says so
        marks = [territory_label(str(m or ""), lang) for m in data["territory"].fillna("")]
        cols[t("date", lang)] = [
            f"{d} ({m})" if m else d for d, m in zip(cols[t("date", lang)], marks, strict=True)
        ]
    cols[t("value", lang)] = [
        exact(v, i, lang) for v, i in zip(data["value"], data["indicator"], strict=True)
    ]
    if "selected" in data and not data["selected"].astype(bool).all():
        cols[t("selected", lang)] = ["✓" if s else "" for s in data["selected"].astype(bool)]
    cols[t("source", lang)] = [  # a value computed in code (no source of its own) says so
        source_name(s, lang) if s else t("chart_data_computed", lang) for s in data["source_id"]
    ]
    frame = pd.DataFrame(cols)
    return Table(
        frame,
        num=[t("value", lang)],
        date=[t("date", lang)],
        verbatim=[t("source", lang)],
        mark=[t("selected", lang)] if t("selected", lang) in cols else [],
        sources=data["source_id"],
    )
