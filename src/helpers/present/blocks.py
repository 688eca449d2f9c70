"""The furniture of a report page, as HTML from templates: an indicator's key facts, what a reader
should know about the data, and under each chart the key to its marks and the data behind it
(folded). :class:`helpers.present.page.Page` shows them; the words are the catalogues', the facts
those of :mod:`helpers.present.facts` and :mod:`helpers.present.know`."""

from __future__ import annotations

import pandas as pd

from .datatable import chart_data
from .facts import key_facts
from .know import caveats, marker_key
from .locale import date_text, meta, t, text
from .markup import render


def facts_html(df: pd.DataFrame, indicator: str, lang: str, named: bool = False) -> str:
    """An indicator's key facts as a definition list, with the sentence saying when the record is
    older than its cadence allows; ``named``: titled with the indicator's name (beside a chart)."""
    facts = key_facts(df, indicator, lang)
    title = text("facts_of", lang, name=meta(indicator, lang)["name"]) if named else t("facts_h", lang)
    rows = [
        (label, value, key == "published_by")
        for key, (label, value) in zip(facts.by_key, facts.rows, strict=True)
    ]
    return str(render("facts.html.j2", title=title, rows=rows, stale=facts.stale, lang=lang, folded=named))


def facts_table(df: pd.DataFrame, indicators: list[str], lang: str) -> str:
    """The key facts of several indicators as one table (a page of several series): each with its
    producer, last update, release cadence and next expected release (overdue said so)."""
    import pandas as pd

    from .tables import Table

    keys = ("producer", "updated", "cadence", "next")
    rows = [key_facts(df, i, lang) for i in indicators]
    frame = pd.DataFrame(
        {t("indicator", lang): [meta(f.indicator, lang)["name"] for f in rows]}
        | {t(f"facts_{k}", lang): [f.by_key.get(k, "") for f in rows] for k in keys}
    )
    table = Table(frame, date=[t("facts_updated", lang)])
    return str(
        render(
            "facts_table.html.j2", title=t("facts_h", lang), table=render("table.html.j2", **table.template())
        )
    )


def know_html(df: pd.DataFrame, indicators: list[str], lang: str) -> str:
    """What a reader should know about the figures of ``indicators`` (nothing when nothing)."""
    said = caveats(df, indicators, lang)
    return str(render("know.html.j2", heading=t("know_h", lang), items=said)) if said else ""


def chart_extras(chart, lang: str) -> dict:
    """What a figure shows beneath a chart: the key to its marks (when it draws more than one kind)
    and the table of the data it plotted, folded."""
    marks = (getattr(chart, "meta", None) or {}).get("marks") or []
    table = chart_data(getattr(chart, "data", None), lang)
    return {
        "key_label": t("marker_key", lang),
        "key": marker_key(marks, lang) if len(marks) > 1 else [],
        "data_label": t("chart_data_h", lang),
        # folded, it scrolls sideways on a phone rather than stacking: a label on each of its many
        # cells would make a page of long series twice as heavy
        "data_table": render("table.html.j2", **(table.template() | {"stack": False})) if len(table) else "",
    }


def source_ids(thing) -> list[str]:
    """The sources a chart or table shows (its data's ``source_id``, or a table's ``sources``)."""
    ids = getattr(thing, "sources", None)
    if ids is None:
        data = getattr(thing, "data", None)
        ids = list(data["source_id"]) if data is not None and "source_id" in data else []
    return [s for s in dict.fromkeys(ids) if s]


def source_access(row, lang: str) -> dict:
    """How a reader reaches a source (a row of ``sources.csv``): the day it was retrieved, the copy
    actually read when it is not the source's own address (a UN table), and, without an address,
    why there is none."""
    missing = (
        ""
        if row["address"]
        else t("source_no_address_text" if row["text_file"] else "source_no_address", lang)
    )
    return {
        "accessed": date_text(row["accessed"], lang) if row["accessed"] else "",
        "retrieved_from_address": row.get("retrieved_from", "") or "",
        "no_address": missing,
    }
