"""Rates per person (analysis.per_person, present.rates.coverage): a count at a date against the
statistics office's average population of its year, the denominator named; no year extrapolated."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import analysis


def _figures() -> pd.DataFrame:
    rows = [
        ("cccd_cards_issued", 2022, "2022-12-25", 76.5e6, "", "baonghean-2022-12-25"),
        ("cccd_cards_issued", 2023, "2023-12-31", 84.7e6, "over", "baohaugiang-2024-07-22"),
        (
            "cccd_cards_issued",
            2026,
            "2026-01-31",
            90e6,
            "",
            "web-soha-vneid-2026-01-18",
        ),  # no population for 2026
        ("population", 2022, "2022-07-01", 99.46e6, "", "web-baomoi-gso-2025-01"),
        ("population", 2023, "2023-07-01", 100.3e6, "", "web-vneconomy-gso-2026-01-06"),
    ]
    return pd.DataFrame(
        [
            {"id": f"f{n:04d}", "indicator": i, "entity": "VNM", "year": y, "date": d, "value": v,
             "qualifier": q, "source_id": s, "selected": True, "period": "as_of", "status": "final"}
            for n, (i, y, d, v, q, s) in enumerate(rows, start=1)
        ]
    )  # fmt: skip


def test_a_count_per_100_people_of_its_year():
    r = analysis.per_person(_figures(), "cccd_cards_issued")
    assert list(r["year"]) == [2022, 2023]  # 2026 has no population: no rate
    assert r["rate"].round(1).tolist() == [76.9, 84.4]
    assert list(r["denominator_source_id"]) == [
        "web-baomoi-gso-2025-01",
        "web-vneconomy-gso-2026-01-06",
    ] and list(r["qualifier"]) == ["", "over"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_table_names_its_denominator(lang, data_copy, monkeypatch):
    from helpers.paths import DATA_DIR_ENV
    from helpers.present.rates import coverage

    path = data_copy / "indicators.csv"
    rows = path.read_text(encoding="utf-8")
    if "\npopulation," not in rows:  # the dictionary entry of the statistics office's population
        cadence = ",annual,,the statistics office's year-end release,,,,"
        rows += (
            "population,Population (average of the year),Dân số trung bình,persons,người,persons,người,stock,"
            "true,false,official_then_latest,as_of,GSO,,The statistics office's average population"
            + cadence
            + "\n"
        )
        path.write_text(rows, encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))

    table = coverage(_figures(), ["cccd_cards_issued"], lang)
    heading = {"en": "Denominator: Population", "vi": "Mẫu số: Dân số"}[lang]
    assert any(c.startswith(heading) for c in table.columns), list(table.columns)
    # "over 84.7 million" cards: more than 84.4 per 100 people, said with the count's looseness
    assert list(table.df.iloc[:, 4]) == {"en": ["76.9", "> 84.4"], "vi": ["76,9", "> 84,4"]}[lang]
    assert table.sources == [
        "baonghean-2022-12-25",
        "baohaugiang-2024-07-22",
        "web-baomoi-gso-2025-01",
        "web-vneconomy-gso-2026-01-06",
    ]


def test_the_table_keeps_the_last_figure_of_each_year(data_copy, monkeypatch):
    """Several figures in a year: the table gives the year's last one, so each year has one rate per
    indicator (the 19 June 2023 figure gives way to 31 December's)."""
    from helpers.paths import DATA_DIR_ENV
    from helpers.present.rates import coverage

    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    june = pd.DataFrame(
        [{"indicator": "cccd_cards_issued", "entity": "VNM", "year": 2023, "date": "2023-06-19", "value": 80.5e6,
          "qualifier": "over", "source_id": "sggp-2023-06-20", "selected": True, "period": "as_of"}]
    )  # fmt: skip
    df = pd.concat([_figures(), june], ignore_index=True).sort_values(["indicator", "date"])
    assert len(analysis.per_person(df, "cccd_cards_issued")) == 3  # every figure has its rate
    table = coverage(df, ["cccd_cards_issued"], "en")
    assert list(table.df.iloc[:, 1]) == ["25 Dec 2022", "31 Dec 2023"]
    assert "sggp-2023-06-20" not in table.sources


def test_each_rate_is_a_recorded_statement_on_both_figures(data_copy, monkeypatch):
    """A rate is said by helpers.compare.state (a count and the population of its year) and goes
    into the page's statements.json with the ids of both figures."""
    from helpers.present import statements
    from helpers.present.rates import coverage

    statements.reset()
    coverage(_figures(), ["cccd_cards_issued"], "en")
    said = [s for s in statements.recorded() if s["kind"] == "ratio"]
    assert [(s["text"], s["figures"]) for s in said] == [
        ("76.9", ["f0001", "f0004"]),
        ("> 84.4", ["f0002", "f0005"]),
    ]


def test_a_rate_is_refused_across_years_or_beside_a_forecast():
    from helpers.compare import state

    count = {"id": "a", "indicator": "cccd_cards_issued", "year": 2023, "date": "2023-12-31", "value": 84.7e6,
             "period": "as_of", "status": "final"}  # fmt: skip
    pop = {**count, "id": "b", "indicator": "population", "date": "2023-07-01", "value": 100.3e6}
    assert state("ratio", [count, pop], per_year=True).ok
    assert (
        state("ratio", [count, {**pop, "year": 2022, "date": "2022-07-01"}], per_year=True).reason.code
        == "date"
    )
    assert state("ratio", [count, {**pop, "status": "forecast"}], per_year=True).reason.code == "forecast"
