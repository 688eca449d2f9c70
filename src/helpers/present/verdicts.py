"""Targets on a page: what each asks, who set it, and its verdict with the figure it rests on.

Each verdict comes from :func:`helpers.compare.state` (``kind="target"``) and is said by
:func:`verdict_cell`, which records it through ``helpers.present.statements`` for the page's ``statements.json``:
met, missed, on track, not yet judged or cannot be judged, in words, with the judging figure and its
date, or with why it is not judged and the latest figure and its date.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..compare import Statement, state
from ..data import cadence, validate
from . import statements
from .locale import date_text, fmt, is_default, meta, short_instrument, t, text
from .tables import Table


def judged_on(on: dt.date | None = None) -> dt.date:
    """The date targets are judged on: ``on``, else the data's own date (never the clock)."""
    return on or cadence.judgement_date(validate()) or dt.date(1990, 1, 1)


def paragraph(lang: str, on: dt.date | None = None) -> dict:
    """The facts of the targets section's paragraph (``targets_p``)."""
    return {"judged_on": date_text(judged_on(on).isoformat(), lang)}


def table(
    df: pd.DataFrame, indicators: list[str] | None, lang: str, entity: str = "VNM", on: dt.date | None = None
) -> Table:
    """The targets of ``indicators`` (all when None) with their verdicts, judged on the figures of
    ``df`` (the selected ones) on ``on`` (default: the data's date). The indicator column shows when
    the targets are of more than one indicator."""
    ds = validate()
    day = judged_on(on)
    goals = [
        g
        for g in ds.targets
        if (indicators is None or g["indicator"] in indicators) and g["entity"] == entity
    ]
    chosen = df[df["selected"] & (df["entity"] == entity)]
    several = len({g["indicator"] for g in goals}) > 1
    rows = []
    for g in goals:
        mine = chosen[chosen["indicator"] == g["indicator"]]
        st = state("target", [r for _, r in mine.iterrows()], target=g, judged_on=day)
        row = {}
        if several:
            row[t("indicator", lang)] = meta(g["indicator"], lang)["name"]
        row[t("col_target", lang)] = goal_text(g, lang)
        row[t("col_set_by", lang)] = short_instrument(g["instrument"], lang) or (
            g["instrument"] if is_default(lang) else "–"  # the curators' English names no other language
        )
        row[t("col_verdict", lang)] = verdict_cell(st, lang)
        rows.append(row)
    columns = ([t("indicator", lang)] if several else []) + [
        t(k, lang) for k in ("col_target", "col_set_by", "col_verdict")
    ]
    return Table(pd.DataFrame(rows, columns=columns), wide=[t("col_verdict", lang)])


def goal_text(target, lang: str) -> str:
    """What a target asks, in words: "at least 80% by 2025", "rank 70 or better by 2025"."""
    ind = target["indicator"]
    value = fmt(float(target["value"]), ind, lang)
    day = target.get("date") or ""
    by = date_text(str(day)[:10], lang) if day else str(int(target["year"]))
    direction = target["direction"]
    if meta(ind, lang)["kind"] == "rank" and direction == "at_most":
        return text("target_goal_rank", lang, value=value, by=by)
    return text(f"target_goal_{direction}", lang, value=value, by=by)


def verdict_words(verdict: str, lang: str) -> str:
    return t("verdict_" + verdict.replace(" ", "_"), lang)


def verdict_cell(st: Statement, lang: str) -> str:
    """A target's verdict with what it rests on: the judging figure and its date, or why it is not
    judged and the latest figure with its date; recorded."""
    words = verdict_words(st.verdict or "not yet judged", lang)
    judging, latest = st.facts.get("judging"), st.facts.get("latest")
    if st.ok and judging is not None:
        said = text(
            "target_verdict_on",
            lang,
            verdict=words,
            value=statements.figure_value(judging, lang),
            when=statements.figure_when(judging, lang),
        )
    elif latest is not None:
        why = statements.reason_text(st.reason, lang, st) if st.reason else ""
        said = text(
            "target_verdict_latest",
            lang,
            verdict=words,
            why=why,
            value=statements.figure_value(latest, lang),
            when=statements.figure_when(latest, lang),
        )
    elif st.reason is None or st.reason.code == "no_figure":
        said = text("target_verdict_empty", lang, verdict=words)
    else:
        said = text(
            "target_verdict_none", lang, verdict=words, why=statements.reason_text(st.reason, lang, st)
        )
    return statements.keep(st, said)


def has_targets(indicator: str, entity: str = "VNM") -> bool:
    return any(g["indicator"] == indicator and g["entity"] == entity for g in validate().targets)


def sentence(lang: str, key: str = "targets_p", on: dt.date | None = None) -> str:
    return text(key, lang, **paragraph(lang, on))
