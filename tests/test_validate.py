"""Tests of the data validation (helpers.data.validate): the real data validates, every malformed
variant (validate_cases_support.py) is reported at its line and column, messages name file, line,
column, value and hint, every problem is collected, Excel's CSV files are read, and odd cells found
while writing these tests are problems, not crashes. The command line: test_validate_cli.py;
generated files: test_validate_fuzz.py.

Every test works on a private copy of the data folder. Malformed variants are made by small edit
functions; each one reports the line it changed, computed by re-reading the file it wrote, and the
test asserts the exact problem (file, line, column, a stable part of the expected text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import data as hdata
from helpers.data.csvio import BOM, DataValidationError
from helpers.data.validate import Dataset, validate
from helpers.paths import DEFAULT_DATA_DIR
from validate_cases_support import CASES
from validate_support import (
    CLM,
    FIG,
    NDXP_2023,
    NDXP_2024,
    NDXP_JAN_2022,
    assert_reported,
    copy_data,
    edit_cell,
    edit_cells,
    find_row,
    problems_of,
    read_rows,
    record_lines,
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the project's data folder that a test may edit."""
    return copy_data(tmp_path / "data")


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
