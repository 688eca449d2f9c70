"""Normalise the raw Digital Transformation Index (DTI) tables into long-form figures by place code.

The raw files in ``data/raw/dti/`` copy the publisher's ranking pages (dti.gov.vn) exactly as
printed: a province's name as the ministry spells it ("TP. Đà Nẵng"), values with a full stop as
decimal mark. ``manifest.csv`` names each file's year, source id, table and how many of the
published lines it holds; ``columns.csv`` says, column by column, which indicator its values become
(``place`` for the name). Every name is mapped to the code of the province that bore it in that year
through ``data/places.csv`` (its names or one of its ``aliases``, compared as
``helpers.data.gazetteer`` compares names, on the last day of the year); a name with no place, or
with two, is a problem naming the file, line and value.

Each figure keeps its provenance (file, line, the raw line as its quote) and gets an id in its own
namespace, ``dti:<indicator>:<place>:<year>`` (:func:`dti_id`). The publisher ranks provinces by
competition ranking (tied provinces share a rank, the next rank is skipped: 15, 15, 17), i.e. 1 + the
provinces with a higher index; :func:`competition_ranks` computes it and :func:`rank_differences`
compares the printed ranks with the values held. A table of the provinces formed after its year
(manifest ``territory`` ``successor``: DTI 2024 for the 34) marks a merged province's values
``successor``, as in figures.csv. The normalised table is committed as
``data/dti.csv``; ``python -m helpers.data --write-dti [DATA_DIR]`` rewrites it. Standard library only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from .csvio import Problem, read_table
from .folder import PLAIN_FILE, plain_file
from .gazetteer import Places, name_key

RAW = ("raw", "dti")
MANIFEST_COLUMNS = ["file", "year", "source_id", "table", "rows_published", "rows_stored"]
MANIFEST_COLUMNS += ["territory", "note"]  # territory: "successor" for a table of the provinces formed later
SUCCESSOR = "successor"  # a table published for the provinces formed after its year (DTI 2024 for the 34)
COLUMNS_COLUMNS = ["file", "position", "column", "indicator", "meaning"]
PLACE = "place"  # the columns.csv indicator of the province-name column
RANK_INDICATORS = ("dti_rank", "dti_rank_merged")  # whole ranks; every other is an index from 0 to 1


def dti_id(indicator: str, place: str, year: int) -> str:
    """The id of a figure generated from the DTI tables: ``dti:dti:VN-DN:2022``."""
    return f"dti:{indicator}:{place}:{year}"


@dataclass(frozen=True)
class DTIFigure:
    indicator: str
    entity: str  # place code (data/places.csv)
    year: int
    value: float | int
    source_id: str
    file: str
    line: int
    quote: str  # the raw line
    method: str = ""  # empty for a value read from a table
    territory: str = ""  # "successor": the publisher's value for a province formed after the year

    @property
    def id(self) -> str:
        return dti_id(self.indicator, self.entity, self.year)


@dataclass
class DTIData:
    figures: list[DTIFigure]
    published: dict[tuple, int]  # (table, year[, territory]) -> lines the publisher's table has
    names: dict[tuple[str, int], str]  # (place code, year) -> the name as printed
    successor_places: dict[int, set[str]] = field(default_factory=dict)  # year -> places a later table names

    def held(self, index: str, year: int, territory: str = "") -> dict[str, DTIFigure]:
        """The ``index`` values of ``year`` by place: of the provinces as they existed (``territory``
        empty), or of the provinces a table published for the successors names (``successor``: the
        merged provinces' values and those of the provinces whose territory did not change)."""
        named = self.successor_places.get(year, set())
        return {
            f.entity: f
            for f in self.figures
            if f.indicator == index
            and f.year == year
            and ((f.entity in named) if territory == SUCCESSOR else not f.territory)
        }


def place_codes(places: Places, name: str, year: int, day: dt.date | None = None) -> list[str]:
    """The codes of the provinces called ``name`` (name or alias, compared as the gazetteer compares
    names) on the last day of ``year`` (or on ``day``): one, none or several (a name two bore)."""
    key = name_key(name)
    return [
        p.code
        for p in places.on(day or dt.date(year, 12, 31))
        if key in {name_key(p.name_vi), name_key(p.name_en), *map(name_key, p.aliases)}
    ]


def successor_day(places: Places, year: int) -> dt.date | None:
    """The first day after ``year`` a province was formed from others: a table published for the
    provinces formed after its year names the provinces of that day. None when none was."""
    return min((d for d in places.successors().values() if d.year > year), default=None)


def _read_manifest(raw_dir: Path, problems: list[Problem]):
    manifest = read_table(
        raw_dir / "manifest.csv", problems, required=MANIFEST_COLUMNS, label="raw/dti/manifest.csv"
    )
    cols = read_table(
        raw_dir / "columns.csv", problems, required=COLUMNS_COLUMNS, label="raw/dti/columns.csv"
    )
    by_file: dict[str, list] = {}
    for c in cols.rows:
        by_file.setdefault(c["file"], []).append(c)
    entries = []
    for r in manifest.rows:
        bad = [
            (k, "a whole number")
            for k in ("year", "rows_published", "rows_stored")
            if not r[k].strip().isdigit()
        ]
        for k, what in bad:
            problems.append(Problem(manifest.name, r.line, k, r[k], what))
        if bad:
            continue
        if not plain_file(r["file"]):
            problems.append(Problem(manifest.name, r.line, "file", r["file"], PLAIN_FILE))
            continue
        if r["file"] not in by_file:
            problems.append(
                Problem(cols.name, 0, "file", r["file"], "the columns of every file in manifest.csv")
            )
            continue
        entries.append((r, by_file[r["file"]]))
    return entries


def _value(cell: str, indicator: str, most_rank: int) -> tuple[float | int | None, str]:
    """A raw cell as a number, or None and what was expected."""
    try:
        value = float(cell)
    except ValueError:
        return None, "a plain number with a full stop as decimal mark, as the publisher prints it"
    if indicator in RANK_INDICATORS:
        if not value.is_integer() or not 1 <= value <= most_rank:
            return None, f"a whole rank from 1 to {most_rank}"
        return int(value), ""
    if not 0 <= value <= 1:
        return None, "an index between 0 and 1"
    return value, ""


def load_dti(data_dir: Path, problems: list[Problem], places: Places) -> DTIData:
    """Every value of every raw DTI table as a figure keyed by place code (``places``: places.csv and
    the crosswalk, as validated); problems go to ``problems``."""
    raw_dir = data_dir.joinpath(*RAW)
    figures: dict[tuple[str, str, int], DTIFigure] = {}
    published: dict[tuple[str, int], int] = {}
    names: dict[tuple[str, int], str] = {}
    named: dict[int, set[str]] = {}
    for r, cols in _read_manifest(raw_dir, problems):
        year, label = int(r["year"]), f"raw/dti/{r['file']}"
        territory = r["territory"].strip()
        day = successor_day(places, year) if territory == SUCCESSOR else None
        if territory not in ("", SUCCESSOR) or (territory and day is None):
            why = f" (places.csv has no province formed after {year})" if territory == SUCCESSOR else ""
            expected = f"empty, or successor for a table of the provinces formed after its year{why}"
            problems.append(Problem("raw/dti/manifest.csv", r.line, "territory", territory, expected))
            continue
        published[_table_key(r["table"], year, territory)] = int(r["rows_published"])
        t = read_table(raw_dir / r["file"], problems, label=label)
        expected = [c["column"] for c in sorted(cols, key=lambda c: int(c["position"] or 0))]
        if t.header != expected:
            problems.append(
                Problem(label, 1, "(header)", ",".join(t.header), "the columns listed in raw/dti/columns.csv")
            )
            continue
        if len(t.rows) != int(r["rows_stored"]):
            problems.append(
                Problem(label, 0, "(file)", str(len(t.rows)), f"{r['rows_stored']} lines (manifest.csv)")
            )
        place_col = next((c["column"] for c in cols if c["indicator"] == PLACE), None)
        if place_col is None:
            problems.append(Problem("raw/dti/columns.csv", 0, "indicator", r["file"], "a 'place' column"))
            continue
        for row in t.rows:
            name = row[place_col]
            codes = place_codes(places, name, year, day)
            if len(codes) != 1:
                found = f"{len(codes)} provinces ({', '.join(codes)})" if codes else "none"
                when = f"of {day.isoformat()} (the table's territory)" if day else f"of {year}"
                problems.append(
                    Problem(
                        label,
                        row.line,
                        place_col,
                        name,
                        f"the name or an alias of exactly one province {when} in data/places.csv"
                        f" (found {found}); add the name as printed to that place's aliases",
                    )
                )
                continue
            code = codes[0]
            formed = places.formed(code)
            marked = SUCCESSOR if day and formed and formed.year > year else ""
            if day:
                named.setdefault(year, set()).add(code)
            names[(code, year)] = name
            quote = t.raw_lines[row.line - 1] if row.line - 1 < len(t.raw_lines) else ""
            for c in cols:
                if c["indicator"] == PLACE:
                    continue
                cell = row[c["column"]].strip()
                value, expected_value = _value(cell, c["indicator"], int(r["rows_published"]))
                if value is None:
                    problems.append(Problem(label, row.line, c["column"], cell, expected_value))
                    continue
                f = DTIFigure(
                    c["indicator"],
                    code,
                    year,
                    value,
                    r["source_id"],
                    label,
                    row.line,
                    quote,
                    territory=marked,
                )
                key = (f.indicator, code, year)
                seen = figures.get(key)
                if seen is None:
                    figures[key] = f
                elif seen.value != value:
                    gives = f"the value {seen.file} line {seen.line} gives ({seen.value})"
                    problems.append(Problem(label, row.line, c["column"], cell, gives))
    return DTIData(list(figures.values()), published, names, named)


def competition_ranks(values: list[float]) -> list[int]:
    """The publisher's ranks: 1 + the number of higher values (ties share a rank, the next is skipped)."""
    return [1 + sum(1 for w in values if w > v) for v in values]


def _table_key(table: str, year: int, territory: str) -> tuple:
    return (table, year, territory) if territory else (table, year)


def rank_differences(
    dti: DTIData, index: str = "dti", rank: str = "dti_rank", territory: str = ""
) -> list[str]:
    """Where a printed rank disagrees with the rank computed from the index values held.

    With a complete table every province is compared. With the first lines of a table only (the
    publisher lists provinces in rank order, so no unseen province ranks above them), the lines held
    are compared among themselves. Empty when every printed rank agrees. ``territory`` ``successor``
    compares a table published for the provinces formed after its year (rank ``dti_rank_merged``)."""
    out = []
    for year in sorted({f.year for f in dti.figures if f.indicator == index}):
        held = dti.held(index, year, territory)
        printed = {f.entity: f.value for f in dti.figures if f.indicator == rank and f.year == year}
        top = sorted(printed[p] for p in held if p in printed)
        published = dti.published.get(_table_key("detail", year, territory), len(held))
        if len(held) < published and top != list(range(1, len(top) + 1)):
            out.append(f"{year}: the {index} values held are not the first lines of the table")
            continue
        codes = sorted(held)
        for code, computed in zip(codes, competition_ranks([held[c].value for c in codes]), strict=True):
            if code in printed and printed[code] != computed:
                out.append(f"{year} {code}: printed rank {printed[code]}, computed {computed}")
    return out


def provincial_mean(dti: DTIData, year: int, index: str = "dti", territory: str = "") -> float | None:
    """The mean of the provinces' ``index`` in ``year``, when the table held is complete (every line
    the publisher's detailed table has); else None: a mean of the lines held would not be the
    publisher's. ``territory`` ``successor``: of a table published for the provinces formed after
    the year."""
    values = [f.value for f in dti.held(index, year, territory).values()]
    published = dti.published.get(_table_key("detail", year, territory))
    if not values or published is None or len(values) != published:
        return None
    return sum(values) / len(values)


NORMALISED = "dti.csv"
NORMALISED_COLUMNS = ("id", "indicator", "entity", "territory", "year", "value", "method")
NORMALISED_COLUMNS += ("source_id", "file", "line")  # where the value was read


def normalised_text(dti: DTIData) -> str:
    """The normalised DTI table (data/dti.csv) as text, sorted by indicator, year and place."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(NORMALISED_COLUMNS)
    for f in sorted(dti.figures, key=lambda f: (f.indicator, f.year, f.entity)):
        value = str(f.value) if isinstance(f.value, int) else format(f.value, ".10g")
        w.writerow(value if c == "value" else getattr(f, c) for c in NORMALISED_COLUMNS)
    return buf.getvalue()
