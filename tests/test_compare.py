"""helpers.compare: the one function every comparison, derived number and verdict goes through.

The property tests generate figures of mixed periods, averaging windows, statuses, releases and
definition breaks, and assert that ``state`` never gives a change or a verdict across them, and
always says why when it gives none.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_support import examples
from helpers.compare import REASONS, VERDICTS, Figure, state
from helpers.compare import targets as rules
from helpers.data import load_figures
from helpers.data import targets as data_targets
from helpers.data.breaks import Break

D = dt.date
SPEC = {
    "x": {"kind": "stock", "definition_break": "", "higher_is_better": True},
    "y": {"kind": "stock", "definition_break": "", "higher_is_better": True},
    "s": {"kind": "share", "definition_break": "", "higher_is_better": True},
    "r": {"kind": "rank", "definition_break": "", "higher_is_better": False},
}


def fig(id="a", indicator="x", year=2022, period="as_of", date="2022-06-30", value=10.0, **kw) -> Figure:
    day = D.fromisoformat(date) if date else None
    start = kw.pop("start", None) or (day if period in ("as_of", "day") else D(year, 1, 1))
    end = kw.pop("end", None) or (day or D(year, 12, 31))
    return Figure(id, indicator, kw.pop("entity", "VNM"), year, period, date, value, start, end, **kw)


def change(a, b, spec=SPEC, **kw):
    return state("change", [a, b], indicators=spec, **kw)


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


# --- target verdicts ---------------------------------------------------------------------------------

TARGET = {
    "id": "t",
    "indicator": "s",
    "entity": "VNM",
    "year": 2025,
    "date": None,
    "value": 80,
    "direction": "at_least",
}


JUNE_2026 = D(2026, 6, 1)


def verdict(figures, on=JUNE_2026, target=TARGET, spec=SPEC, **kw):
    return state("target", figures, target=target, judged_on=on, indicators=spec, **kw)


def test_a_target_is_judged_on_its_own_measure_at_its_deadline():
    dec = fig("a", "s", 2025, date="2025-12-31", value=82)
    assert verdict([dec]).verdict == "met"
    assert verdict([fig("a", "s", 2025, date="2025-12-20", value=75)]).verdict == "missed"
    early = fig("b", "s", 2024, date="2024-12-31", value=82)
    st = verdict([early])
    assert (st.verdict, st.reason.code, st.figures) == ("not yet judged", "no_figure", ("b",))
    assert verdict([early], on=D(2025, 3, 1)).verdict == "on track"  # before the deadline, at the level
    soon_after = fig("c", "s", 2026, date="2026-02-15", value=81)
    assert verdict([early, soon_after]).verdict == "met"  # the nearest measurement after it


def test_a_forecast_or_an_estimate_does_not_judge_a_target():
    forecast = fig("a", "s", 2025, "year", "", value=90, status="forecast")
    assert verdict([forecast]).verdict == "not yet judged"
    estimate = fig("b", "s", 2025, "year", "", value=90, status="estimate")
    st = verdict([estimate])
    assert (st.verdict, st.reason.code) == ("not yet judged", "estimate_only")
    assert verdict([estimate], estimates=True).verdict == "met"  # when the statement says so


def test_an_abolished_measure_cannot_be_judged():
    spec = {**SPEC, "s": {**SPEC["s"], "definition_break": "2022-08-15: abolished: Decree 42/2022"}}
    st = verdict([fig("a", "s", 2022, date="2022-12-25", value=97.3)], spec=spec)
    assert st.verdict == "cannot be judged" and st.reason.code == "abolished" and st.figures == ("a",)


def test_a_survey_target_waits_for_the_first_survey_after_its_deadline():
    goal = {**TARGET, "indicator": "r", "value": 70, "direction": "at_most"}

    def survey(year, rank):
        return fig(f"un{year}", "r", year, "year", "", value=rank, producer="UN DESA")

    st = verdict([survey(2022, 86), survey(2024, 71)], target=goal)
    assert (st.verdict, st.reason.code, st.figures) == ("not yet judged", "no_survey", ("un2024",))
    assert verdict([survey(2024, 71), survey(2026, 65)], on=D(2026, 12, 1), target=goal).verdict == "met"


def test_the_verdict_depends_on_the_data_never_on_the_clock():
    t = data_targets().set_index("id")
    assert set(t["verdict"]) <= set(VERDICTS)
    assert t["judged_on"].nunique() == 1  # the data's date
    assert data_targets(judged_on=D(2020, 1, 1)).set_index("id").loc["dx749-fibre-80-2025", "verdict"] == (
        "not yet judged"
    )


@pytest.mark.parametrize(
    ("target", "verdict_", "figure"),
    [
        ("ds411-ecommerce-10-2025", "not yet judged", "f0016"),  # a 2022 forecast
        ("ds411-econtracts-80-2025", "not yet judged", "f0140"),  # a 2022 estimate
        ("de06-level4-100-2025", "cannot be judged", "f0019"),  # Decree 42/2022 abolished the measure
        ("ndx-vneid-40m-2023-06", "not yet judged", "f0009"),  # no approved count in June 2023
        ("egov942-opendata-top50-2025", "not yet judged", "f0084"),  # the 2022 rank
        ("dx749-level4-2025", "cannot be judged", None),  # its own denominator: all services
    ],
)
def test_the_audits_targets(target, verdict_, figure):
    t = data_targets().set_index("id").loc[target]
    assert t["verdict"] == verdict_
    assert t["met"] is None
    if figure:
        assert t["judged_by"] == figure


# --- properties ----------------------------------------------------------------------------------------

BREAKERS = ("indicator", "period", "window", "forecast", "vintage", "break", "partial", "bounds")


@st.composite
def pairs(draw):
    """Two comparable per-day figures a year apart, then a random set of what makes them unlike."""
    broken = set(draw(st.sets(st.sampled_from(BREAKERS), max_size=3)))
    spec = {"x": dict(SPEC["x"]), "y": dict(SPEC["y"])}
    y0 = draw(st.integers(2019, 2023))
    start_md = draw(st.sampled_from(["01-01", "03-01"]))
    end_md = draw(st.sampled_from(["09-26", "11-30"]))
    window = draw(st.sampled_from(["typical", "days"]))

    def day_fig(i, year, **kw):
        w = kw.pop("window", window)
        w = f"{year}-{start_md}/{year}-{end_md}" if w == "days" else w
        return fig(
            i, year=year, period="day", date=f"{year}-{end_md}", window=w, value=draw(st.floats(1, 1e9)), **kw
        )

    a = day_fig("a", y0)
    extra: dict = {}
    if "indicator" in broken:
        extra["indicator"] = "y"
    if "window" in broken:
        extra["window"] = draw(st.sampled_from(["unstated", "typical" if window == "days" else "days-other"]))
        if extra["window"] == "days-other":
            extra["window"] = f"{y0 + 1}-02-01/{y0 + 1}-{end_md}"
    if "forecast" in broken:
        extra["status"] = "forecast"
    if "vintage" in broken:
        extra["vintage"] = f"{y0 + 2}-01"
    if "bounds" in broken:
        extra["qualifier"] = "over"
        a = Figure(**{**a.__dict__, "qualifier": "over"})
    b = day_fig("b", y0 + 1, **extra)
    if "period" in broken:
        b = Figure(**{**b.__dict__, "period": "as_of", "window": ""})
    if "partial" in broken:
        a = Figure(
            **{
                **a.__dict__,
                "period": "month",
                "window": "",
                "complete": False,
                "start": a.end.replace(day=1),
            }
        )
        b = Figure(
            **{
                **b.__dict__,
                "period": "month",
                "window": "",
                "complete": True,
                "start": b.end.replace(day=1),
                "end": b.end.replace(day=28),
            }
        )
    if "break" in broken:
        spec["x"]["definition_break"] = f"{y0 + 1}-01-01: what is counted changes"
    return a, b, broken, spec, draw(st.booleans())


@settings(max_examples=examples(400), deadline=None)
@given(pairs())
def test_no_change_is_ever_given_across_unlike_figures(case):
    a, b, broken, spec, across = case
    st_ = change(a, b, spec, across_vintages=across)
    across_ok = across and broken == {"vintage"}  # first releases, said so
    if not broken or across_ok:
        assert st_.ok, (broken, st_.reason)
        assert st_.value is not None and st_.figures == ("a", "b")
    else:
        assert not st_.ok, broken
        assert st_.value is None
        assert st_.reason.code in REASONS and st_.reason.text


@st.composite
def target_cases(draw):
    goal = {**TARGET, "year": draw(st.integers(2021, 2026))}
    if draw(st.booleans()):
        goal["date"] = D(goal["year"], draw(st.integers(1, 12)), 15)
    figures = []
    for i in range(draw(st.integers(0, 5))):
        year = draw(st.integers(2019, 2028))
        period = draw(st.sampled_from(["as_of", "year"]))
        day = D(year, draw(st.integers(1, 12)), draw(st.integers(1, 28))) if period == "as_of" else None
        figures.append(
            fig(
                f"f{i}",
                draw(st.sampled_from(["s", "s", "x"])),
                year,
                period,
                day.isoformat() if day else "",
                value=draw(st.floats(0, 100)),
                status=draw(st.sampled_from(["final", "provisional", "estimate", "forecast"])),
                qualifier=draw(st.sampled_from(["", "", "over", "about"])),
            )
        )
    brk = draw(st.sampled_from(["", "2023-01-01: what is counted changes", "2022-08-15: abolished: gone"]))
    spec = {**SPEC, "s": {**SPEC["s"], "definition_break": brk}}
    return goal, figures, spec, D(draw(st.integers(2020, 2029)), 6, 1), draw(st.booleans())


@settings(max_examples=examples(400), deadline=None)
@given(target_cases())
def test_a_verdict_rests_only_on_a_figure_that_may_judge_its_target(case):
    goal, figures, spec, on, estimates = case
    st_ = verdict(figures, on=on, target=goal, spec=spec, estimates=estimates)
    assert st_.verdict in VERDICTS
    due = rules.deadline(goal)
    abolished = "abolished" in spec["s"]["definition_break"] and D(2022, 8, 15) <= due
    assert (st_.verdict == "cannot be judged") == abolished
    if st_.verdict in ("met", "missed"):
        judging = st_.facts["judging"]
        assert judging.indicator == goal["indicator"]
        assert judging.status in (
            ("final", "provisional", "estimate") if estimates else ("final", "provisional")
        )
        assert due <= on  # the deadline has passed on the data's date
        first, last = rules.deadline_period(goal)
        in_period = first <= judging.end <= last
        near = due - dt.timedelta(days=rules.BEFORE) <= judging.end <= last + dt.timedelta(days=rules.AFTER)
        assert in_period or near
        brk = [b for b in [Break(D(2023, 1, 1), "x")] if spec["s"]["definition_break"].startswith("2023")]
        for b in brk:
            assert (judging.end < b.day) == (due < b.day)  # on the deadline's side of the break
    elif st_.verdict == "on track":
        assert on < due
    else:
        assert st_.reason is not None and st_.reason.text


def test_every_claim_rests_on_figures_of_the_data():
    from helpers.claims import check_claims

    ids = set(load_figures()["id"])
    results = check_claims()
    for r in results.to_dict("records"):
        assert set(r["figures"]) <= ids, r["id"]
    across = results.set_index("id").loc["dti-provmean-2021-up32.7"]
    assert (across["status"], across["reason"]) == ("not checkable", "break")  # DTI 2020, 2021 differ
