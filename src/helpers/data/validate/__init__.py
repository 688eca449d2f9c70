"""Validate a data folder: every problem is collected, then one error lists them all.

Each problem reads ``figures.csv:LINE: column 'NAME': value 'X': what was expected``. The columns and
the values a column may take come from ``datapackage.json`` (see ``helpers.data.schema``); the cell
checks from ``helpers.data.checks``. This package holds the table rules: figure ids (the pattern,
unique, never one listed in ``retired_ids.csv``), key duplicates, unknown indicator, source and
place ids, a place named outside its lifetime (Hà Giang after 30 June 2025), years and dates
disagreeing, ranks beyond the countries surveyed, shares outside 0-100, indices outside 0-1,
negative counts, values not stated in their quote; a figure
whose period is not its indicator's (a monthly figure in an annual series), dates a period needs or
forbids, a release (``vintage``) that claims to revise a later or absent one; targets without a
direction. Its rooms, one per table, lower first:

- ``rules``       the tables' columns and enumerations, and the limits the checks share
- ``indicators``  indicators.csv (the data dictionary)
- ``sources``     sources.csv
- ``places``      places.csv and place_crosswalk.csv: codes, lifetimes, each old province once
- ``territory``   a figure's territory: the place as it existed, or a merged province's value
                   its producer published for a period before it was formed (``successor``)
- ``figurerows``  one figures.csv row's full checks, and what checking the table collects
- ``fastpath``    vouches for plainly valid figures rows, fast, without messages
- ``retired``     retired_ids.csv: figure ids that may never come back
- ``figures``     figures.csv, streamed through the fast path and the full checks
- ``claims``      claims.csv
- ``targets``     targets.csv
- ``dataset``     :class:`Dataset` and :func:`validate`: every table, the coverage rules, the cache

Standard library only, so the report runner can validate before any kernel starts, without pandas.
``python -m helpers.data [DATA_DIR]`` (``make validate``, in ``helpers.data.__main__``) prints the
same list.
"""

from __future__ import annotations

from .dataset import Dataset, stamp, validate
from .dataset import _validated as _validated  # the cache, which tests clear
from .rules import (
    CLAIM_COLUMNS,
    CLAIM_KINDS,
    COMPARISONS,
    DATE_BASES,
    DIRECTIONS,
    FIGURE_COLUMNS,
    INDICATOR_COLUMNS,
    KINDS,
    LANGUAGES,
    MAX_TARGET_YEAR,
    NEEDS_BASE,
    NOT_STATED,
    PERIODS,
    PRODUCERS,
    SELECTION_RULES,
    SOURCE_COLUMNS,
    SOURCE_KINDS,
    STATUSES,
    TARGET_COLUMNS,
    UN_MEMBER_STATES,
)

__all__ = [
    "CLAIM_COLUMNS",
    "CLAIM_KINDS",
    "COMPARISONS",
    "DATE_BASES",
    "DIRECTIONS",
    "FIGURE_COLUMNS",
    "INDICATOR_COLUMNS",
    "KINDS",
    "LANGUAGES",
    "MAX_TARGET_YEAR",
    "NEEDS_BASE",
    "NOT_STATED",
    "PERIODS",
    "PRODUCERS",
    "SELECTION_RULES",
    "SOURCE_COLUMNS",
    "SOURCE_KINDS",
    "STATUSES",
    "TARGET_COLUMNS",
    "UN_MEMBER_STATES",
    "Dataset",
    "stamp",
    "validate",
]
