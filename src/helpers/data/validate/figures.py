"""figures.csv, streamed: each row through the fast path, and through the full checks when the fast
path does not vouch for it; then the rule across rows that a release revises one in the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import schema
from ..checks import Checker
from ..csvio import Row, RowStream
from ..un import UNData
from .fastpath import COLUMNS as FAST_COLUMNS
from .fastpath import fast_path
from .figurerows import Figures, check_id, check_row, check_window
from .rules import FIGURE_COLUMNS


def check(
    path: Path,
    problems,
    indicators,
    sources,
    un: UNData,
    keep: bool = True,
    retired: dict | None = None,
    places=None,
) -> Figures:
    """Check every row of figures.csv; the records are kept only with ``keep``.

    The file is streamed. Each row goes through :func:`fastpath.fast_path`, which vouches for rows
    that pass every check, and through the full checks (:func:`figurerows.check_row`) when it does
    not: they report each problem of the row. With ``places`` (places.csv), an entity may be a place
    code too, and the figure's date (or year) must fall in the place's lifetime."""
    stream = RowStream(path / schema.path("figures"), problems, FIGURE_COLUMNS)
    c = Checker(problems, stream.name)
    max_year = dt.date.today().year
    out = Figures(keep, retired=retired or {})
    vouch = None
    header: list[str] = []
    for line, record in stream:
        if not header:
            header = stream.header
            if set(FAST_COLUMNS) <= set(header) and len(set(header)) == len(header):
                vouch = fast_path(header, indicators, sources, un, out, places)
        if vouch is not None and vouch(record, line):
            continue
        row = Row(line, dict(zip(header, record, strict=True)))
        rec = check_row(c, row, indicators, sources, un, max_year, out.keys, out.preferred, places)
        rec["window"] = check_window(c, row, rec["period"], rec["year"], rec["date"])
        out.add({"id": check_id(c, row, out), **rec}, row)
    if stream.broken:  # read_table reads no row of such a file
        out = Figures(keep)
    # a release revises an earlier release of the same point, which must be in the data
    for point, revises, row in out.revising:
        if (*point, revises) not in out.vintages:
            c.bad(
                row,
                "revises",
                "the vintage of another row of the same point (indicator, entity, year, "
                "period, date), older than this one",
            )
    return out
