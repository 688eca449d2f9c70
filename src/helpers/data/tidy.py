"""The tidy table ``load`` serves: one row per figure, curated, UN and DTI alike, and the selection of
the one value per point that charts use (the rule is described in ``helpers.data.load``)."""

from __future__ import annotations

import pandas as pd

from . import numbers, periods, schema
from .validate import FIGURE_COLUMNS, Dataset

COLUMNS = [
    *FIGURE_COLUMNS,
    "selected",
    "selection_reason",
    "superseded",
    "period_start",
    "period_end",
    "complete",
    "period_label",
    "qualifier",
    "origin",
    "file",
    "line",
]
POINT = ["indicator", "entity", "year", "period", "date"]
# The selection rule's order of source kinds: the order of the enumeration in datapackage.json.
SOURCE_KIND_ORDER = {kind: i for i, kind in enumerate(schema.enum("sources", "kind"))}


def un_id(indicator: str, entity: str, year: int) -> str:
    """The id of a figure generated from the UN tables: ``un:egdi_rank:VNM:2024``."""
    return f"un:{indicator}:{entity}:{year}"


def tidy(ds: Dataset) -> pd.DataFrame:
    records = []
    for f in ds.figures:
        start, end = periods.window(f["period"], f["year"], f["date"])
        records.append(
            {
                **{
                    k: f[k]
                    for k in (
                        *("id", "indicator", "entity", "territory", "year", "period", "date_basis", "window"),
                        *("value", "status"),
                        *("vintage", "revises", "producer", "source_id", "quote", "note"),
                    )
                },
                "date": f["date"].isoformat() if f["date"] else "",
                "derived": f["derived"],
                "preferred": f["preferred"],
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "complete": periods.complete(f["period"], f["year"], f["date"]),
                "period_label": periods.label(f["period"], f["year"], f["date"]),
                "qualifier": numbers.qualifier_for(f["value"], f["quote"]) or "",
                "origin": "curated",
                "file": "figures.csv",
                "line": f["line"],
            }
        )
    for u in ds.un.figures:
        origin = "un_computed" if u.method else "un"
        records.append(_table_record(u, un_id(u.indicator, u.entity, u.year), "UN DESA", origin))
    for d in ds.dti.figures if ds.dti else ():
        # MIC published DTI 2020-2023; the ministry merged into MOST in 2025, which published DTI 2024.
        producer = "MIC" if d.year <= 2023 else "MOST"
        records.append(_table_record(d, d.id, producer, "dti_computed" if d.method else "dti"))
    df = pd.DataFrame.from_records(records)
    df["selected"], df["selection_reason"], df["superseded"] = select(df, ds)
    df["year"] = df["year"].astype("int64")
    df = df[COLUMNS].sort_values([*POINT, "source_id"], kind="stable")
    return df.reset_index(drop=True)


def _table_record(u, fid: str, producer: str, origin: str) -> dict:
    """A figure read from (or computed from) a raw table, UN or DTI, as a tidy record."""
    return {
        "id": fid,
        "indicator": u.indicator,
        "entity": u.entity,
        "territory": getattr(u, "territory", ""),  # DTI tables may mark a successor's value; UN never
        "year": u.year,
        "period": "year",
        "date": "",
        "date_basis": "",
        "window": "",
        "value": float(u.value),
        "status": "final",
        "vintage": "",
        "revises": "",
        "producer": producer,
        "source_id": u.source_id,
        "quote": u.quote,
        "note": u.method,
        "derived": bool(u.method),
        "preferred": False,
        "period_start": f"{u.year}-01-01",
        "period_end": f"{u.year}-12-31",
        "complete": True,
        "period_label": str(u.year),
        "qualifier": "",
        "origin": origin,
        "file": u.file,
        "line": u.line,
    }


def _significant_digits(value: float) -> int:
    digits = f"{abs(value):.10g}".replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


# The selection steps, in order: (column of the ordering table, reason when it decides).
_STEPS = [
    ("pref", "preferred"),
    ("vintage", "latest release"),
    ("authority", "producer is the series' authority"),
    ("precise", "more precise statement"),
    ("kind", "more official source kind"),
    ("published", "later publication"),
]


def select(df: pd.DataFrame, ds: Dataset) -> tuple[pd.Series, pd.Series, pd.Series]:
    """One row per point (see ``helpers.data.load``'s docstring), the reason it won, and the superseded releases."""
    official = df["indicator"].map(lambda i: ds.indicators[i]["selection_rule"]) == "official_then_latest"
    authority = df["indicator"].map(lambda i: ds.indicators[i]["authority"])
    in_authority = pd.Series([p in a for p, a in zip(df["producer"], authority, strict=True)], index=df.index)
    order = pd.DataFrame(
        {
            "pref": (~df["preferred"]).astype(int),
            # rows with a vintage before rows without; the latest vintage first
            "vintage": df["vintage"].map(
                lambda v: "0" + "".join(chr(255 - ord(ch)) for ch in v) if v else "1"
            ),
            "authority": (~in_authority).astype(int).where(official, 0),
            "precise": (df["qualifier"] != "").astype(int) * 100 - df["value"].map(_significant_digits),
            "kind": df["source_id"]
            .map(lambda s: SOURCE_KIND_ORDER.get(ds.sources[s]["kind"], 9))
            .where(official, 0),
            "published": df["source_id"].map(
                lambda s: "".join(chr(255 - ord(ch)) for ch in ds.sources[s]["published"]) or "\uffff"
            ),
        },
        index=df.index,
    )
    cols = [c for c, _ in _STEPS]
    ranked = order.sort_values(cols, kind="stable")
    # The point of each row, as one string, in ranked order (column by column: a row-wise join of
    # 16,000 rows cost half a second of every build's warm-up).
    points = df.loc[ranked.index, POINT].astype(str)
    keys = points[POINT[0]]
    for c in POINT[1:]:
        keys = keys + "\x1f" + points[c]
    rank = keys.groupby(keys, sort=False).cumcount().to_numpy()  # 0: the point's winner
    size = keys.map(keys.value_counts()).to_numpy()
    firsts = keys.index[rank == 0]
    runner_up = dict(zip(keys.to_numpy()[rank == 1], keys.index[rank == 1], strict=True))
    selected = pd.Series(False, index=df.index)
    selected.loc[firsts] = True
    reason = pd.Series("", index=df.index)
    reason.loc[keys.index[(rank == 0) & (size == 1)]] = "only value"
    why: dict = {}
    for first, key in zip(
        keys.index[(rank == 0) & (size > 1)], keys.to_numpy()[(rank == 0) & (size > 1)], strict=True
    ):
        a, b = order.loc[first], order.loc[runner_up[key]]
        step = next(((c, w) for c, w in _STEPS if a[c] != b[c]), None)
        if step is None:
            why[first] = "first listed (the sources tie)"
        elif step[0] == "pref":
            why[first] = f"preferred: {df.at[first, 'note']}"
        elif step[0] == "vintage":
            why[first] = f"latest release ({df.at[first, 'vintage']})"
        elif step[0] == "authority":
            why[first] = f"producer is the series' authority ({df.at[first, 'producer']})"
        else:
            why[first] = step[1]
    if why:
        reason.loc[list(why)] = list(why.values())
    # a release is superseded when a later vintage of the same point exists
    vint = df[df["vintage"] != ""]
    latest = vint.groupby(POINT)["vintage"].transform("max")
    superseded = pd.Series(False, index=df.index)
    superseded[vint.index] = vint["vintage"] < latest
    return selected, reason, superseded
