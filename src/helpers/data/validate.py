"""Validate a data folder: every problem is collected, then one error lists them all.

Each problem reads ``figures.csv:LINE: column 'NAME': value 'X': what was expected``. The columns and
the values a column may take come from ``datapackage.json`` (see ``schema``); the cell checks from
``checks``. This module holds the table rules: key duplicates, unknown indicator, source and country
ids, years and dates disagreeing, ranks beyond the countries surveyed, shares outside 0-100, indices
outside 0-1, negative counts, values not stated in their quote; a figure whose period is not its
indicator's (a monthly figure in an annual series), dates a period needs or forbids, a release
(``vintage``) that claims to revise a later or absent one; targets without a direction.

Standard library only, so the report runner can validate before any kernel starts, without pandas.
``python -m helpers.data [DATA_DIR]`` (``make validate``, in ``__main__``) prints the same list.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import data_dir as default_data_dir
from . import coverage, numbers, periods, schema
from .checks import _ISO_DATE, _PLAIN_NUMBER, BOOLEAN, MIN_YEAR, Checker, decimals_written
from .csvio import DataValidationError, Problem, Row, RowStream, read_table
from .un import UNData, load_un

FIGURE_COLUMNS = schema.columns("figures")
INDICATOR_COLUMNS = schema.columns("indicators")
SOURCE_COLUMNS = schema.columns("sources")
CLAIM_COLUMNS = schema.columns("claims")
TARGET_COLUMNS = schema.columns("targets")
KINDS = schema.enum("indicators", "kind")
SELECTION_RULES = schema.enum("indicators", "selection_rule")
SOURCE_KINDS = schema.enum("sources", "kind")
LANGUAGES = schema.enum("sources", "language")
CLAIM_KINDS = schema.enum("claims", "kind")
COMPARISONS = schema.enum("claims", "comparison")
PERIODS = periods.PERIODS
STATUSES = schema.enum("figures", "status")
DATE_BASES = schema.enum("figures", "date_basis")
PRODUCERS = schema.enum("figures", "producer")
DIRECTIONS = schema.enum("targets", "direction")
MAX_TARGET_YEAR = 2100
NEEDS_BASE = {"pct_change", "ratio", "rank_change", "difference"}  # claims comparing two years
NOT_STATED = {"first_above", "external_ranking"}  # claims whose number need not be written in the quote
UN_MEMBER_STATES = 193

_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_PARTIAL = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_BREAK = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}: \S.*")
# The columns of figures.csv that the fast path reads, in the order it unpacks them.
_FAST_COLUMNS = (
    "indicator",
    "entity",
    "year",
    "period",
    "date",
    "date_basis",
    "value",
    "status",
    "vintage",
    "revises",
    "producer",
    "source_id",
    "quote",
    "note",
    "derived",
    "preferred",
)


@dataclass
class Dataset:
    """A validated data folder: typed rows, with their line numbers kept."""

    path: Path
    figures: list[dict]
    indicators: dict[str, dict]
    sources: dict[str, dict]
    claims: list[dict]
    un: UNData
    targets: list[dict]
    figure_count: int = -1  # rows of figures.csv checked: len(figures), or how many when not kept

    def __post_init__(self):
        if self.figure_count < 0:
            self.figure_count = len(self.figures)


# --- tables ---------------------------------------------------------------------------------


def _indicators(path: Path, problems: list[Problem]) -> dict[str, dict]:
    t = read_table(path / schema.path("indicators"), problems, INDICATOR_COLUMNS)
    c = Checker(problems, t.name)
    out: dict[str, dict] = {}
    for row in t.rows:
        iid = c.ident(row, "id", _SNAKE, "a snake_case id such as ndxp_transactions")
        if iid in out:
            c.bad(row, "id", "a unique id (this one is already used)")
            continue
        rec = {
            "kind": c.choice(row, "kind", KINDS),
            "higher_is_better": c.boolean(row, "higher_is_better"),
            "headline": c.boolean(row, "headline"),
            "selection_rule": c.choice(row, "selection_rule", SELECTION_RULES),
            "period": _periods(c, row),
            "authority": tuple(a.strip() for a in (c.text(row, "authority") or "").split("|") if a.strip())
            or None,
            "definition_break": row["definition_break"].strip(),
        }
        if rec["definition_break"] and not _BREAK.fullmatch(rec["definition_break"]):
            c.bad(row, "definition_break", "YYYY-MM-DD: what changed in what is counted, or empty")
        for col in INDICATOR_COLUMNS[1:]:  # the names, units and description: text
            if col not in rec:
                rec[col] = c.text(row, col)
        if iid and None not in rec.values():
            out[iid] = {"id": iid, **rec, "line": row.line}
    return out


def _periods(c: Checker, row) -> tuple[str, ...] | None:
    """An indicator's periods: one or more of PERIODS, '|'-separated."""
    parts = tuple(p.strip() for p in row["period"].split("|"))
    if not row["period"].strip() or any(p not in PERIODS for p in parts):
        c.bad(row, "period", f"one or more of {', '.join(PERIODS)}, separated by '|'")
        return None
    return parts


def _sources(path: Path, problems: list[Problem]) -> dict[str, dict]:
    t = read_table(path / schema.path("sources"), problems, SOURCE_COLUMNS)
    c = Checker(problems, t.name)
    out: dict[str, dict] = {}
    for row in t.rows:
        sid = c.ident(row, "id", _ID, "a lower-case id such as mic-2022-01")
        if sid in out:
            c.bad(row, "id", "a unique id (this one is already used)")
            continue
        ok = all(
            v is not None
            for v in (
                c.text(row, "publisher"),
                c.text(row, "title"),
                c.text(row, "licence", "the licence, or 'not stated'"),
                c.date(row, "published", partial=True) if row["published"].strip() else True,
                c.choice(row, "language", LANGUAGES),
                c.choice(row, "kind", SOURCE_KINDS),
            )
        )
        address = row["address"].strip()
        if address and not re.fullmatch(r"https?://\S+", address):
            c.bad(
                row, "address", "a web address starting with http:// or https://, or empty when none is known"
            )
            ok = False
        if row["accessed"].strip() and c.date(row, "accessed") is None:
            ok = False
        if sid and ok:
            out[sid] = {**row.cells, "id": sid, "line": row.line}
    return out


@dataclass
class _Figures:
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


def _figures(path: Path, problems, indicators, sources, un: UNData, keep: bool = True) -> _Figures:
    """Check every row of figures.csv; the records are kept only with ``keep``.

    The file is streamed. Each row goes through :func:`_fast_path`, which vouches for rows that
    pass every check, and through the full checks (:func:`_figure`) when it does not: they report
    each problem of the row."""
    stream = RowStream(path / schema.path("figures"), problems, FIGURE_COLUMNS)
    c = Checker(problems, stream.name)
    max_year = dt.date.today().year
    out = _Figures(keep)
    vouch = None
    header: list[str] = []
    for line, record in stream:
        if not header:
            header = stream.header
            if set(_FAST_COLUMNS) <= set(header) and len(set(header)) == len(header):
                vouch = _fast_path(header, indicators, sources, un, out)
        if vouch is not None and vouch(record, line):
            continue
        row = Row(line, dict(zip(header, record, strict=True)))
        out.add(_figure(c, row, indicators, sources, un, max_year, out.keys, out.preferred), row)
    if stream.broken:  # read_table reads no row of such a file
        out = _Figures(keep)
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


def _figure(c: Checker, row: Row, indicators, sources, un: UNData, max_year: int, keys, preferred) -> dict:
    """Every check of one figures.csv row, each problem reported; the row's record.

    :func:`_fast_path` vouches for the rows these checks pass: a check added here must be added
    there too (``tests/test_validate_stream.py`` compares the two on mutated rows)."""
    ind = row["indicator"].strip()
    if ind not in indicators:
        c.bad(row, "indicator", "an indicator id from indicators.csv")
    entity = row["entity"].strip()
    if not re.fullmatch(r"[A-Z]{3}", entity):
        c.bad(row, "entity", "an ISO 3166-1 alpha-3 code in capitals, e.g. VNM")
        entity = None
    elif un.countries and entity not in un.countries:
        c.bad(row, "entity", "an ISO 3166-1 alpha-3 code of a country in the UN tables")
        entity = None
    year = c.integer(row, "year", MIN_YEAR, max_year)
    date = c.date(row, "date") if row["date"].strip() else None
    if date and year and date.year != year:
        c.bad(row, "date", f"a date in the row's year {year}")
    value = c.number(row, "value")
    source = row["source_id"].strip()
    if source not in sources:
        c.bad(row, "source_id", "a source id from sources.csv")
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
    if vintage and not _PARTIAL.fullmatch(vintage):
        c.bad(row, "vintage", "a release date YYYY, YYYY-MM or YYYY-MM-DD, or empty")
        vintage = ""
    if revises:
        if not _PARTIAL.fullmatch(revises):
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
        and not numbers.is_stated(value, quote, row["value"].strip())
    ):
        c.bad(
            row,
            "value",
            f"a number stated in the quote (after scaling); '{numbers.write(value, numbers.CONVENTIONS['en'])}' is not in it "
            "(mark derived values derived=true with a note)",
        )
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


def _fast_path(header: list[str], indicators: dict, sources: dict, un: UNData, out: _Figures):
    """A function ``(record, line) -> bool`` that checks a figures.csv row, without the field
    checker, and records it in ``out`` as :func:`_figure` and ``out.add`` would when it passes every
    check of :func:`_figure`. False for any other row, with nothing recorded: :func:`_figure` then
    checks it and reports its problems. It only ever vouches, never reports, so the messages are
    the full checks'. It is what validates a million rows in seconds: each cell is looked up as
    written (an id, a code, a year, a date or a choice, known or seen before), so a cell with spaces
    around it, "TRUE" for true or "02024" for 2024 goes to the full checks, which accept it as
    before; and the value is looked for in its quote where the data writes it.

    Rows it vouches for share the ids, codes, years and dates it looked up, so the keys kept for
    the duplicate rules cost little more than their tuples."""
    cells = operator.itemgetter(*(header.index(col) for col in _FAST_COLUMNS))
    specs = {i: (i, s["kind"], s["period"]) for i, s in indicators.items()}
    source_ids = {s: s for s in sources}
    period_ids = {p: p for p in PERIODS}
    needs_date = frozenset(periods.NEEDS_DATE)
    statuses, producers, bases = frozenset(STATUSES), frozenset(PRODUCERS), frozenset(DATE_BASES)
    countries, surveyed = un.countries, un.surveyed
    entities: dict[str, str] = {}
    today = dt.date.today()
    first = dt.date(MIN_YEAR, 1, 1)
    years = {str(y): y for y in range(MIN_YEAR, today.year + 1)}
    dates: dict[str, tuple[str, dt.date]] = {}
    keys, preferred, records = out.keys, out.preferred, out.records
    seen, vintages, revising = out.indicators, out.vintages, out.revising
    keep = out.keep
    is_stated, stands_alone, unsigned, plain, partial, iso_date, isfinite = (
        numbers.is_stated,
        numbers._stands_alone,  # numbers.stated_as_written, for a value known to be unsigned
        numbers._PLAIN.fullmatch,
        _PLAIN_NUMBER.fullmatch,
        _PARTIAL.fullmatch,
        _ISO_DATE.fullmatch,
        math.isfinite,
    )

    def entity_of(raw: str) -> str | None:
        if re.fullmatch(r"[A-Z]{3}", raw) and not (countries and raw not in countries):
            entities[raw] = raw
            return raw
        return None

    def date_of(raw: str) -> tuple[str, dt.date] | None:
        if not iso_date(raw):
            return None
        try:
            day = dt.date(int(raw[:4]), int(raw[5:7]), int(raw[8:10]))
        except ValueError:  # no such day: the full checks say so
            return None
        if not first <= day <= today:
            return None
        dates[raw] = (raw, day)
        return raw, day

    def vouch(r: list[str], line: int) -> bool:
        (ind, ent, yr, period, raw_date, basis, written, status, vintage, revises, producer, source,
         quote, note, derived, pref) = cells(r)  # fmt: skip
        spec = specs.get(ind)
        entity = entities.get(ent) or entity_of(ent)
        year = years.get(yr)
        source = source_ids.get(source)
        period = period_ids.get(period)
        derived = BOOLEAN.get(derived)
        pref = BOOLEAN.get(pref)
        if (
            spec is None
            or entity is None
            or year is None
            or source is None
            or period is None
            or derived is None
            or pref is None
            or not quote
            or quote.isspace()  # what strip() removes, without copying the quote
            or status not in statuses
            or producer not in producers
        ):
            return False
        ind, kind, spec_periods = spec
        if spec_periods and period not in spec_periods:
            return False
        if raw_date:
            got = dates.get(raw_date) or date_of(raw_date)
            if got is None or period == "year" or basis not in bases:
                return False
            raw_date, date = got
            if date.year != year:
                return False
        elif basis or kind == "stock" or period in needs_date:
            return False
        else:
            date = None
        if vintage and not partial(vintage):
            return False
        if revises and (not vintage or not partial(revises) or revises >= vintage):
            return False
        bare = unsigned(written) is not None  # as most values are written
        if not bare and not plain(written):
            return False
        value = float(written)
        if not isfinite(value):
            return False
        if kind == "rank":
            most = surveyed.get(year) or UN_MEMBER_STATES
            if not value.is_integer() or not 1 <= value <= most:
                return False
        elif (
            (kind == "share" and not 0 <= value <= 100)
            or (kind == "index" and not 0 <= value <= 1)
            or (kind in ("flow", "stock") and value < 0)
        ):
            return False
        note = note.strip()
        if (derived or pref) and not note:
            return False
        if not derived and not ((bare and stands_alone(quote, written)) or is_stated(value, quote, written)):
            return False
        key = (ind, entity, year, period, raw_date, source)
        if key in keys or (pref and key[:5] in preferred):
            return False
        # vouched for: what _figure and _Figures.add record
        keys[key] = line
        if pref:
            preferred[key[:5]] = line
        out.count += 1
        seen.add(ind)
        if vintage:
            vintages.add((ind, entity, year, period, date, vintage))
        if revises:
            revising.append(((ind, entity, year, period, date), revises, Row(line, {"revises": revises})))
        if keep:
            records.append(
                {
                    "indicator": ind,
                    "entity": entity,
                    "year": year,
                    "date": date,
                    "value": value,
                    "source_id": source,
                    "quote": quote,
                    "note": note,
                    "derived": derived,
                    "preferred": pref,
                    "period": period,
                    "date_basis": basis,
                    "status": status,
                    "vintage": vintage,
                    "revises": revises,
                    "producer": producer,
                    "line": line,
                }
            )
        return True

    return vouch


def _claims(path: Path, problems, indicators, sources) -> list[dict]:
    t = read_table(
        path / schema.path("claims"), problems, CLAIM_COLUMNS
    )  # required: no file is no claims lost
    c = Checker(problems, t.name)
    max_year = dt.date.today().year
    out, ids = [], set()
    for row in t.rows:
        cid = c.ident(row, "id", _ID, "a lower-case id")
        if cid in ids:
            c.bad(row, "id", "a unique id (this one is already used)")
        ids.add(cid)
        if row["indicator"].strip() not in indicators:
            c.bad(row, "indicator", "an indicator id from indicators.csv")
        if row["source_id"].strip() not in sources:
            c.bad(row, "source_id", "a source id from sources.csv")
        if not re.fullmatch(r"[A-Z]{3}", row["entity"].strip()):
            c.bad(row, "entity", "an ISO 3166-1 alpha-3 code in capitals, e.g. VNM")
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
        stated = c.number(row, "stated")
        comparison = c.choice(row, "comparison", COMPARISONS)
        quote = c.text(row, "quote", "the verbatim sentence making the claim")
        if quote and stated is not None and kind not in NOT_STATED and not numbers.is_stated(stated, quote):
            c.bad(row, "stated", "a number stated in the quote")
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


def _targets(path: Path, problems, indicators, sources, un: UNData) -> list[dict]:
    file = path / schema.path("targets")
    if not file.exists():
        return []
    t = read_table(file, problems, TARGET_COLUMNS)
    c = Checker(problems, t.name)
    out, ids = [], set()
    for row in t.rows:
        tid = c.ident(row, "id", _ID, "a lower-case id")
        if tid in ids:
            c.bad(row, "id", "a unique id (this one is already used)")
        ids.add(tid)
        ind = row["indicator"].strip()
        if ind not in indicators:
            c.bad(row, "indicator", "an indicator id from indicators.csv")
        entity = row["entity"].strip()
        if not re.fullmatch(r"[A-Z]{3}", entity) or (un.countries and entity not in un.countries):
            c.bad(row, "entity", "an ISO 3166-1 alpha-3 code of a country in the UN tables, e.g. VNM")
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
        value = c.number(row, "value")
        direction = c.choice(row, "direction", DIRECTIONS)
        instrument = c.text(row, "instrument", "the decision, resolution or body that set the target")
        if row["source_id"].strip() not in sources:
            c.bad(row, "source_id", "a source id from sources.csv")
        quote = c.text(row, "quote", "the verbatim sentence stating the target")
        if value is not None and quote and not numbers.is_stated(value, quote):
            c.bad(row, "value", "a number stated in the quote (after scaling)")
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


_validated: dict[tuple, Dataset] = {}  # the last folder state that validated, by stamp()


def stamp(base: Path) -> tuple:
    """A data folder's state: the path, modification time and size of every CSV file in it."""
    stats = ((p, p.stat()) for p in sorted(base.rglob("*.csv")))
    return (str(base), tuple((str(p), st.st_mtime_ns, st.st_size) for p, st in stats))


def validate(path: str | Path | None = None, keep_figures: bool = True) -> Dataset:
    """Validate the data folder ``path`` (default: the project's); raise DataValidationError.

    A folder whose files are unchanged since it last validated is not read again. With
    ``keep_figures=False`` (``make validate``) the figures are checked as they are read and not kept:
    memory does not grow with the rows' text, ``figures`` is empty and ``figure_count`` says how many
    rows were checked. Such a dataset is not cached."""
    base = default_data_dir(path)
    if not base.is_dir():
        what = "it is not a folder" if base.exists() else "it does not exist"
        raise DataValidationError(
            [Problem(str(base), 0, "(folder)", "", f"a data folder; {what}")], str(base)
        )
    key = stamp(base)
    if key in _validated:
        return _validated[key]
    problems: list[Problem] = []
    un = load_un(base, problems)
    indicators = _indicators(base, problems)
    sources = _sources(base, problems)
    for f in un.figures:
        if f.source_id not in sources:
            problems.append(
                Problem(
                    "raw/un-egdi/manifest.csv", 0, "source_id", f.source_id, "a source id from sources.csv"
                )
            )
            break
    figures = _figures(base, problems, indicators, sources, un, keep=keep_figures)
    claims = _claims(base, problems, indicators, sources)
    targets = _targets(base, problems, indicators, sources, un)
    problems += coverage.problems(indicators, figures.indicators, un, claims)
    if problems:
        raise DataValidationError(problems, str(base))
    ds = Dataset(base, figures.records, indicators, sources, claims, un, targets, figures.count)
    if keep_figures:
        _validated.clear()
        _validated[key] = ds
    return ds
