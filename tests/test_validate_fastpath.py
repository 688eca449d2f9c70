"""A fast path vouches for the rows of figures.csv that pass every check, and must not change what
validation says: it vouches only for rows the full checks pass (and records them as those would),
and any other row gets the full checks and their messages; compared here with the full checks alone
on the project's data, the malformed variants, edited real rows and generated files. Also the
lookup it relies on: a value stated as written in its quote is stated.
"""

from __future__ import annotations

import csv
import importlib
import io
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_support import examples
from helpers.data import schema
from helpers.data.csvio import DataValidationError
from helpers.data.numbers import _readings, is_stated, stated_as_written
from helpers.data.un import load_un
from helpers.data.validate import fastpath, indicators, sources
from helpers.paths import DEFAULT_DATA_DIR
from validate_cases_support import CASES
from validate_fuzz_support import GENERATED, REAL_FIGURES, csv_files
from validate_support import edit_cell

V = importlib.import_module("helpers.data.validate")  # the package (helpers.data.validate is also a function)
FIGURES = importlib.import_module("helpers.data.validate.figures")  # streams figures.csv through both paths
FIG = "figures.csv"


# --- the fast path --------------------------------------------------------------------------


def test_the_fast_path_reads_every_column_of_figures():
    assert sorted(fastpath.COLUMNS) == sorted(schema.columns("figures"))


def _without_fast_path(monkeypatch):
    monkeypatch.setattr(FIGURES, "fast_path", lambda *args: lambda record, line: False)


def _outcome(path: Path):
    V._validated.clear()
    try:
        ds = V.validate(path)
    except DataValidationError as exc:
        return "problems", [str(p) for p in exc.problems]
    return "figures", ds.figures


def _outcomes(path: Path, monkeypatch):
    """What validate says of ``path``: with the fast path, and with the full checks alone."""
    fast = _outcome(path)
    with monkeypatch.context() as m:
        _without_fast_path(m)
        full = _outcome(path)
    return fast, full


def test_the_fast_path_vouches_for_every_row_of_the_project(monkeypatch):
    checked = []
    full = FIGURES.check_row
    monkeypatch.setattr(FIGURES, "check_row", lambda c, row, *a: checked.append(row.line) or full(c, row, *a))
    V._validated.clear()
    ds = V.validate(DEFAULT_DATA_DIR)
    assert ds.figures and checked == []  # a row it would not vouch for would be worth knowing about


def test_the_fast_path_records_what_the_full_checks_record(data_copy, monkeypatch):
    fast, full = _outcomes(data_copy, monkeypatch)
    assert fast[0] == "figures"
    assert fast == full


@pytest.mark.parametrize("case", [c for c in CASES if c.file == FIG], ids=lambda c: c.id)
def test_a_malformed_variant_gets_the_full_checks_messages(data_copy, monkeypatch, case):
    case.edit(data_copy / case.file)
    fast, full = _outcomes(data_copy, monkeypatch)
    assert fast[0] == "problems"
    assert fast == full


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        ({"indicator": "egdi_rank", "entity": "VNM", "year": "2024"}, "250", "a whole rank from 1 to 193"),
        ({"indicator": "egdi_rank", "entity": "VNM", "year": "2024"}, "0", "a whole rank from 1 to 193"),
        ({"indicator": "egdi_rank", "entity": "VNM", "year": "2024"}, "71.5", "a whole rank"),
        ({"indicator": "digital_economy_share_gdp", "year": "2022"}, "114.18", "a percentage from 0 to 100"),
        ({"indicator": "egdi_value", "year": "2020"}, "1.6667", "an index from 0 to 1"),
        ({"indicator": "ndxp_transactions", "year": "2023"}, "-647000000", "a count of 0 or more"),
    ],
    ids=["rank-250", "rank-0", "rank-71.5", "share-114", "index-1.7", "count-negative"],
)
def test_a_value_out_of_range_is_reported_even_when_its_quote_states_it(
    data_copy, monkeypatch, where, value, expected
):
    line = edit_cell(data_copy / FIG, where, "value", value)
    edit_cell(data_copy / FIG, where, "quote", f"The figure was {value} that year.")
    fast, full = _outcomes(data_copy, monkeypatch)
    assert fast == full
    assert any(p.startswith(f"{FIG}:{line}: column 'value'") and expected in p for p in fast[1]), fast


# Cells the fast path looks up as written: each is also written in ways the full checks accept or
# reject (spaces, case, leading zeros, other kinds of number), and values are written into quotes
# beside scale words, separators and digits.
def _variants(column: str, cell: str, value: str) -> list[str]:
    common = ["", " ", f" {cell}", f"{cell} ", cell.upper(), cell.lower()]
    return (
        common
        + {
            "id": [
                "f0001",
                "f0002",
                "f1",
                "f00010",
                "p00001",
                "F0001",
                "f-1",
                "f",
                "0001",
                "un:egdi_rank:VNM:2024",
            ],
            "indicator": ["egdi_rank", "ndxp_transactions", "fibre_households_share", "cccd_cards_issued"],
            "entity": ["XYZ", "VNM", "THA", "VN"],
            "territory": ["successor", "Successor", "merged", " successor"],
            "year": ["0" + cell, "1989", "1990", "2023", "2024", "2099", "2024.0"],
            "period": ["year", "month", "day", "as_of", "quarter", "half", "year_to_date", "decade"],
            "date": ["2024-02-30", "2024-2-3", "1989-12-31", "2099-01-01", "2024-12-31", "2023-06-30"],
            "date_basis": ["stated", "inferred", "Stated"],
            "window": [
                "typical",
                "unstated",
                "Typical",
                "2022-01-01/2022-09-26",
                "2022-09-26/2022-01-01",
                "2022-01-01/2022-09-27",
                "2022-1-1/2022-09-26",
                "2022-02-30/2022-09-26",
                "2024-01-01/2024-12-31",
                "2099-01-01/2099-01-02",
                "2022-01-01 / 2022-09-26",
            ],
            "value": [
                "0" + cell,
                "+" + cell,
                "-" + cell,
                cell + ".0",
                "1e3",
                "0",
                "nan",
                "1e999",
                "71",
                "194",
            ],
            "status": ["final", "estimate", "guess"],
            "vintage": ["2025", "2025-01", "2025-01-06", "2025-1", "2024"],
            "revises": ["2024", "2024-06", "2023-12-29", "2025-01-06", "2025-12-31"],
            "producer": ["unknown", "GSO", "a blog"],
            "source_id": ["no-such-source", "baohaugiang-2024-07-22"],
            "quote": [
                f"Đạt {value} triệu.",
                f"{value}%",
                f"{value}.5 lần",
                f"{value},000",
                f"hơn {value}",
                f"{value}k",
                f"{value} \u212a",
                f"{value}\u00a0tỷ",
                f"1{value}",
                f"{value}1",
                f"({value}).",
                f"{value} người",
                f"{value}  m",
                f"{value} Billion",
            ],
            "note": ["computed by hand"],
            "derived": ["true", "TRUE", "false", "yes"],
            "preferred": ["true", "TRUE", "false", "yes"],
        }[column]
    )


@st.composite
def edited_figures(draw) -> bytes:
    """The project's figures.csv with a few rows edited, copied or moved."""
    header, rows = REAL_FIGURES[0], [list(r) for r in REAL_FIGURES[1:]]
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.integers(0, len(rows) - 1))
        what = draw(st.sampled_from(["edit", "edit", "copy", "move"]))
        if what == "move":
            rows.insert(draw(st.integers(0, len(rows) - 1)), rows.pop(k))
            continue
        row = list(rows[k]) if what == "copy" else rows[k]
        for col in draw(st.lists(st.sampled_from(header), min_size=1, max_size=3)):
            j = header.index(col)
            row[j] = draw(st.sampled_from(_variants(col, row[j], row[header.index("value")])))
        if what == "copy":
            rows.insert(k + 1, row)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def tables():
    """The project's indicators, sources and UN tables, read once: figures.csv is checked against them."""
    problems = []
    un = load_un(DEFAULT_DATA_DIR, problems)
    tables = (indicators.check(DEFAULT_DATA_DIR, problems), sources.check(DEFAULT_DATA_DIR, problems), un)
    assert problems == []
    return tables


def _figures_outcome(folder: Path, tables):
    problems = []
    out = FIGURES.check(folder, problems, *tables)
    return sorted(problems), out.records, out.count, out.indicators


@GENERATED
@given(content=st.one_of(edited_figures(), csv_files()))
def test_the_fast_path_changes_nothing_validation_says(tmp_path_factory, tables, content):
    folder = tmp_path_factory.mktemp("fast")
    (folder / FIG).write_bytes(content)
    fast = _figures_outcome(folder, tables)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _without_fast_path(monkeypatch)
        full = _figures_outcome(folder, tables)
    assert fast == full


# --- stated as written ----------------------------------------------------------------------


@given(
    before=st.text(alphabet="0123456789.,% ktriệuhơnmbillion\u212a\u00a0", max_size=12),
    after=st.text(alphabet="0123456789.,% ktriệuhơnmbillionKMT\u212a\u00a0\u0301", max_size=12),
    written=st.from_regex(r"[0-9]{1,7}(\.[0-9]{1,4})?", fullmatch=True),
)
@settings(max_examples=examples(600), deadline=None)
def test_a_value_stated_as_written_is_stated(before, after, written):
    text = before + written + after
    if stated_as_written(text, written):
        assert is_stated(float(written), text)


def test_stated_as_written_finds_the_values_as_the_data_writes_them():
    assert stated_as_written("Ứng dụng ghi nhận 123 lượt tải.", "123")
    assert stated_as_written("đạt 76.5%", "76.5")
    assert stated_as_written("first 1234, then 123.", "123")
    for text in ("1.234 triệu", "123 triệu", "1234", "0123", "123,5", "123k", "123 K", "x 123.4 y"):
        assert not stated_as_written(text, "123"), text  # is_stated decides
    assert not stated_as_written("-3 lần", "-3")  # not an unsigned plain number


def test_stated_as_written_never_says_more_than_is_stated():
    rng = random.Random(15)
    for r in REAL_FIGURES[1:]:
        quote, written = r[REAL_FIGURES[0].index("quote")], r[REAL_FIGURES[0].index("value")].strip()
        for w in (written, *(str(v) for v in _readings(written)), str(rng.randint(0, 10**9))):
            if stated_as_written(quote, w):
                assert is_stated(float(w), quote), (quote, w)
