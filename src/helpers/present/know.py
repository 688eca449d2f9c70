"""What you should know about this data: the caveats of the indicators on a page, in its language,
written from the data dictionary (``indicators.csv``: kind, definition breaks, the indicators a
measure differs from and why, caveats) and from the figures shown (partial periods, estimates,
revisions), so that they stay true when the data changes::

    for sentence in caveats(df, ["cccd_cards_issued", "vneid_accounts_activated"], "vi"):
        ...

and the key to the marks a chart draws (:func:`marker_key`).
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import series, validate
from ..data.cadence import ABOLISHED
from .facts import producers
from .locale import date_text, meta, t, text, value_text, when

TENTATIVE = ("estimate", "provisional", "forecast")
MARKERS = ("reported", "bar", "tentative", "other", "target")  # the marks charts draw, in key order


def named(sentence: str, lang: str) -> str:
    """A dictionary text with every indicator id in it replaced by the indicator's name in ``lang``."""
    ids = validate().indicators
    return re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", lambda m: meta(m[0], lang)["name"] if m[0] in ids else m[0],
                  sentence)  # fmt: skip


def related(indicator: str) -> list[str]:
    """The indicators a page about ``indicator`` compares it with (``compare_with``): their latest
    values are part of what a reader should know. Empty for an unknown id (the notebook's parameter
    check then says what is wrong)."""
    info = validate().indicators.get(indicator)
    return list(info["compare_with"]) if info else []


def _entries(column: str) -> list[tuple[str, str]]:
    out = []
    for part in (column or "").split(" | "):
        day, sep, what = part.strip().partition(": ")
        if sep:
            out.append((day, what))
    return out


def breaks(df: pd.DataFrame, indicator: str, lang: str) -> list[str]:
    """The definition breaks of ``indicator``: the change and its date; an abolished measure; and,
    when the figures held stop before a change, where they stop."""
    info = validate().indicators[indicator]
    column = info.get(f"definition_break_{lang}") or info["definition_break"]  # English: the column itself
    name = meta(indicator, lang)["name"]
    shown = series(df, indicator)
    last = shown["period_end"].max() if len(shown) else ""
    out = []
    english = _entries(info["definition_break"])  # which entry ends the measure: the English says
    for k, (day, what) in enumerate(_entries(column)):
        ended = k < len(english) and english[k][1].startswith(ABOLISHED)
        if ended:  # the entry's first words mark it ("abolished:", "bãi bỏ:"): the page says it
            what = what.split(":", 1)[1] if ":" in what else what
        what = named(what.strip(), lang)
        s = text(
            "know_ended" if ended else "know_break", lang, name=name, date=date_text(day, lang), what=what
        )
        if last and last < day:
            s += " " + text("know_stops", lang, date=date_text(last, lang))
        out.append(s)
    return out


def _latest(df: pd.DataFrame, indicator: str, lang: str) -> str:
    s = series(df, indicator)
    if s.empty:
        return ""
    row = s.iloc[-1]
    return f"{value_text(row, lang)} {text('at_' + ('month' if row['date'] else 'year'), lang, when=when(row['year'], row['date'], lang, row['period']))}"


def comparisons(df: pd.DataFrame, indicators: list[str], lang: str, done: set) -> list[str]:
    """Each indicator beside the measures of other producers it differs from (``compare_with``),
    with the latest value of each and the dictionary's reason (once per pair)."""
    ds = validate()
    out = []
    for ind in indicators:
        for other in ds.indicators[ind]["compare_with"]:
            pair = frozenset((ind, other))
            if pair in done:
                continue
            done.add(pair)
            mine, theirs = ds.indicators[ind], ds.indicators[other]
            out.append(
                text(
                    "know_compare",
                    lang,
                    name=meta(ind, lang)["name"],
                    producer=producers(mine["authority"], lang),
                    value=_latest(df, ind, lang) or "–",
                    other=meta(other, lang)["name"],
                    other_producer=producers(theirs["authority"], lang),
                    other_value=_latest(df, other, lang) or "–",
                    caveat=named(mine[f"caveat_{lang}"] or mine["caveat_en"], lang),
                ).strip()
            )
    return out


def _names(indicators: list[str], lang: str) -> str:
    return "; ".join(meta(i, lang)["name"] for i in indicators)


def counts(df: pd.DataFrame, indicators: list[str], lang: str) -> list[str]:
    """What a figure of each kind means: cumulative against flow counts, shares, ranks, indices and
    rates."""
    ds = validate()
    groups: dict[str, list[str]] = {}
    for ind in indicators:
        info = ds.indicators[ind]
        shown = set(series(df, ind)["period"])
        if info["kind"] == "flow":
            key = "know_ytd" if "year_to_date" in shown else "know_day" if shown == {"day"} else "know_flow"
        else:  # know_stock, know_share, know_rank, know_index, know_rate
            key = f"know_{info['kind']}"
        groups.setdefault(key, []).append(ind)
    return [text(key, lang, names=_names(inds, lang)) for key, inds in groups.items()]


def figures_notes(df: pd.DataFrame, indicator: str, lang: str) -> list[str]:
    """From the figures shown: partial periods, estimates and revised releases."""
    name = meta(indicator, lang)["name"]
    shown = series(df, indicator)
    out = [text("know_one", lang, name=name)] if len(shown) == 1 else []
    partial = shown[shown["complete"] == False]  # noqa: E712 (a column of booleans)
    if len(partial):
        items = [
            text("know_partial_item", lang, when=when(r["year"], r["date"], lang, r["period"]), date=date_text(r["date"], lang))
            for _, r in partial.iterrows()
        ]  # fmt: skip
        out.append(text("know_partial", lang, name=name, periods=", ".join(items)))
    tentative = shown[shown["status"].isin(TENTATIVE)]
    if len(tentative):
        out.append(text("know_estimates", lang, name=name, n=len(tentative), m=len(shown)))
    every = series(df, indicator, selected=False)
    if every["superseded"].any():
        out.append(text("know_revised", lang, name=name))
    return out


def caveats(df: pd.DataFrame, indicators: list[str], lang: str) -> list[str]:
    """Everything a reader should know about the figures of ``indicators`` in ``df``, in ``lang``:
    definition breaks, measures of other producers and why they differ, the dictionary's caveats,
    cumulative against flow counts, partial periods, estimates and revisions."""
    ds = validate()
    indicators = [i for i in dict.fromkeys(indicators) if i in ds.indicators]
    out, pairs = [], set()
    for ind in indicators:
        out += breaks(df, ind, lang)
    out += comparisons(df, indicators, lang, pairs)
    for ind in indicators:
        info = ds.indicators[ind]
        if info["caveat_en"] and not info["compare_with"]:
            out.append(text("know_caveat", lang, name=meta(ind, lang)["name"], caveat=named(info[f"caveat_{lang}"] or info["caveat_en"], lang)))  # fmt: skip
    out += counts(df, indicators, lang)
    for ind in indicators:
        out += figures_notes(df, ind, lang)
    return out


def marks(rows: pd.DataFrame, bars: bool = False, targets: bool = False) -> list[str]:
    """The marks a chart of ``rows`` (its plotted data, with ``selected`` and, where known,
    ``status`` and ``complete``) draws, in key order."""
    out = {"bar" if bars else "reported"}
    chosen = rows[rows["selected"]] if "selected" in rows else rows
    if not bars and (
        ("status" in chosen and chosen["status"].isin(TENTATIVE).any())
        or ("complete" in chosen and (chosen["complete"] == False).any())  # noqa: E712
    ):
        out.add("tentative")
    if "selected" in rows and (~rows["selected"].astype(bool)).any():
        out.add("other")
    if targets:
        out.add("target")
    return [m for m in MARKERS if m in out]


def marker_key(kinds: list[str], lang: str) -> list[tuple[str, str]]:
    """(symbol, meaning) for each mark a chart draws: what a filled and a hollow circle mean."""
    symbols = {"reported": "●", "bar": "▮", "tentative": "○", "other": "○", "target": "◇"}
    return [(symbols[k], t(f"marker_{k}", lang)) for k in kinds if k in symbols]
