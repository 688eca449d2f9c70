"""helpers.compare's target verdicts: a target is judged on its own measure at its deadline, never
by a forecast or an estimate, never on an abolished measure, a survey target waits for the first
survey after its deadline, the verdict depends on the data and never on the clock; and the audit's
targets get the verdicts they should.
"""

from __future__ import annotations

import pytest

from compare_support import SPEC, TARGET, D, fig, verdict
from helpers.compare import VERDICTS
from helpers.data import targets as data_targets

# --- target verdicts ---------------------------------------------------------------------------------


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
