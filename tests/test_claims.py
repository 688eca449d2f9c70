import pytest

from helpers.claims import _compare, check_claims


@pytest.fixture(scope="module")
def results():
    return check_claims().set_index("id")


@pytest.mark.parametrize(
    ("claim", "computed"),
    [
        ("ndxp-2024-growth", 56.5688),  # "tăng 57%": 647 m -> 1,013 m
        ("egdi-2024-up15", 15),  # "tăng 15 bậc so với 2022": 86 -> 71
        ("ndxp-jan-2022-24x", 24.2156),  # "tăng hơn 24 lần": 2,090,616 -> 50,625,591
        ("egdi-2022-asean-6", 6),  # "6/11 quốc gia ... Đông Nam Á", from all 11 UN ranks
        ("osi-2022-rank76", 76),  # "76/193", recomputed from every country's OSI
        ("egdi-2024-very-high", 0.7709),  # first survey at or above 0.75
    ],
)
def test_claims_consistent_with_the_data(results, claim, computed):
    row = results.loc[claim]
    assert row["status"] == "consistent"
    assert row["computed"] == pytest.approx(computed, abs=1e-3)


def test_claims_without_the_figures_they_need_are_not_checkable(results):
    row = results.loc["vneid-2023-share-of-applications"]
    assert row["status"] == "not checkable"
    assert "not in the data" in row["explanation"]


def test_a_changed_figure_makes_a_claim_inconsistent(data_copy):
    path = data_copy / "figures.csv"
    text = path.read_text(encoding="utf-8")
    # 647 m -> 700 m in 2023 (the quote must still state the value, so edit both consistently)
    text = text.replace(",647000000,", ",700000000,").replace("từ 647 triệu", "từ 700 triệu")
    path.write_text(text, encoding="utf-8")
    claims = (data_copy / "claims.csv").read_text(encoding="utf-8").replace("từ 647 triệu", "từ 700 triệu")
    (data_copy / "claims.csv").write_text(claims, encoding="utf-8")
    row = check_claims(["ndxp_transactions"], data_dir=data_copy).set_index("id").loc["ndxp-2024-growth"]
    assert row["status"] == "inconsistent"
    assert row["computed"] == pytest.approx(44.71, abs=0.01)


@pytest.mark.parametrize(
    ("actual", "stated", "comparison", "decimals", "ok"),
    [
        (56.57, 57, "approx", 0, True),
        (56.4, 57, "approx", 0, False),
        (29.3, 30, "approx", 0, False),
        (24.2, 24, "over", 0, True),
        (24.0, 24, "over", 0, False),
        (0.75, 0.75, "at_least", 2, True),
        (2.45, 2.5, "approx", 1, True),
    ],
)
def test_rounding_rules(actual, stated, comparison, decimals, ok):
    assert _compare(actual, stated, comparison, decimals) is ok
