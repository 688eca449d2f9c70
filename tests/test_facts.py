"""Key facts (helpers.present.facts) and what a reader should know (helpers.present.know): read
from the data dictionary and the figures, in both languages; a change to the dictionary in a copy of
the data changes what the page says."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_edit_support import edit_each_row
from helpers.data import load_figures
from helpers.paths import DATA_DIR_ENV
from helpers.present.facts import key_facts
from helpers.present.know import caveats, marker_key, marks


def _facts(indicator: str, lang: str, on: dt.date) -> dict:
    f = key_facts(load_figures([indicator]), indicator, lang, on=on)
    return dict(f.rows) | {"stale": f.stale}


def test_key_facts_of_the_un_survey_on_a_fixed_date():
    before = _facts("egdi_rank", "en", dt.date(2026, 9, 30))
    assert before["Producer"] == "UN Department of Economic and Social Affairs (UN DESA)"
    assert before["Processing"] == "read from the producer's published tables, unchanged"
    assert before["Dates covered"] == "2010 to 2024"
    assert before["Last updated"] == "Sep 2024"
    assert before["Release"] == "every two years"
    assert before["Next expected"] == "Sep 2026"
    assert before["stale"] == ""
    after = _facts("egdi_rank", "en", dt.date(2026, 12, 5))
    assert after["Next expected"] == "Sep 2026: overdue, no newer figure found"
    assert after["stale"].startswith("No newer figure found since Sep 2024")
    assert "releases every two years" in after["stale"] and "last read on 5 Dec 2026" in after["stale"]


def test_key_facts_in_vietnamese():
    vi = _facts("ndxp_transactions", "vi", dt.date(2026, 12, 5))
    assert (
        vi["Cơ quan sản xuất số liệu"] == "Bộ Thông tin và Truyền thông, sau đó là Bộ Khoa học và Công nghệ"
    )
    assert vi["Chu kỳ công bố"] == "hằng năm"
    assert vi["Cập nhật gần nhất"] == "ngày 6/2/2025"
    assert vi["stale"].startswith("Chưa tìm thấy số liệu mới hơn kể từ ngày 6/2/2025")
    assert "tháng 2/2026" in vi["stale"]


def test_an_irregular_series_expects_no_release_and_is_never_stale():
    facts = _facts("vneid_accounts_activated", "en", dt.date(2100, 1, 1))
    assert facts["Release"] == "at no fixed interval"
    assert facts["Next expected"] == "at no known time (irregular releases)"
    assert facts["stale"] == ""


def test_processing_says_when_sources_disagree():
    facts = _facts("digital_economy_share_gdp", "en", dt.date(2026, 1, 1))
    assert facts["Processing"].startswith("as published; where sources give different figures")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_caveats_of_the_identity_cards(lang):
    said = " ".join(caveats(load_figures(["cccd_cards_issued"]), ["cccd_cards_issued"], lang))
    expected = {
        "en": ["the definition changed on 1 Jul 2024", "Law on Identification", "Cumulative counts"],
        "vi": ["định nghĩa thay đổi từ 1/7/2024", "Luật Căn cước", "Số lũy kế"],
    }[lang]
    for words in expected:
        assert words in said, said
    assert "id_cards_issued_since_2024_07" not in said  # ids read as the indicators' names


def test_the_two_digital_economy_measures_are_compared_once_with_their_latest_values():
    ids = ["digital_economy_share_gdp", "digital_economy_va_share_gdp"]
    said = caveats(load_figures(ids), ids, "en")
    compared = [s for s in said if "are different measures" in s]
    assert len(compared) == 1
    assert "18.3% in 2024" in compared[0] and "14.0% in 2025" in compared[0]
    assert "digitalisation of other industries" in compared[0]


def test_partial_periods_are_said():
    said = " ".join(caveats(load_figures(["ndxp_transactions_month"]), ["ndxp_transactions_month"], "en"))
    assert "cover part of their period only (Mar 2022 to 23 Mar 2022, Sep 2022 to 26 Sep 2022)" in said


def test_the_caveats_follow_the_dictionary(data_copy, monkeypatch):
    """Change the dictionary in a copy of the data: the sentences change with it."""
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))

    def edit(row):
        if row["id"] == "cccd_cards_issued":
            row["caveat_en"], row["caveat_vi"] = "A caveat written for this test.", "Một lưu ý để thử."
            row["definition_break"] = "2025-03-01: a change made for this test"
            row["definition_break_vi"] = "2025-03-01: một thay đổi để thử"
        if row["id"] == "digital_economy_share_gdp":
            row["compare_with"] = ""
        if row["id"] == "digital_economy_va_share_gdp":
            row["compare_with"], row["caveat_en"], row["caveat_vi"] = "", "", ""

    edit_each_row(data_copy / "indicators.csv", edit)
    cards = caveats(load_figures(["cccd_cards_issued"]), ["cccd_cards_issued"], "en")
    assert "Chip-based citizen ID cards issued: A caveat written for this test." in cards
    assert any("changed on 1 Mar 2025: a change made for this test" in s for s in cards)
    assert not any("1 Jul 2024" in s for s in cards)
    vi = caveats(load_figures(["cccd_cards_issued"]), ["cccd_cards_issued"], "vi")
    assert any("một thay đổi để thử" in s for s in vi) and any("Một lưu ý để thử." in s for s in vi)
    ids = ["digital_economy_share_gdp", "digital_economy_va_share_gdp"]
    assert not any("are different measures" in s for s in caveats(load_figures(ids), ids, "en"))


def test_the_marks_a_chart_draws_and_their_key():
    rows = pd.DataFrame(
        {"selected": [True, True, False], "status": ["final", "estimate", "final"], "complete": [True] * 3}
    )
    assert marks(rows) == ["reported", "tentative", "other"]
    assert marks(rows.iloc[:1], bars=True, targets=True) == ["bar", "target"]
    key = dict(marker_key(marks(rows), "en"))
    assert key["○"].startswith("hollow")  # the last hollow mark named wins in a dict; both are listed
    assert [s for s, _ in marker_key(marks(rows), "vi")] == ["●", "○", "○"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_abolished_measure_is_said_to_end(data_copy, monkeypatch, lang):
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))

    def abolish(row):
        if row["id"] == "ndxp_transactions_month":
            row["definition_break"] = "2023-06-01: abolished: a test ends it"
            row["definition_break_vi"] = "2023-06-01: bãi bỏ: một thay đổi để thử"

    edit_each_row(data_copy / "indicators.csv", abolish)
    said = " ".join(caveats(load_figures(["ndxp_transactions_month"]), ["ndxp_transactions_month"], lang))
    expected = {
        "en": "the measure ended on 1 Jun 2023: a test ends it.",
        "vi": "chấm dứt từ 1/6/2023: một thay đổi để thử.",
    }
    assert expected[lang] in said and "abolished" not in said and "bãi bỏ" not in said


def test_every_producer_of_the_contract_is_named_in_both_languages():
    from helpers.data import schema
    from helpers.present.facts import producer_name

    for code in schema.enum("figures", "producer"):
        for lang in ("en", "vi"):
            assert producer_name(code, lang) != code or code == "unknown", (code, lang)
