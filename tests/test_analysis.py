import pytest

from helpers import analysis
from helpers.data import load_figures


@pytest.fixture(scope="module")
def df():
    return load_figures()


def test_growth_on_previous_year(df):
    g = analysis.growth(df, "ndxp_transactions").set_index("year")
    assert g.loc[2024, "growth_pct"] == pytest.approx((1013 / 647 - 1) * 100)
    assert g.loc[2024, "previous_year"] == 2023


def test_year_end_takes_the_figure_nearest_each_years_end(df):
    ends = analysis.year_end(df, ["level4_online_services_share"]).set_index("end_of")
    assert ends.loc[2022, "value"] == 97.3  # 25/12/2022 is nearer the end of 2022 than 27/7/2022
    assert ends.loc[2021, "date"] == "2022-01-20"  # the end of 2021: measured on 20/1/2022, and said so
    vneid = analysis.year_end(df, ["vneid_accounts_activated"]).set_index("end_of")
    assert vneid.loc[2025, "date"] == "2026-01-16"  # nearer the end of 2025 than 14/10/2025
    assert vneid.loc[2024, "value"] == 55.25e6  # the 2024 review's count, dated to the year's end
    cards = analysis.year_end(df, ["cccd_cards_issued"]).set_index("end_of")
    assert 2024 not in cards.index  # no count near the end of 2024: no value stands in for it


def test_positions_within_asean_are_computed(df):
    from helpers.data import ASEAN

    p = analysis.positions(df, "egdi_rank", ASEAN)
    vnm = p[p["entity"] == "VNM"].set_index("year")
    assert vnm.loc[2022, "position"] == 6 and vnm.loc[2022, "of"] == 11
    assert vnm.loc[2024, "position"] == 5


def test_ratio_on_shared_dates(df):
    r = analysis.ratio(df, "vneid_accounts_activated", "cccd_cards_issued").set_index("date")
    assert r.loc["2023-12-31", "pct"] == pytest.approx(45.4 / 84.7 * 100)


def test_disagreements_list_points_with_two_values(df):
    d = analysis.disagreements(df)
    assert (d.groupby(["indicator", "entity", "year", "date"])["value"].nunique() > 1).all()
    assert d["selected"].sum() == d.drop_duplicates(["indicator", "entity", "year", "date"]).shape[0]
