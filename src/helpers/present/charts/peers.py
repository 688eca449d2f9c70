"""A rank among peers across survey years: one country highlighted, every line named at its end."""

from __future__ import annotations

from ...data import validate
from .. import labels, locale, style
from ..locale import at, chart_text, cite, ordinal, t
from .axes import time_axis, value_axis
from .bundle import Chart, chart_meta, plotted_data, redrawable, within_years
from .titles import subtitle


@redrawable
def peer_rank_chart(
    df, peers, lang="en", highlight="VNM", start_year=None, end_year=None, names=None
) -> Chart:
    """EGDI rank of ``peers`` across survey years: ``highlight`` in vermillion and labelled with its
    rank, the others in grey, every line named at its end (names spread so none overlap)."""
    rows = within_years(
        df[(df["indicator"] == "egdi_rank") & df["entity"].isin(peers) & df["selected"]], start_year, end_year
    ).sort_values(["entity", "year"])
    last_year = int(rows["year"].max())
    latest = rows[rows["year"] == last_year].sort_values("value")
    mine = latest[latest["entity"] == highlight]
    surveyed = validate().un.surveyed.get(last_year, 193)
    who = locale.country(highlight, lang)
    at_cap = at(last_year, "", lang)
    at_cap = at_cap[0].upper() + at_cap[1:]
    if len(mine):
        position = list(latest["entity"]).index(highlight) + 1
        title = chart_text(
            "peers",
            lang,
            at_cap=at_cap,
            who=who,
            ordinal=ordinal(mine["value"].iloc[0], lang),
            surveyed=surveyed,
            position=ordinal(position, lang),
            n=len(latest),
        )
    else:
        title = t("peers_title", lang)
    sub = subtitle(rows[rows["entity"] == rows["entity"].iloc[0]], "egdi_rank", lang)
    fig, ax = style.new_chart(title, sub, figsize=(style.width(), 5.5))
    ends = []
    for entity, g in rows.groupby("entity", sort=True):
        me = entity == highlight
        ax.plot(
            g["year"],
            g["value"],
            marker="o",
            markersize=5.5 if me else 3,
            linewidth=2.6 if me else 1,
            color=style.VIET_NAM if me else style.PEER,
            zorder=3 if me else 2,
        )
        label = (names or {}).get(entity) or locale.country(entity, lang)
        if me:
            label = f"{label} {g['value'].iloc[-1]:.0f}"
        ends.append(
            {
                "y": g["value"].iloc[-1],
                "text": label,
                "fontsize": 9,
                "color": style.VIET_NAM if me else style.MUTED,
                "fontweight": "bold" if me else None,
            }
        )
    time_axis(ax, [rows["year"].to_numpy()], False, lang)
    value_axis(ax, "rank", rows["value"], "egdi_rank", lang, headroom=0.04)
    texts = labels.end_texts(ax, ends)
    style.finish(fig, cite(rows["source_id"], lang))
    labels.spread_end_texts(ax, texts)
    chart = Chart(fig, plotted_data(rows), f"egdi_rank_peers_{lang}")
    chart.meta = chart_meta(title, sub, rows, lang)
    return chart
