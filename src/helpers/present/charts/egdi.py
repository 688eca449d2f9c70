"""The UN E-Government Development Index and its three components on one chart, with the UN's 'very
high' threshold."""

from __future__ import annotations

import textwrap

import pandas as pd

from .. import labels, locale, style
from ..locale import chart_text, cite, fmt, meta
from .axes import time_axis, value_axis
from .bundle import Chart, at_text, chart_meta, indicator_rows, plotted_data, redrawable, when_text
from .titles import finding

INDEX_PARTS = ["osi_value", "hci_value", "tii_value"]  # the EGDI's three components (not the EPI)


@redrawable
def index_chart(df, lang="en", entity="VNM", start_year=None, end_year=None, threshold=0.75) -> Chart:
    """The EGDI and its three components (online services, human capital, telecommunication
    infrastructure) over survey years, with the UN's 'very high' threshold. The E-Participation
    Index is not a component and is not drawn."""
    main = indicator_rows(df, "egdi_value", entity, start_year, end_year)
    parts = {i: indicator_rows(df, i, entity, start_year, end_year) for i in INDEX_PARTS}
    above = main[main["value"] >= threshold]
    thr = locale.format_number(threshold, lang, decimals=2)
    if len(above) and (len(above) < len(main)):
        title = chart_text("crossed", lang, threshold=thr, at=at_text(above.iloc[0], lang))
    else:
        title = finding(main, "egdi_value", lang)
    sub = f"{chart_text('components', lang)}, {chart_text('survey_years', lang, t0=when_text(main.iloc[0], lang), t1=when_text(main.iloc[-1], lang))}"
    fig, ax = style.new_chart(title, sub)
    end = 8 if style.is_narrow() else 9  # points: the lines' names at their ends
    ax.axhline(threshold, color=style.MUTED, linestyle=(0, (4, 3)), linewidth=1, zorder=1)
    ends = []
    for i, (ind, rows) in enumerate(parts.items()):
        color = style.PALETTE[i]
        ax.plot(rows["year"], rows["value"], marker="o", markersize=3.5, linewidth=1.3, color=color, zorder=2)
        if len(rows):
            ends.append(
                {"y": rows["value"].iloc[-1], "text": _short_name(ind, lang), "color": color, "fontsize": end}
            )
    ax.plot(
        main["year"], main["value"], marker="o", markersize=6, linewidth=2.8, color=style.VIET_NAM, zorder=3
    )
    ends.append(
        {
            "y": main["value"].iloc[-1],
            "text": "EGDI " + fmt(main["value"].iloc[-1], "egdi_value", lang),
            "color": style.VIET_NAM,
            "fontsize": end,
            "fontweight": "bold",
        }
    )
    data = pd.concat([main, *parts.values()])
    time_axis(ax, [main["year"].to_numpy()], False, lang)
    value_axis(ax, "index", data["value"], "egdi_value", lang)
    texts = labels.end_texts(ax, ends)
    style.finish(fig, cite(data["source_id"], lang))
    labels.spread_end_texts(ax, texts)
    x0, x1 = ax.get_xlim()
    labels.place(
        ax,
        [
            {
                "x": x0,
                "y": threshold,
                "anchors": [(x0 + (x1 - x0) * f, threshold) for f in (0.0, 0.2, 0.4, 0.6)],
                "text": _narrow_wrap(chart_text("very_high_line", lang, threshold=thr), 12),
                "color": style.MUTED,
                "fontsize": 8.5,
                "around": [((4, 4), "left", "bottom"), ((4, -4), "left", "top")],
            }
        ],
        required=1,
    )
    chart = Chart(fig, plotted_data(data), f"egdi_components_{entity}_{lang}")
    chart.meta = chart_meta(title, sub, data, lang)
    return chart


def _short_name(indicator: str, lang: str) -> str:
    """A component's name without "UN " (on lines of 16 characters in a narrow chart)."""
    name = meta(indicator, lang)["name"].replace("UN ", "")
    return _narrow_wrap(name, 16)


def _narrow_wrap(text: str, width: int) -> str:
    """``text`` on lines of ``width`` characters in a narrow chart (``style.narrow``), else as it is."""
    return textwrap.fill(text, width, break_long_words=False) if style.is_narrow() else text
