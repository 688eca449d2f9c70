"""The first lines of every notebook, as one call::

    P, df = start(["ndxp_transactions"], start_year=start_year, end_year=end_year, lang=lang,
                  output_dir=output_dir)

checks the parameters (a :class:`~helpers.params.ParameterError` lists every problem), loads the
figures of the indicators named (every figure with None) and keeps the years from ``start_year`` to
``end_year`` when they are given. A year of 0 (the notebooks' default) follows the data: the first or
the last year the figures read hold, so a new year of data shows with no parameter changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import SimpleNamespace

import pandas as pd

from . import params
from .data import load_figures


def start(
    indicators: Iterable[str] | Callable[[SimpleNamespace], pd.DataFrame] | None = None, **parameters
) -> tuple[SimpleNamespace, pd.DataFrame]:
    """The checked parameters as a namespace, and the figures the notebook shows: those of
    ``indicators``, or what ``indicators(P)`` loads for a notebook whose figures depend on its
    parameters (a province's profile reads that province's figures)."""
    P = params.check(**parameters)
    if callable(indicators):
        df = indicators(P)
    else:
        df = load_figures(None if indicators is None else list(indicators))
    if "start_year" in parameters and "end_year" in parameters:
        years = df["year"]
        if not P.start_year:
            P.start_year = int(years.min()) if len(years) else params.MIN_YEAR
        if not P.end_year:
            P.end_year = int(years.max()) if len(years) else params.MAX_YEAR
        df = df[years.between(P.start_year, P.end_year)]
    return P, df
