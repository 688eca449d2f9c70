import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_support import examples
from helpers.data.numbers import find_numbers, is_stated, parse_number, qualifier_for
from helpers.present.locale import format_number


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        ("1.013 triệu", 1_013_000_000, None),
        ("76,5 triệu", 76_500_000, None),
        ("15.822.260", 15_822_260, None),
        ("hơn 2,6 triệu", 2_600_000, "over"),
        ("trên 84,7 triệu", 84_700_000, "over"),
        ("khoảng 1 triệu", 1_000_000, "about"),
        ("gần 60 triệu", 60_000_000, "nearly"),
        ("3,23 tỉ", 3_230_000_000, None),
        ("23 tỷ", 23_000_000_000, None),
        ("40 nghìn", 40_000, None),
        ("1,013 million", 1_013_000_000, None),
        ("over 1.5 billion", 1_500_000_000, "over"),
        ("45%", 45, None),
        ("87,08%", 87.08, None),
        ("1.234,5", 1234.5, None),
    ],
)
def test_parse_number_reads_vietnamese_and_english(phrase, value, qualifier):
    lang = "en" if any(w in phrase for w in ("million", "billion")) else "vi"
    parsed = parse_number(phrase, lang=lang)
    assert parsed.value == pytest.approx(value)
    assert parsed.qualifier == qualifier


def test_ambiguous_token_follows_the_language():
    assert parse_number("1.013", lang="vi").value == 1013
    assert parse_number("1.013", lang="en").value == pytest.approx(1.013)
    assert parse_number("1,013", lang="en").value == 1013
    assert parse_number("1,013", lang="vi").value == pytest.approx(1.013)


def test_not_a_number_phrase_is_an_error():
    with pytest.raises(ValueError, match="not a number phrase"):
        parse_number("một triệu")


def test_is_stated_finds_values_in_sentences():
    quote = "tăng 57%, từ 647 triệu năm 2023 lên 1.013 triệu giao dịch trong 2024."
    assert is_stated(647_000_000, quote)
    assert is_stated(1_013_000_000, quote)
    assert is_stated(57, quote)
    assert not is_stated(1_013, quote)  # "1.013 triệu" is not a bare 1013
    assert not is_stated(648_000_000, quote)
    assert is_stated(71, "vị trí thứ 71/193 quốc gia")


def test_qualifier_for_reads_the_word_before_the_number():
    quote = "đã phê duyệt trên 17 triệu tài khoản, trong đó trên 2,6 triệu tài khoản đã kích hoạt; cấp 76,5 triệu thẻ"
    assert qualifier_for(17_000_000, quote) == "over"
    assert qualifier_for(76_500_000, quote) is None


def test_find_numbers_keeps_sentence_periods_out():
    values = {p.value for p in find_numbers("nâng tổng số cơ sở dữ liệu lên 2.990.")}
    assert 2990 in values


@pytest.mark.parametrize(
    ("value", "lang", "kw", "text"),
    [
        (1_013_000_000, "en", {}, "1.0 bn"),
        (1_013_000_000, "vi", {}, "1,0 tỷ"),
        (76_500_000, "en", {}, "76.5 m"),
        (76_500_000, "vi", {}, "76,5 triệu"),
        (17_000_000, "vi", {}, "17 triệu"),
        (45_500, "en", {}, "45,500"),
        (45_500, "vi", {}, "45.500"),
        (18.3, "en", {"percent": True}, "18.3%"),
        (18.3, "vi", {"percent": True}, "18,3%"),
        (0.77092, "vi", {"decimals": 3}, "0,771"),
    ],
)
def test_format_number(value, lang, kw, text):
    assert format_number(value, lang, **kw) == text


def test_format_number_rejects_unknown_language():
    with pytest.raises(ValueError, match="lang must be"):
        format_number(1, "fr")


def test_is_stated_with_the_value_as_written_answers_as_without_it():
    """The shortcut (the value as the data writes it, looked up first) never changes an answer:
    every curated figure of the project's data, and each with a value its quote does not state."""
    import csv

    from helpers.paths import DEFAULT_DATA_DIR

    with (DEFAULT_DATA_DIR / "figures.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["quote"].strip()]
    assert rows
    for r in rows:
        value, quote, written = float(r["value"]), r["quote"], r["value"].strip()
        for v in (value, value + 1, value * 10):
            assert is_stated(v, quote, written) == is_stated(v, quote), (r["indicator"], r["year"], v)


@given(
    text=st.text(alphabet="0123456789.,% ktriệuhơnmbillion", max_size=40),
    written=st.from_regex(r"[0-9]{1,7}([.,][0-9]{1,3})?", fullmatch=True),
    scale=st.sampled_from([1.0, 1e3, 1e6, 1e9]),
)
@settings(max_examples=examples(400), deadline=None)
def test_is_stated_shortcut_agrees_on_any_text(text, written, scale):
    from helpers.data.numbers import _readings

    text = text + " " + written + (" triệu" if scale == 1e6 else "")
    for reading in _readings(written) or [0.0]:
        value = float(f"{reading * scale:.12g}")
        assert is_stated(value, text, written) == is_stated(value, text)
