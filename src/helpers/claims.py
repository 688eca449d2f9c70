"""Check the sources' relative claims ("tăng 57%", "tăng 15 bậc") against the figures.

Each claim in ``data/claims.csv`` is recomputed from the selected figures. The result gives the
computed value, its ``gap`` to the stated one (and ``gap_pct``), a ``tolerance`` class and a status:

- ``exact``: within the rounding of the stated number ("57%" is 56.5 to 57.5), or the stated bound
  holds ("hơn 24 lần" and 24.2): status ``consistent``;
- ``loose``: off by at most 10% of the stated number, the way the press rounds ("2,5 lần" for 2.65
  times): status ``loose``, not false;
- ``off``: further off: status ``inconsistent``.

A claim that cannot be computed is ``not checkable``, with the reason (usually a figure the data does
not have; for ``external_ranking``, a ranking whose data is not held). A claim never adds a figure to
the data.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .compare import state
from .data import ASEAN, load_dataset
from .data.load import note_read

# A press-reported rank and the UN index it is recomputed from.
RANK_FROM_INDEX = {
    "osi_rank": "osi_value",
    "egdi_rank": "egdi_value",
    "hci_rank": "hci_value",
    "tii_rank": "tii_value",
    "epi_rank": "epi_value",
}
LOOSE = 0.10  # press rounding: within 10% of the stated number


def _value(
    df: pd.DataFrame, indicator: str, entity: str, year: int, used: list | None = None
) -> float | None:
    """The selected value of a point in ``year``: for dated figures, the latest date in the year.

    A rank with no figure of its own is computed from the UN index it ranks (see RANK_FROM_INDEX).
    The id of the figure it rests on is appended to ``used``."""
    rows = df[
        (df["indicator"] == indicator) & (df["entity"] == entity) & (df["year"] == year) & df["selected"]
    ]
    if rows.empty:
        return _rank_from_index(df, indicator, entity, year, used)
    row = rows.sort_values("date").iloc[-1]
    if used is not None:
        used.append(row["id"])
    return float(row["value"])


def _rank_from_index(
    df: pd.DataFrame, indicator: str, entity: str, year: int, used: list | None = None
) -> float | None:
    """1 + the number of countries with a higher UN index value in ``year`` (None without a table)."""
    source = RANK_FROM_INDEX.get(indicator)
    idx = (
        df[(df["indicator"] == source) & (df["year"] == year) & (df["origin"] == "un")] if source else df[:0]
    )
    mine = idx[idx["entity"] == entity]
    if mine.empty:
        return None
    if used is not None:
        used.append(mine["id"].iloc[0])
    return float((idx["value"] > mine["value"].iloc[0]).sum() + 1)


def _province_rank(df: pd.DataFrame, indicator: str, entity: str, year: int) -> float | None:
    """A province's rank in ``year`` as the publisher's ranking table gives it (origin ``dti``): a
    press statement of the rank is checked against the table, never against another press row."""
    rows = df[
        (df["indicator"] == indicator)
        & (df["entity"] == entity)
        & (df["year"] == year)
        & (df["origin"] == "dti")
    ]
    return None if rows.empty else float(rows["value"].iloc[0])


def _compare(actual: float, stated: float, comparison: str, decimals: int) -> bool:
    if comparison == "over":
        return actual > stated
    if comparison == "under":
        return actual < stated
    if comparison == "at_least":
        return actual >= stated
    return abs(actual - stated) <= 0.5 * 10**-decimals + 1e-9


def check_claim(claim: dict, df: pd.DataFrame) -> dict:
    """One claim's result: status, computed value, an explanation and the ids of the figures it rests
    on (``figures``). Figures that may not be compared (``helpers.compare``: a forecast beside an
    outturn, a definition break between them) leave the claim not checkable."""
    used: list[str] = []
    result = _check(claim, df, used)
    result["figures"] = list(dict.fromkeys(used))
    result["reason"] = ""
    rows = df.set_index("id", drop=False).loc[result["figures"]] if result["figures"] else df[:0]
    st = state("claim", [r for _, r in rows.iterrows()], claim=result)
    if st.reason is not None:
        result.update(status="not checkable", explanation="", computed=None, gap=None, gap_pct=None)
        result.update(tolerance="", reason=st.reason.code)  # pages say why in their language
    return result


def _check(claim: dict, df: pd.DataFrame, used: list) -> dict:
    ind, ent, year, base = claim["indicator"], claim["entity"], claim["year"], claim["base_year"]
    kind, stated = claim["kind"], claim["stated"]
    computed: float | None = None
    why = ""
    if kind in ("pct_change", "ratio", "rank_change", "difference"):
        now, then = _value(df, ind, ent, year, used), _value(df, ind, ent, base, used)
        if now is None or then is None:
            missing = [str(y) for y, v in ((base, then), (year, now)) if v is None]
            why = f"no {ind} figure for {' and '.join(missing)}"
        elif kind == "pct_change":
            computed = (now / then - 1) * 100 if then else None
        elif kind == "ratio":
            computed = now / then if then else None
        elif kind == "rank_change":
            computed = then - now
        else:
            computed = now - then
    elif kind == "regional_position":
        peers = df[
            (df["indicator"] == ind) & (df["year"] == year) & df["selected"] & df["entity"].isin(ASEAN)
        ]
        if ent not in set(peers["entity"]):
            why = f"no {ind} figure for {ent} in {year}"
        else:
            used.extend(peers["id"])
            ascending = not claim["higher_is_better"]  # from the data dictionary
            order = peers.sort_values("value", ascending=ascending)["entity"].tolist()
            computed = float(order.index(ent) + 1)
    elif kind == "computed_rank":
        computed = _rank_from_index(df, ind, ent, year, used)
        if computed is None:
            why = f"no UN {RANK_FROM_INDEX.get(ind, 'index')} table for {year}"
    elif kind == "province_rank":
        computed = _province_rank(df, ind, ent, year)
        if computed is None:
            why = f"the publisher's {year} table (raw/dti/) does not rank {ent}"
    elif kind == "first_above":
        rows = df[(df["indicator"] == ind) & (df["entity"] == ent) & df["selected"]].sort_values("year")
        if year not in set(rows["year"]):
            why = f"no {ind} figure for {year}"
        else:
            earlier = rows[(rows["year"] < year) & (rows["value"] >= stated)]
            computed = float(rows[rows["year"] == year]["value"].iloc[-1])
            used.append(rows[rows["year"] == year]["id"].iloc[-1])
            if not earlier.empty:
                first = int(earlier["year"].iloc[0])
                return _result(
                    claim, "inconsistent", computed, f"already {earlier['value'].iloc[0]:g} in {first}", "off"
                )
    elif kind == "ratio_to":
        other = claim["other_indicator"]
        now, base_value = _value(df, ind, ent, year, used), _value(df, other, ent, year, used)
        if now is None or base_value is None:
            missing = [i for i, v in ((ind, now), (other, base_value)) if v is None]
            why = f"no {' and no '.join(missing)} figure for {year}"
        elif base_value:
            computed = now / base_value
    elif kind == "above_target":
        targets = [t for t in claim["targets"] if t["indicator"] == ind and t["value"] == stated]
        computed = _value(df, ind, ent, year, used)
        if not targets:
            why = f"no {ind} target of {stated:g} in targets.csv"
            computed = None
        elif computed is None:
            why = f"no {ind} figure for {year}"
    elif kind == "external_ranking":
        why = "a position in a ranking whose data (the other countries' values) is not held"
    else:  # share_of: the whole is not in the data
        why = "the quantity it is a share of is not in the data"
    if computed is None:
        return _result(claim, "not checkable", None, why or "division by zero")
    ok = _compare(computed, stated, claim["comparison"], claim["decimals"])
    if ok:
        return _result(claim, "consistent", computed, "", "exact")
    loose = stated and abs(computed - stated) <= LOOSE * abs(stated)
    if loose:
        return _result(claim, "loose", computed, "within 10% of the stated number (press rounding)", "loose")
    return _result(claim, "inconsistent", computed, "", "off")


RESULT_COLUMNS = [
    "id",
    "indicator",
    "other_indicator",
    "kind",
    "base_year",
    "year",
    "stated",
    "comparison",
    "computed",
    "gap",
    "gap_pct",
    "tolerance",
    "status",
    "explanation",
    "source_id",
    "quote",
    "figures",
    "reason",
]


def _result(claim: dict, status: str, computed: float | None, why: str, tolerance: str = "") -> dict:
    gap = None if computed is None else computed - claim["stated"]
    return {
        "id": claim["id"],
        "indicator": claim["indicator"],
        "other_indicator": claim.get("other_indicator", ""),
        "kind": claim["kind"],
        "base_year": claim["base_year"],
        "year": claim["year"],
        "stated": claim["stated"],
        "comparison": claim["comparison"],
        "computed": None if computed is None else round(computed, 4),
        "gap": None if gap is None else round(gap, 4),
        "gap_pct": None if gap is None or not claim["stated"] else round(100 * gap / claim["stated"], 2),
        "tolerance": tolerance,
        "status": status,
        "explanation": why,
        "source_id": claim["source_id"],
        "quote": claim["quote"],
    }


def check_claims(
    indicators: Iterable[str] | None = None,
    data_dir: str | Path | None = None,
    entities: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every claim (or those about ``indicators``, and about ``entities`` when given) checked against
    the figures."""
    ds, df = load_dataset(data_dir)
    wanted = None if indicators is None else set(indicators)
    places = None if entities is None else set(entities)
    claims = [
        c
        for c in ds.claims
        if (wanted is None or c["indicator"] in wanted) and (places is None or c["entity"] in places)
    ]
    deps = (
        {c["indicator"] for c in claims}
        | {c["other_indicator"] for c in claims if c["other_indicator"]}
        | {RANK_FROM_INDEX[c["indicator"]] for c in claims if c["indicator"] in RANK_FROM_INDEX}
    )
    if wanted is not None and places is not None:  # a claim added about one of them is a change too
        deps |= {f"{i}@{e}" for i in wanted for e in sorted(places)}
    note_read(None if wanted is None else deps)
    results = [
        check_claim(
            {
                **c,
                "higher_is_better": ds.indicators[c["indicator"]]["higher_is_better"],
                "targets": ds.targets,
            },
            df,
        )
        for c in claims
    ]
    return pd.DataFrame.from_records(results, columns=RESULT_COLUMNS)
