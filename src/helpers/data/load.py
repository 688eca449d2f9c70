"""Load the figures as one tidy pandas table: curated and UN alike, validated on every load.

>>> from helpers.data import load_figures
>>> df = load_figures(["egdi_rank"])          # only what the notebook needs
>>> df.query("entity == 'VNM' and selected")

Columns: the columns of ``figures.csv`` (``id, indicator, entity, territory, year, period, date,
date_basis, window, value, status, vintage, revises, producer, source_id, quote, note, derived,
preferred``; ``territory`` is ``successor`` for a producer's value for the territory of a province
formed after the figure's period, such as DTI 2024 for the 34 provinces: a chart labels it "as
published for the merged province", ``locale.territory_label``), then ``selected``, ``selection_reason``, ``superseded``, ``period_start``, ``period_end``, ``complete``,
``period_label`` (English, e.g. "Q1 2022 (to 23/3)"; pages use ``locale.when``), ``qualifier``,
``origin`` (``curated``, ``un`` for a value read from a UN table, ``un_computed`` for a rank or
position computed from them, ``dti`` for a value read from a DTI table), ``file`` and ``line``. ``id`` names a figure for good: a curated row's
id is typed in ``figures.csv`` (``f0001``); a figure generated from a UN table gets
``un:<indicator>:<ENTITY>:<year>`` (:func:`un_id`), one from a DTI table
``dti:<indicator>:<place>:<year>`` (``helpers.data.dti.dti_id``), each in its own namespace.

``selected`` marks the one value per point (indicator, entity, year, period, date) that charts use.
With the ``official_then_latest`` rule the order is: a row marked ``preferred``; the latest release
(``vintage``); a row whose ``producer`` is the indicator's ``authority``; the more precise statement
(no "over", "about" or "nearly"; more significant digits); the more official source kind; the later
publication. ``latest`` skips the authority and the source kind. ``selection_reason`` says which
step decided; ``superseded`` marks a release a later one of the same point replaced.

:func:`targets` gives the targets (``targets.csv``) beside the latest actual value.

After :func:`record_reads` (which the report runner calls in a report's kernel), every load appends
the indicator ids it read ("*" for all) to that file: the runner uses it to rebuild only the reports
whose data changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..paths import data_dir as _data_dir
from . import schema
from .csvio import DataValidationError
from .lazy import LOAD_NAMES
from .reads import note_read, note_version
from .reads import record_reads as record_reads  # re-exported (LOAD_NAMES)
from .tidy import COLUMNS as COLUMNS  # re-exported (LOAD_NAMES)
from .tidy import tidy
from .tidy import un_id as un_id  # re-exported (LOAD_NAMES)
from .un import ASEAN as ASEAN  # re-exported (LOAD_NAMES)
from .validate import Dataset, validate

__all__ = ["DataValidationError", *sorted(LOAD_NAMES)]

TARGET_COLUMNS = [
    *schema.columns("targets"),
    "actual_value",
    "actual_year",
    "actual_date",
    "actual_source_id",
    "gap",
    "met",
    "verdict",
    "reason",
    "judged_by",
    "judged_on",
]

# The last dataset loaded, its tidy table and the tables derived from it (dictionary, sources).
_loaded: list[tuple[Dataset, pd.DataFrame, dict[str, pd.DataFrame]]] = []


def _current(data_dir: str | Path | None) -> tuple[Dataset, pd.DataFrame, dict[str, pd.DataFrame]]:
    ds = validate(_data_dir(data_dir))  # cached by validate while the files are unchanged
    if not _loaded or _loaded[0][0] is not ds:
        _loaded[:] = [(ds, tidy(ds), {})]
    note_version(ds)  # a report's page is stamped with the data it was built from
    return _loaded[0]


def load_dataset(data_dir: str | Path | None = None) -> tuple[Dataset, pd.DataFrame]:
    """The validated dataset and its full tidy table, cached while the files are unchanged."""
    ds, df, _ = _current(data_dir)
    return ds, df


def load_figures(
    indicators: Iterable[str] | str | None = None,
    data_dir: str | Path | None = None,
    entities: Iterable[str] | str | None = None,
    everywhere: Iterable[str] = (),
) -> pd.DataFrame:
    """Every figure (curated and UN) as a tidy table, or only those of ``indicators``, and of
    ``entities`` (ISO3 or place codes) when given, except the indicators of ``everywhere``, read for
    every entity (a rank computed from the whole table), in the tidy table's order.

    A report that reads some entities only is rebuilt when their figures change, not when another
    country's do (the runner tracks ``indicator@ENTITY``).

    Raises :class:`DataValidationError` listing every problem when the data is invalid, and
    ``KeyError`` naming the valid ids for an unknown indicator.
    """
    ds, df = load_dataset(data_dir)
    if isinstance(indicators, str):
        indicators = [indicators]
    if isinstance(entities, str):
        entities = [entities]
    if indicators is None:
        note_read(None)
        out = df if entities is None else df[df["entity"].isin(list(entities))]
        return out.copy() if entities is None else out.reset_index(drop=True)
    wanted = list(indicators)
    unknown = [i for i in wanted if i not in ds.indicators]
    if unknown:
        raise KeyError(f"unknown indicator(s) {unknown}; valid ids: {', '.join(sorted(ds.indicators))}")
    if entities is None:
        note_read(wanted)
        return df[df["indicator"].isin(wanted)].reset_index(drop=True)
    codes, whole = list(entities), [i for i in wanted if i in set(everywhere)]
    note_read([*whole, *(f"{i}@{e}" for i in wanted if i not in whole for e in codes)])
    keep = df["indicator"].isin(wanted) & (df["entity"].isin(codes) | df["indicator"].isin(whole))
    return df[keep].reset_index(drop=True)


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


def places(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The places (places.csv) as a table indexed by code: the country and every province, with its
    names, codes and lifetime (``valid_from``, ``valid_to``: dates, or None) and ``aliases`` as a
    tuple."""
    ds, _, derived = _current(data_dir)
    if "places" not in derived:
        records = [vars(p) for p in ds.places.by_code.values()]
        derived["places"] = pd.DataFrame.from_records(records).set_index("code")
    return derived["places"].copy()


def place_crosswalk(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The crosswalk (place_crosswalk.csv): each province before 1 July 2025 (``old_code``), the
    province it became (``new_code``), the day, the resolution's clause, the source and the quote."""
    ds, _, _ = _current(data_dir)
    return pd.DataFrame.from_records(list(ds.places.crosswalk), columns=schema.columns("place_crosswalk"))


def higher_is_better(indicator: str, data_dir: str | Path | None = None) -> bool:
    """Whether a higher value of ``indicator`` is better (the dictionary's ``higher_is_better``):
    the direction in which ranks and positions count (a rank is better when lower)."""
    return bool(_records(data_dir, "indicators").loc[indicator, "higher_is_better"])


def targets(
    indicators: Iterable[str] | str | None = None,
    data_dir: str | Path | None = None,
    judged_on: dt.date | None = None,
) -> pd.DataFrame:
    """The targets (``targets.csv``), each judged by the rules of :mod:`helpers.compare.targets` on
    ``judged_on`` (default: the data's own date, ``cadence.judgement_date``; never the clock):
    ``verdict`` (met, missed, on track, not yet judged, cannot be judged), ``reason`` (why it is not
    judged, in English), ``judged_by`` (the id of the figure the verdict rests on, or of the latest
    figure when none judges it), ``actual_value``, ``actual_year``, ``actual_date`` and
    ``actual_source_id`` of that figure, ``gap`` (actual minus target) and ``met`` (True for met,
    False for missed, else None). Pages say verdicts through ``helpers.compare.state``."""
    from ..compare.figure import Figure
    from ..compare.targets import judge
    from . import breaks, cadence

    ds, df = load_dataset(data_dir)
    if isinstance(indicators, str):
        indicators = [indicators]
    wanted = None if indicators is None else set(indicators)
    note_read(None if wanted is None else wanted)
    chosen = df[df["selected"]]
    rows = []
    for t in ds.targets:
        if wanted is not None and t["indicator"] not in wanted:
            continue
        mine = chosen[(chosen["indicator"] == t["indicator"]) & (chosen["entity"] == t["entity"])]
        figs = [Figure.of(r) for r in mine.to_dict("records")]
        on = judged_on or cadence.judgement_date(ds) or max((f.end for f in figs), default=dt.date.min)
        spec = ds.indicators[t["indicator"]]
        verdict, judging, latest, why = judge(t, figs, on, breaks.parse(spec["definition_break"]) or [])
        shown = judging or latest
        value = None if shown is None else shown.value
        rows.append(
            {
                **{k: t[k] for k in schema.columns("targets") if k != "date"},
                "date": t["date"].isoformat() if t["date"] else "",
                "actual_value": value,
                "actual_year": None if shown is None else shown.year,
                "actual_date": "" if shown is None else shown.date,
                "actual_source_id": "" if shown is None else shown.source_id,
                "gap": None if value is None else value - t["value"],
                "met": {"met": True, "missed": False}.get(verdict),
                "verdict": verdict,
                "reason": "" if why is None else why.text,
                "judged_by": "" if shown is None else shown.id,
                "judged_on": on.isoformat(),
            }
        )
    return pd.DataFrame.from_records(rows, columns=TARGET_COLUMNS)


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
