"""Several indicators sharing a unit on one axis, each line named at its end with its latest value."""

from __future__ import annotations

import textwrap

import pandas as pd

from .. import labels, style
from ..locale import chart_text, cite, meta
from . import gaps
from .axes import time_axis, value_axis
from .bundle import (
    Chart,
    chart_meta,
    has_dates,
    indicator_rows,
    plotted_data,
    redrawable,
    time_x,
    value_text,
    when_text,
)
from .titles import finding


@redrawable
def multi_series_chart(
    df, indicator_ids, lang="en", entity="VNM", title=None, start_year=None, end_year=None
):
    """Several indicators sharing a unit (e.g. ID cards and VNeID accounts) on one dated axis, each
    line named at its end with its latest value and date. The title is the first series' finding."""
    first = meta(indicator_ids[0], lang)
    parts = [(i, indicator_rows(df, i, entity, start_year, end_year)) for i in indicator_ids]
    parts = [(i, r) for i, r in parts if len(r)]
    main = parts[0][1]
    title = finding(main, parts[0][0], lang)
    units = list(dict.fromkeys(meta(i, lang)["unit"] for i, _ in parts))
    unit = (
        units[0] if len(units) == 1 else " / ".join(dict.fromkeys(meta(i, lang)["short"] for i, _ in parts))
    )
    sub = f"{unit}, " + chart_text(
        "period",
        lang,
        t0=str(min(int(r["year"].min()) for _, r in parts)),
        t1=str(max(int(r["year"].max()) for _, r in parts)),
    )
    dotted = any(gaps.missing(r).any() for _, r in parts)
    fig, ax = style.new_chart(title, gaps.note(sub, dotted, lang))
    dated = any(has_dates(r) for _, r in parts)
    xs, ends = [], []
    for k, (ind, rows) in enumerate(parts):
        color = style.VIET_NAM if k == 0 else style.PALETTE[k - 1]
        x = time_x(rows, dated)
        xs.append(x)
        dotted = (
            gaps.line(ax, x, rows["value"], gaps.missing(rows), color, 2 if k == 0 else 1.6, 4.5) or dotted
        )
        last = rows.iloc[-1]
        ends.append(
            {
                "y": last["value"],
                "color": color,
                "fontsize": 8.5,
                "linespacing": 1.15,
                "text": f"{meta(ind, lang)['name']}\n{value_text(last, lang)}, {when_text(last, lang)}",
            }
        )
    data = pd.concat([r for _, r in parts])
    time_axis(ax, xs, dated, lang)
    value_axis(ax, first["kind"], data["value"], indicator_ids[0], lang)
    for e in ends:
        e["text"] = _wrap_label(e["text"], 16 if style.is_narrow() else 26)
    texts = labels.end_texts(ax, ends)
    style.finish(fig, cite(data["source_id"], lang))
    labels.spread_end_texts(ax, texts)
    chart = Chart(fig, plotted_data(data), f"{'_'.join(indicator_ids[:2])}_{entity}_{lang}")
    chart.meta = chart_meta(title, gaps.note(sub, dotted, lang), data, lang)
    return chart


def _wrap_label(text: str, width: int) -> str:

    head, _, tail = text.partition("\n")
    return "\n".join(
        [*textwrap.wrap(head, width, break_long_words=False), tail]
        if tail
        else textwrap.wrap(head, width, break_long_words=False)
    )
