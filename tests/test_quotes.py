"""Claims, readable: each row of a claims table shows the words of the quote that hold its number,
and the full quote once per source sentence (helpers.present.quotes, tables.claims)."""

from __future__ import annotations

import pytest

from helpers.claims import check_claims
from helpers.data.numbers import locate
from helpers.present import tables
from helpers.present.quotes import claim_phrase

QUOTE = (
    "Giao dịch dữ liệu qua nền tảng tích hợp chia sẻ dữ liệu quốc gia (NDXP) tăng 57%, từ 647 triệu "
    "năm 2023 lên 1.013 triệu giao dịch trong 2024."
)


def test_locate_finds_every_place_a_value_is_written():
    assert [QUOTE[a:b] for a, b in locate(57, QUOTE)] == ["57%"]
    assert [QUOTE[a:b] for a, b in locate(1013e6, QUOTE)] == ["1.013 triệu"]
    assert locate(58, QUOTE) == []


@pytest.mark.parametrize(
    ("quote", "stated", "kind", "phrase"),
    [
        (QUOTE, 57, "pct_change", "…chia sẻ dữ liệu quốc gia (NDXP) tăng 57%…"),
        (
            "Theo đánh giá quốc tế, xếp hạng dịch vụ công trực tuyến của Việt Nam đạt 76/193, tăng 5 bậc so "
            "với năm 2020; giữ nguyên thứ hạng là 6/11 quốc gia về Chính phủ điện tử tại khu vực Đông Nam Á.",
            5,
            "rank_change",  # the 5 of "tăng 5 bậc", not another 5
            "…tăng 5 bậc so với năm 2020…",
        ),
        ("Tăng 2,5 lần so với năm 2023, đây là nỗ lực.", 2.5, "ratio", "Tăng 2,5 lần so với năm 2023…"),
        ("Đây là lần đầu tiên.", 0.75, "first_above", "Đây là lần đầu tiên."),  # no number: the start
    ],
)
def test_the_phrase_that_holds_the_claim(quote, stated, kind, phrase):
    assert claim_phrase(quote, stated, kind) == phrase


def test_a_claims_table_shows_each_quote_once():
    results = check_claims(["osi_rank", "open_data_rank", "egdi_rank"])
    table = tables.claims(results, "en")
    quotes = [q for q in table["Quote"] if q]
    assert len(quotes) == len(set(quotes)) == results["quote"].nunique()
    assert len(quotes) < len(table)  # several claims come from one sentence
    shared = table[table["Claim"].str.contains("tăng 5 bậc")].index[0]
    assert len(table["Claim"][shared]) < 60 and "tăng 5 bậc" in table["Claim"][shared]
