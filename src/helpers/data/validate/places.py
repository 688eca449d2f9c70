"""places.csv and place_crosswalk.csv: the places figures name, and the provinces' merger of 2025.

A place has a unique code, names, a level and a lifetime that does not end before it starts. The
crosswalk maps an old province, which ends the day before the crosswalk's date, to exactly one
province that exists from that date: a new one that starts that day, or itself when its territory
did not change. The counts (63 before, 34 after) are the data's, checked by tests/test_places.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import schema
from ..checks import Checker
from ..csvio import Problem, read_table
from ..gazetteer import Place, Places

PLACE_COLUMNS = schema.columns("places")
CROSSWALK_COLUMNS = schema.columns("place_crosswalk")
LEVELS = schema.enum("places", "level")
CODE = re.compile(schema.field("places", "code")["constraints"]["pattern"])
TWO_DIGITS = re.compile(r"[0-9]{2}")


def _day(c: Checker, row, col: str) -> dt.date | None | bool:
    """The date in ``col``, None when empty, False when it is not a date (reported)."""
    if not row[col].strip():
        return None
    return c.date(row, col) or False


def check(path: Path, problems: list[Problem], sources: dict) -> Places:
    t = read_table(path / schema.path("places"), problems, PLACE_COLUMNS)
    c = Checker(problems, t.name)
    by_code: dict[str, Place] = {}
    for row in t.rows:
        code = row["code"].strip()
        if not CODE.fullmatch(code):
            c.bad(
                row, "code", "a place code: ISO3 for a country (VNM), ISO 3166-2 (VN-HN) or VN-N + two digits"
            )
            continue
        if code in by_code:
            c.bad(row, "code", "a unique code (this one is already used)")
            continue
        start, end = _day(c, row, "valid_from"), _day(c, row, "valid_to")
        level = c.choice(row, "level", LEVELS)
        names = (
            c.text(row, "name_vi", "the name in Vietnamese"),
            c.text(row, "name_en", "the name in English"),
        )
        for col in ("gso_code", "gso_code_2025"):
            if row[col].strip() and not TWO_DIGITS.fullmatch(row[col].strip()):
                c.bad(row, col, "the statistics office's two-digit code, or empty")
        if row["source_id"].strip() and row["source_id"].strip() not in sources:
            c.bad(row, "source_id", "a source id from sources.csv, or empty")
        if start and end and end < start:
            c.bad(row, "valid_to", f"a day on or after valid_from ({start.isoformat()})")
            continue
        if start is False or end is False or level is None or None in names:
            continue
        by_code[code] = Place(
            code,
            names[0].strip(),
            names[1].strip(),
            level,
            start,
            end,
            row["iso_3166_2"].strip(),
            row["gso_code"].strip(),
            row["gso_code_2025"].strip(),
            tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            row["source_id"].strip(),
        )
    return _crosswalk(path, problems, sources, by_code)


def _crosswalk(path: Path, problems: list[Problem], sources: dict, by_code: dict[str, Place]) -> Places:
    t = read_table(path / schema.path("place_crosswalk"), problems, CROSSWALK_COLUMNS)
    c = Checker(problems, t.name)
    successor: dict[str, str] = {}
    rows = []
    for row in t.rows:
        old, new = row["old_code"].strip(), row["new_code"].strip()
        day = c.date(row, "valid_from")
        if row["source_id"].strip() not in sources:
            c.bad(row, "source_id", "a source id from sources.csv")
        c.text(row, "quote", "the verbatim sentence naming both provinces")
        c.text(row, "clause", "the clause of the resolution, or 'unchanged'")
        if old in successor:
            c.bad(row, "old_code", f"each old province once (it maps to {successor[old]} already)")
            continue
        if old not in by_code:
            c.bad(row, "old_code", "a province code from places.csv")
            continue
        if new not in by_code:
            c.bad(row, "new_code", "a province code from places.csv")
            continue
        if day is None:
            continue
        before, after = by_code[old], by_code[new]
        if old == new:
            if not before.exists_on(day - dt.timedelta(days=1)) or not before.exists_on(day):
                c.bad(
                    row,
                    "new_code",
                    f"a province that exists on both sides of {day.isoformat()} to map to itself",
                )
                continue
        elif before.valid_to != day - dt.timedelta(days=1):
            c.bad(row, "old_code", f"a province whose valid_to is the day before {day.isoformat()}", old)
            continue
        elif after.valid_from != day:
            c.bad(row, "new_code", f"a province whose valid_from is {day.isoformat()}", new)
            continue
        successor[old] = new
        rows.append({k: row[k].strip() if k != "quote" else row[k] for k in CROSSWALK_COLUMNS})
    return Places(by_code, successor, tuple(rows))
