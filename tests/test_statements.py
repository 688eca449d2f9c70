"""Every published report's ``statements.json``, checked against the data: each statement names
figures that exist, a change joins figures that may be compared, a verdict follows the rules, and the
page says what the file records. The pages say "not yet judged" in words, in both languages, with
the latest figure and its date.

The unit tests at the top need no build; the rest read a real build of the site (slow; the
``site`` fixture, ``PAGES_OUTPUTS=outputs`` reuses a build).
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from helpers.compare import KINDS, REASONS, VERDICTS, Figure, state
from helpers.data import load_figures, targets, validate
from helpers.present import statements, verdicts

KEYS = {"text", "kind", "figures", "target", "claim", "verdict", "reason"}


# --- without a build -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def df():
    return load_figures()


@pytest.mark.parametrize(
    ("lang", "words", "latest"),
    [
        ("en", "not yet judged", "the latest figure is 82.4% in 2024"),
        ("vi", "chưa đánh giá được", "82,4% (năm 2024)"),
    ],
)
def test_not_yet_judged_is_said_in_words_with_the_latest_figure_and_its_date(df, lang, words, latest):
    statements.reset()
    table = verdicts.table(df, ["fibre_households_share"], lang)
    cells = list(table.df.iloc[:, -1])
    assert cells and all(c.startswith(words + ":") for c in cells), cells
    assert all(latest in c for c in cells), cells
    said = statements.recorded()
    assert [s["text"] for s in said] == cells  # the page's cells are what the record holds
    assert {s["verdict"] for s in said} == {"not yet judged"} and all(s["target"] for s in said)


def test_a_change_across_unlike_figures_is_shown_with_both_dates_and_why(df):
    from helpers.present import story

    statements.reset()
    en = story.latest(df, "ndxp_transactions_daily", "en")
    vi = story.latest(df, "ndxp_transactions_daily", "vi")
    assert "Apr 2024" in en and "Sep 2022" in en and "is not compared with it" in en
    assert "tháng 04/2024" in vi and "tháng 09/2022" in vi and "không được so sánh" in vi
    assert "75%" not in en + vi  # the audit's "up 75% on the figure in Sep 2022"
    said = statements.recorded()
    assert [s["reason"] for s in said] == ["window_unstated", "window_unstated"]


def test_a_change_over_two_years_names_its_span(df):
    from helpers.present import tables

    statements.reset()
    growth = tables.growth(df, "ndxp_transactions", "en").df
    assert "3.6× over 2 years (2021–2023)" in set(growth.iloc[:, -1])
    assert "gấp 3,6 lần trong 2 năm (2021–2023)" in set(
        tables.growth(df, "ndxp_transactions", "vi").df.iloc[:, -1]
    )


def test_claim_summaries_count_not_checkable_apart():
    import pandas as pd

    from helpers.present.story import claims_summary

    one = pd.DataFrame({"status": ["not checkable"]})
    assert "0 of 1" not in claims_summary(one, "en")
    assert claims_summary(one, "en") == "None of the sources' claims (1) can be checked against the data yet."
    mixed = pd.DataFrame({"status": ["consistent", "not checkable", "inconsistent"]})
    assert claims_summary(mixed, "en").startswith("1 of the 2 claims that can be checked agree")


# --- the built site ---------------------------------------------------------------------------------

pytestmark_site = [pytest.mark.slow, pytest.mark.xdist_group("site")]


def _reports(site: Path) -> list[Path]:
    return sorted(p for p in (site / "reports").iterdir() if p.is_dir())


def _page_text(folder: Path) -> str:
    """A page's visible text, and its charts' titles (the alternative text of each chart's image)."""
    html = (folder / "index.html").read_text(encoding="utf-8")
    alts = " ".join(re.findall(r'alt="([^"]*)"', html))
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html) + " " + alts))


@pytest.fixture(scope="module")
def published(site):
    found = {}
    for folder in _reports(site):
        path = folder / "statements.json"
        assert path.exists(), f"{folder.name}: no statements.json beside its page"
        found[folder.name] = (folder, json.loads(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.slow
@pytest.mark.xdist_group("site")
def test_every_report_has_statements_that_rest_on_figures_of_the_data(published, df):
    ids = set(df["id"])
    targets_ = {t["id"] for t in validate().targets}
    claims = {c["id"] for c in validate().claims}
    total = 0
    for name, (_, entries) in published.items():
        assert isinstance(entries, list), name
        for e in entries:
            total += 1
            assert set(e) == KEYS, (name, e)
            assert e["kind"] in KINDS and e["text"], (name, e)
            assert set(e["figures"]) <= ids, (name, e)
            assert e["reason"] is None or e["reason"] in REASONS, (name, e)
            if e["kind"] == "target":
                assert e["target"] in targets_ and e["verdict"] in VERDICTS, (name, e)
            if e["kind"] == "claim":
                assert e["claim"] in claims, (name, e)
    assert total > 50


@pytest.mark.slow
@pytest.mark.xdist_group("site")
def test_changes_join_comparable_figures_and_verdicts_follow_the_rules(published, df):
    rows = df.set_index("id", drop=False)
    judged = targets().set_index("id")
    from helpers.claims import check_claims

    claims = check_claims().set_index("id")
    for name, (_, entries) in published.items():
        for e in entries:
            figs = [rows.loc[i] for i in e["figures"]]
            if e["kind"] in ("change", "growth") and e["reason"] is None:
                again = state("change", figs)
                assert again.ok and again.kind == e["kind"], (name, e, again.reason)
            elif e["kind"] in ("change", "growth"):
                assert state("change", figs).reason.code == e["reason"], (name, e)
            elif e["kind"] == "ratio":
                per_year = any(f["indicator"] == "population" for f in figs)  # a rate per person
                assert (state("ratio", figs, per_year=per_year).reason is None) == (e["reason"] is None), (
                    name,
                    e,
                )
            elif e["kind"] == "position":
                assert state("position", figs).ok, (name, e)
            elif e["kind"] == "target":
                t = judged.loc[e["target"]]
                assert e["verdict"] == t["verdict"], (name, e)
                assert e["figures"] == ([t["judged_by"]] if t["judged_by"] else []), (name, e)
                if e["verdict"] in ("met", "missed"):  # rests on its own measure, an outturn
                    f = Figure.of(rows.loc[e["figures"][0]])
                    assert f.indicator == t["indicator"] and f.status in ("final", "provisional")
            elif e["kind"] == "claim":
                assert e["verdict"] == claims.loc[e["claim"], "status"], (name, e)


@pytest.mark.slow
@pytest.mark.xdist_group("site")
def test_the_page_says_what_its_statements_record(published):
    for name, (folder, entries) in published.items():
        text = _page_text(folder)
        for e in entries:
            said = re.sub(r"\s+", " ", e["text"]).replace("\\", "")
            assert said in text, (name, said)


@pytest.mark.slow
@pytest.mark.xdist_group("site")
@pytest.mark.parametrize(
    ("report", "words", "latest"),
    [
        ("overview-en", "not yet judged:", "the latest figure is"),
        ("overview-vi", "chưa đánh giá được:", "số liệu mới nhất là"),
    ],
)
def test_overview_pages_say_not_yet_judged_with_the_latest_figure_and_date(published, report, words, latest):
    folder, entries = published[report]
    text = _page_text(folder)
    assert words in text and latest in text
    nyj = [e for e in entries if e["verdict"] == "not yet judged" and e["figures"]]
    assert nyj and all(re.search(r"\d{4}", e["text"]) for e in nyj)  # a date beside the figure
