"""Dates, ordinals and change in natural units, in both languages (helpers.present.locale)."""

import pytest

from helpers.present import locale


@pytest.mark.parametrize(
    ("date", "en", "vi"),
    [("2023-12-31", "Dec 2023", "12/2023"), ("2022-01-18", "Jan 2022", "01/2022")],
)
def test_month_year(date, en, vi):
    assert locale.month_year(date, "en") == en
    assert locale.month_year(date, "vi") == vi


def test_when_at_and_since_name_the_period():
    assert locale.when(2024, "", "en") == "2024"
    assert locale.when(2023, "2023-12-31", "vi") == "12/2023"
    assert locale.at(2024, "", "en") == "in 2024"
    assert locale.at(2024, "", "vi") == "năm 2024"
    assert locale.at(2023, "2023-12-31", "vi") == "tháng 12/2023"
    assert locale.since(2022, "", "en") == "since 2022"
    assert locale.since(2022, "2022-12-25", "vi") == "so với tháng 12/2022"


@pytest.mark.parametrize(
    ("n", "en"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (71, "71st"), (112, "112th")]
)
def test_ordinal(n, en):
    assert locale.ordinal(n, "en") == en
    assert locale.ordinal(n, "vi") == f"thứ {n}"


def test_ranks_change_in_places_and_a_lower_rank_is_up():
    assert locale.change_value(86, 71, "rank", "en") == "up 15 places"
    assert locale.change_value(83, 99, "rank", "en") == "down 16 places"
    assert locale.change_value(72, 71, "rank", "en") == "up 1 place"
    assert locale.change_value(86, 86, "rank", "en") == "unchanged"
    assert locale.change_value(86, 71, "rank", "vi") == "tăng 15 bậc"
    assert locale.change_value(83, 99, "rank", "vi") == "giảm 16 bậc"


def test_shares_change_in_percentage_points():
    assert locale.change_value(14.26, 18.3, "share", "en") == "+4.0 pp"
    assert locale.change_value(45.8, 45.0, "share", "vi") == "\u22120,8 điểm %"
    assert locale.change_value(28, 19, "rate", "en") == "\u22129.0 pp"


def test_counts_change_as_multiples_when_large_else_percent():
    assert locale.change_value(2_090_616, 50_625_590, "flow", "en") == "24x"
    assert locale.change_value(180_919_000, 1_013_000_000, "flow", "en") == "5.6x"
    assert locale.change_value(180_919_000, 1_013_000_000, "flow", "vi") == "gấp 5,6 lần"
    assert locale.change_value(647_000_000, 1_013_000_000, "flow", "en") == "+57%"
    assert locale.change_value(3500, 3485, "stock", "en") == "\u22120.4%"


def test_indices_change_in_index_points():
    assert locale.change_value(0.6787, 0.77092, "index", "en") == "+0.092"


def test_change_always_names_the_comparison_date():
    assert locale.change(86, 71, "rank", "en", 2022) == "up 15 places since 2022"
    assert locale.change(86, 71, "rank", "vi", 2022) == "tăng 15 bậc so với năm 2022"
    assert locale.change(60e6, 84.7e6, "stock", "en", 2022, "2022-01-18") == "+41% since Jan 2022"


def test_country_names_not_codes():
    assert locale.country("LAO", "en") == "Laos"
    assert locale.country("THA", "vi") == "Thái Lan"
    assert locale.country("VNM", "vi") == "Việt Nam"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        locale.month_year("2023-12-31", "fr")


def test_partial_periods_are_named_as_such():
    assert locale.when(2022, "2022-03-23", "en", "quarter") == "Q1 2022"
    assert locale.when(2022, "2022-03-23", "vi", "quarter") == "quý 1/2022"
    assert locale.when(2025, "2025-06-30", "en", "half") == "H1 2025"
    assert locale.when(2022, "2022-09-26", "vi", "year_to_date") == "1–9/2022"
    assert locale.at(2022, "2022-09-26", "en", "month") == "in Sep 2022"


@pytest.mark.parametrize(
    ("instrument", "en", "vi"),
    [
        ("Decision 749/QĐ-TTg (2020)", "Decision 749", "QĐ 749"),
        ("Resolution 17/NQ-CP (2019)", "Resolution 17", "NQ 17"),
        (
            "MIC action plan for Decision 2289/QĐ-TTg (2022)",
            "MIC plan for Decision 2289",
            "KH của Bộ TT&TT theo QĐ 2289",
        ),
        ("2025 target (the source names no instrument)", "", ""),  # unknown: no English on a vi chart
    ],
)
def test_short_instrument(instrument, en, vi):
    assert locale.short_instrument(instrument, "en") == en
    assert locale.short_instrument(instrument, "vi") == vi


def test_targets_name_their_instrument_only_when_an_indicator_has_several():
    from helpers.present.charts import target_text

    assert target_text(2025, "70", "", "vi") == "mục tiêu 2025: 70"
    assert target_text(2025, "50", "Decision 942/QĐ-TTg (2021)", "vi") == "mục tiêu 2025: 50\nQĐ 942"
    assert target_text(2030, "30", "Decision 942/QĐ-TTg (2021)", "en") == "target 2030: 30\nDecision 942"


@pytest.mark.parametrize(
    ("publisher", "name"),
    [
        ("Thanh Niên (citing C06, Ministry of Public Security)", "Thanh Niên"),
        ("SGGP News (English), citing C06, Ministry of Public Security", "SGGP News"),
        (
            "Công an Nhân dân (CAND), citing the MIC Authority of Information Technology Application",
            "Công an Nhân dân",
        ),
        ("Báo Mới (lite.baomoi.com), a copy of an unnamed outlet's report", "Báo Mới"),
        ("VnEconomy", "VnEconomy"),
    ],
)
def test_vietnamese_pages_name_the_outlet_without_the_english_description(publisher, name):
    assert locale.publisher_label({"publisher": publisher, "publisher_vi": ""}, "vi") == name
    assert locale.publisher_label({"publisher": publisher, "publisher_vi": ""}, "en") == publisher


def test_title_times_follow_each_languages_template():
    assert locale.bracketed(2022, "", "en") == "in 2022"
    assert locale.bracketed(2023, "2023-12-31", "vi") == "12/2023"


def test_period_labels_of_the_data_are_english_and_name_partial_periods():
    import datetime as dt

    from helpers.data import periods

    assert periods.label("year", 2022, None) == "2022"
    assert periods.label("quarter", 2022, dt.date(2022, 3, 31)) == "Q1 2022"
    assert periods.label("month", 2022, dt.date(2022, 9, 26)) == "Sep 2022 (to 26/9)"
    assert periods.label("year_to_date", 2022, dt.date(2022, 7, 31)) == "1 Jan to 31/7/2022"


def test_a_vietnamese_page_lists_sources_by_outlet_name_with_titles_in_their_language():
    import pandas as pd

    from helpers.data import sources
    from helpers.present.page import sources_list

    src = sources()
    described = src[src["publisher"].str.contains(r" \(|, citing ", regex=True)]
    english = described[described["language"] == "en"].index[0]
    html = sources_list(pd.DataFrame({"source_id": [english]}), "vi")
    name = locale.publisher_label(src.loc[english], "vi")
    assert f'<li translate="no">{name}: ' in html.replace("&amp;", "&")
    assert src.loc[english]["publisher"] not in html and '<span lang="en">' in html


def test_every_claim_status_and_explanation_reads_in_vietnamese():
    """A claim's verdict and the reason for it are page text: each must have its Vietnamese words
    (an English explanation left on a Vietnamese page is what readers saw before)."""
    from helpers.claims import check_claims

    results = check_claims()
    for status in set(results["status"]):
        assert locale.t(status, "vi") != status
    for why in set(results["explanation"]) - {""}:
        assert locale.explain(why, "vi") != why, why
    for why in (
        "within 10% of the stated number (press rounding)",
        "no egdi_rank target of 50 in targets.csv",
        "a position in a ranking whose data (the other countries' values) is not held",
    ):
        assert locale.explain(why, "vi") != why, why
