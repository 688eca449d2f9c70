"""Shared by the tests of the data validation (test_validate*.py, test_territory.py,
test_place_rules.py): a private copy of data/ (``copy_data``), selectors of rows of the real data,
small edit functions that make a malformed variant and return the line they changed (computed by
re-reading the file they wrote), the ``Case`` of one malformed variant, and ``problems_of`` /
``assert_reported``, which find the exact problem (file, line, column, a stable part of the text).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from helpers.data.csvio import DataValidationError, Problem
from helpers.data.validate import validate
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


# --- a copy of the data -------------------------------------------------------------------------------


def copy_data(dst: Path) -> Path:
    shutil.copytree(DEFAULT_DATA_DIR, dst)
    return dst


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


# --- one malformed variant ------------------------------------------------------------------


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
