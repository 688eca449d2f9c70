"""Sentences that state facts, computed from the figures shown, in the page's language: the key
findings and the paragraphs whose numbers move with the data ("up 15 places on 2022"). Words and
grammar come from :mod:`helpers.present.locale`, numbers from the figures.
"""

from __future__ import annotations

import pandas as pd

from .. import analysis
from ..compare import Figure, state
from ..data import series
from . import statements
from .locale import at, fmt, meta, ordinal, text
from .markup import esc


def _at(row, lang: str) -> str:
    """When a figure holds, in a sentence, by the period it covers: "in 2024", "in Jan 2022"."""
    period = row.get("period", "")
    return at(row["year"], row["date"], lang, period if isinstance(period, str) else "")


def latest(df: pd.DataFrame, indicator: str, lang: str, named: bool = True) -> str:
    """The latest figure with its date and its change on the figure before, in natural units; when
    the two may not be compared (``helpers.compare``), both with their dates and why no change is
    computed."""
    s = series(df, indicator)
    if s.empty:
        return ""
    last = s.iloc[-1]
    st = state("change", [s.iloc[-2], last]) if len(s) > 1 else None
    name = esc(meta(indicator, lang)["name"]) if named else ""
    return statements.latest_sentence(st, Figure.of(last), lang, name=name)


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
            change=statements.say_change(state("change", [prev, last]), lang, span=False),
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
    ranks = df[(df["indicator"] == "egdi_rank") & df["entity"].isin(group) & df["selected"]]
    mine = ranks[ranks["entity"] == "VNM"]
    if len(mine) and len(group) > 1:
        year = int(mine["year"].max())
        st = state("position", [r for _, r in ranks[ranks["year"] == year].iterrows()], entity="VNM")
        if st.ok:
            said = text("egov_f_peers", lang, n=st.facts["of"], position=ordinal(st.value, lang), year=year)
            out.append(statements.keep(st, said))
    return out


def identity(df: pd.DataFrame, lang: str) -> list[str]:
    """Key findings of the identity page: the latest counts and the activation rate."""
    out = [latest(df, i, lang) for i in ("cccd_cards_issued", "vneid_accounts_activated")]
    r = analysis.ratio(df, "vneid_accounts_activated", "cccd_cards_issued")
    if len(r):
        last = r.iloc[-1]
        rows = df.set_index("id", drop=False)
        st = state("ratio", [rows.loc[last["id_num"]], rows.loc[last["id_den"]]])
        if st.ok:
            from .locale import date_text, format_number

            date = last["date"] or str(int(last["year"]))
            pct = statements.bound_sign(st) + format_number(st.value, lang, decimals=0)
            out.append(
                statements.keep(st, text("identity_f_ratio", lang, date=date_text(date, lang), pct=pct))
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
        out.append(claims_summary(claims, lang))
    return [s for s in out if s]


def claims_summary(claims: pd.DataFrame, lang: str) -> str:
    """How the sources' claims fared: a claim that cannot be checked neither agrees nor disagrees,
    so it is counted apart ("1 of the 2 claims that can be checked agree; 1 cannot be checked")."""
    n = len(claims)
    na = int((claims["status"] == "not checkable").sum())
    ok = int((claims["status"] == "consistent").sum())
    if na == n:
        return text("story_claims_none", lang, n=n)
    if na:
        return text("story_claims_unchecked", lang, ok=ok, checked=n - na, na=na)
    return text("story_claims", lang, ok=ok, n=n)
