"""The data behind a chart, as a table a reader (and a screen reader) can read on the page: the
same rows as the chart's CSV download, with their dates, values and sources in the page's language."""

from __future__ import annotations

import pandas as pd

from .locale import country, date_text, exact, meta, source_name, t, territory_label
from .tables import Table

# A table of more rows than this names each source ([1], [2]) and each indicator ((a), (b)) once, in
# notes beneath it, and its cells hold the marks: a 63-province table would otherwise repeat one
# ministry's name and one indicator's name 63 times each (the provinces page's weight budget).
NOTES_FROM = 20


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
    long = len(data) > NOTES_FROM
    notes: list[tuple[str, str, bool]] = []  # (mark, text, as published) beneath a long table
    if data["indicator"].nunique() > 1:
        names = [meta(i, lang)["name"] for i in data["indicator"]]
        cols[t("indicator", lang)] = (
            _noted(names, "({})", "abcdefghijklmnopqrstuvwxyz", notes, False) if long else names
        )
    if "entity" in data and data["entity"].nunique() > 1:
        cols[t("entity", lang)] = [country(e, lang) for e in data["entity"]]
    cols[t("date", lang)] = [
        date_text(d, lang) if d else str(int(y)) for y, d in zip(data["year"], data["date"], strict=True)
    ]
    marks = []
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
    # a value computed in code (no source of its own) says so
    names = [source_name(s, lang) if s else t("chart_data_computed", lang) for s in data["source_id"]]
    cols[t("source", lang)] = _noted(names, "[{}]", range(1, len(names) + 1), notes, True) if long else names
    frame = pd.DataFrame(cols)
    return Table(
        frame,
        num=[t("value", lang)],
        date=[] if any(marks) else [t("date", lang)],  # a date with its territory's words may wrap
        verbatim=[] if long else [t("source", lang)],
        mark=[t("selected", lang)] if t("selected", lang) in cols else [],
        sources=data["source_id"],
        notes=notes,
    )


def _noted(cells: list[str], mark: str, keys, notes: list, verbatim: bool) -> list[str]:
    """``cells`` as marks (``mark`` filled with the next of ``keys``), each distinct text once in
    ``notes`` as (mark, text, whether it is shown as published)."""
    marks = {text: mark.format(k) for text, k in zip(dict.fromkeys(cells), keys, strict=False)}
    notes.extend((m, text, verbatim) for text, m in marks.items())
    return [marks[c] for c in cells]
