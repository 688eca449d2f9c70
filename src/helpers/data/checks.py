"""The field checker: one cell read as a number, year, date, boolean, choice, text or id, with a
:class:`Problem` recorded (line, column, value, what was expected) when it is not one.

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from . import numbers, schema
from .csvparts import Row
from .problems import Problem

MIN_YEAR = schema.minimum("figures", "year")  # the earliest year or date the data may hold
BOOLEAN = {"": False, "false": False, "true": True}

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def _number_hint(raw: str) -> str:
    try:
        guess = numbers.parse_number(raw, lang="vi").value
    except ValueError:
        return ""
    return f"; did you mean {guess:.15g}? (in Vietnamese '.' groups thousands and ',' is the decimal mark)"


def not_stated(value: float, lang: str | None, years: bool = False, derived: bool = True) -> str:
    """What a value that its quote does not state was expected to be: how the quote was read."""
    written = numbers.write(value, numbers.CONVENTIONS["en"])
    conv = numbers.CONVENTIONS.get(lang or "")
    how = (
        f", read as its source's language ({lang}) writes numbers: '{conv.group}' groups thousands, "
        f"'{conv.decimal}' is the decimal mark"
        if conv
        else ""
    )
    dated = (
        "; a year or a date in the quote is never the value" if not years and numbers.date_like(value) else ""
    )
    return f"a number stated in the quote (after scaling); '{written}' is not in it{how}{dated}" + (
        " (mark derived values derived=true with a note)" if derived else ""
    )


def parse_plain_number(raw: str) -> float | None:
    """A plain, finite number ("1013000000", "76.5", "-3", "1e6"), else None."""
    raw = raw.strip()
    if not _PLAIN_NUMBER.fullmatch(raw):
        return None
    value = float(raw)
    return value if math.isfinite(value) else None


def decimals_written(raw: str) -> int:
    """Decimal places of a plain number as written: "57" has 0, "2.5" has 1, "7.5e-1" has 2."""
    return max(0, -int(Decimal(raw.strip()).as_tuple().exponent))


class Checker:
    def __init__(self, problems: list[Problem], name: str):
        self.problems = problems
        self.name = name

    def bad(self, row: Row, col: str, expected: str, value: str | None = None) -> None:
        self.problems.append(
            Problem(self.name, row.line, col, row[col] if value is None else value, expected)
        )

    def number(self, row: Row, col: str) -> float | None:
        raw = row[col].strip()
        value = parse_plain_number(raw)
        if value is None:
            expected = "a plain number in base units, e.g. 1013000000 or 76.5"
            if not raw:
                expected = "a number (the cell is empty)"
            self.bad(row, col, expected + _number_hint(raw))
        return value

    def integer(self, row: Row, col: str, lo: int | None = None, hi: int | None = None) -> int | None:
        raw = row[col].strip()
        if not re.fullmatch(r"-?[0-9]+", raw):
            self.bad(row, col, "a whole number" + (f" from {lo} to {hi}" if lo is not None else ""))
            return None
        if lo is not None and hi is not None and (len(raw) > 6 or not lo <= int(raw) <= hi):
            self.bad(row, col, f"a year from {lo} to {hi}")
            return None
        return int(raw)

    def date(self, row: Row, col: str, partial: bool = False) -> dt.date | None:
        raw = row[col].strip()
        pattern = _PARTIAL_DATE if partial else _ISO_DATE
        form = "an ISO date YYYY, YYYY-MM or YYYY-MM-DD" if partial else "an ISO date YYYY-MM-DD"
        if not pattern.fullmatch(raw):
            self.bad(row, col, form)
            return None
        parts = [int(p) for p in raw.split("-")] + [1, 1]
        try:
            value = dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            self.bad(row, col, form + " (no such day)")
            return None
        today = dt.date.today()
        if not dt.date(MIN_YEAR, 1, 1) <= value <= today:
            self.bad(row, col, f"a date from {MIN_YEAR}-01-01 to today ({today.isoformat()})")
            return None
        return value

    def boolean(self, row: Row, col: str) -> bool | None:
        raw = row[col].strip().lower()
        if raw not in BOOLEAN:
            self.bad(row, col, "true, false or empty")
            return None
        return BOOLEAN[raw]

    def choice(self, row: Row, col: str, options) -> str | None:
        raw = row[col].strip()
        if raw not in options:
            self.bad(row, col, f"one of: {', '.join(options)}")
            return None
        return raw

    def text(self, row: Row, col: str, what: str = "text") -> str | None:
        raw = row[col]
        if not raw.strip():
            self.bad(row, col, f"{what} (the cell is empty)")
            return None
        return raw

    def ident(self, row: Row, col: str, pattern: re.Pattern, what: str) -> str | None:
        raw = row[col]
        if not pattern.fullmatch(raw):
            self.bad(row, col, what)
            return None
        return raw
