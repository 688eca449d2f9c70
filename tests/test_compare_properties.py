"""helpers.compare's properties. The property tests generate figures of mixed periods, averaging
windows, statuses, releases and definition breaks, and assert that ``state`` never gives a change or
a verdict across them, and always says why when it gives none.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from compare_support import SPEC, TARGET, D, change, fig, verdict
from fuzz_support import examples
from helpers.compare import REASONS, VERDICTS, Figure
from helpers.compare import targets as rules
from helpers.data.breaks import Break

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
