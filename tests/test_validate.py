"""Tests of the data validation (helpers.data.validate) and its command line (python -m helpers.data).

Every test works on a private copy of the data folder. Malformed variants are made by small edit
functions; each one reports the line it changed, computed by re-reading the file it wrote, and the
test asserts the exact problem (file, line, column, a stable part of the expected text).
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fuzz_support import examples
from helpers import data as hdata
from helpers.data.csvio import BOM, DataValidationError, Problem
from helpers.data.validate import FIGURE_COLUMNS, Dataset, validate
from helpers.paths import DEFAULT_DATA_DIR

Where = dict[str, str]

# Rows of the real data the edits aim at, named by cells that identify them.
EGDI_2024 = {"indicator": "egdi_rank", "entity": "VNM", "year": "2024"}
NDXP_2023 = {"indicator": "ndxp_transactions", "year": "2023"}
NDXP_2024 = {"indicator": "ndxp_transactions", "year": "2024"}
NDXP_JAN_2022 = {"indicator": "ndxp_transactions_january", "year": "2022"}
CCCD_2022 = {"indicator": "cccd_cards_issued", "year": "2022"}
CCCD_2023 = {"indicator": "cccd_cards_issued", "year": "2023"}
FIBRE_2024 = {"indicator": "fibre_households_share", "year": "2024"}
OTHER_SOURCE = "baohaugiang-2024-07-22"  # a valid source id other than EGDI_2024's
DOSSIER_2024 = {
    "indicator": "online_dossier_full_share",
    "year": "2024",
    "source_id": "web-baomoi-mic-economy-2025-02-06",
}
MONTHLY_2025_06 = {"indicator": "online_dossier_full_share_monthly", "date": "2025-06-30"}
NDXP_DAILY_SEP_2022 = {"indicator": "ndxp_transactions_daily", "date": "2022-09-26"}
GSO_2022_LATEST = {"indicator": "digital_economy_va_share_gdp", "year": "2022", "vintage": "2025-01-06"}


# --- fixtures -------------------------------------------------------------------------------


def _copy_data(dst: Path) -> Path:
    shutil.copytree(DEFAULT_DATA_DIR, dst)
    return dst


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the project's data folder that a test may edit."""
    return _copy_data(tmp_path / "data")


# --- reading and editing CSV files ----------------------------------------------------------


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def record_lines(path: Path) -> list[int]:
    """The physical line each CSV record of ``path`` starts on (the header is line 1)."""
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, last = [], 0
    for _ in reader:
        starts.append(last + 1)
        last = reader.line_num
    return starts


def find_row(rows: list[list[str]], where: Where) -> int:
    """Index (in ``rows``, header at 0) of the first data row whose cells match ``where``."""
    header = rows[0]
    for i, row in enumerate(rows[1:], start=1):
        cells = dict(zip(header, row, strict=False))
        if all(cells.get(k) == v for k, v in where.items()):
            return i
    raise LookupError(f"no row with {where} in the data; update the test's row selector")


def edit_cell(path: Path, where: Where, column: str, value: str | Callable[[str], str]) -> int:
    """Set ``column`` of the row matching ``where`` (``value`` may map the old cell); return its line."""
    rows = read_rows(path)
    i = find_row(rows, where)
    j = rows[0].index(column)
    rows[i][j] = value(rows[i][j]) if callable(value) else value
    write_rows(path, rows)
    return record_lines(path)[i]


def edit_cells(path: Path, where: Where, changes: Where) -> int:
    rows = read_rows(path)
    i = find_row(rows, where)
    for column, value in changes.items():
        rows[i][rows[0].index(column)] = value
    write_rows(path, rows)
    return record_lines(path)[i]


def duplicate_row(path: Path, where: Where, changes: Where | None = None) -> tuple[int, int]:
    """Insert a copy of the matching row (with ``changes``) after it; return (copy's line, original's line)."""
    rows = read_rows(path)
    i = find_row(rows, where)
    copy = list(rows[i])
    for column, value in (changes or {}).items():
        copy[rows[0].index(column)] = value
    rows.insert(i + 1, copy)
    write_rows(path, rows)
    lines = record_lines(path)
    return lines[i + 1], lines[i]


def map_columns(path: Path, fn: Callable[[list[str]], list[str]]) -> int:
    """Apply ``fn`` to the header and every row; return 1 (header and column problems are on line 1)."""
    write_rows(path, [fn(row) for row in read_rows(path)])
    return 1


def drop_column(path: Path, name: str) -> int:
    j = read_rows(path)[0].index(name)
    return map_columns(path, lambda row: row[:j] + row[j + 1 :])


def add_column(path: Path, name: str) -> int:
    first = True

    def add(row: list[str]) -> list[str]:
        nonlocal first
        cell, first = (name if first else ""), False
        return [*row, cell]

    return map_columns(path, add)


def repeat_column(path: Path, name: str) -> int:
    j = read_rows(path)[0].index(name)
    return map_columns(path, lambda row: [*row, row[j]])


def append_field(path: Path, where: Where) -> int:
    rows = read_rows(path)
    i = find_row(rows, where)
    rows[i].append("extra")
    write_rows(path, rows)
    return record_lines(path)[i]


def patch_bytes(path: Path, where: Where, column: str, raw: bytes) -> int:
    """Put ``raw`` bytes (not necessarily UTF-8) at the start of a cell; return the row's line."""
    marker = "@@PATCH@@"
    line = edit_cell(path, where, column, lambda old: marker + old)
    path.write_bytes(path.read_bytes().replace(marker.encode(), raw, 1))
    return line


def two_preferred(path: Path) -> tuple[int, int]:
    """Mark EGDI_2024 preferred and add the same point from another source, preferred too."""
    edit_cell(path, EGDI_2024, "preferred", "true")
    return duplicate_row(path, EGDI_2024, {"source_id": OTHER_SOURCE})


def append_unclosed_quote(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    path.write_text(text + 'egdi_rank,VNM,2024,,71,un-egdi-2024,"an unclosed quote,,,\n', encoding="utf-8")
    return line


def append_line(path: Path, line: str) -> int:
    """Append one CSV line to ``path``; return its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def retire(path: Path, where: Where) -> int:
    """List the id of the row matching ``where`` in retired_ids.csv beside ``path``; the row's line."""
    rows = read_rows(path)
    i = find_row(rows, where)
    append_line(path.parent / "retired_ids.csv", f"{rows[i][0]},2026-01-02,merged into another figure")
    return record_lines(path)[i]


# --- the malformed variants -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One malformed variant: ``edit`` changes ``file`` and returns the line of the expected problem
    (or that line and another line that ``expected`` names as ``{other}``)."""

    id: str
    file: str
    edit: Callable[[Path], int | tuple[int, int]]
    column: str
    expected: str
    value: str | None = field(default=None)  # a substring of the problem's value, when worth checking


FIG, IND, SRC, CLM, TGT = "figures.csv", "indicators.csv", "sources.csv", "claims.csv", "targets.csv"
UN_2024, MANIFEST = "raw/un-egdi/EGOV_DATA_2024.csv", "raw/un-egdi/manifest.csv"

CASES = [
    # columns and row shape
    Case("missing-column", FIG, lambda p: drop_column(p, "note"), "note", "a column named 'note' (missing)"),
    Case(
        "unknown-column", FIG, lambda p: add_column(p, "comment"), "comment", "no such column; expected only"
    ),
    Case("repeated-column", FIG, lambda p: repeat_column(p, "note"), "note", "each column once"),
    Case(
        "wrong-field-count",
        FIG,
        lambda p: append_field(p, NDXP_2023),
        "(row)",
        f"{len(FIGURE_COLUMNS)} fields as in the header",
        str(len(FIGURE_COLUMNS) + 1),
    ),
    Case("unclosed-quote", FIG, append_unclosed_quote, "(row)", "well-formed CSV"),
    # types
    Case(
        "vietnamese-number",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "value", "1.013 triệu"),
        "value",
        "did you mean 1013000000",
        "1.013 triệu",
    ),
    Case(
        "decimal-comma",
        FIG,
        lambda p: edit_cell(p, CCCD_2022, "value", "76,5"),
        "value",
        "did you mean 76.5",
        "76,5",
    ),
    Case(
        "empty-value",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "value", ""),
        "value",
        "a number (the cell is empty)",
    ),
    Case(
        "year-not-integer", FIG, lambda p: edit_cell(p, NDXP_2024, "year", "2024.0"), "year", "a whole number"
    ),
    Case("year-1800", FIG, lambda p: edit_cell(p, NDXP_2024, "year", "1800"), "year", "a year from 1990 to"),
    Case(
        "date-not-iso",
        FIG,
        lambda p: edit_cell(p, NDXP_JAN_2022, "date", "28/01/2022"),
        "date",
        "an ISO date YYYY-MM-DD",
        "28/01/2022",
    ),
    Case(
        "date-other-year",
        FIG,
        lambda p: edit_cell(p, CCCD_2023, "date", "2022-12-31"),
        "date",
        "a date in the row's year 2023",
    ),
    Case(
        "stock-without-date",
        FIG,
        lambda p: edit_cell(p, CCCD_2023, "date", ""),
        "date",
        "a stock needs a date",
    ),
    Case(
        "bad-boolean",
        FIG,
        lambda p: edit_cell(p, NDXP_2023, "preferred", "yes"),
        "preferred",
        "true, false or empty",
    ),
    # references
    Case(
        "unknown-indicator",
        FIG,
        lambda p: edit_cell(p, EGDI_2024, "indicator", "egdi_rnk"),
        "indicator",
        "an indicator id from indicators.csv",
    ),
    Case(
        "unknown-source",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "source_id", "no-such-source"),
        "source_id",
        "a source id from sources.csv",
    ),
    Case(
        "unknown-entity",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "entity", "XYZ"),
        "entity",
        "an ISO 3166-1 alpha-3 code of a country in the UN tables",
    ),
    Case(
        "lowercase-entity", FIG, lambda p: edit_cell(p, NDXP_2024, "entity", "vnm"), "entity", "in capitals"
    ),
    Case(
        "duplicate-row",
        FIG,
        lambda p: duplicate_row(p, NDXP_2023),
        "source_id",
        "one row per indicator, entity, year, period, date and source (line {other} is the same)",
    ),
    # figure ids
    Case(
        "figure-id-not-an-id",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "id", "F-4"),
        "id",
        "a figure id: lower-case letters then digits",
    ),
    Case("figure-id-empty", FIG, lambda p: edit_cell(p, NDXP_2024, "id", ""), "id", "a figure id"),
    Case(
        "figure-id-twice",
        FIG,
        lambda p: duplicate_row(p, NDXP_2023, {"source_id": OTHER_SOURCE}),
        "id",
        "a unique figure id (line {other} has it too)",
    ),
    Case("figure-id-retired", FIG, lambda p: retire(p, NDXP_2024), "id", "an id never used before"),
    Case(
        "retired-id-without-reason",
        "retired_ids.csv",
        lambda p: append_line(p, "f9999,2026-01-02,"),
        "reason",
        "why the figure was removed",
    ),
    Case(
        "retired-id-twice",
        "retired_ids.csv",
        lambda p: append_line(p, "f9999,2026-01-02,gone") and append_line(p, "f9999,2026-01-03,gone again"),
        "id",
        "an id listed once",
    ),
    # averaging windows of per-day figures
    Case(
        "window-missing",
        FIG,
        lambda p: edit_cell(p, NDXP_DAILY_SEP_2022, "window", ""),
        "window",
        "the days the per-day figure is an average of",
    ),
    Case(
        "window-not-its-date",
        FIG,
        lambda p: edit_cell(p, NDXP_DAILY_SEP_2022, "window", "2022-01-01/2022-09-30"),
        "window",
        "a window ending on the row's date 2022-09-26",
    ),
    Case(
        "window-backwards",
        FIG,
        lambda p: edit_cell(p, NDXP_DAILY_SEP_2022, "window", "2022-09-27/2022-09-26"),
        "window",
        "a window whose start is not after its end",
    ),
    Case(
        "window-on-a-year",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "window", "typical"),
        "window",
        "only a per-day figure (period 'day') has an averaging window",
    ),
    Case(
        "definition-break-second-entry-malformed",
        IND,
        lambda p: edit_cell(
            p, {"id": "cccd_cards_issued"}, "definition_break", lambda old: old + " | July 2025: y"
        ),
        "definition_break",
        "several separated by ' | '",
    ),
    # ranges
    Case(
        "rank-beyond-surveyed",
        FIG,
        lambda p: edit_cell(p, EGDI_2024, "value", "250"),
        "value",
        "a whole rank from 1 to 193 (countries surveyed in 2024)",
    ),
    Case("fractional-rank", FIG, lambda p: edit_cell(p, EGDI_2024, "value", "71.5"), "value", "a whole rank"),
    Case(
        "share-above-100",
        FIG,
        lambda p: edit_cell(p, FIBRE_2024, "value", "182.4"),
        "value",
        "a percentage from 0 to 100",
    ),
    Case(
        "negative-count",
        FIG,
        lambda p: edit_cell(p, NDXP_2023, "value", "-647000000"),
        "value",
        "a count of 0 or more",
    ),
    # quotes, derived and preferred rows
    Case(
        "empty-quote",
        FIG,
        lambda p: edit_cell(p, NDXP_2023, "quote", "  "),
        "quote",
        "the verbatim sentence the figure comes from (the cell is empty)",
    ),
    Case(
        "value-not-in-quote",
        FIG,
        lambda p: edit_cell(p, NDXP_2023, "value", "648000000"),
        "value",
        "a number stated in the quote (after scaling)",
    ),
    Case(
        "derived-without-note",
        FIG,
        lambda p: edit_cells(p, NDXP_2023, {"derived": "true", "note": ""}),
        "note",
        "a note saying how the derived value was computed",
    ),
    Case(
        "two-preferred",
        FIG,
        two_preferred,
        "preferred",
        "one preferred row per point (line {other} is preferred too)",
    ),
    # bytes
    Case(
        "undecodable-bytes",
        FIG,
        lambda p: patch_bytes(p, NDXP_2023, "quote", b"\xff\xfe"),
        "quote",
        "UTF-8 text",
        "??",
    ),
    Case(
        "nul-byte",
        FIG,
        lambda p: patch_bytes(p, NDXP_2024, "quote", b"\x00"),
        "(file)",
        "text without NUL bytes",
    ),
    # the other tables
    Case(
        "unknown-kind",
        IND,
        lambda p: edit_cell(p, {"id": "egdi_rank"}, "kind", "ranking"),
        "kind",
        "one of: flow, stock",
    ),
    Case(
        "duplicate-indicator",
        IND,
        lambda p: duplicate_row(p, {"id": "egdi_rank"})[0],
        "id",
        "a unique id (this one is already used)",
    ),
    Case(
        "bad-published-date",
        SRC,
        lambda p: edit_cell(p, {"id": "baonghean-2022-12-25"}, "published", "25/12/2022"),
        "published",
        "an ISO date YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    Case(
        "bad-address",
        SRC,
        lambda p: edit_cell(p, {"id": "baonghean-2022-12-25"}, "address", "www.baonghean.vn"),
        "address",
        "a web address starting with http:// or https://",
    ),
    Case(
        "claim-not-in-quote",
        CLM,
        lambda p: edit_cell(p, {"id": "ndxp-2024-growth"}, "stated", "58"),
        "stated",
        "a number stated in the quote",
    ),
    Case(
        "claim-unknown-kind",
        CLM,
        lambda p: edit_cell(p, {"id": "ndxp-2024-growth"}, "kind", "growth"),
        "kind",
        "one of: pct_change",
    ),
    Case(
        "un-index-above-1",
        UN_2024,
        lambda p: edit_cell(p, {"Country": "Ireland "}, "E_Index", "1.5"),
        "E_Index",
        "an index between 0 and 1",
    ),
    Case(
        "un-unknown-country",
        UN_2024,
        lambda p: edit_cell(p, {"Country": "Ireland "}, "Country", "Atlantis "),
        "Country",
        "a country known from the 2010-2018 tables or country_aliases.csv",
    ),
    Case(
        "manifest-unknown-format",
        MANIFEST,
        lambda p: edit_cell(p, {"file": "EGOV_DATA_2024.csv"}, "format", "xlsx"),
        "format",
        "one of unu",
    ),
    # the model: periods, dates, status, releases; targets
    Case(
        "monthly-figure-in-annual-series",
        FIG,
        lambda p: edit_cells(
            p, DOSSIER_2024, {"period": "month", "date": "2024-12-31", "date_basis": "stated"}
        ),
        "period",
        "a period of online_dossier_full_share's series (year)",
    ),
    Case(
        "unknown-period",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "period", "fortnight"),
        "period",
        "one of: year, half",
    ),
    Case(
        "year-figure-with-a-date",
        FIG,
        lambda p: edit_cells(p, NDXP_2024, {"date": "2024-07-31", "date_basis": "stated"}),
        "date",
        "empty: period 'year' is the whole calendar year",
    ),
    Case(
        "month-figure-without-a-date",
        FIG,
        lambda p: edit_cells(p, MONTHLY_2025_06, {"date": "", "date_basis": ""}),
        "date",
        "period 'month' needs a date",
    ),
    Case(
        "date-without-basis",
        FIG,
        lambda p: edit_cell(p, CCCD_2023, "date_basis", ""),
        "date_basis",
        "stated or inferred",
    ),
    Case(
        "unknown-status", FIG, lambda p: edit_cell(p, NDXP_2024, "status", "guess"), "status", "one of: final"
    ),
    Case(
        "unknown-producer",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "producer", "a blog"),
        "producer",
        "one of: UN DESA",
    ),
    Case(
        "vintage-older-than-the-one-it-replaces",
        FIG,
        lambda p: edit_cell(p, GSO_2022_LATEST, "revises", "2025-12-31"),
        "revises",
        "a vintage older than the row's own vintage 2025-01-06",
    ),
    Case(
        "revises-a-vintage-not-in-the-data",
        FIG,
        lambda p: edit_cell(p, GSO_2022_LATEST, "revises", "2024-06"),
        "revises",
        "the vintage of another row of the same point",
    ),
    Case(
        "revises-without-vintage",
        FIG,
        lambda p: edit_cells(p, GSO_2022_LATEST, {"vintage": "", "revises": "2023-12-29"}),
        "revises",
        "empty unless the row has a vintage",
    ),
    Case(
        "preferred-without-reason",
        FIG,
        lambda p: edit_cells(p, EGDI_2024, {"preferred": "true", "note": ""}),
        "note",
        "the reason the row is preferred",
    ),
    Case(
        "indicator-unknown-period",
        IND,
        lambda p: edit_cell(p, {"id": "ndxp_transactions"}, "period", "year|decade"),
        "period",
        "one or more of year, half",
    ),
    Case(
        "target-without-direction",
        TGT,
        lambda p: edit_cell(p, {"id": "dx749-egdi-top70-2025"}, "direction", ""),
        "direction",
        "one of: at_least, at_most, exactly",
    ),
    Case(
        "target-value-not-in-quote",
        TGT,
        lambda p: edit_cell(p, {"id": "dx749-egdi-top70-2025"}, "value", "60"),
        "value",
        "a number stated in the quote",
    ),
    Case(
        "target-unknown-indicator",
        TGT,
        lambda p: edit_cell(p, {"id": "dx749-egdi-top70-2025"}, "indicator", "egdi_top"),
        "indicator",
        "an indicator id from indicators.csv",
    ),
    Case(
        "claim-ratio-to-without-other-indicator",
        CLM,
        lambda p: edit_cell(p, {"id": "digital-economy-2024-3x-gdp"}, "other_indicator", ""),
        "other_indicator",
        "the indicator the value is divided by",
    ),
]


def problems_of(path: Path) -> list[Problem]:
    """The problems ``validate`` reports for ``path``; an empty list when it validates."""
    try:
        validate(path)
    except DataValidationError as exc:
        return exc.problems
    return []


def assert_reported(
    problems: list[Problem], file: str, line: int, column: str, expected: str
) -> list[Problem]:
    hits = [
        p for p in problems if (p.file, p.line, p.column) == (file, line, column) and expected in p.expected
    ]
    listing = "\n".join(f"  {p}" for p in problems) or "  (none)"
    assert hits, f"expected {file}:{line}: column '{column}': ...{expected}...; got:\n{listing}"
    return hits


# --- tests ----------------------------------------------------------------------------------


def test_real_data_validates_cleanly():
    ds = validate(DEFAULT_DATA_DIR)
    assert isinstance(ds, Dataset)
    assert len(ds.figures) > 30
    assert len(ds.un.figures) > 8000
    assert all(f["line"] >= 2 for f in ds.figures)


def test_the_copy_validates_like_the_original(data_dir):
    assert len(validate(data_dir).figures) == len(validate(DEFAULT_DATA_DIR).figures)


def test_the_cases_are_many_and_distinct():
    assert len(CASES) >= 18
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_malformed_variant_is_reported_at_its_line_and_column(data_dir, case):
    result = case.edit(data_dir / case.file)
    line, other = result if isinstance(result, tuple) else (result, None)
    with pytest.raises(DataValidationError) as info:
        validate(data_dir)
    hits = assert_reported(
        info.value.problems, case.file, line, case.column, case.expected.format(other=other)
    )
    if case.value is not None:
        assert any(case.value in p.value for p in hits), hits


def test_message_lists_file_line_column_value_and_hint(data_dir):
    line = edit_cell(data_dir / "figures.csv", NDXP_2024, "value", "1.013 triệu")
    with pytest.raises(DataValidationError) as info:
        validate(data_dir)
    message = str(info.value)
    assert message.startswith("1 problem in ")
    assert f"figures.csv:{line}: column 'value': value '1.013 triệu': a plain number" in message
    assert "did you mean 1013000000?" in message


def test_every_problem_is_collected_before_raising(data_dir):
    value_line = edit_cell(data_dir / "figures.csv", NDXP_2024, "value", "1.013 triệu")
    date_line = edit_cell(data_dir / "figures.csv", NDXP_JAN_2022, "date", "28/01/2022")
    claim_line = edit_cell(data_dir / "claims.csv", {"id": "ndxp-2024-growth"}, "stated", "58")
    with pytest.raises(DataValidationError) as info:
        validate(data_dir)
    problems = info.value.problems
    assert_reported(problems, "figures.csv", value_line, "value", "did you mean 1013000000")
    assert_reported(problems, "figures.csv", date_line, "date", "an ISO date YYYY-MM-DD")
    assert_reported(problems, "claims.csv", claim_line, "stated", "a number stated in the quote")
    assert len(problems) == 3
    assert problems == sorted(problems)


# --- Excel compatibility --------------------------------------------------------------------


def to_excel_bytes(path: Path) -> None:
    """Rewrite ``path`` as Excel's "CSV UTF-8" does: a byte-order mark and CRLF line ends."""
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(BOM + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))


def test_excel_bom_and_crlf_are_accepted(data_dir):
    original = validate(data_dir)
    to_excel_bytes(data_dir / "figures.csv")
    assert (data_dir / "figures.csv").read_bytes().startswith(BOM + b"id,indicator,")
    ds = validate(data_dir)
    assert [f["line"] for f in ds.figures] == [f["line"] for f in original.figures]
    assert [f["value"] for f in ds.figures] == [f["value"] for f in original.figures]
    assert len(hdata.load_figures(data_dir=data_dir)) == len(hdata.load_figures(data_dir=DEFAULT_DATA_DIR))


def test_excel_file_problems_keep_their_line_numbers(data_dir):
    line = edit_cell(data_dir / "figures.csv", NDXP_2024, "value", "1.013 triệu")
    to_excel_bytes(data_dir / "figures.csv")
    assert_reported(problems_of(data_dir), "figures.csv", line, "value", "did you mean 1013000000")


# --- the command line -----------------------------------------------------------------------


def run_cli(data_path: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.data", str(data_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=cwd,
        timeout=120,
    )


def test_cli_says_ok_on_clean_data(data_dir, tmp_path):
    proc = run_cli(data_dir, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_cli_lists_problems_and_exits_1_on_broken_data(data_dir, tmp_path):
    line = edit_cell(data_dir / "figures.csv", NDXP_2024, "value", "1.013 triệu")
    patch_bytes(data_dir / "figures.csv", NDXP_2023, "quote", b"\xff\xfe")
    proc = run_cli(data_dir, tmp_path)
    assert proc.returncode == 1
    assert f"figures.csv:{line}: column 'value'" in proc.stderr
    assert "did you mean 1013000000" in proc.stderr
    assert "column 'quote'" in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


# Run ``python -m helpers.data`` with every import of pandas, numpy or matplotlib failing.
NO_PANDAS = """
import runpy, sys
class NoPandas:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pandas", "numpy", "matplotlib"):
            raise ImportError(f"{name} is blocked: make validate must not need it")
sys.meta_path.insert(0, NoPandas())
sys.argv = ["helpers.data", *sys.argv[1:]]
runpy.run_module("helpers.data", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "broken"])
def test_cli_needs_no_pandas(data_dir, tmp_path, broken):
    if broken:
        line = edit_cell(data_dir / "figures.csv", NDXP_2024, "value", "1.013 triệu")
    proc = subprocess.run(
        [sys.executable, "-c", NO_PANDAS, str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=tmp_path,
        timeout=120,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    if broken:
        assert proc.returncode == 1
        assert f"figures.csv:{line}: column 'value'" in proc.stderr
    else:
        assert proc.returncode == 0, proc.stderr
        assert "ok" in proc.stdout


# --- odd cells found while writing these tests ----------------------------------------------
# Each must be reported as a problem (or accepted), never end validation with another exception.

ODD_CELLS = [
    pytest.param(FIG, NDXP_2024, "value", "1.234.5", id="value-two-dots"),
    pytest.param(FIG, NDXP_2024, "quote", lambda q: q + " (1,234.567,8)", id="quote-mixed-separators"),
    pytest.param(FIG, NDXP_2024, "year", "1" * 5000, id="year-5000-digits"),
    pytest.param(CLM, {"id": "ndxp-2024-growth"}, "stated", "-57", id="claim-negative"),
    pytest.param(CLM, {"id": "egdi-2024-very-high"}, "stated", "7.5e-1", id="claim-exponent"),
    pytest.param(CLM, {"id": "ndxp-2024-growth"}, "stated", "1.234.5", id="claim-two-dots"),
]


@pytest.mark.parametrize(("file", "where", "column", "value"), ODD_CELLS)
def test_odd_cell_is_a_problem_not_a_crash(data_dir, file, where, column, value):
    edit_cell(data_dir / file, where, column, value)
    problems_of(data_dir)  # any exception other than DataValidationError fails the test


@pytest.mark.parametrize(
    ("where", "column", "value", "expected"),
    [
        (NDXP_2024, "value", "1.234.5", "a plain number"),
        (NDXP_2024, "year", "1" * 5000, "a year from 1990 to"),
    ],
    ids=["value-two-dots", "year-5000-digits"],
)
def test_odd_figure_cell_is_reported_where_it_is(data_dir, where, column, value, expected):
    line = edit_cell(data_dir / "figures.csv", where, column, value)
    assert_reported(problems_of(data_dir), "figures.csv", line, column, expected)


def test_infinite_value_is_not_a_plain_number(data_dir):
    line = edit_cells(
        data_dir / "figures.csv", NDXP_2023, {"value": "1e999", "derived": "true", "note": "summed by hand"}
    )
    assert_reported(problems_of(data_dir), "figures.csv", line, "value", "")  # any problem with the value


def test_load_figures_survives_a_derived_row_with_odd_numbers_in_its_quote(data_dir):
    edit_cells(
        data_dir / "figures.csv",
        NDXP_2023,
        {"derived": "true", "note": "computed", "quote": "Tăng 1,234.567,8 lần, 647 triệu."},
    )
    df = hdata.load_figures(data_dir=data_dir)
    assert (df["origin"] == "curated").sum() == len(validate(data_dir).figures)


def test_un_quote_is_its_raw_line_despite_unicode_line_separators(data_dir):
    path = data_dir / "raw/un-egdi/egdi-2010.csv"
    edit_cell(path, {"country-code": "IRQ"}, "country-name", "Ir\u2028aq")
    line = record_lines(path)[find_row(read_rows(path), {"country-code": "IRL"})]
    ds = validate(data_dir)
    ireland = [u for u in ds.un.figures if u.year == 2010 and u.entity == "IRL"]
    assert ireland and all(u.line == line for u in ireland)
    assert all(u.quote.startswith("IRL,Ireland,") for u in ireland), ireland[0].quote


# --- property-based tests -------------------------------------------------------------------

# Each example validates a whole data folder (~50 ms), so shrinking a failure could take minutes:
# failures are reported as generated, unshrunk. No example database is written (database=None).
FUZZ = settings(
    max_examples=examples(80),
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


_serial = itertools.count()


@contextlib.contextmanager
def fresh_copy(root: Path, figures: bytes) -> Iterator[Path]:
    """A fresh data folder (so helpers.data's cache never sees it before) with ``figures`` as figures.csv."""
    path = _copy_data(root / f"example-{next(_serial)}")
    (path / "figures.csv").write_bytes(figures)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


REAL_FIGURES = read_rows(DEFAULT_DATA_DIR / "figures.csv")
HEADER_BYTES = (",".join(REAL_FIGURES[0]) + "\n").encode()
VIETNAMESE = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯ"
ALPHABET = "0123456789.,-+eE% \"'\n\r\t;/:" + VIETNAMESE + "abcxyzVNMtrue"
PLAUSIBLE = sorted(
    {cell for row in REAL_FIGURES[1:] for cell in row}
    | {"1.013 triệu", "76,5", "76,5 triệu", "hơn 2,6 triệu", "1,013", "1.013", "-1", "0", "1e999", "nan"}
    | {"true", "false", "TRUE", "yes", "vnm", "XYZ", "1800", "2024-02-30", "2024/01/01", "", " "}
)

bytes_files = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda tail: HEADER_BYTES + tail, st.binary(max_size=1000)),
    st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(
            [HEADER_BYTES, BOM + HEADER_BYTES, (DEFAULT_DATA_DIR / "figures.csv").read_bytes()[:3000]]
        ),
        st.binary(max_size=300),
    ),
)
numberish = st.from_regex(r"-?\d{1,4}(?:[.,]\d{1,3}){0,3}(?:e-?\d)?(?: triệu| tỷ|%)?", fullmatch=True)
# Thousands groups with either separator and an optional decimal tail: "1.234.567", "1,234.567,8", "1.234.5".
grouped = st.builds(
    lambda lead, groups, tail: lead + "".join(sep + group for sep, group in groups) + tail,
    st.integers(1, 999).map(str),
    st.lists(
        st.tuples(st.sampled_from(".,"), st.integers(0, 999).map("{:03d}".format)), min_size=1, max_size=3
    ),
    st.one_of(st.just(""), st.tuples(st.sampled_from(".,"), st.integers(0, 99).map(str)).map("".join)),
)
cells = st.one_of(
    numberish,
    grouped,
    st.builds("Đạt {} triệu.".format, grouped),
    st.builds(
        "{} {} {}".format, st.sampled_from(["Tăng", "đạt hơn", ""]), numberish, st.sampled_from(["lần.", ""])
    ),
    st.text(alphabet=ALPHABET, max_size=16),
    st.sampled_from(PLAUSIBLE),
    st.integers(min_value=-(10**13), max_value=10**13).map(str),
    st.floats().map(str),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12),
)


def _mutate(row: list[str], changes: dict[int, str]) -> list[str]:
    return [changes.get(j, cell) for j, cell in enumerate(row)]


real_rows = st.builds(
    _mutate,
    st.sampled_from(REAL_FIGURES[1:]),
    st.dictionaries(st.integers(0, len(FIGURE_COLUMNS) - 1), cells, max_size=3),
)
rows = st.lists(
    st.one_of(
        real_rows,
        st.lists(cells, min_size=len(FIGURE_COLUMNS), max_size=len(FIGURE_COLUMNS)),
        st.lists(cells),
    ),
    max_size=8,
)
headers = st.integers(0, 9).flatmap(
    lambda i: (
        st.just(FIGURE_COLUMNS)
        if i < 7
        else st.one_of(
            st.permutations(FIGURE_COLUMNS),
            st.lists(st.sampled_from(FIGURE_COLUMNS)),
            st.lists(cells, max_size=12),
        )
    )
)


@st.composite
def csv_files(draw) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(draw(headers))
    writer.writerows(draw(rows))
    return (BOM if draw(st.booleans()) else b"") + out.getvalue().encode("utf-8")


@FUZZ
@given(content=bytes_files)
def test_any_bytes_validate_or_raise_data_validation_error(fuzz_root, content):
    with fresh_copy(fuzz_root, content) as path:
        problems_of(path)


@FUZZ
@given(content=csv_files())
def test_any_csv_loads_and_validates_or_raises_data_validation_error(fuzz_root, content):
    """One validation an example (load_figures validates): either every problem is located in the
    one file changed, or the figures load, each row of figures.csv once."""
    with fresh_copy(fuzz_root, content) as path:
        try:
            df = hdata.load_figures(data_dir=path)
        except DataValidationError as exc:
            for p in exc.problems:
                assert p.file in ("figures.csv",), p  # only figures.csv was changed
                assert p.line >= 1 or p.column == "(file)"
            return
        assert (df["origin"] == "curated").sum() == len(validate(path).figures)
