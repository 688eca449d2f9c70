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
