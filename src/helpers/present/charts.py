"""The charts the notebooks draw. Each returns a :class:`Chart` (the figure, exactly the data plotted, a
file name and the metadata of its downloads) or, for a series of one or two points, a :class:`Card`.
``save(folder)`` writes the bundle: PNG, SVG, CSV and a metadata JSON (a card: CSV and JSON).

House rules, one per kind of indicator (``indicators.csv`` ``kind``), applied by :func:`value_axis`:

- counts (``stock``, ``flow``) and shares start at zero; shares stop at 100%;
- rates (growth) include zero, so a fall shows below the line;
- indices of 0 to 1 use their whole scale;
- ranks run downwards with 1 at the top; the axis never shows a rank below 1.

Time: yearly values sit on labelled year ticks (UN survey years on survey-year ticks, 2010, 2012,
...); dated values on a date axis, the labels of their points dated ("Dec 2023" / "12/2023").
Every title states the finding, computed from the data; the subtitle gives unit and period; the
source line is built from ``sources.csv``. Lines are labelled at their ends, never by a legend; no
text touches another text, a line or the edge (``tests/test_chart_layout.py`` measures it).
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from ..data import series, validate
from ..paths import data_dir as _data_dir
from . import labels, locale, style
from .locale import (
    at,
    bracketed,
    change,
    chart_text,
    cite,
    fmt,
    meta,
    ordinal,
    short_instrument,
    t,
    tick_format,
    when,
)

COUNTS = ("stock", "flow")
SHORT = 2  # a series with this many points or fewer is a number card, not a chart


# --- what a chart or a card gives the notebook -------------------------------------------------


@dataclass
class Chart:
    fig: object
    data: pd.DataFrame
    name: str
    meta: dict = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.meta.get("title", "")

    def save(self, output_dir: str | Path | None) -> None:
        """Write PNG, SVG, CSV and metadata JSON into ``output_dir`` (nothing when it is empty);
        ``files`` lists what was written. Returns None so that a notebook cell ending in
        ``chart.save(...)`` shows only the figure."""
        if output_dir:
            self.files = style.save(self.fig, output_dir, self.name, self.data, self.meta)


@dataclass
class Card:
    """One or two figures shown as a number: value, date, source and the change in natural units."""

    data: pd.DataFrame
    name: str
    label: str
    value: str
    when: str
    source: str
    change: str = ""
    lang: str = "en"
    meta: dict = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.meta.get("title", "")

    def save(self, output_dir: str | Path | None) -> Card:
        """Write CSV and metadata JSON into ``output_dir`` (nothing when it is empty). Returns the
        card, so that a notebook cell ending in ``card.save(...)`` shows it."""
        if output_dir:
            out = Path(output_dir)
            out.mkdir(parents=True, exist_ok=True)
            csv, js = out / f"{self.name}.csv", out / f"{self.name}.json"
            self.data.to_csv(csv, index=False, lineterminator="\n")
            style.write_json(js, self.meta)
            self.files = [csv, js]
        return self

    def __repr__(self) -> str:
        lines = [self.label, f"{self.value} ({self.when})"]
        if self.change:
            lines.append(self.change)
        lines.append(self.source)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        change = f'<p class="card-change">{e(self.change)}</p>' if self.change else ""
        return (
            f'<div class="card" lang="{e(self.lang)}"><p class="card-label">{e(self.label)}</p>'
            f'<p class="card-value">{e(self.value)}</p><p class="card-when">{e(self.when)}</p>'
            f'{change}<p class="card-source">{_source_html(self.source)}</p></div>'
        )


def _source_html(line: str) -> str:
    """A source line ("Source: Báo Nghệ An, 2022-12-25") with the publishers marked as names that
    stay as published (``translate="no"``)."""
    head, sep, names = line.partition(": ")
    if not sep:
        return html.escape(line)
    return f'{html.escape(head)}: <span translate="no">{html.escape(names)}</span>'


# --- data ----------------------------------------------------------------------------------------


def _plotted(rows: pd.DataFrame) -> pd.DataFrame:
    cols = ["indicator", "entity", "year", "date", "value", "source_id", "selected"]
    return rows[[c for c in cols if c in rows.columns]].reset_index(drop=True)


def _years(df: pd.DataFrame, start_year: int | None, end_year: int | None) -> pd.DataFrame:
    lo = -math.inf if start_year is None else start_year
    hi = math.inf if end_year is None else end_year
    return df[(df["year"] >= lo) & (df["year"] <= hi)]


def _rows(df, indicator, entity="VNM", start_year=None, end_year=None, selected=True) -> pd.DataFrame:
    return _years(series(df, indicator, entity, selected=selected), start_year, end_year)


def _dated(rows: pd.DataFrame) -> bool:
    return bool((rows["date"] != "").any())


def _x(rows: pd.DataFrame, dated: bool) -> np.ndarray:
    """Where each row sits on the time axis: its year, or (dated axis) its date; a yearly value on
    a dated axis sits mid-year."""
    if not dated:
        return rows["year"].astype(int).to_numpy()
    days = [d if d else f"{int(y)}-07-02" for y, d in zip(rows["year"], rows["date"], strict=True)]
    return mdates.date2num(pd.to_datetime(days).to_pydatetime())


def _period(row) -> str:
    period = row.get("period", "") if hasattr(row, "get") else ""
    return period if isinstance(period, str) else ""


def _when(row, lang: str) -> str:
    return when(row["year"], row["date"], lang, _period(row))


def _at(row, lang: str) -> str:
    return at(row["year"], row["date"], lang, _period(row))


def _value(row, lang: str) -> str:
    return fmt(row["value"], row["indicator"], lang)


# --- metadata of the downloads ---------------------------------------------------------------------


def _licence() -> dict:
    package = json.loads((_data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    lic = (package.get("licenses") or [{}])[0]
    return {k: lic[k] for k in ("name", "title", "path") if k in lic}


def _meta(title: str, subtitle: str, rows: pd.DataFrame, lang: str, kind: str = "chart") -> dict:
    ds = validate()
    sources = []
    for sid in dict.fromkeys(rows["source_id"]):
        s = ds.sources[sid]
        sources.append(
            {k: s.get(k, "") for k in ("publisher", "title", "published", "address")} | {"id": sid}
        )
    indicators = list(dict.fromkeys(rows["indicator"]))
    return {
        "title": title,
        "subtitle": subtitle,
        "kind": kind,
        "lang": lang,
        "indicators": indicators,
        "units": {i: meta(i, lang)["unit"] for i in indicators},
        "period": {"start": _when(rows.iloc[0], lang), "end": _when(rows.iloc[-1], lang)}
        if len(rows)
        else {},
        "sources": sources,
        "source_line": cite(rows["source_id"], lang),
        "licence": _licence(),
    }  # the report runner adds the data version, the page's address and how to cite


# --- axes ----------------------------------------------------------------------------------------


def time_axis(ax, xs: list[np.ndarray], dated: bool, lang: str, max_ticks: int = 11) -> None:
    """Year ticks for yearly values (every survey year when the years step by two). For dated
    values a date axis whose ticks sit on month ends, labelled with the month ("Dec 2023" /
    "12/2023"), so an end-of-year stock sits on its own year's tick."""
    allx = np.concatenate([np.asarray(x, dtype=float) for x in xs if len(x)])
    lo, hi = float(allx.min()), float(allx.max())
    if not dated:
        years = sorted({int(v) for v in allx})
        step = int(np.gcd.reduce(np.diff(years))) if len(years) > 1 else 1
        while int((hi - lo) // step) + 1 > max_ticks:
            step *= 2
        first = int(hi) - step * int((hi - lo) // step)  # so that the latest year has a tick
        ax.xaxis.set_major_locator(FixedLocator(list(range(first, int(hi) + 1, step))))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f}"))
        half = max(step, 1) * 0.5
        ax.set_xlim(lo - half, hi + half)
        return
    max_ticks = min(max_ticks, 7)  # "Dec 2023" is wider than "2023"
    span = hi - lo
    pad = max(span * 0.05, 15)
    ax.set_xlim(lo - pad, hi + pad)
    start, end = mdates.num2date(lo - pad), mdates.num2date(hi + pad)
    ends = pd.date_range(start.replace(tzinfo=None), end.replace(tzinfo=None), freq="ME")
    ticks = []
    for months in ((3, 6, 9, 12), (6, 12), (12,), (12,), (12,)):
        ticks = [d for d in ends if d.month in months]
        if len(ticks) <= max_ticks:
            break
    every = 1
    while len(ticks[::every]) > max_ticks:
        every += 1
    ticks = ticks[::-1][::every][::-1]  # keep the latest tick
    # a tick in the corner would meet the value axis' lowest label
    ticks = [d for d in ticks if mdates.date2num(d.to_pydatetime()) >= lo - pad + 0.04 * (span + 2 * pad)]
    ax.xaxis.set_major_locator(FixedLocator(mdates.date2num([d.to_pydatetime() for d in ticks])))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _p: locale.month_year(mdates.num2date(v).strftime("%Y-%m-%d"), lang))
    )
    ax.xaxis.set_minor_locator(FixedLocator([]))


def rank_ticks(top: float, bottom: float) -> list[int]:
    """Nice whole ranks between ``top`` (best) and ``bottom``; never below 1 (no rank 0)."""
    ticks = MaxNLocator(nbins=5, integer=True, steps=[1, 2, 5, 10]).tick_values(top, bottom)
    out = sorted({max(1, int(v)) for v in ticks if top - 1e-9 <= v <= bottom + 1e-9 or v == 0})
    return [v for v in out if top - 1e-9 <= v <= bottom + 1e-9]


def value_axis(ax, kind: str, values, indicator: str, lang: str, headroom: float = 0.16) -> None:
    """The value axis by the house rule of ``kind`` (see the module docstring)."""
    v = np.asarray(list(values), dtype=float)
    v = v[np.isfinite(v)]
    lo, hi = (float(v.min()), float(v.max())) if len(v) else (0.0, 1.0)
    fmt_tick = tick_format(indicator, lang)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: fmt_tick(y)))
    if kind == "rank":
        pad = max(2.0, (hi - lo) * headroom)
        top, bottom = max(0.5, lo - pad), hi + pad * 0.6
        ax.set_ylim(bottom, top)  # inverted: 1 at the top
        ax.yaxis.set_major_locator(FixedLocator(rank_ticks(top, bottom)))
        return
    if kind == "index" and lo >= 0 and hi <= 1:
        ax.set_ylim(0, 1.0 + headroom * 0.5 if hi > 0.85 else 1.0)
        ax.yaxis.set_major_locator(FixedLocator([0, 0.25, 0.5, 0.75, 1.0]))
        return
    low = min(0.0, lo * (1 + headroom)) if kind == "rate" else 0.0
    high = max(hi, 0.0)
    ax.set_ylim(low, high + (high - low) * headroom if high > low else 1.0)
    locator = MaxNLocator(nbins=5)
    ticks = [y for y in locator.tick_values(low, high) if low - 1e-9 <= y <= high * (1 + headroom)]
    if kind == "share":
        ticks = [y for y in ticks if y <= 100]
    ax.yaxis.set_major_locator(FixedLocator(ticks))


# --- titles --------------------------------------------------------------------------------------


def finding(rows: pd.DataFrame, indicator: str, lang: str, who: str | None = None) -> str:
    """The title of a one-series chart: what happened, computed from the data.

    Ranks compare with the previous figure ("Viet Nam rose 15 places to 71st in 2024"); other
    kinds go from the first figure shown to the last ("... rose from 181 m in 2021 to 1.0 bn in 2024").
    """
    m = meta(indicator, lang)
    last = rows.iloc[-1]
    who = who or locale.country(last["entity"], lang)
    if m["kind"] == "rank":
        facts = {"who": who, "ordinal": ordinal(last["value"], lang), "at": _at(last, lang)}
        if len(rows) < 2:
            return chart_text("rank_one", lang, **facts)
        prev = rows.iloc[-2]
        d = int(round(prev["value"] - last["value"]))
        key = "rank_up" if d > 0 else "rank_down" if d < 0 else "rank_same"
        return chart_text(key, lang, places=locale.places(abs(d), lang), **facts)
    first = rows.iloc[0]
    facts = {
        "name": m["name"],
        "first": _value(first, lang),
        "last": _value(last, lang),
        "t0": bracketed(first["year"], first["date"], lang, _period(first)),
        "t1": bracketed(last["year"], last["date"], lang, _period(last)),
    }
    if len(rows) < 2:
        return chart_text("one", lang, **facts)
    if facts["first"] == facts["last"]:
        return chart_text("flat", lang, **facts)
    return chart_text("rose" if last["value"] > first["value"] else "fell", lang, **facts)


def _survey_years(rows: pd.DataFrame) -> bool:
    ds = validate()
    return bool(len(rows)) and all(ds.sources[s]["kind"] == "un_survey" for s in rows["source_id"])


def subtitle(rows: pd.DataFrame, indicator: str, lang: str) -> str:
    """Unit and period: "rank among UN member states (1 = best), UN survey years 2010–2024"."""
    m = meta(indicator, lang)
    unit = m["unit"] + (f" ({chart_text('one_best', lang)})" if m["kind"] == "rank" else "")
    if not len(rows):
        return unit
    t0, t1 = _when(rows.iloc[0], lang), _when(rows.iloc[-1], lang)
    if t0 == t1:
        return f"{unit}, {t1}"
    key = "survey_years" if _survey_years(rows) else "period"
    return f"{unit}, {chart_text(key, lang, t0=t0, t1=t1)}"


# --- the charts ----------------------------------------------------------------------------------


def number_card(rows: pd.DataFrame, indicator: str, lang: str, name: str) -> Card:
    """A card for one or two figures: the latest value, its date and source, and with two figures the
    change in natural units with the earlier date named."""
    m = meta(indicator, lang)
    if rows.empty:  # nothing in the years shown: say so instead of failing
        card = Card(_plotted(rows), name, m["name"], "–", chart_text("no_figure", lang), "", "", lang)
        card.meta = _meta(f"{m['name']}: {chart_text('no_figure', lang)}", m["unit"], rows, lang, kind="card")
        return card
    last = rows.iloc[-1]
    delta = ""
    if len(rows) > 1:
        first = rows.iloc[0]
        delta = change(
            first["value"], last["value"], m["kind"], lang, first["year"], first["date"], _period(first)
        )
    q = last.get("qualifier", "") if hasattr(last, "get") else ""
    value = _value(last, lang)
    value = f"{t(q, lang)} {value}" if q else value
    source = cite(rows["source_id"], lang)
    card = Card(_plotted(rows), name, m["name"], value, _when(last, lang), source, delta, lang)
    card.meta = _meta(finding(rows, indicator, lang), m["unit"], rows, lang, kind="card")
    return card


def _tentative(rows: pd.DataFrame) -> np.ndarray:
    """Rows that are estimates, provisional or forecasts, or cover a period not yet over."""
    out = np.zeros(len(rows), dtype=bool)
    if "status" in rows.columns:
        out |= rows["status"].isin(["estimate", "provisional", "forecast"]).to_numpy()
    if "complete" in rows.columns:
        out |= (rows["complete"] == False).to_numpy()  # noqa: E712 (a column of booleans)
    return out


def _point_labels(ax, x, rows, lang, color, dated, every: bool) -> None:
    """Value labels at the points: the last always (dated when the axis is), the first and the
    others where they fit."""
    n = len(rows)
    order = [n - 1] + ([0] if n > 1 else []) + (list(range(n - 2, 0, -1)) if every else [])
    specs = []
    for i in order:
        row = rows.iloc[i]
        text = _value(row, lang)
        if dated and i in (0, n - 1) and row["date"]:
            text = f"{text}, {_when(row, lang)}"
        specs.append(
            {
                "x": x[i],
                "y": row["value"],
                "text": text,
                "color": color,
                "fontsize": 9,
                "fontweight": "bold" if i == n - 1 else None,
                "linespacing": 1.15,
            }
        )
    labels.place(ax, specs, required=1)


def targets_of(indicator: str, entity: str = "VNM", targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The targets set for ``indicator`` (from ``helpers.data.targets()`` unless given)."""
    if targets is None:
        from .. import data

        targets = data.targets([indicator])  # reads only this indicator (incremental builds)
    t_ = targets[(targets["indicator"] == indicator) & (targets["entity"] == entity)]
    t_ = t_.assign(date=t_["date"].fillna(""))
    # one goal point per (time, value), however many instruments set it
    return t_.drop_duplicates(["year", "date", "value"]).sort_values(["year", "value"])


def _target_x(rows: pd.DataFrame, dated: bool) -> np.ndarray:
    """A target's place in time: its year, or on a dated axis its date (the year's end when it has
    none: "by 2025" is by 31 December 2025)."""
    if not dated:
        return rows["year"].astype(int).to_numpy()
    days = [d if d else f"{int(y)}-12-31" for y, d in zip(rows["year"], rows["date"], strict=True)]
    return mdates.date2num(pd.to_datetime(days).to_pydatetime())


# Where a target's label goes, in order: beside its point, left first (targets lie beyond the data,
# so the room is usually on their left), then diagonally, then above or below.
TARGET_AROUND = [
    ((-9, 0), "right", "center"),
    ((9, 0), "left", "center"),
    ((-7, -7), "right", "top"),
    ((-7, 7), "right", "bottom"),
    ((0, 9), "center", "bottom"),
    ((0, -9), "center", "top"),
]


def target_text(year: int, value: str, instrument: str, lang: str) -> str:
    """A target's label: "target 2025: 70"; when an indicator has targets from more than one
    instrument, the instrument on a second line ("target 2025: 70\nDecision 749" / "QĐ 749"), which
    keeps the label narrow enough to sit beside its point."""
    label = f"{chart_text('target', lang, year=year)}: {value}"
    short = short_instrument(instrument, lang)
    return f"{label}\n{short}" if short else label


def _draw_targets(ax, goals: pd.DataFrame, x, indicator: str, lang: str) -> list[dict]:
    """Targets as hollow diamonds; returns their labels ("target 2025: 20%") for placing."""
    if goals.empty:
        return []
    ax.plot(
        x,
        goals["value"],
        linestyle="none",
        marker="D",
        markersize=7,
        markerfacecolor="white",
        markeredgecolor=style.VIET_NAM,
        markeredgewidth=1.5,
        zorder=4,
    )
    several = "instrument" in goals and goals["instrument"].nunique() > 1
    instruments = goals["instrument"] if several else [""] * len(goals)
    return [
        {
            "x": xi,
            "y": v,
            "text": target_text(int(y), fmt(v, indicator, lang), inst, lang),
            "color": style.VIET_NAM,
            "fontsize": 8.5,
            "fontstyle": "italic",
            "around": TARGET_AROUND,
        }
        for xi, v, y, inst in zip(x, goals["value"], goals["year"], instruments, strict=True)
    ]


def series_chart(
    df, indicator, lang="en", entity="VNM", start_year=None, end_year=None, targets=None
) -> Chart | Card:
    """One indicator over time (a card for one or two figures). Yearly flows are bars; everything
    else a line with its points; figures from other sources for the same point as hollow markers;
    targets as hollow diamonds labelled with their year."""
    m = meta(indicator, lang)
    everything = _rows(df, indicator, entity, start_year, end_year, selected=False)
    chosen = everything[everything["selected"]]
    name = f"{indicator}_{entity}_{lang}"
    if len(chosen) <= SHORT:
        return number_card(chosen, indicator, lang, name)
    others = everything[~everything["selected"]]
    agree = others.merge(
        chosen[["year", "date", "value"]], on=["year", "date", "value"], how="left", indicator=True
    )
    others = others[(agree["_merge"] == "left_only").to_numpy()]  # only figures that disagree show
    title, sub = finding(chosen, indicator, lang), subtitle(chosen, indicator, lang)
    fig, ax = style.new_chart(title, sub)
    dated = _dated(chosen) or _dated(others)
    x = _x(chosen, dated)
    bars = m["kind"] == "flow" and not dated
    if bars:
        ax.bar(x, chosen["value"], color=style.VIET_NAM, width=0.6, zorder=2)
    else:
        ax.plot(x, chosen["value"], marker="o", markersize=5, color=style.VIET_NAM, linewidth=2, zorder=3)
        tentative = _tentative(chosen)
        if tentative.any():  # estimates and periods not yet over: hollow
            ax.plot(
                x[tentative],
                chosen["value"][tentative],
                linestyle="none",
                marker="o",
                markersize=5,
                markerfacecolor="white",
                markeredgecolor=style.VIET_NAM,
                zorder=4,
            )
    if not others.empty:
        ax.scatter(
            _x(others, dated),
            others["value"],
            s=30,
            facecolors="white",
            edgecolors=style.INK,
            linewidths=1,
            zorder=4,
        )
    goals = targets_of(indicator, entity, targets)
    goals = goals[goals["year"] >= int(chosen["year"].min())] if len(goals) else goals
    gx = _target_x(goals, dated)
    goal_labels = _draw_targets(ax, goals, gx, indicator, lang)
    time_axis(ax, [x, _x(others, dated), gx], dated, lang)
    values = pd.concat([everything["value"], goals["value"]]) if len(goals) else everything["value"]
    value_axis(ax, m["kind"], values, indicator, lang, headroom=0.16 if bars else 0.22)
    style.finish(fig, cite(everything["source_id"], lang))
    if bars:
        _bar_labels(ax, x, chosen, lang)
    else:
        _point_labels(ax, x, chosen, lang, style.VIET_NAM, dated, every=len(chosen) <= 10)
    labels.place(ax, goal_labels, required=len(goal_labels))
    plotted = pd.concat([chosen, others]).sort_values(
        ["year", "date", "selected"], ascending=[True, True, False]
    )
    chart = Chart(fig, _plotted(plotted), name)
    chart.meta = _meta(title, sub, plotted, lang)
    return chart


def _bar_labels(ax, x, rows, lang) -> None:
    specs = [
        {
            "x": xi,
            "y": v,
            "text": fmt(v, ind, lang),
            "fontsize": 9,
            "color": style.INK,
            "around": [((0, 3), "center", "bottom")],
        }
        for xi, v, ind in zip(x, rows["value"], rows["indicator"], strict=True)
    ]
    labels.place(ax, specs, required=len(specs))


def rank_chart(
    df, lang="en", entity="VNM", start_year=None, end_year=None, indicator="egdi_rank"
) -> Chart | Card:
    """A rank over survey years: 1 at the top, every point labelled, the title the latest move."""
    return series_chart(df, indicator, lang, entity, start_year, end_year)


INDEX_PARTS = ["osi_value", "hci_value", "tii_value"]  # the EGDI's three components (not the EPI)


def index_chart(df, lang="en", entity="VNM", start_year=None, end_year=None, threshold=0.75) -> Chart:
    """The EGDI and its three components (online services, human capital, telecommunication
    infrastructure) over survey years, with the UN's 'very high' threshold. The E-Participation
    Index is not a component and is not drawn."""
    main = _rows(df, "egdi_value", entity, start_year, end_year)
    parts = {i: _rows(df, i, entity, start_year, end_year) for i in INDEX_PARTS}
    above = main[main["value"] >= threshold]
    thr = locale.format_number(threshold, lang, decimals=2)
    if len(above) and (len(above) < len(main)):
        title = chart_text("crossed", lang, threshold=thr, at=_at(above.iloc[0], lang))
    else:
        title = finding(main, "egdi_value", lang)
    sub = f"{chart_text('components', lang)}, {chart_text('survey_years', lang, t0=_when(main.iloc[0], lang), t1=_when(main.iloc[-1], lang))}"
    fig, ax = style.new_chart(title, sub)
    ax.axhline(threshold, color=style.MUTED, linestyle=(0, (4, 3)), linewidth=1, zorder=1)
    ends = []
    for i, (ind, rows) in enumerate(parts.items()):
        color = style.PALETTE[i]
        ax.plot(rows["year"], rows["value"], marker="o", markersize=3.5, linewidth=1.3, color=color, zorder=2)
        if len(rows):
            ends.append(
                {"y": rows["value"].iloc[-1], "text": _short_name(ind, lang), "color": color, "fontsize": 9}
            )
    ax.plot(
        main["year"], main["value"], marker="o", markersize=6, linewidth=2.8, color=style.VIET_NAM, zorder=3
    )
    ends.append(
        {
            "y": main["value"].iloc[-1],
            "text": "EGDI " + fmt(main["value"].iloc[-1], "egdi_value", lang),
            "color": style.VIET_NAM,
            "fontsize": 9,
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
                "text": chart_text("very_high_line", lang, threshold=thr),
                "color": style.MUTED,
                "fontsize": 8.5,
                "around": [((4, 4), "left", "bottom"), ((4, -4), "left", "top")],
            }
        ],
        required=1,
    )
    chart = Chart(fig, _plotted(data), f"egdi_components_{entity}_{lang}")
    chart.meta = _meta(title, sub, data, lang)
    return chart


def _short_name(indicator: str, lang: str) -> str:
    """A component's name without "UN " and without its "(OSI)" abbreviation."""
    name = meta(indicator, lang)["name"].replace("UN ", "")
    return name


def peer_rank_chart(
    df, peers, lang="en", highlight="VNM", start_year=None, end_year=None, names=None
) -> Chart:
    """EGDI rank of ``peers`` across survey years: ``highlight`` in vermillion and labelled with its
    rank, the others in grey, every line named at its end (names spread so none overlap)."""
    rows = _years(
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
    fig, ax = style.new_chart(title, sub, figsize=(7.5, 5.5))
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
    chart = Chart(fig, _plotted(rows), f"egdi_rank_peers_{lang}")
    chart.meta = _meta(title, sub, rows, lang)
    return chart


def multi_series_chart(
    df, indicator_ids, lang="en", entity="VNM", title=None, start_year=None, end_year=None
):
    """Several indicators sharing a unit (e.g. ID cards and VNeID accounts) on one dated axis, each
    line named at its end with its latest value and date. The title is the first series' finding."""
    first = meta(indicator_ids[0], lang)
    parts = [(i, _rows(df, i, entity, start_year, end_year)) for i in indicator_ids]
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
    fig, ax = style.new_chart(title, sub)
    dated = any(_dated(r) for _, r in parts)
    xs, ends = [], []
    for k, (ind, rows) in enumerate(parts):
        color = style.VIET_NAM if k == 0 else style.PALETTE[k - 1]
        x = _x(rows, dated)
        xs.append(x)
        ax.plot(x, rows["value"], marker="o", markersize=4.5, color=color, linewidth=2 if k == 0 else 1.6)
        last = rows.iloc[-1]
        ends.append(
            {
                "y": last["value"],
                "color": color,
                "fontsize": 8.5,
                "linespacing": 1.15,
                "text": f"{meta(ind, lang)['name']}\n{_value(last, lang)}, {_when(last, lang)}",
            }
        )
    data = pd.concat([r for _, r in parts])
    time_axis(ax, xs, dated, lang)
    value_axis(ax, first["kind"], data["value"], indicator_ids[0], lang)
    for e in ends:
        e["text"] = _wrap_label(e["text"], 26)
    texts = labels.end_texts(ax, ends)
    style.finish(fig, cite(data["source_id"], lang))
    labels.spread_end_texts(ax, texts)
    chart = Chart(fig, _plotted(data), f"{'_'.join(indicator_ids[:2])}_{entity}_{lang}")
    chart.meta = _meta(title, sub, data, lang)
    return chart


def _wrap_label(text: str, width: int) -> str:
    import textwrap

    head, _, tail = text.partition("\n")
    return "\n".join([*textwrap.wrap(head, width), tail] if tail else textwrap.wrap(head, width))


def small_multiples(
    df, indicator_ids, lang="en", entity="VNM", ncols=3, start_year=None, end_year=None
) -> Chart:
    """One small panel per indicator with more than two figures, its latest value labelled; the
    title counts the series that improved on their previous figure."""

    rows_of = {i: _rows(df, i, entity, start_year, end_year) for i in indicator_ids}
    rows_of = {i: r for i, r in rows_of.items() if len(r) > SHORT}
    ids = list(rows_of)
    n = len(ids)
    nrows = max(1, math.ceil(n / ncols))
    better = 0
    for i, r in rows_of.items():
        d = r["value"].iloc[-1] - r["value"].iloc[-2]
        hib = meta(i, lang)["kind"] != "rank"
        better += (d > 0) if hib else (d < 0)
    all_rows = pd.concat(rows_of.values()) if rows_of else df[:0]
    title = chart_text("improved", lang, k=better, n=n)
    sub = chart_text(
        "own_units_period", lang, t0=str(int(all_rows["year"].min())), t1=str(int(all_rows["year"].max()))
    )
    fig, axes = style.new_chart(title, sub, nrows, ncols, figsize=(7.5, 2.2 * nrows + 1.4))
    axes = list(getattr(axes, "flat", [axes]))
    panel_titles = []
    for ax, ind in zip(axes, ids, strict=False):
        rows = rows_of[ind]
        dated = _dated(rows)
        x = _x(rows, dated)
        ax.plot(x, rows["value"], marker="o", markersize=3, color=style.VIET_NAM, linewidth=1.5)
        panel_titles.append(
            ax.set_title(meta(ind, lang)["name"], fontsize=8, fontweight="bold", loc="left", pad=6)
        )
        ax.tick_params(labelsize=7)
        time_axis(ax, [x], dated, lang, max_ticks=3 if dated else 4)
        value_axis(ax, meta(ind, lang)["kind"], rows["value"], ind, lang, headroom=0.3)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3)) if meta(ind, lang)["kind"] not in (
            "rank",
            "index",
        ) else None
    for ax in axes[n:]:
        ax.set_visible(False)
    style.finish_grid(fig, cite(all_rows["source_id"], lang), panel_titles, nrows)
    for ax, ind in zip(axes, ids, strict=False):
        rows = rows_of[ind]
        x = _x(rows, _dated(rows))
        last = rows.iloc[-1]
        labels.place(
            ax,
            [
                {
                    "x": x[-1],
                    "y": last["value"],
                    "text": _value(last, lang),
                    "color": style.VIET_NAM,
                    "fontsize": 7.5,
                    "fontweight": "bold",
                }
            ],
            required=1,
        )
    chart = Chart(fig, _plotted(all_rows), f"small_multiples_{entity}_{lang}")
    chart.meta = _meta(title, sub, all_rows, lang)
    return chart
