"""Tables for people: localized headers and numbers, sources named, quotes kept verbatim.

Each function returns a plain DataFrame of strings (pandas escapes any HTML in it when rendering).
"""

from __future__ import annotations

import pandas as pd

from .. import analysis
from ..data import latest, series
from .locale import fmt, format_number, meta, source_name, t

# Quotes are the provenance: show them whole, never cut at pandas' default 50 characters.
pd.set_option("display.max_colwidth", None)


def _when(row) -> str:
    return row["date"] if row["date"] else str(int(row["year"]))


def _value(row, lang: str) -> str:
    text = fmt(row["value"], row["indicator"], lang)
    q = row.get("qualifier", "")
    return f"{t(q, lang)} {text}" if q else text


def headline(df: pd.DataFrame, indicator_ids: list[str], lang: str = "en") -> pd.DataFrame:
    """Latest value of each indicator with its date and source, and the change on the figure before."""
    out = []
    for ind in indicator_ids:
        last = latest(df, ind)
        if last is None:
            continue
        s = series(df, ind)
        prev = s.iloc[-2] if len(s) > 1 else None
        change = ""
        if prev is not None:
            kind = meta(ind, lang)["kind"]
            d = last["value"] - prev["value"]
            if kind == "rank":
                change = f"{-d:+.0f} {t('places', lang)}" if d else "="
            elif kind in ("share", "rate"):
                change = f"{format_number(d, lang, decimals=1)} {t('points', lang)}"
                change = ("+" if d > 0 else "") + change
            else:
                change = ("+" if d > 0 else "") + format_number(d / prev["value"] * 100, lang, percent=True)
            change += f" ({_when(prev)})"
        out.append(
            {
                t("indicator", lang): meta(ind, lang)["name"],
                t("latest", lang): _value(last, lang),
                t("date", lang): _when(last),
                t("change", lang): change,
                t("source", lang): source_name(last["source_id"]),
            }
        )
    return pd.DataFrame(out)


def figures(df: pd.DataFrame, indicator: str, lang: str = "en", entity: str = "VNM") -> pd.DataFrame:
    """Every figure of an indicator with its source, quote and whether charts use it."""
    rows = series(df, indicator, entity, selected=False)
    return pd.DataFrame(
        {
            t("date", lang): [_when(r) for _, r in rows.iterrows()],
            t("value", lang): [_value(r, lang) for _, r in rows.iterrows()],
            t("selected", lang): ["✓" if s else "" for s in rows["selected"]],
            t("source", lang): [source_name(s) for s in rows["source_id"]],
            t("quote", lang): [
                q if o == "curated" else f"{f}:{ln}"
                for q, o, f, ln in zip(rows["quote"], rows["origin"], rows["file"], rows["line"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def growth(df: pd.DataFrame, indicator: str, lang: str = "en") -> pd.DataFrame:
    """Year, value and growth on the previous year with a figure."""
    g = analysis.growth(df, indicator)
    pct = [
        "" if pd.isna(p) else format_number(p, lang, percent=True) + f" ({int(py)})"
        for p, py in zip(g["growth_pct"], g["previous_year"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("year", lang): g["year"].astype(str),
            t("value", lang): [fmt(v, indicator, lang) for v in g["value"]],
            t("growth", lang): pct,
        }
    )


def claims(results: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Checked claims: what the source said, what the data gives, and the verdict."""
    return pd.DataFrame(
        {
            t("claim", lang): results["quote"],
            t("stated", lang): [
                format_number(v, lang, decimals=None if v % 1 else 0) for v in results["stated"]
            ],
            t("computed", lang): [
                "" if pd.isna(v) else format_number(v, lang, decimals=1) for v in results["computed"]
            ],
            t("status", lang): [
                t(s, lang) + (f": {e}" if e else "")
                for s, e in zip(results["status"], results["explanation"], strict=True)
            ],
        }
    )


def positions(df: pd.DataFrame, indicator: str, group, entity: str = "VNM", lang: str = "en") -> pd.DataFrame:
    """An entity's position within a group per year, computed from every member's figure."""
    p = analysis.positions(df, indicator, group)
    mine = p[p["entity"] == entity]
    return pd.DataFrame(
        {
            t("year", lang): mine["year"].astype(str),
            meta(indicator, lang)["short"]: [
                f"{v:.0f}" if meta(indicator, lang)["kind"] == "rank" else f"{v:.3f}" for v in mine["value"]
            ],
            t("position", lang): [f"{a}/{b}" for a, b in zip(mine["position"], mine["of"], strict=True)],
        }
    ).reset_index(drop=True)


def year_end(df: pd.DataFrame, indicator_ids: list[str], lang: str = "en") -> pd.DataFrame:
    """The last figure reported in each year, per indicator, with its date and source."""
    ends = analysis.year_end(df, indicator_ids)
    return pd.DataFrame(
        {
            t("indicator", lang): [meta(i, lang)["name"] for i in ends["indicator"]],
            t("year", lang): ends["year"].astype(str),
            t("date", lang): ends["date"],
            t("value", lang): [_value(r, lang) for _, r in ends.iterrows()],
            t("source", lang): [source_name(s) for s in ends["source_id"]],
        }
    )


def ratio(df: pd.DataFrame, numerator: str, denominator: str, lang: str = "en") -> pd.DataFrame:
    """numerator / denominator in percent on each date both are reported."""
    r = analysis.ratio(df, numerator, denominator)
    return pd.DataFrame(
        {
            t("date", lang): [d or str(y) for d, y in zip(r["date"], r["year"], strict=True)],
            meta(numerator, lang)["name"]: [fmt(v, numerator, lang) for v in r["value_num"]],
            meta(denominator, lang)["name"]: [fmt(v, denominator, lang) for v in r["value_den"]],
            "%": [format_number(p, lang, percent=True) for p in r["pct"]],
        }
    )
