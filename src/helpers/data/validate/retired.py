"""retired_ids.csv: the figure ids removed from figures.csv, which may never come back."""

from __future__ import annotations

from pathlib import Path

from .. import schema
from ..checks import Checker
from ..csvio import Problem, read_table
from .rules import FIGURE_ID, RETIRED_COLUMNS


def check(path: Path, problems: list[Problem]) -> dict[str, str]:
    """Each retired id -> when and why it was retired ("2026-01-02, merged into f0120")."""
    t = read_table(path / schema.path("retired_ids"), problems, RETIRED_COLUMNS)
    c = Checker(problems, t.name)
    out: dict[str, str] = {}
    for row in t.rows:
        fid = c.ident(row, "id", FIGURE_ID, "a figure id: lower-case letters then digits, e.g. f0001")
        day = c.date(row, "retired")
        reason = c.text(row, "reason", "why the figure was removed")
        if fid in out:
            c.bad(row, "id", "an id listed once")
        elif fid and day and reason:
            out[fid] = f"{day.isoformat()}, {reason.strip()}"
    return out
