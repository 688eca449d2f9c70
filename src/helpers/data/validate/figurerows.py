"""One figures.csv row's full checks (each problem reported) and what checking the table collects.

``fastpath`` vouches for the rows these checks pass, faster and without messages; ``figures`` streams
the file through both."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import numbers, periods
from ..checks import MIN_YEAR, Checker, not_stated
from ..csvio import Row
from ..csvparts import check_text
from ..gazetteer import Places
from ..un import UNData
from .rules import DATE_BASES, FIGURE_ID, PARTIAL_DATE, PERIODS, PRODUCERS, STATUSES, UN_MEMBER_STATES
from .territory import check as check_territory

ISO3 = re.compile(r"[A-Z]{3}")


def entity_problem(entity: str, un: UNData, places: Places | None) -> str | None:
    """What an entity cell needs, or None when it names a known place: a country of the UN tables
    (any ISO3 code when there are none) or a place of places.csv."""
    if places is not None and entity in places:
        return None
    if not ISO3.fullmatch(entity):
        return (
            "an ISO 3166-1 alpha-3 code in capitals (e.g. VNM) or a place code from places.csv (e.g. VN-HN)"
        )
    if un.countries and entity not in un.countries:
        return "an ISO 3166-1 alpha-3 code of a country in the UN tables, or a place code from places.csv"
    return None


@dataclass
class Figures:
    """What validating figures.csv collects: the records (when kept), how many rows were checked,
    the indicators with rows, and what the table rules across rows need. Memory holds the keys seen,
    not the file."""

    keep: bool
    records: list[dict] = field(default_factory=list)
    count: int = 0
    indicators: set[str] = field(default_factory=set)
    keys: dict[tuple, int] = field(default_factory=dict)  # (indicator, ..., source) -> first line
    preferred: dict[tuple, int] = field(default_factory=dict)  # a point -> its first preferred row's line
    vintages: set[tuple] = field(default_factory=set)  # (*point, vintage) of every row with a vintage
    revising: list[tuple] = field(default_factory=list)  # (point, revises, the row) of every row revising
    ids: dict[str, int] = field(default_factory=dict)  # figure id -> the line of its first row
    retired: dict[str, str] = field(default_factory=dict)  # retired id -> when and why (retired_ids.csv)

    def add(self, rec: dict, row: Row | None = None) -> None:
        """Count the checked row of record ``rec`` (``row``: its cells, when a rule may report it)."""
        self.count += 1
        self.indicators.add(rec["indicator"])
        if rec["vintage"] or rec["revises"]:
            point = (rec["indicator"], rec["entity"], rec["year"], rec["period"], rec["date"])
            if rec["vintage"]:
                self.vintages.add((*point, rec["vintage"]))
            if rec["revises"]:
                # the fast path vouches only for a cell written as the record has it
                row = row or Row(rec["line"], {"revises": rec["revises"]})
                self.revising.append((point, rec["revises"], row))
        if self.keep:
            self.records.append(rec)


def check_id(c: Checker, row: Row, out: Figures) -> str | None:
    """A figure's id: the pattern, unique in the file, and not retired (retired_ids.csv)."""
    fid = row["id"]
    if not FIGURE_ID.fullmatch(fid):
        c.bad(row, "id", "a figure id: lower-case letters then digits, e.g. f0001 (national) or p00001")
        return None
    if fid in out.retired:
        c.bad(
            row,
            "id",
            f"an id never used before ({fid} was retired: {out.retired[fid]}); take the next free one",
        )
    elif fid in out.ids:
        c.bad(row, "id", f"a unique figure id (line {out.ids[fid]} has it too)")
    out.ids.setdefault(fid, row.line)
    return fid


WINDOW_WORDS = ("typical", "unstated")  # a typical day; an average over days the source does not give
_WINDOW = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})/([0-9]{4})-([0-9]{2})-([0-9]{2})")
WINDOW_EXPECTED = "the days the per-day figure is an average of: typical, unstated, or START/END (ISO dates)"


def parse_window(raw: str) -> tuple[dt.date, dt.date] | None:
    """A window written START/END ("2022-01-01/2022-09-26"): its days, when both are real days from
    MIN_YEAR to today; else None."""
    m = _WINDOW.fullmatch(raw)
    if not m:
        return None
    try:
        start, end = dt.date(*map(int, m.groups()[:3])), dt.date(*map(int, m.groups()[3:]))
    except ValueError:
        return None
    first, today = dt.date(MIN_YEAR, 1, 1), dt.date.today()
    return (start, end) if first <= start <= today and first <= end <= today else None


def check_window(c: Checker, row: Row, period: str | None, year: int | None, date: dt.date | None) -> str:
    """A figure's averaging window (``window``): required for a per-day figure, empty otherwise."""
    raw = row["window"].strip()
    if period != "day":
        if raw:
            c.bad(row, "window", "empty: only a per-day figure (period 'day') has an averaging window")
        return ""
    if raw in WINDOW_WORDS:
        return raw
    days = parse_window(raw)
    if days is None:
        c.bad(row, "window", WINDOW_EXPECTED)
        return ""
    start, end = days
    if start > end:
        c.bad(row, "window", "a window whose start is not after its end")
    elif date is not None and end != date:
        c.bad(row, "window", f"a window ending on the row's date {date.isoformat()}")
    elif date is None and year is not None and end.year != year:
        c.bad(row, "window", f"a window ending in the row's year {year}")
    else:
        return raw
    return ""


def check_row(
    c: Checker, row: Row, indicators, sources, un: UNData, max_year: int, keys, preferred, places=None
) -> dict:
    """Every check of one figures.csv row, each problem reported; the row's record.

    :func:`fastpath.fast_path` vouches for the rows these checks pass: a check added here must be added
    there too (``tests/test_validate_fastpath.py`` compares the two on mutated rows)."""
    check_text(c.name, row.line, row.cells.items(), c.problems)
    ind = row["indicator"].strip()
    if ind not in indicators:
        c.bad(row, "indicator", "an indicator id from indicators.csv")
    entity = row["entity"].strip()
    wrong = entity_problem(entity, un, places)
    if wrong:
        c.bad(row, "entity", wrong)
        entity = None
    year = c.integer(row, "year", MIN_YEAR, max_year)
    date = c.date(row, "date") if row["date"].strip() else None
    consistent = not (date and year and date.year != year)
    if not consistent:
        c.bad(row, "date", f"a date in the row's year {year}")
    territory = check_territory(c, row, entity, year, date, places, lifetime=consistent)
    value = c.number(row, "value")
    source = row["source_id"].strip()
    if source not in sources:
        c.bad(row, "source_id", "a source id from sources.csv")
    lang = sources[source].get("language") if source in sources else None
    quote = c.text(row, "quote", "the verbatim sentence the figure comes from")
    derived = c.boolean(row, "derived")
    pref = c.boolean(row, "preferred")
    spec = indicators.get(ind)
    kind = spec["kind"] if spec else None
    period = c.choice(row, "period", PERIODS)
    raw_date = row["date"].strip()
    if period and spec and spec["period"] and period not in spec["period"]:
        c.bad(
            row,
            "period",
            f"a period of {ind}'s series ({', '.join(spec['period'])}): a figure for another period "
            "belongs to another indicator (e.g. a monthly rate is not a year's)",
        )
    if kind == "stock" and not raw_date:
        c.bad(row, "date", "the date the cumulative count refers to (a stock needs a date)")
    elif period in periods.NEEDS_DATE and not raw_date:
        c.bad(row, "date", f"the last day the figure covers (period '{period}' needs a date)")
    elif period == "year" and raw_date:
        c.bad(
            row,
            "date",
            "empty: period 'year' is the whole calendar year (for part of a year use year_to_date, "
            "half, quarter or month)",
        )
    basis = row["date_basis"].strip()
    if raw_date and basis not in DATE_BASES:
        c.bad(row, "date_basis", "stated or inferred: whether the date was read from the source")
    elif not raw_date and basis:
        c.bad(row, "date_basis", "empty when the row has no date")
    status = c.choice(row, "status", STATUSES)
    producer = c.choice(row, "producer", PRODUCERS)
    vintage, revises = row["vintage"].strip(), row["revises"].strip()
    if vintage and not PARTIAL_DATE.fullmatch(vintage):
        c.bad(row, "vintage", "a release date YYYY, YYYY-MM or YYYY-MM-DD, or empty")
        vintage = ""
    if revises:
        if not PARTIAL_DATE.fullmatch(revises):
            c.bad(row, "revises", "a release date YYYY, YYYY-MM or YYYY-MM-DD, or empty")
            revises = ""
        elif not vintage:
            c.bad(row, "revises", "empty unless the row has a vintage (only a release revises another)")
            revises = ""
        elif revises >= vintage:
            c.bad(row, "revises", f"a vintage older than the row's own vintage {vintage}")
            revises = ""
    if value is not None and kind:
        if kind == "rank":
            most = un.surveyed.get(year or 0) or UN_MEMBER_STATES
            if not value.is_integer() or not 1 <= value <= most:
                c.bad(row, "value", f"a whole rank from 1 to {most} (countries surveyed in {year})")
        elif kind == "share" and not 0 <= value <= 100:
            c.bad(row, "value", "a percentage from 0 to 100")
        elif kind == "index" and not 0 <= value <= 1:
            c.bad(row, "value", "an index from 0 to 1")
        elif kind in ("flow", "stock") and value < 0:
            c.bad(row, "value", "a count of 0 or more")
    if derived and not row["note"].strip():
        c.bad(row, "note", "a note saying how the derived value was computed")
    if pref and not row["note"].strip():
        c.bad(row, "note", "the reason the row is preferred (a preferred row needs a note)")
    if (
        value is not None
        and quote
        and derived is False
        and not numbers.is_stated(value, quote, row["value"].strip(), lang, kind == "year")
    ):
        c.bad(row, "value", not_stated(value, lang, kind == "year"))
    key = (ind, entity, year, period, raw_date, source)
    if key in keys:
        c.bad(
            row,
            "source_id",
            f"one row per indicator, entity, year, period, date and source (line {keys[key]} is the same)",
        )
    keys.setdefault(key, row.line)
    point = key[:5]
    if pref:
        if point in preferred:
            c.bad(
                row,
                "preferred",
                f"one preferred row per point (line {preferred[point]} is preferred too)",
            )
        preferred.setdefault(point, row.line)
    return {
        "indicator": ind,
        "entity": entity,
        "territory": territory,
        "year": year,
        "date": date,
        "value": value,
        "source_id": source,
        "quote": quote,
        "note": row["note"].strip(),
        "derived": bool(derived),
        "preferred": bool(pref),
        "period": period,
        "date_basis": basis,
        "status": status,
        "vintage": vintage,
        "revises": revises,
        "producer": producer,
        "line": row.line,
    }
