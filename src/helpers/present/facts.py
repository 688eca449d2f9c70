"""Key facts about an indicator, in a page's language: who produces it (and who published the
figures), how the project processed them, the dates the figures cover, when the newest was first
published, how often the producer releases and when the next release is expected, and, when the
record is older than that, a sentence that says so.

Every fact is read from the data dictionary and the figures (``helpers.data.cadence`` for the
release and the freshness, judged on the data's own date, :func:`helpers.data.cadence.judgement_date`),
so a page stays true when the data changes::

    facts = key_facts(df, "ndxp_transactions", "en")
    facts.rows      # [("Producer", "Ministry of Information and Communications ..."), ...]
    facts.stale     # "No newer figure found since 6 Feb 2025, though ..." or ""
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from ..data import cadence, series, sources, validate
from .datewords import cadence_phrase, on_date  # noqa: F401  (part of this module's API)
from .locale import date_text, has, outlet, t, text, when


@dataclass
class Facts:
    """An indicator's key facts: ``rows`` of (label, value) in order (``by_key``: the values by
    their key), and ``stale``, the sentence saying the record is older than the cadence allows
    (empty when it is not)."""

    indicator: str
    rows: list[tuple[str, str]]
    stale: str = ""
    by_key: dict[str, str] = field(default_factory=dict)  # producer, published_by, ..., next


def _slug(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")


def producer_name(code: str, lang: str) -> str:
    """A producer of ``figures.producer`` named in ``lang``: "MPS" -> "Ministry of Public Security"
    (the code itself for a producer the catalogues do not name yet; a test keeps them complete)."""
    key = f"producer_{_slug(code)}"
    return text(key, lang) if has(key, lang) else code


def producers(codes, lang: str) -> str:
    """Several producers, in order, joined ("... then ..." for a ministry that became another)."""
    names = [producer_name(c, lang) for c in dict.fromkeys(codes)]
    return text("facts_then", lang).join(names)


def _rows(df: pd.DataFrame, indicator: str, entity: str) -> pd.DataFrame:
    """The figures of ``indicator``: of ``entity`` when it has any, else of every entity."""
    rows = series(df, indicator, entity, selected=False)
    return rows if len(rows) else df[df["indicator"] == indicator]


def processing(rows: pd.DataFrame, lang: str) -> str:
    """How the project processed the figures: computed, read from published tables, selected among
    sources that disagree, or as published."""
    chosen = rows[rows["selected"]]
    if (chosen["origin"] == "un_computed").any() or chosen["derived"].astype(bool).any():
        return t("processing_computed", lang)
    if chosen["origin"].isin(["un", "dti"]).any() or rows["file"].astype(str).str.startswith("raw/").any():
        return t("processing_table", lang)
    point = ["indicator", "entity", "year", "period", "date"]
    several = int((rows.groupby(point)["value"].transform("size") > 1).groupby(
        [rows[c] for c in point]).any().sum())  # fmt: skip
    if several:
        return text("processing_selected", lang, n=several)
    return t("processing_published", lang)


def _span(rows: pd.DataFrame, lang: str) -> str:
    chosen = rows[rows["selected"]].sort_values(["period_end", "year"])
    if chosen.empty:
        return ""
    first, last = (chosen.iloc[i] for i in (0, -1))
    a, b = (when(r["year"], r["date"], lang, r["period"]) for r in (first, last))
    return a if a == b else text("facts_range_value", lang, first=a, last=b)


def _outlets(rows: pd.DataFrame, lang: str) -> str:
    """The outlets that published the figures charted, most figures first (three at most named)."""
    src = sources()
    chosen = rows[rows["selected"]]
    counts = chosen["source_id"].map(lambda s: outlet(src.loc[s], lang)).value_counts(sort=True)
    names = list(counts.index)
    shown = ", ".join(names[:3])
    return shown if len(names) <= 3 else text("facts_and_more", lang, names=shown, n=len(names) - 3)


def key_facts(
    df: pd.DataFrame, indicator: str, lang: str, entity: str = "VNM", on: dt.date | None = None
) -> Facts:
    """The key facts of ``indicator`` from the figures in ``df`` (see the module's docstring);
    freshness is judged on ``on``, by default the data's own date."""
    ds = validate()
    info = ds.indicators[indicator]
    rows = _rows(df, indicator, entity)
    chosen = rows[rows["selected"]]
    codes = list(info["authority"])
    out = {"producer": producers(codes, lang)}
    if len(chosen):
        out.update(
            published_by=_outlets(rows, lang), processing=processing(rows, lang), range=_span(rows, lang)
        )
    f = cadence.freshness(ds, indicator, on)
    if f is not None:
        out["updated"] = on_date(f.published, lang) if f.published else text(
            "facts_updated_unknown", lang, date=date_text(f.newest, lang))  # fmt: skip
    out["cadence"] = cadence_phrase(info["cadence"], info["release_month"], lang)
    stale = ""
    if f is not None:
        if f.ended:
            out["next"] = text("facts_next_ended", lang, date=date_text(f.ended, lang))
        elif not f.expected:
            out["next"] = t("facts_next_irregular", lang)
        else:
            out["next"] = on_date(f.expected, lang)
            if f.stale:
                out["next"] = text("facts_next_overdue", lang, month=out["next"])
                stale = stale_sentence(f, codes, lang)
    facts = {k: v for k, v in out.items() if v}
    return Facts(indicator, [(t(f"facts_{k}", lang), v) for k, v in facts.items()], stale, facts)


def stale_sentence(f: cadence.Freshness, codes, lang: str) -> str:
    """The record is older than the cadence allows, in words: "No newer figure found since Sep 2024,
    though the UN ... releases every two years (the next was due in Sep 2026; sources last read on
    5 Dec 2026)"."""
    newest = f.newest[:4] if f.newest.endswith("-12-31") else f.newest[:7]  # no source dates it
    since = on_date(f.published or newest, lang)
    return text(
        "fresh_stale",
        lang,
        since=since,
        producer=producers(list(codes)[-1:], lang),
        cadence=cadence_phrase(f.cadence, f.release_month, lang),
        expected=on_date(f.expected, lang),
        judged=on_date(f.judged_on.isoformat(), lang),
    )
