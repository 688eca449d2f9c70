"""Derived numbers, computed from the tidy figures table and never typed into data: growth, year-end
values, positions within a region, ratios of two series, rates per person, and points where sources
disagree."""

from __future__ import annotations

import pandas as pd

from .data import higher_is_better, series


def growth(df: pd.DataFrame, indicator: str, entity: str = "VNM") -> pd.DataFrame:
    """Change of each selected yearly value on the previous year with a figure.

    Columns: year, value, previous_year, previous, change (absolute), growth_pct. For dated series
    the year-end (latest in the year) value is used.
    """
    s = year_end(df, [indicator], entity)[["year", "value"]]
    out = s.assign(previous_year=s["year"].shift(1), previous=s["value"].shift(1))
    out["change"] = out["value"] - out["previous"]
    out["growth_pct"] = (out["value"] / out["previous"] - 1) * 100
    out["previous_year"] = out["previous_year"].astype("Int64")
    return out.reset_index(drop=True)


def year_end(df: pd.DataFrame, indicators: list[str], entity: str = "VNM") -> pd.DataFrame:
    """For each indicator and year, the latest selected figure in that year."""
    parts = [series(df, ind, entity) for ind in indicators]
    rows = pd.concat(parts) if parts else df[:0]
    rows = rows.assign(_d=rows["date"].replace("", "0000")).sort_values(["indicator", "year", "_d"])
    return rows.groupby(["indicator", "year"], sort=True).tail(1).drop(columns="_d").reset_index(drop=True)


def positions(df: pd.DataFrame, indicator: str, group: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Each country's position within ``group`` per year (1 = best), by a rank or an index.

    Columns: year, entity, value, position, of (countries of the group with a figure that year).
    """
    rows = df[(df["indicator"] == indicator) & df["entity"].isin(group) & df["selected"]].copy()
    ascending = not higher_is_better(indicator)
    rows["position"] = rows.groupby("year")["value"].rank(method="min", ascending=ascending).astype(int)
    rows["of"] = rows.groupby("year")["entity"].transform("count")
    return (
        rows[["year", "entity", "value", "position", "of"]]
        .sort_values(["year", "position"])
        .reset_index(drop=True)
    )


def ratio(df: pd.DataFrame, numerator: str, denominator: str, entity: str = "VNM") -> pd.DataFrame:
    """numerator / denominator (in percent) on every date both series have a figure."""
    a = series(df, numerator, entity)[["year", "date", "value"]]
    b = series(df, denominator, entity)[["year", "date", "value"]]
    both = a.merge(b, on=["year", "date"], suffixes=("_num", "_den"))
    both["pct"] = both["value_num"] / both["value_den"] * 100
    return both.reset_index(drop=True)


def per_person(
    df: pd.DataFrame, numerator: str, denominator: str = "population", entity: str = "VNM", per: int = 100
) -> pd.DataFrame:
    """Each selected figure of ``numerator`` per ``per`` people of ``denominator`` (the statistics
    office's average population) of the same year: a count at a date against the population of its
    year. A year without a population figure gives no rate (none is extrapolated).

    Columns: year, date, value (with its qualifier: "over"), denominator (the population), rate,
    source_id and the denominator's source (denominator_source_id)."""
    a = series(df, numerator, entity)[["year", "date", "value", "qualifier", "source_id"]]
    b = year_end(df, [denominator], entity)[["year", "value", "source_id"]]
    both = a.merge(b, on="year", suffixes=("", "_den"))
    both = both.rename(columns={"value_den": "denominator", "source_id_den": "denominator_source_id"})
    both["rate"] = both["value"] / both["denominator"] * per
    return both.reset_index(drop=True)


def disagreements(df: pd.DataFrame, indicator: str | None = None) -> pd.DataFrame:
    """Rows of points (indicator, entity, year, date) where sources give different values."""
    rows = df if indicator is None else df[df["indicator"] == indicator]
    key = ["indicator", "entity", "year", "date"]
    spread = rows.groupby(key)["value"].transform("nunique")
    return (
        rows[spread > 1]
        .sort_values([*key, "selected"], ascending=[True] * 4 + [False])
        .reset_index(drop=True)
    )
