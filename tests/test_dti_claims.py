"""Claims about provinces: a stated rank among the provinces (``province_rank``) is checked against
the publisher's ranking table (raw/dti/), never against another press row; the DTI figures reach the
loaded table with their own origin and ids."""

import pandas as pd
import pytest

from helpers.claims import check_claim
from helpers.data import load_figures


@pytest.fixture(scope="module")
def df():
    return load_figures()


def _claim(**kw):
    claim = {
        "id": "t",
        "indicator": "dti_rank",
        "other_indicator": "",
        "entity": "VN-26",
        "kind": "province_rank",
        "base_year": None,
        "year": 2022,
        "stated": 4.0,
        "comparison": "approx",
        "decimals": 0,
        "source_id": "dti-gov-vn-xep-hang-2022",
        "quote": "",
        "higher_is_better": False,
        "targets": [],
    }
    return {**claim, **kw}


def test_dti_figures_are_loaded_with_their_origin_and_ids(df):
    dti = df[df["origin"] == "dti"]
    assert len(dti) == 108 and dti["id"].str.startswith("dti:").all()
    row = dti[dti["id"] == "dti:dti:VN-DN:2022"].iloc[0]
    assert (row["value"], row["producer"], row["file"]) == (0.8002, "MIC", "raw/dti/dti-2022-detail.csv")
    assert row["selected"]


def test_a_stated_province_rank_is_checked_against_the_publishers_table(df):
    assert check_claim(_claim(), df)["status"] == "consistent"  # "Thừa Thiên - Huế" 4th in 2022
    wrong = check_claim(_claim(stated=3.0), df)
    assert wrong["status"] == "inconsistent" and wrong["computed"] == 4
    tie = check_claim(_claim(entity="VN-06", stated=15.0), df)  # Yên Bái shares 15th with Thanh Hóa
    assert tie["status"] == "consistent"


def test_a_rank_no_table_gives_is_not_checkable_even_with_a_press_row(df):
    press = df[df["id"] == "dti:dti_rank:VN-26:2022"].copy()
    press[["year", "value", "origin", "id"]] = [2021, 2.0, "curated", "p99999"]
    with_press = pd.concat([df, press], ignore_index=True)
    r = check_claim(_claim(year=2021, stated=2.0), with_press)
    assert r["status"] == "not checkable" and "publisher's 2021 table" in r["explanation"]


def test_every_rank_the_provinces_state_is_checked():
    """Ranks and rank changes the provinces' own reports state, against the publisher's 2022 table and
    the ranks other reports give; a sentence that contradicts itself is found."""
    from helpers.claims import check_claims

    c = check_claims(["dti", "dti_rank", "dti_rank_merged"]).set_index("id")
    mine = c[c.index.str.startswith("dti-")]
    assert len(mine) >= 20
    # every stated 2022 rank agrees with the table, ties included (Thanh Hóa and Yên Bái at 15)
    ranks = mine[mine["kind"] == "province_rank"]
    assert len(ranks) >= 9 and (ranks["status"] == "consistent").all()
    for claim, computed in [
        ("dti-yenbai-2022-up12", 12),  # 27 (2021, Yên Bái's portal) -> 15 (the table)
        ("dti-hanoi-2023-up18", 18),  # 24 (the table) -> 6
        ("dti-quangngai-2023-up5", 5),  # 26 (the table) -> 21
    ]:
        assert (mine.loc[claim, "status"], mine.loc[claim, "computed"]) == ("consistent", computed), claim
    # DTI 2020 and DTI 2021 rank different indices (indicators.csv's definition break of 2021-01-01):
    # a change across it is not checked (helpers.compare), whatever its arithmetic ("tăng 17 bậc so
    # với năm 2020 (xếp thứ 40/63)" to 27th would be 13 places)
    for claim in ["dti-vinhlong-2021-up20", "dti-yenbai-2021-up17", "dti-danang-2021-plus0.1545"]:
        assert (mine.loc[claim, "status"], mine.loc[claim, "reason"]) == ("not checkable", "break"), claim
    # a rank among the 34 compared with a rank among the 63: not checkable
    assert mine.loc["dti-hue-2024-up1", "status"] == "not checkable"
