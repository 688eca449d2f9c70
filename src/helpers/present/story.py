"""Sentences that state facts, computed from the figures shown, in the page's language: the key
findings and the paragraphs whose numbers move with the data ("up 15 places on 2022"). Words and
grammar come from :mod:`helpers.present.locale`, numbers from the figures.
"""

from __future__ import annotations

import pandas as pd

from .. import analysis
from ..data import series
from .locale import at, change_phrase, fmt, meta, ordinal, text, value_text
from .markup import esc


def _at(row, lang: str) -> str:
    """When a figure holds, in a sentence, by the period it covers: "in 2024", "in Jan 2022"."""
    period = row.get("period", "")
    return at(row["year"], row["date"], lang, period if isinstance(period, str) else "")


def latest(df: pd.DataFrame, indicator: str, lang: str, named: bool = True) -> str:
    """The latest figure with its date and its change on the figure before, in natural units."""
    s = series(df, indicator)
    if s.empty:
        return ""
    last = s.iloc[-1]
    facts = {
        "name": esc(meta(indicator, lang)["name"]),
        "value": esc(value_text(last, lang)),
        "when": _at(last, lang),
    }
    if len(s) < 2:
        return text("story_latest_one" if named else "story_value_one", lang, **facts)
    prev = s.iloc[-2]
    facts["change"] = change_phrase(meta(indicator, lang)["kind"], prev["value"], last["value"], lang)
    facts["since"] = _at(prev, lang)
    return text("story_latest" if named else "story_value", lang, **facts)


def rank(df: pd.DataFrame, indicator: str, lang: str) -> dict:
    """Facts of a rank series: the latest rank and year, the change on the survey before, the best
    and worst ranks before it and the years they span."""
    s = series(df, indicator)
    if s.empty:
        return {}
    last = s.iloc[-1]
    facts = {"ordinal": ordinal(last["value"], lang), "year": int(last["year"])}
    earlier = s.iloc[:-1]
    if len(earlier):
        prev = earlier.iloc[-1]
        facts.update(
            prev_year=int(prev["year"]),
            change=change_phrase("rank", prev["value"], last["value"], lang),
            first_year=int(earlier["year"].iloc[0]),
            last_before=int(prev["year"]),
            best=ordinal(earlier["value"].min(), lang),
            worst=ordinal(earlier["value"].max(), lang),
            best_ever=bool(last["value"] < earlier["value"].min()),
        )
    return facts


def egov(df: pd.DataFrame, group: list[str], lang: str) -> list[str]:
    """Key findings of the UN E-Government Survey page."""
    out = []
    r = rank(df, "egdi_rank", lang)
    if "change" in r:
        out.append(text("egov_f_rank", lang, **r))
        if r["best_ever"]:
            out.append(text("egov_f_best", lang, **r))
    idx = series(df, "egdi_value")
    if len(idx):
        last = idx.iloc[-1]
        out.append(
            text("egov_f_index", lang, value=fmt(last["value"], "egdi_value", lang), year=int(last["year"]))
        )
    pos = analysis.positions(df, "egdi_rank", group)
    mine = pos[pos["entity"] == "VNM"]
    if len(mine) and len(group) > 1:
        last = mine.iloc[-1]
        out.append(
            text(
                "egov_f_peers",
                lang,
                n=int(last["of"]),
                position=ordinal(last["position"], lang),
                year=int(last["year"]),
            )
        )
    return out


def identity(df: pd.DataFrame, lang: str) -> list[str]:
    """Key findings of the identity page: the latest counts and the activation rate."""
    out = [latest(df, i, lang) for i in ("cccd_cards_issued", "vneid_accounts_activated")]
    r = analysis.ratio(df, "vneid_accounts_activated", "cccd_cards_issued")
    if len(r):
        last = r.iloc[-1]
        date = last["date"] or str(int(last["year"]))
        from .locale import date_text, format_number

        out.append(
            text(
                "identity_f_ratio",
                lang,
                date=date_text(date, lang),
                pct=format_number(last["pct"], lang, decimals=0),
            )
        )
    return [s for s in out if s]


def profile(df: pd.DataFrame, indicator: str, claims: pd.DataFrame, lang: str) -> list[str]:
    """Key findings of an indicator's profile: the latest figure, how many figures and sources, and
    how the sources' claims fared."""
    out = [latest(df, indicator, lang, named=False)]
    every = series(df, indicator, selected=False)
    if len(every) > 2:  # one or two figures: the number card says it all
        out.append(
            text(
                "story_count",
                lang,
                n=len(every),
                k=every["source_id"].nunique(),
                m=int(every["selected"].sum()),
            )
        )
    if len(claims):
        out.append(
            text("story_claims", lang, ok=int((claims["status"] == "consistent").sum()), n=len(claims))
        )
    return [s for s in out if s]
