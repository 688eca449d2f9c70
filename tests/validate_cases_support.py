"""The malformed variants of the data (test_validate.py checks each is reported at its line and
column; test_validate_fastpath.py that the fast path gives the full checks' messages): the shape of
figures.csv and its cells' types, references, ids, windows, ranges, quotes and bytes here; the other
tables and the data model's rules in validate_model_cases_support.py.
"""

from __future__ import annotations

from helpers.data.validate import FIGURE_COLUMNS
from validate_model_cases_support import TABLE_AND_MODEL_CASES
from validate_support import (
    CCCD_2022,
    CCCD_2023,
    EGDI_2024,
    FIBRE_2024,
    FIG,
    IND,
    NDXP_2023,
    NDXP_2024,
    NDXP_DAILY_SEP_2022,
    NDXP_JAN_2022,
    OTHER_SOURCE,
    Case,
    add_column,
    append_field,
    append_line,
    append_unclosed_quote,
    drop_column,
    duplicate_row,
    edit_cell,
    edit_cells,
    patch_bytes,
    repeat_column,
    retire,
    two_preferred,
)

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
    # the other tables and the data model
    *TABLE_AND_MODEL_CASES,
]
