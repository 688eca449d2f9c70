"""targets.csv: the government's targets, each with its deadline, direction and instrument."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import numbers, schema
from ..checks import MIN_YEAR, Checker, not_stated
from ..csvio import read_table
from ..un import UNData
from .figurerows import entity_problem
from .rules import DIRECTIONS, ID, MAX_TARGET_YEAR, TARGET_COLUMNS


def check(path: Path, problems, indicators, sources, un: UNData, places=None) -> list[dict]:
    file = path / schema.path("targets")
    if not file.exists():
        return []
    t = read_table(file, problems, TARGET_COLUMNS)
    c = Checker(problems, t.name)
    out, ids = [], set()
    for row in t.rows:
        tid = c.ident(row, "id", ID, "a lower-case id")
        if tid in ids:
            c.bad(row, "id", "a unique id (this one is already used)")
        ids.add(tid)
        ind = row["indicator"].strip()
        if ind not in indicators:
            c.bad(row, "indicator", "an indicator id from indicators.csv")
        entity = row["entity"].strip()
        wrong = entity_problem(entity, un, places)
        if wrong:
            c.bad(row, "entity", wrong)
        year = c.integer(row, "year", MIN_YEAR, MAX_TARGET_YEAR)
        date = None
        raw = row["date"].strip()
        if raw:
            try:
                date = (
                    dt.date.fromisoformat(raw) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw) else None
                )
            except ValueError:
                date = None
            if date is None:
                c.bad(row, "date", "an ISO date YYYY-MM-DD (the deadline), or empty")
            elif year and date.year != year:
                c.bad(row, "date", f"a date in the row's year {year}")
        if not wrong and places is not None and year and places.outside(entity, year, date):
            c.bad(row, "date" if date else "year", places.outside(entity, year, date))
        value = c.number(row, "value")
        direction = c.choice(row, "direction", DIRECTIONS)
        instrument = c.text(row, "instrument", "the decision, resolution or body that set the target")
        if row["source_id"].strip() not in sources:
            c.bad(row, "source_id", "a source id from sources.csv")
        quote = c.text(row, "quote", "the verbatim sentence stating the target")
        lang = sources.get(row["source_id"].strip(), {}).get("language")
        if value is not None and quote and not numbers.is_stated(value, quote, lang=lang, years=False):
            c.bad(row, "value", not_stated(value, lang, derived=False))
        out.append(
            {
                "id": tid,
                "indicator": ind,
                "entity": entity,
                "year": year,
                "date": date,
                "value": value,
                "direction": direction,
                "instrument": instrument,
                "source_id": row["source_id"].strip(),
                "quote": quote,
                "note": row["note"].strip(),
                "line": row.line,
            }
        )
    return out
