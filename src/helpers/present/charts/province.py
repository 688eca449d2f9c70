"""A province over time, for its profile: its DTI rank and its DTI, beside its predecessors before the
merger of 1 July 2025 (for a province formed that day), the national DTI and the mean of the
provinces. A series is never joined across a definition break (the DTI's method change of 2021): a
dotted rule marks the break, and each side is drawn on its own. A province formed on 1 July 2025 is
its own series, never joined to its predecessors; a mean of its predecessors is drawn dashed and
labelled derived."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd

from ...data import breaks, validate
from ...provinces import after, fullest, moves, predecessor_mean, predecessors, rank_table, values
from .. import labels, style
from ..locale import at, chart_text, fmt, meta, ordinal, places, territory_label
from .axes import time_axis, value_axis
from .bundle import Chart, chart_meta, redrawable
from .cards import Card, number_card
from .provincial import former, name, source_line

OWN, DERIVED_STYLE = style.VIET_NAM, "--"
OTHERS = [style.PALETTE[0], style.PALETTE[2], style.PALETTE[3], style.PALETTE[4]]


def _break_years(indicator: str) -> list[int]:
    spec = validate().indicators.get(indicator) or {}
    return sorted({b.day.year + (b.day > dt.date(b.day.year, 1, 1)) for b in breaks.parse(spec.get("definition_break", "")) or []})  # fmt: skip


def _segments(rows: pd.DataFrame, cuts: list[int]) -> list[pd.DataFrame]:
    """``rows`` (by year) split before each year of ``cuts`` and across every year with no value:
    the parts a line may join (a line never stands for a value the record does not hold)."""
    rows = rows.sort_values("year")
    years = rows["year"].astype(int).tolist()
    starts = [0] + [i for i in range(1, len(years)) if years[i] - years[i - 1] > 1 or years[i] in cuts]
    return [rows.iloc[a:b] for a, b in zip(starts, [*starts[1:], len(years)], strict=True)]


def _draw(ax, series: list[dict], cuts: list[int]) -> list[dict]:
    """Each series as lines broken at ``cuts``, its points marked; the end labels to place."""
    ends = []
    for s in series:
        for part in _segments(s["rows"], cuts):
            ax.plot(part["year"], part["value"], color=s["color"], linewidth=s.get("width", 1.6),
                    linestyle=s.get("linestyle", "-"), marker=s.get("marker", "o"), markersize=s.get("size", 4.5),
                    markerfacecolor=s.get("face", s["color"]), zorder=s.get("z", 2))  # fmt: skip
        last = s["rows"].sort_values("year").iloc[-1]
        label = textwrap.fill(s["label"], 14, break_long_words=False) if style.is_narrow() else s["label"]
        ends.append(
            {"y": last["value"], "text": label, "color": s["color"], "fontsize": 8}
        )  # a phone: wrapped
    return ends


def _mark_breaks(ax, cuts: list[int], lo: float, hi: float, lang: str) -> None:
    narrow = style.is_narrow()  # a phone: the note starts at the rule, clear of the value axis
    for y in cuts:
        if lo < y <= hi:
            ax.axvline(y - 0.5, color=style.MUTED, linestyle=":", linewidth=1, zorder=1)
            ax.annotate(chart_text("prov_break", lang, year=y), (y - 0.5, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3 if narrow else 0, 4), textcoords="offset points", ha="left" if narrow else "center", va="bottom", fontsize=style.pt(8),
                        color=style.MUTED)  # fmt: skip


def _finish(fig, ax, series, cuts, kind, indicator, lang, title, sub, name_, extra=None) -> Chart:
    years = pd.concat([s["rows"]["year"] for s in series]).astype(int)
    vals = pd.concat([s["rows"]["value"] for s in series])
    ends = _draw(ax, series, cuts)
    time_axis(
        ax, [years.to_numpy()], False, lang, max_ticks=3 if style.is_narrow() else 11
    )  # a phone: every other year
    value_axis(ax, kind, vals, indicator, lang, headroom=0.2)
    _mark_breaks(ax, cuts, years.min(), years.max(), lang)
    texts = labels.end_texts(ax, ends)
    plotted = pd.concat([s["rows"].assign(series=s["label"]) for s in series], ignore_index=True)
    cited = plotted[plotted["source_id"] != ""]
    style.finish(fig, source_line(cited, lang))
    labels.spread_end_texts(ax, texts)
    points = [
        {"x": y, "y": v, "text": fmt(v, indicator, lang), "color": s["color"], "fontsize": style.pt(8)}
        for s in series
        if not s.get("reference")
        for y, v in zip(s["rows"]["year"], s["rows"]["value"], strict=True)
    ]
    labels.place(ax, points)
    cols = [
        "indicator",
        "entity",
        "series",
        "year",
        "value",
        "origin",
        "id",
        "source_id",
        "from_ids",
        "territory",
    ]
    data = plotted.reindex(columns=cols)
    data[cols[5:]] = data[cols[5:]].astype(object).fillna("")
    data["origin"] = data["origin"].astype(object).fillna("")
    chart = Chart(fig, data, name_)
    chart.meta = chart_meta(title, sub, cited.sort_values("year"), lang)
    return chart


def _own_and_olds(code: str) -> tuple[list[str], bool]:
    olds = predecessors(code)
    return olds, olds != [code] and len(olds) > 0


def rank_title(df: pd.DataFrame, code: str, lang: str, table: pd.DataFrame, table34: pd.DataFrame) -> str:
    """The finding of a province's rank chart: its latest rank and its move on the year before, or
    where its predecessors ranked; empty when the record holds no rank of it or them."""
    who = name(code, lang)
    mine34 = table34[table34["entity"] == code].sort_values("year")
    mine = table[table["entity"] == code].sort_values("year")
    olds, merged = _own_and_olds(code)
    if len(mine34) and (merged or not len(mine) or mine34["year"].max() >= mine["year"].max()):
        last = mine34.iloc[-1]
        return chart_text("prov_rank34", lang, who=who, ordinal=ordinal(last["value"], lang), total=len(after()),
                          at=at(int(last["year"]), "", lang))  # fmt: skip
    if len(mine):
        last = mine.iloc[-1]
        facts = {"who": who, "ordinal": ordinal(last["value"], lang), "at": at(int(last["year"]), "", lang)}
        move = next(
            (m for m in moves(df, "dti_rank", table) if m.entity == code and m.y1 == last["year"]), None
        )
        if move is None or move.places is None:
            return chart_text("rank_one", lang, **facts)
        key = "rank_up" if move.places > 0 else "rank_down" if move.places < 0 else "rank_same"
        return chart_text(key, lang, places=places(abs(move.places), lang), **facts)
    held = table[table["entity"].isin(olds)]
    if not len(held):
        return ""
    counts = held.groupby("year").size()
    year = int(fullest(counts))  # the year most predecessors ranked
    g = held[held["year"] == year]
    key = "prov_rank_olds_all" if len(g) == len(olds) else "prov_rank_olds"
    return chart_text(key, lang, who=who, n=len(g), total=len(olds), year=year,
                      best=ordinal(g["value"].min(), lang), worst=ordinal(g["value"].max(), lang))  # fmt: skip


@redrawable
def province_rank_chart(
    df: pd.DataFrame, code: str, lang: str = "en", table=None, table34=None
) -> Chart | Card:
    """The DTI rank of ``code`` among the 63 (its own, or its predecessors' for a province formed on
    1 July 2025) and among the 34; a number card for a single rank, or saying that the record
    holds none of them."""
    table = rank_table(df, "dti_rank") if table is None else table
    table34 = rank_table(df, "dti_rank_merged") if table34 is None else table34
    olds, merged = _own_and_olds(code)
    series = []
    if not merged and len(mine := table[table["entity"] == code]):
        series.append({"rows": mine, "label": name(code, lang), "color": OWN, "width": 2.2, "z": 3})
    for k, old in enumerate(olds if merged else []):
        if len(r := table[table["entity"] == old]):
            series.append({"rows": r, "label": former(old, lang), "color": OTHERS[k % len(OTHERS)]})
    if len(r := table34[table34["entity"] == code]):
        label = chart_text("prov_among", lang, who=name(code, lang), total=len(after()))
        series.append(
            {"rows": r, "label": label, "color": OWN, "marker": "D", "face": "white", "size": 6, "z": 4}
        )
    if not series:  # say so, as a card
        return number_card(df[:0], "dti_rank", lang, f"dti_rank_{code}_{lang}")
    if len(series) == 1 and len(series[0]["rows"]) == 1:  # one rank: a number, not a chart
        rows = df[df["id"].isin(series[0]["rows"]["id"])]
        return number_card(rows, rows["indicator"].iloc[0], lang, f"dti_rank_{code}_{lang}")
    title = rank_title(df, code, lang, table, table34)
    sub = chart_text("prov_rank_sub", lang, unit=meta("dti_rank", lang)["unit"])
    fig, ax = style.new_chart(title, sub)
    return _finish(fig, ax, series, _break_years("dti"), "rank", "dti_rank", lang, title, sub,
                   f"dti_rank_{code}_{lang}")  # fmt: skip


def dti_title(own: pd.DataFrame, code: str, olds: list[str], lang: str) -> str:
    """The finding of a province's DTI chart: its latest DTI, or its predecessors' highest."""
    mine = own[own["entity"] == code].sort_values("year")
    if len(mine):
        last = mine.iloc[-1]
        return chart_text("prov_dti", lang, who=name(code, lang), value=fmt(last["value"], "dti", lang),
                          at=at(int(last["year"]), "", lang))  # fmt: skip
    held = own[own["entity"].isin(olds)]
    year = int(held["year"].max())
    best = held[held["year"] == year].sort_values("value").iloc[-1]
    return chart_text("prov_dti_olds", lang, who=name(code, lang), n=held["entity"].nunique(), total=len(olds),
                      best=former(best["entity"], lang), value=fmt(best["value"], "dti", lang),
                      at=at(year, "", lang))  # fmt: skip


@redrawable
def province_dti_chart(df: pd.DataFrame, code: str, lang: str = "en") -> Chart | Card:
    """The DTI of ``code`` (or of its predecessors, beside their derived mean), the national DTI and
    the mean of the provinces; a card saying so when the record holds no DTI of the province or its
    predecessors."""
    olds, merged = _own_and_olds(code)
    series = []
    if len(mine := values(df, "dti", [code])):
        label = name(code, lang)  # a producer's value for the merged province's territory says so
        if "territory" in mine and (mine["territory"] == "successor").any():
            label = f"{label} ({territory_label('successor', lang)})"
        series.append({"rows": mine, "label": label, "color": OWN, "width": 2.2, "z": 3})
    for k, old in enumerate(olds if merged else []):
        if len(r := values(df, "dti", [old])):
            series.append({"rows": r, "label": former(old, lang), "color": OTHERS[k % len(OTHERS)]})
    if merged and len(d := predecessor_mean(df, code, "dti")):
        series.append({"rows": d, "label": chart_text("prov_derived", lang), "color": OWN,
                       "linestyle": DERIVED_STYLE, "face": "white"})  # fmt: skip
    if not series:  # say so, as a card
        return number_card(df[:0], "dti", lang, f"dti_{code}_{lang}")
    own = pd.concat([s["rows"] for s in series])
    for ind, key in (("dti_national", "prov_national"), ("dti_provincial_mean", "prov_mean")):
        rows = df[(df["indicator"] == ind) & df["selected"] & (df["entity"] == "VNM")]
        if len(rows):
            series.append({"rows": rows.drop_duplicates("year", keep="last"), "label": chart_text(key, lang),
                           "color": style.INK if ind == "dti_national" else style.MUTED, "linestyle": "--",
                           "size": 3.5, "width": 1.2, "reference": True})  # fmt: skip
    title = dti_title(own, code, olds, lang)
    sub = chart_text("prov_dti_sub", lang, unit=meta("dti", lang)["unit"])
    fig, ax = style.new_chart(title, sub)
    return _finish(
        fig, ax, series, _break_years("dti"), "index", "dti", lang, title, sub, f"dti_{code}_{lang}"
    )
