"""The data layer: ``data/`` read, checked and loaded. Modules, lower first:

- ``schema``     the contract, read from ``data/datapackage.json``: files, columns, enumerations
- ``text``       data text as a terminal, a browser and a spreadsheet take it (escaped, hidden, formula)
- ``atomic``     files written whole (a reader sees the old content or the new): the record, the
                 content cache and the runner's published files
- ``problems``   the Problem and DataValidationError types (root causes first, values escaped)
- ``csvio``      read CSV files with line numbers (``read_table``); ``csvstream`` streams a large
                 one (``RowStream``), ``csvparts`` holds what both check
- ``contentcache`` what checking a file's bytes found, kept on disk by content (clean results only),
                 shared by every copy of the data folder on this machine
- ``folder``     the data folder's entries (no FIFO, device or link out) and what its page publishes
- ``descriptor`` the folder's own datapackage.json checked as input (names, paths inside the folder)
- ``textdates``  the dates written in a text (never a figure's value)
- ``numbers``    parse number phrases in Vietnamese and English; each language's number convention
- ``checks``     the field checker: one cell as a number, year, date, boolean, choice or text
- ``breaks``     definition breaks: when an indicator starts counting something else, or ends
- ``periods``    the span a figure covers (year, half, quarter, month, year to date, day, as of)
- ``un``         normalise the raw UN E-Government Survey tables into long form; computed ranks
- ``uncache``    the parsed UN tables, kept in that cache by their bytes
- ``dti``        normalise the raw Digital Transformation Index tables into figures by place code
- ``gazetteer``  the places (country, provinces) with their lifetimes; names as sources write them
- ``coverage``   what a folder must hold: figures for every headline indicator and for each claim
- ``validate/``  the table rules, one room per table, and the validated :class:`Dataset` (cached
                 per folder state); its ``__init__`` draws its rooms
- ``cadence``    release cadences: when an indicator's next figure is expected, and stale records
- ``version``    the data's hashes (per indicator, per entity) and the data version that names them
- ``record``     a persistent record of the data states that validated (the runner's no-op builds)
- ``__main__``   ``python -m helpers.data`` (``make validate``): the validation command line
- ``reads``      which indicators a report read (for the runner's dependency tracking)
- ``tidy``       the tidy pandas table and the selection of one value per point
- ``lazy``       the names of ``load`` this package offers, fetched on first use
- ``load``       what notebooks call: ``load_figures``, the dictionary, the sources, the targets,
                 the places and the crosswalk

Everything up to ``reads`` is standard library only, and importing this package imports no more:
the names of ``load`` are fetched when first used, so ``python -m helpers.data`` (``make validate``)
and the report runner's checks run without pandas.
"""

from __future__ import annotations

from .csvio import DataValidationError, Problem
from .lazy import LOAD_NAMES
from .validate import Dataset, validate

__all__ = ["DataValidationError", "Dataset", "Problem", "validate", *sorted(LOAD_NAMES)]


def __getattr__(name: str):
    if name in LOAD_NAMES:
        from . import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
