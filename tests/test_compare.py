"""helpers.compare: the one function every comparison, derived number and verdict goes through.

The rules, one by one: a change in its natural unit, and none between unlike figures (periods,
averaging windows, partial periods, definition breaks, releases, bounds), ratios of the same days,
positions in a group; and every claim rests on figures of the data. Target verdicts:
test_compare_targets.py; the property tests: test_compare_properties.py.
"""

from __future__ import annotations

import pytest

from compare_support import SPEC, D, change, fig
from helpers.compare import state
from helpers.data import load_figures

# --- the rules, one by one ------------------------------------------------------------------------


def test_a_change_of_comparable_figures_is_computed_in_its_natural_unit():
    st = change(fig("a", value=100), fig("b", year=2023, date="2023-06-30", value=157))
    assert st.ok and st.kind == "growth" and st.measure == "pct" and st.value == pytest.approx(57)
    assert st.figures == ("a", "b")
    rank = change(fig("a", "r", period="year", date="", value=86), fig("b", "r", 2024, "year", "", value=71))
    assert (rank.kind, rank.measure, rank.value) == ("change", "places", 15)  # up 15 places
    share = change(fig("a", "s", value=12.5), fig("b", "s", 2023, date="2023-06-30", value=14.0))
    assert (share.measure, share.value) == ("pp", pytest.approx(1.5))
    assert change(fig("a", value=10), fig("b", year=2023, date="2023-01-01", value=36)).measure == "multiple"


@pytest.mark.parametrize(
    ("b", "code"),
    [
        (fig("b", "y", 2023, date="2023-06-30"), "indicator"),
        (fig("b", year=2023, date="2023-06-30", entity="THA"), "entity"),
        (fig("b", year=2023, period="month", date="2023-06-30", start=D(2023, 6, 1)), "period"),
        (fig("b", year=2023, date="2023-06-30", status="forecast"), "forecast"),
        (fig("b", year=2023, date="2023-06-30", vintage="2024-01"), "vintage"),
        (fig("b", date="2022-06-30"), "same"),
    ],
)
def test_unlike_figures_give_no_change_and_say_why(b, code):
    st = change(fig("a"), b)
    assert not st.ok and st.value is None and st.reason.code == code and st.reason.text


def test_averages_compare_only_over_the_same_window():
    def daily(id, date, window):
        return fig(id, period="day", year=int(date[:4]), date=date, window=window)

    typical = daily("a", "2022-01-28", "typical")
    nine_months = daily("b", "2022-09-26", "2022-01-01/2022-09-26")
    unstated = daily("c", "2024-04-30", "unstated")
    assert change(typical, nine_months).reason.code == "window"
    assert change(nine_months, unstated).reason.code == "window_unstated"
    later = daily("d", "2023-09-26", "2023-01-01/2023-09-26")  # the same days of another year
    assert change(nine_months, later).ok
    assert change(typical, daily("e", "2023-01-28", "typical")).ok


def test_a_partial_period_compares_only_with_the_same_part():
    jan22 = fig("a", "x", 2022, "month", "2022-01-28", start=D(2022, 1, 1), complete=False)
    jan21_same_days = fig("b", "x", 2021, "month", "2021-01-28", start=D(2021, 1, 1), complete=False)
    jan21_whole = fig("c", "x", 2021, "month", "2021-01-31", start=D(2021, 1, 1))
    assert change(jan21_same_days, jan22).ok
    st = change(jan21_whole, jan22)
    assert st.reason.code == "partial"


def test_nothing_compares_across_a_definition_break():
    spec = {"x": {**SPEC["x"], "definition_break": "2024-07-01: what is counted changes"}}
    before, after = fig("a", year=2024, date="2024-06-30"), fig("b", year=2024, date="2024-12-31")
    st = change(before, after, spec)
    assert st.reason.code == "break" and st.reason.facts["day"] == "2024-07-01"
    assert change(after, fig("c", year=2025, date="2025-06-30"), spec).ok


def test_across_releases_only_when_the_sentence_says_so():
    first_2021 = fig("a", period="year", year=2021, date="", vintage="2021-12-29")
    first_2022 = fig("b", period="year", year=2022, date="", vintage="2022-12-29")
    revised_2021 = fig("c", period="year", year=2021, date="", vintage="2023-01", revises="2021-12-29")
    assert change(first_2021, first_2022).reason.code == "vintage"
    assert change(first_2021, first_2022, across_vintages=True).ok  # "first estimates"
    assert change(revised_2021, first_2022, across_vintages=True).reason.code == "vintage"


def test_bounds_are_said_with_their_looseness_or_not_computed():
    over_67 = fig("a", date="2026-01-16", year=2026, value=67e6, qualifier="over")
    exactly_68 = fig("b", date="2026-02-25", year=2026, value=68e6)
    st = change(over_67, exactly_68)
    assert st.ok and st.bound == "upper" and st.value == pytest.approx(1.4925, abs=1e-3)  # less than +1.5%
    over_68 = fig("c", date="2026-02-25", year=2026, value=68e6, qualifier="over")
    assert change(over_67, over_68).reason.code == "bound"
    about = fig("d", date="2026-02-25", year=2026, value=68e6, qualifier="about")
    assert change(over_67, about).reason.code == "bound"
    assert change(fig("e", value=1e6, qualifier="about"), about).bound == "approx"


def test_a_ratio_divides_figures_of_the_same_days_only():
    spec = {**SPEC, "y": SPEC["x"]}
    accounts, cards = fig("a", "x", value=45.4), fig("b", "y", value=84.7, qualifier="over")
    st = state("ratio", [accounts, cards], indicators=spec)
    assert st.ok and st.bound == "upper" and st.value == pytest.approx(53.6, abs=0.05)
    other_day = fig("c", "y", date="2022-07-31", value=84.7)
    assert state("ratio", [accounts, other_day], indicators=spec).reason.code == "date"


def test_a_position_counts_the_better_members_of_the_group():
    group = [
        fig(c, "r", period="year", date="", value=v, entity=c)
        for c, v in [("VNM", 71), ("THA", 52), ("LAO", 153)]
    ]
    st = state("position", group, entity="VNM", indicators=SPEC)
    assert (st.value, st.facts["of"], len(st.figures)) == (2, 3, 3)


def test_every_claim_rests_on_figures_of_the_data():
    from helpers.claims import check_claims

    ids = set(load_figures()["id"])
    results = check_claims()
    for r in results.to_dict("records"):
        assert set(r["figures"]) <= ids, r["id"]
    across = results.set_index("id").loc["dti-provmean-2021-up32.7"]
    assert (across["status"], across["reason"]) == ("not checkable", "break")  # DTI 2020, 2021 differ
