"""claims.csv: the sources' relative claims ("up 15 places"), each with the number it states."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from .. import numbers, schema
from ..checks import MIN_YEAR, Checker, decimals_written, not_stated
from ..csvio import read_table
from .figurerows import entity_problem
from .rules import CLAIM_COLUMNS, CLAIM_KINDS, COMPARISONS, ID, NEEDS_BASE, NOT_STATED

_NO_UN = SimpleNamespace(countries={})  # without the UN tables, any ISO3 code


def check(path: Path, problems, indicators, sources, un=None, places=None) -> list[dict]:
    t = read_table(
        path / schema.path("claims"), problems, CLAIM_COLUMNS
    )  # required: no file is no claims lost
    c = Checker(problems, t.name)
    max_year = dt.date.today().year
    out, ids = [], set()
    for row in t.rows:
        cid = c.ident(row, "id", ID, "a lower-case id")
        if cid in ids:
            c.bad(row, "id", "a unique id (this one is already used)")
        ids.add(cid)
        if row["indicator"].strip() not in indicators:
            c.bad(row, "indicator", "an indicator id from indicators.csv")
        if row["source_id"].strip() not in sources:
            c.bad(row, "source_id", "a source id from sources.csv")
        entity = row["entity"].strip()
        wrong = entity_problem(entity, _NO_UN if un is None else un, places)
        if wrong:
            c.bad(row, "entity", wrong)
            entity = None
        kind = c.choice(row, "kind", CLAIM_KINDS)
        other = row["other_indicator"].strip()
        if kind == "ratio_to" and other not in indicators:
            c.bad(row, "other_indicator", "the indicator the value is divided by (an id from indicators.csv)")
        elif kind != "ratio_to" and other:
            c.bad(row, "other_indicator", "empty unless kind is ratio_to")
        year = c.integer(row, "year", MIN_YEAR, max_year)
        base = None
        if kind in NEEDS_BASE or row["base_year"].strip():
            base = c.integer(row, "base_year", MIN_YEAR, max_year)
        if entity and year and places is not None and places.outside(entity, year, None):
            c.bad(row, "year", places.outside(entity, year, None))
        stated = c.number(row, "stated")
        comparison = c.choice(row, "comparison", COMPARISONS)
        quote = c.text(row, "quote", "the verbatim sentence making the claim")
        lang = sources.get(row["source_id"].strip(), {}).get("language")
        if (
            quote
            and stated is not None
            and kind not in NOT_STATED
            and not numbers.is_stated(stated, quote, lang=lang, years=False)
        ):
            c.bad(row, "stated", not_stated(stated, lang, derived=False))
        out.append(
            {
                "id": cid,
                "indicator": row["indicator"].strip(),
                "other_indicator": other,
                "entity": row["entity"].strip(),
                "kind": kind,
                "base_year": base,
                "year": year,
                "stated": stated,
                "decimals": decimals_written(row["stated"]) if stated is not None else 0,
                "comparison": comparison,
                "source_id": row["source_id"].strip(),
                "quote": quote,
                "note": row["note"].strip(),
                "line": row.line,
            }
        )
    return out
