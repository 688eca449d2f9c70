"""Release cadences and freshness (helpers.data.cadence): the next expected release, and which
indicators are older than their cadence allows, judged on a date the data gives (or a fixed one)."""

from __future__ import annotations

import datetime as dt

import pytest

from data_edit_support import edit_each_row
from helpers.data import DataValidationError, validate
from helpers.data.cadence import Month, freshness, judgement_date, next_release, stale


@pytest.mark.parametrize(
    ("cadence", "month", "last", "due"),
    [
        ("monthly", None, Month(2025, 3), Month(2025, 4)),
        ("monthly", None, Month(2025, 12), Month(2026, 1)),
        ("quarterly", None, Month(2025, 11), Month(2026, 2)),
        ("annual", None, Month(2025, 2), Month(2026, 2)),
        ("biennial", None, Month(2024, 9), Month(2026, 9)),
        # a usual month: the first one at least half a year short of the interval after the last
        ("annual", 1, Month(2025, 1), Month(2026, 1)),
        ("annual", 1, Month(2024, 12), Month(2026, 1)),  # a late-December release is January's
        ("annual", 9, Month(2025, 1), Month(2025, 9)),
        ("biennial", 7, Month(2024, 9), Month(2026, 7)),
        ("irregular", None, Month(2025, 1), None),
    ],
)
def test_the_next_release_follows_the_cadence(cadence, month, last, due):
    assert next_release(cadence, month, last) == due


def test_the_judgement_date_is_the_data_s_newest_retrieval_date():
    ds = validate()
    newest = max(s["accessed"] for s in ds.sources.values() if s["accessed"])
    assert judgement_date(ds) == dt.date.fromisoformat(newest)


def test_freshness_on_a_fixed_date():
    """The UN survey 2024 appeared in September 2024 and the UN publishes every two years: on
    30 September 2026 its tables are still current, on 1 October 2026 the 2026 survey is overdue."""
    ds = validate()
    before = freshness(ds, "egdi_rank", on=dt.date(2026, 9, 30))
    assert (before.cadence, before.published, before.expected) == ("biennial", "2024-09", "2026-09")
    assert not before.stale
    assert freshness(ds, "egdi_rank", on=dt.date(2026, 10, 1)).stale
    # an irregular series is never stale; a series with no figure has no freshness
    assert not freshness(ds, "vneid_accounts_activated", on=dt.date(2100, 1, 1)).stale


def test_the_stale_list_with_a_fixed_judgement_date():
    ds = validate()
    early = {f.indicator for f in stale(ds, on=dt.date(2025, 3, 1))}
    late = {f.indicator for f in stale(ds, on=dt.date(2026, 12, 31))}
    assert "egdi_rank" not in early and "egdi_rank" in late
    assert "ndxp_transactions" not in early and "ndxp_transactions" in late  # 2024 total of 6/2/2025
    assert early <= late
    assert all(ds.indicators[i]["cadence"] != "irregular" for i in late)


def test_a_new_retrieval_date_in_the_data_moves_the_judgement(data_copy):
    """The judgement follows the data, not the clock: sources last read before October 2026 leave
    the UN survey current; one source read later makes it overdue."""
    edit_each_row(data_copy / "sources.csv", lambda r: r.update(accessed=r["accessed"] and "2026-01-10"))
    ds = validate(data_copy)
    assert judgement_date(ds) == dt.date(2026, 1, 10)
    assert "egdi_rank" not in {f.indicator for f in stale(ds)}

    def later(row):
        if row["id"] == "un-egdi-2024":
            row["accessed"] = "2026-11-02"

    edit_each_row(data_copy / "sources.csv", later)
    ds = validate(data_copy)
    assert judgement_date(ds) == dt.date(2026, 11, 2)
    assert "egdi_rank" in {f.indicator for f in stale(ds)}


def test_a_usual_month_in_the_dictionary_moves_the_expected_release(data_copy):
    def usual(row):
        if row["id"] == "digital_economy_va_share_gdp":
            row["release_month"] = "3"

    assert freshness(validate(data_copy), "digital_economy_va_share_gdp").expected == "2027-01"
    edit_each_row(data_copy / "indicators.csv", usual)
    assert freshness(validate(data_copy), "digital_economy_va_share_gdp").expected == "2027-03"


def test_an_abolished_measure_expects_no_release(data_copy):
    def abolish(row):
        if row["id"] == "ndxp_transactions_month":
            row["definition_break"] = "2023-01-01: abolished: a test"
            row["definition_break_vi"] = "2023-01-01: abolished: thử"

    assert freshness(validate(data_copy), "ndxp_transactions_month").stale
    edit_each_row(data_copy / "indicators.csv", abolish)
    f = freshness(validate(data_copy), "ndxp_transactions_month")
    assert (f.ended, f.expected, f.stale) == ("2023-01-01", "", False)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("cadence", "weekly", "one of: monthly, quarterly, annual, biennial, irregular"),
        ("release_month", "13", "a month from 1 to 12, or empty"),
        ("cadence_basis", "", "text (the cell is empty)"),
        ("caveat_vi", "", "a caveat in both languages"),
        ("compare_with", "no_such_indicator", "ids of other indicators of this file"),
    ],
)
def test_the_dictionary_s_reader_columns_are_checked(data_copy, column, value, expected):
    def bad(row):
        if row["id"] == "digital_economy_share_gdp":
            row[column] = value

    edit_each_row(data_copy / "indicators.csv", bad)
    with pytest.raises(DataValidationError) as e:
        validate(data_copy)
    assert f"column '{column}'" in str(e.value) and expected in str(e.value)


def test_a_definition_break_in_vietnamese_has_the_same_dates(data_copy):
    def bad(row):
        if row["id"] == "cccd_cards_issued":
            row["definition_break_vi"] = row["definition_break_vi"].replace("2024-07-01", "2024-07-02")

    edit_each_row(data_copy / "indicators.csv", bad)
    with pytest.raises(DataValidationError, match="definition_break_vi"):
        validate(data_copy)


def test_a_damaged_freshness_record_lists_nothing():
    from helpers.reports.freshness import lines, stale
    from helpers.reports.manifest import Manifest

    for bad in ("x", {"stale": "x"}, {"stale": [1, {"indicator": "a"}], "judged_on": "not a date"}):
        assert stale(Manifest({"freshness": bad})) == [] and lines(Manifest({"freshness": bad})) == []
