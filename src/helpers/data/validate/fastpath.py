"""The fast path of figures.csv: vouch for plainly valid rows without the field checker.

It is what validates a million rows in seconds. It never reports: a row it does not vouch for goes to
the full checks (``figurerows.check_row``), whose messages are the only ones."""

from __future__ import annotations

import datetime as dt
import math
import operator
import re

from .. import numbers, periods
from ..checks import _ISO_DATE, _PLAIN_NUMBER, BOOLEAN, MIN_YEAR
from ..csvio import Row
from ..text import FORMULA_START
from ..un import UNData
from .figurerows import WINDOW_WORDS, Figures, parse_window
from .rules import DATE_BASES, FIGURE_ID, PARTIAL_DATE, PERIODS, PRODUCERS, STATUSES, UN_MEMBER_STATES
from .territory import SUCCESSOR

# The columns of figures.csv that the fast path reads, in the order it unpacks them.
COLUMNS = (
    "id",
    "indicator",
    "entity",
    "territory",
    "year",
    "period",
    "date",
    "date_basis",
    "window",
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


def fast_path(header: list[str], indicators: dict, sources: dict, un: UNData, out: Figures, places=None):
    """A function ``(record, line) -> bool`` that checks a figures.csv row, without the field
    checker, and records it in ``out`` as :func:`figurerows.check_row` and ``out.add`` would when it
    passes every check of :func:`figurerows.check_row`. False for any other row, with nothing
    recorded: :func:`figurerows.check_row` then checks it and reports its problems. It only ever
    vouches, never reports, so the messages are the full checks'. It is what validates a million
    rows in seconds: each cell is looked up as written (an id, a code, a year, a date or a choice,
    known or seen before), so a cell with spaces around it, "TRUE" for true or "02024" for 2024 goes
    to the full checks, which accept it as before; and the value is looked for in its quote where the
    data writes it.

    Rows it vouches for share the ids, codes, years and dates it looked up, so the keys kept for
    the duplicate rules cost little more than their tuples."""
    cells = operator.itemgetter(*(header.index(col) for col in COLUMNS))
    specs = {i: (i, s["kind"], s["period"]) for i, s in indicators.items()}
    source_ids = {s: s for s in sources}
    period_ids = {p: p for p in PERIODS}
    needs_date = frozenset(periods.NEEDS_DATE)
    statuses, producers, bases = frozenset(STATUSES), frozenset(PRODUCERS), frozenset(DATE_BASES)
    countries, surveyed = un.countries, un.surveyed
    entities: dict[str, str] = {}
    known_places = places.by_code if places is not None else {}
    lifetimes = places.bounded() if places is not None else {}  # the places that begin or end
    successors = places.successors() if places is not None else {}  # provinces formed from others
    today = dt.date.today()
    first = dt.date(MIN_YEAR, 1, 1)
    years = {str(y): y for y in range(MIN_YEAR, today.year + 1)}
    dates: dict[str, tuple[str, dt.date]] = {}
    keys, preferred, records, ids, retired = out.keys, out.preferred, out.records, out.ids, out.retired
    id_ok = FIGURE_ID.fullmatch
    seen, vintages, revising = out.indicators, out.vintages, out.revising
    keep = out.keep
    language = {s: rec.get("language") for s, rec in sources.items()}
    date_like, formula_start = numbers.date_like, FORMULA_START
    is_stated, stands_alone, unsigned, plain, partial, iso_date, isfinite = (
        numbers.is_stated,
        numbers._stands_alone,  # numbers.stated_as_written, for a value known to be unsigned
        numbers._PLAIN.fullmatch,
        _PLAIN_NUMBER.fullmatch,
        PARTIAL_DATE.fullmatch,
        _ISO_DATE.fullmatch,
        math.isfinite,
    )

    def entity_of(raw: str) -> str | None:
        if raw in known_places or (
            re.fullmatch(r"[A-Z]{3}", raw) and not (countries and raw not in countries)
        ):
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
        (fid, ind, ent, territory, yr, period, raw_date, basis, window, written, status, vintage, revises,
         producer, source, quote, note, derived, pref) = cells(r)  # fmt: skip
        if fid in ids or fid in retired or not id_ok(fid):
            return False
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
            or not quote.isprintable()  # maybe an invisible character: the full checks say
            or not note.isprintable()
            or quote.startswith(formula_start)  # maybe a formula
            or note.startswith(formula_start)
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
        if territory:  # a successor's value: a formed province, a period before it was formed, a method
            formed = successors.get(entity)
            if (
                territory != SUCCESSOR
                or formed is None
                or (date or dt.date(year, 12, 31)) >= formed
                or not note.strip()
            ):
                return False
        elif (life := lifetimes.get(entity)) is not None:  # a place that begins or ends: in its life
            start, end = life
            if date is not None:
                if (start and date < start) or (end and date > end):
                    return False
            elif (start and year < start.year) or (end and year > end.year):
                return False
        if period == "day":
            if window not in WINDOW_WORDS:
                days = parse_window(window)
                if days is None or days[0] > days[1]:
                    return False
                if (days[1] != date) if date is not None else (days[1].year != year):
                    return False
        elif window:
            return False
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
        if not derived and not (
            (bare and not date_like(value) and stands_alone(quote, written))
            or is_stated(value, quote, written, language[source], kind == "year")
        ):
            return False
        key = (ind, entity, year, period, raw_date, source)
        if key in keys or (pref and key[:5] in preferred):
            return False
        # vouched for: what check_row and Figures.add record
        keys[key] = line
        ids[fid] = line
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
                    "id": fid,
                    "indicator": ind,
                    "entity": entity,
                    "territory": territory,
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
                    "window": window,
                    "status": status,
                    "vintage": vintage,
                    "revises": revises,
                    "producer": producer,
                    "line": line,
                }
            )
        return True

    return vouch
