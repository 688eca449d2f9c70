"""Derived numbers, computed from the tidy figures table and never typed into data: growth, year-end
values, positions within a region, ratios of two series, rates per person, and points where sources
disagree."""

from __future__ import annotations

import pandas as pd

from .data import higher_is_better, series


def growth(df: pd.DataFrame, indicator: str, entity: str = "VNM") -> pd.DataFrame:
    """Change of each year-end value (:func:`year_end`) on the one before it.

    Columns: year, value, id, previous_year, previous, previous_id, change (absolute), growth_pct.
    Whether two of them may be compared, and how the change is said, is ``helpers.compare``'s."""
    s = year_end(df, [indicator], entity)
    out = pd.DataFrame(
        {"year": s["end_of"], "value": s["value"], "id": s["id"]},
    ).reset_index(drop=True)
    out["previous_year"] = out["year"].shift(1).astype("Int64")
    out["previous"] = out["value"].shift(1)
    out["previous_id"] = out["id"].shift(1)
    out["change"] = out["value"] - out["previous"]
    out["growth_pct"] = (out["value"] / out["previous"] - 1) * 100
    return out


YEAR_END_FROM = (7, 1)  # a year's end value is measured from 1 July of the year ...
YEAR_END_TO = (3, 31)  # ... to 31 March of the next


def year_end(df: pd.DataFrame, indicators: list[str], entity: str = "VNM") -> pd.DataFrame:
    """For each indicator and year, the selected figure nearest the year's end (31 December), among
    those whose period ends from 1 July of the year to 31 March of the next (on a tie, the one on or
    before the year's end); ``end_of`` is the year whose end it stands for, ``period_end`` says when
    it was measured. A year with no figure in that span has no row: no value stands in for it."""
    parts = [series(df, ind, entity) for ind in indicators]
    rows = pd.concat(parts) if parts else df[:0]
    out = []
    for _, g in rows.groupby("indicator", sort=True):
        ends = pd.to_datetime(g["period_end"])
        for year in range(int(ends.dt.year.min()) - 1, int(ends.dt.year.max()) + 1):
            lo = pd.Timestamp(year, *YEAR_END_FROM)
            hi = pd.Timestamp(year + 1, *YEAR_END_TO)
            near = g[(ends >= lo) & (ends <= hi)]
            if near.empty:
                continue
            dist = (pd.to_datetime(near["period_end"]) - pd.Timestamp(year, 12, 31)).dt.days
            key = dist.abs() * 2 + (dist > 0)  # nearer first; on a tie, the one before the year's end
            best = near.loc[key.idxmin()]
            out.append({**best.to_dict(), "end_of": year})
    columns = [*rows.columns, "end_of"]
    return pd.DataFrame.from_records(out, columns=columns).reset_index(drop=True)


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
    """numerator / denominator (in percent) on every date both series have a figure, with the ids
    of both (``id_num``, ``id_den``); whether each may be divided is ``helpers.compare``'s."""
    a = series(df, numerator, entity)[["year", "date", "value", "id"]]
    b = series(df, denominator, entity)[["year", "date", "value", "id"]]
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
    source_id and the denominator's source (denominator_source_id), the ids of both (id,
    denominator_id); whether each may be divided is ``helpers.compare``'s (``per_year``)."""
    a = series(df, numerator, entity)[["year", "date", "value", "qualifier", "source_id", "id"]]
    b = series(df, denominator, entity).groupby("year", sort=True).tail(1)  # the year's own figure
    b = b[["year", "value", "source_id", "id"]]
    both = a.merge(b, on="year", suffixes=("", "_den"))
    names = {"value_den": "denominator", "source_id_den": "denominator_source_id", "id_den": "denominator_id"}
    both = both.rename(columns=names)
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
