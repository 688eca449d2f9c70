"""An indicator's values by province and year, and the ranks among the provinces.

Values are the selected figures of the tidy table (``helpers.data.load_figures``), one per province
and year. A rank among the provinces is computed from the stored values where the table of a year is
complete (every province the ranking covers has a value), by the publisher's rule, competition
ranking (``helpers.data.dti.competition_ranks``: tied provinces share a rank and the next is
skipped); otherwise it is the rank the publisher printed, where the record holds it. Which one a
rank is says its ``basis``: ``computed`` or ``published``.
"""

from __future__ import annotations

import weakref

import pandas as pd

from ..data import validate
from ..data.dti import competition_ranks
from .places import after, population

COLUMNS = ["indicator", "entity", "year", "period", "date", "value", "id", "source_id", "origin", "territory"]
RANK_COLUMNS = [
    "indicator",
    "entity",
    "year",
    "period",
    "date",
    "value",
    "basis",
    "published",
    "id",
    "source_id",
]

# A rank indicator -> the index it ranks. The rank among the 34 ranks the provinces formed on
# 1 July 2025 (DTI 2024 was published for them); every other ranks the provinces of its year.
RANKED = {
    "dti_rank": "dti",
    "dti_rank_merged": "dti",
    "dti_digital_government_rank": "dti_digital_government",
    "dti_digital_economy_rank": "dti_digital_economy",
    "dti_digital_society_rank": "dti_digital_society",
    "par_index_rank": "par_index",
    "sipas_rank": "sipas",
}
AMONG_THE_34 = ("dti_rank_merged",)


def _provinces(data_dir=None) -> set[str]:
    return set(validate(data_dir).provinces)


_memo: list = []  # [(a weak reference to the last table asked about, what was computed from it)]


def memo(df: pd.DataFrame) -> dict:
    """What this module computed from ``df`` (the tidy table a page loaded), kept while the page asks
    about that same table: a page asks many questions of one table, and each answer is worked out
    once."""
    if not _memo or _memo[0][0]() is not df:
        _memo[:] = [(weakref.ref(df), {})]
    return _memo[0][1]


def _by_indicator(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every province's selected figures, one per indicator, province and year (the one covering the
    latest day), by indicator: computed once per table."""
    m = memo(df)
    if "by_indicator" not in m:
        rows = df[df["selected"] & df["entity"].isin(_provinces())]
        rows = rows.sort_values(["indicator", "entity", "year", "period_end"])
        rows = rows.drop_duplicates(["indicator", "entity", "year"], keep="last")
        rows = rows[[c for c in COLUMNS if c in rows.columns]]
        m["by_indicator"] = {i: g.reset_index(drop=True) for i, g in rows.groupby("indicator", sort=False)}
    return m["by_indicator"]


def fullest(counts) -> int | None:
    """The key of ``counts`` (a mapping or Series, year -> how many held) with the most, the later
    on a tie (the one rule every "best year" of the province pages follows); None when empty."""
    keys = list(counts.index if isinstance(counts, pd.Series) else counts)
    return max(keys, key=lambda k: (counts[k], k)) if keys else None


def values(df: pd.DataFrame, indicator: str, codes=None, year: int | None = None) -> pd.DataFrame:
    """The selected figures of ``indicator`` for provinces (those of ``codes`` when given), one per
    province and year (the one covering the latest day), sorted by province and year."""
    rows = _by_indicator(df).get(indicator)
    if rows is None:
        return pd.DataFrame(columns=COLUMNS)
    if codes is not None:
        rows = rows[rows["entity"].isin(set(codes))]
    if year is not None:
        rows = rows[rows["year"] == year]
    return rows.reset_index(drop=True)


def ranked_population(rank: str, year: int) -> list[str]:
    """The provinces a rank of ``year`` is among: the 34 for the rank among them, else the
    provinces of that year."""
    return after() if rank in AMONG_THE_34 else population(year)


def complete(rows: pd.DataFrame, codes) -> bool:
    """Whether ``rows`` (one year's values) hold a value for every province of ``codes``."""
    return bool(len(codes)) and set(codes) <= set(rows["entity"])


def coverage(df: pd.DataFrame, indicator: str, year: int, codes) -> tuple[int, int]:
    """How many of the provinces ``codes`` have a value of ``indicator`` in ``year``, and of how many."""
    return len(values(df, indicator, codes, year)), len(codes)


def ranks(df: pd.DataFrame, rank: str, year: int) -> pd.DataFrame:
    """The ranks ``rank`` of ``year``: computed from the index values where that year's table is
    complete (``basis`` computed, ``published`` the printed rank where held), else the printed ranks
    the record holds (``basis`` published). Columns: indicator, entity, year, value (the rank),
    basis, published, id, source_id; best first."""
    codes = ranked_population(rank, year)
    printed = values(df, rank, codes, year)
    index = RANKED.get(rank)
    vals = values(df, index, codes, year) if index else printed[:0]
    if index and complete(vals, codes):
        computed = competition_ranks([float(v) for v in vals["value"]])
        by_code = dict(zip(printed["entity"], printed["value"], strict=True))
        out = vals.assign(
            indicator=rank,
            value=computed,
            basis="computed",
            published=[by_code.get(c) for c in vals["entity"]],
        )
    else:
        out = printed.assign(basis="published", published=printed["value"])
    return out[RANK_COLUMNS].sort_values(["value", "entity"]).reset_index(drop=True)


def rank_table(df: pd.DataFrame, rank: str) -> pd.DataFrame:
    """:func:`ranks` for every year the record holds a rank or a complete table of the index
    (computed once per table)."""
    m = memo(df)
    if ("ranks", rank) not in m:
        m[("ranks", rank)] = _rank_table(df, rank)
    return m[("ranks", rank)]


def _rank_table(df: pd.DataFrame, rank: str) -> pd.DataFrame:
    index = RANKED.get(rank)
    years = set(df.loc[df["indicator"] == rank, "year"])
    if index:
        years |= set(df.loc[df["indicator"] == index, "year"])
    parts = [ranks(df, rank, int(y)) for y in sorted(years)]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=RANK_COLUMNS)
