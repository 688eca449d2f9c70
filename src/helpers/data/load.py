"""Load the figures as one tidy pandas table: curated and UN alike, validated on every load.

>>> from helpers.data import load_figures
>>> df = load_figures(["egdi_rank"])          # only what the notebook needs
>>> df.query("entity == 'VNM' and selected")

Columns: ``indicator, entity, year, date, value, source_id, quote, note, derived, preferred,
selected, qualifier, origin, file, line``. ``selected`` marks the one value per point
(indicator, entity, year, date) that charts use, chosen by the indicator's ``selection_rule``.

After :func:`record_reads` (which the report runner calls in a report's kernel), every load appends
the indicator ids it read ("*" for all) to that file: the runner uses it to rebuild only the reports
whose data changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..paths import data_dir as _data_dir
from . import numbers, schema
from .csvio import DataValidationError
from .validate import FIGURE_COLUMNS, Dataset, validate

__all__ = [
    "DataValidationError",
    "load_dataset",
    "load_figures",
    "indicators",
    "sources",
    "series",
    "latest",
    "higher_is_better",
    "record_reads",
    "ASEAN",
]

COLUMNS = [*FIGURE_COLUMNS, "selected", "qualifier", "origin", "file", "line"]
# The 11 countries of South-East Asia (UN M49 region 035), Viet Nam's peers.
ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM")
# The selection rule's order of source kinds: the order of the enumeration in datapackage.json.
SOURCE_KIND_ORDER = {kind: i for i, kind in enumerate(schema.enum("sources", "kind"))}

# The last dataset loaded, its tidy table and the tables derived from it (dictionary, sources).
_loaded: list[tuple[Dataset, pd.DataFrame, dict[str, pd.DataFrame]]] = []


def _current(data_dir: str | Path | None) -> tuple[Dataset, pd.DataFrame, dict[str, pd.DataFrame]]:
    ds = validate(_data_dir(data_dir))  # cached by validate while the files are unchanged
    if not _loaded or _loaded[0][0] is not ds:
        _loaded[:] = [(ds, _tidy(ds), {})]
    return _loaded[0]


def load_dataset(data_dir: str | Path | None = None) -> tuple[Dataset, pd.DataFrame]:
    """The validated dataset and its full tidy table, cached while the files are unchanged."""
    ds, df, _ = _current(data_dir)
    return ds, df


def _tidy(ds: Dataset) -> pd.DataFrame:
    records = []
    for f in ds.figures:
        records.append(
            {
                **{k: f[k] for k in ("indicator", "entity", "year", "value", "source_id", "quote", "note")},
                "date": f["date"].isoformat() if f["date"] else "",
                "derived": f["derived"],
                "preferred": f["preferred"],
                "qualifier": numbers.qualifier_for(f["value"], f["quote"]) or "",
                "origin": "curated",
                "file": "figures.csv",
                "line": f["line"],
            }
        )
    for u in ds.un.figures:
        records.append(
            {
                "indicator": u.indicator,
                "entity": u.entity,
                "year": u.year,
                "date": "",
                "value": float(u.value),
                "source_id": u.source_id,
                "quote": u.quote,
                "note": "",
                "derived": False,
                "preferred": False,
                "qualifier": "",
                "origin": "un",
                "file": u.file,
                "line": u.line,
            }
        )
    df = pd.DataFrame.from_records(records)
    df["selected"] = _select(df, ds)
    df["year"] = df["year"].astype("int64")
    df = df[COLUMNS].sort_values(["indicator", "entity", "year", "date", "source_id"], kind="stable")
    return df.reset_index(drop=True)


def _select(df: pd.DataFrame, ds: Dataset) -> pd.Series:
    """One row per point: preferred, else by source kind (per the rule), else latest published."""
    kind_rank = df["source_id"].map(lambda s: SOURCE_KIND_ORDER.get(ds.sources[s]["kind"], 9))
    rule = df["indicator"].map(lambda i: ds.indicators[i]["selection_rule"])
    published = df["source_id"].map(lambda s: ds.sources[s]["published"])
    order = pd.DataFrame(
        {
            "pref": ~df["preferred"],
            "kind": kind_rank.where(rule == "official_then_latest", 0),
            "published": published,
        }
    )
    ranked = order.sort_values(["pref", "kind", "published"], ascending=[True, True, False], kind="stable")
    first = df.loc[ranked.index].drop_duplicates(["indicator", "entity", "year", "date"]).index
    return df.index.isin(first)


_reads_file: list[Path] = []  # where loads note what they read, once the runner asked for it


def record_reads(path: str | Path | None) -> None:
    """From now on, append the indicator ids every load reads to ``path`` (None: stop recording).

    The report runner calls this in a report's kernel before the notebook runs (see
    ``helpers.reports.engine``); it is how the runner learns what a report depends on."""
    _reads_file[:] = [] if path is None else [Path(path)]


def note_read(indicator_ids: Iterable[str] | None) -> None:
    """Note what was read ("*" for everything) in the file :func:`record_reads` named, if any."""
    if not _reads_file:
        return
    ids = ["*"] if indicator_ids is None else sorted(set(indicator_ids))
    with open(_reads_file[0], "a", encoding="utf-8") as fh:
        fh.write("".join(f"{i}\n" for i in ids))


def load_figures(
    indicators: Iterable[str] | str | None = None, data_dir: str | Path | None = None
) -> pd.DataFrame:
    """Every figure (curated and UN) as a tidy table, or only those of ``indicators``.

    Raises :class:`DataValidationError` listing every problem when the data is invalid, and
    ``KeyError`` naming the valid ids for an unknown indicator.
    """
    ds, df = load_dataset(data_dir)
    if isinstance(indicators, str):
        indicators = [indicators]
    if indicators is None:
        note_read(None)
        return df.copy()
    wanted = list(indicators)
    unknown = [i for i in wanted if i not in ds.indicators]
    if unknown:
        raise KeyError(f"unknown indicator(s) {unknown}; valid ids: {', '.join(sorted(ds.indicators))}")
    note_read(wanted)
    return df[df["indicator"].isin(wanted)].reset_index(drop=True)


def _records(data_dir: str | Path | None, name: str) -> pd.DataFrame:
    """indicators.csv or sources.csv as a table indexed by id, built once per dataset."""
    ds, _, derived = _current(data_dir)
    if name not in derived:
        records = list(getattr(ds, name).values())
        derived[name] = pd.DataFrame.from_records(records).drop(columns="line").set_index("id")
    return derived[name]


def indicators(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The data dictionary (indicators.csv) as a table indexed by id."""
    return _records(data_dir, "indicators").copy()


def sources(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The sources (sources.csv) as a table indexed by id."""
    return _records(data_dir, "sources").copy()


def higher_is_better(indicator: str, data_dir: str | Path | None = None) -> bool:
    """Whether a higher value of ``indicator`` is better (the dictionary's ``higher_is_better``):
    the direction in which ranks and positions count (a rank is better when lower)."""
    return bool(_records(data_dir, "indicators").loc[indicator, "higher_is_better"])


def series(df: pd.DataFrame, indicator: str, entity: str = "VNM", selected: bool = True) -> pd.DataFrame:
    """One indicator's figures for one entity, in time order (only the selected rows by default)."""
    out = df[(df["indicator"] == indicator) & (df["entity"] == entity)]
    if selected:
        out = out[out["selected"]]
    return out.assign(_d=out["date"].replace("", None)).sort_values(["year", "_d"]).drop(columns="_d")


def latest(df: pd.DataFrame, indicator: str, entity: str = "VNM") -> pd.Series | None:
    """The most recent selected figure of an indicator, or None."""
    s = series(df, indicator, entity)
    return None if s.empty else s.iloc[-1]
