"""The data fixes of issue 19's audit stay fixed: averaging windows recorded, rows coded as their
pages say, one count under one indicator, the source texts' missing figures and targets present."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.data import breaks, load_figures, targets
from helpers.data import indicators as dictionary


@pytest.fixture(scope="module")
def df():
    return load_figures().set_index("id", drop=False)


def test_every_per_day_figure_says_what_it_is_the_average_of(df):
    daily = df[df["period"] == "day"]
    assert len(daily) and (daily["window"] != "").all()
    assert (df.loc[df["period"] != "day", "window"] == "").all()
    ndxp = df[df["indicator"] == "ndxp_transactions_daily"].set_index("date")["window"].to_dict()
    assert ndxp["2022-01-28"] == "typical"  # 'hàng ngày có khoảng 1 triệu'
    assert ndxp["2022-09-26"] == "2022-01-01/2022-09-26"  # 'tính từ đầu năm 2022, trung bình mỗi ngày'
    assert ndxp["2024-04-30"] == "unstated"  # 'bình quân mỗi ngày' in the April 2024 report


def test_the_miscoded_rows_read_as_their_pages_say(df):
    assert df.loc["f0081", "status"] == "final"  # 67.910.130 cards: an exact count
    dossiers = df.loc["f0096"]
    assert (dossiers["date"], dossiers["date_basis"]) == ("2020-04-30", "stated")
    assert "tính đến cuối tháng 4/2020" in dossiers["quote"]
    december = df.loc["f0088"]  # 'vào tháng 12/2020': a level in December, not the year's value
    assert (december["period"], december["date"]) == ("as_of", "2020-12-31")
    year = df.loc["f0089"]
    assert year["period"] == "year" and year["selected"] and not year["preferred"]


def test_one_ministry_count_is_one_indicator(df):
    activated = df[df["indicator"] == "vneid_accounts_activated"]
    assert {"f0079", "f0048"} <= set(activated["id"])  # 'level 2 activated' and 'activated': one count
    level2 = df[df["indicator"] == "vneid_accounts_level2"]
    assert set(level2["producer"]) == {"unknown"}  # only pages that name no authority


@pytest.mark.parametrize(
    ("indicator", "date", "value", "source"),
    [
        ("national_portal_accounts_ytd", "2022-01-21", 36_000, "mic-2022-01"),
        ("national_portal_dossiers_synced_ytd", "2022-01-21", 2_600_000, "mic-2022-01"),
        ("national_portal_online_dossiers_ytd", "2022-01-21", 114_000, "mic-2022-01"),
        ("national_portal_payments_ytd", "2022-01-21", 40_000, "mic-2022-01"),
        ("national_portal_payments_value_vnd_ytd", "2022-01-21", 90e9, "mic-2022-01"),
        ("national_portal_dossiers_synced", "2022-01-28", 91_900_000, "mic-2022-01"),
        ("national_portal_online_dossiers", "2022-01-28", 2_720_000, "mic-2022-01"),
        ("national_portal_dossiers_synced_ytd", "2022-11-30", 63_000_000, "baonghean-2022-12-25"),
        ("health_insurance_data_facilities_share", "2022-12-25", 94, "baonghean-2022-12-25"),
        ("de06_tasks_behind_schedule", "2024-07-22", 51, "baohaugiang-2024-07-22"),
        ("national_databases_completed", "2024-12-31", 5, "baria-vungtau-2025-02-06"),
        ("national_databases_in_progress", "2024-12-31", 3, "baria-vungtau-2025-02-06"),
        ("national_databases_planned", "2024-12-31", 2, "baria-vungtau-2025-02-06"),
    ],
)
def test_the_source_texts_figures_are_in_the_data(df, indicator, date, value, source):
    rows = df[(df["indicator"] == indicator) & (df["date"] == date) & (df["source_id"] == source)]
    assert rows["value"].tolist() == [value]


def test_the_2023_targets_of_the_quang_ngai_conference_are_targets():
    t = targets().set_index("id")
    quang_ngai = t[t["source_id"] == "baoquangngai-2023-02-25"]
    assert {
        "database_catalogue_agencies_share": 100,
        "edata_warehouse_agencies_share": 80,
        "citizens_using_online_services_share": 30,
        "declared_information_cut_share": 20,
        "online_dossier_share": 60,
        "vneid_accounts_approved": 40_000_000,
    }.items() <= dict(zip(quang_ngai["indicator"], quang_ngai["value"], strict=True)).items()
    assert len(quang_ngai) == 12
    names = dictionary()
    for ind in quang_ngai["indicator"]:
        assert names.loc[ind, "name_en"] and names.loc[ind, "name_vi"]


def test_a_level4_target_is_on_its_own_denominator():
    t = targets().set_index("id")
    assert t.loc["dx749-level4-2025", "indicator"] == "level4_online_services_share_all"


def test_definition_breaks_parse_and_mark_an_abolished_measure():
    d = dictionary()
    level4 = breaks.parse(d.loc["level4_online_services_share", "definition_break"])
    assert [b.day for b in level4] == [dt.date(2021, 1, 1), dt.date(2022, 8, 15)]
    assert [b.abolished for b in level4] == [False, True]
    assert breaks.parse("") == []
    assert breaks.parse("2024-07-01: x | 2024-02-30: y") is None
    assert breaks.parse("July 2024: x") is None
    for text in d["definition_break"]:
        assert breaks.parse(text) is not None, text
