"""A province's profile reads what it shows (issue 24): the DTI and its ranks for every province (a
rank is computed from a year's whole table), the national series, and the pillars and the other
series for the province and its predecessors alone. So a change of one province's figures rebuilds
that province's pages and the pages that read every province, not the 66 other profiles; and what a
profile shows is the same as when it read every province."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import pytest

from helpers import data
from helpers.data import load_figures
from helpers.present import profile, tables
from helpers.present.charts import province_dti_chart, province_rank_chart
from helpers.present.provinces import INDICATORS


def _reads(tmp_path, load):
    log = tmp_path / "reads.txt"
    data.record_reads(log)
    try:
        df = load()
    finally:
        data.record_reads(None)
    return df, [ln for ln in log.read_text().splitlines() if not ln.startswith("@")]


def test_load_figures_reads_some_indicators_everywhere_and_the_rest_for_the_entities(tmp_path):
    df, reads = _reads(
        tmp_path,
        lambda: load_figures(["dti", "par_index"], entities=["VN-HN"], everywhere=["dti", "egdi_rank"]),
    )
    assert reads == ["dti", "par_index@VN-HN"]  # egdi_rank was not asked for: not read
    full = load_figures(["dti", "par_index"])
    expected = full[(full["indicator"] == "dti") | (full["entity"] == "VN-HN")].reset_index(drop=True)
    assert len(expected[expected["indicator"] == "par_index"]) and expected["entity"].nunique() > 5
    assert df.equals(expected)  # the rows, and in the tidy table's order


@pytest.mark.parametrize("code", ["VN-HN", "VN-N31"])
def test_a_profile_reads_the_dti_everywhere_and_the_rest_for_its_places(tmp_path, code):
    df, reads = _reads(tmp_path, lambda: profile.figures(SimpleNamespace(province=code)))
    places = profile.places_of(code)
    whole = [r for r in reads if "@" not in r]
    assert sorted(whole) == sorted(profile.EVERY_PROVINCE)
    per_place = [r.split("@") for r in reads if "@" in r]
    assert {e for _, e in per_place} == set(places)
    assert {i for i, _ in per_place} == set(INDICATORS) - set(profile.EVERY_PROVINCE)
    others = df[~df["indicator"].isin(profile.EVERY_PROVINCE)]
    assert len(others) and set(others["entity"]) <= set(places)
    assert len(places) == 1 or set(others["entity"]) - {code}  # a merged province: its predecessors' too


def _shown(df, code: str, lang: str) -> dict:
    """What a profile's page says and draws from ``df``."""
    charts = [province_rank_chart(df, code, lang), province_dti_chart(df, code, lang)]
    out = {
        "findings": profile.findings(df, code, lang),
        "dti": profile.dti_table(df, code, lang).df,
        "other": profile.other_table(df, code, lang).df,
        "facts": profile.other_facts(df, code, lang),
        "charts": [(getattr(c, "title", None), getattr(c, "data", None)) for c in charts],
    }
    for c in charts:
        if getattr(c, "fig", None) is not None:
            plt.close(c.fig)
    return out


@pytest.mark.parametrize("code", ["VN-HN", "VN-N31"])
def test_a_profile_shows_what_it_showed_when_it_read_every_province(code):
    narrow = _shown(profile.figures(SimpleNamespace(province=code)), code, "en")
    full = _shown(load_figures(INDICATORS), code, "en")
    assert narrow["findings"] == full["findings"] and narrow["facts"] == full["facts"]
    assert narrow["dti"].equals(full["dti"]) and narrow["other"].equals(full["other"])
    assert len(narrow["other"])  # the province's other series are there to compare
    for (t1, d1), (t2, d2) in zip(narrow["charts"], full["charts"], strict=True):
        assert t1 == t2
        assert (d1 is None and d2 is None) or d1.reset_index(drop=True).equals(d2.reset_index(drop=True))


@pytest.mark.parametrize("code", ["VN-HN", "VN-N31", "VN-N08"])
def test_a_profile_checks_the_claims_about_its_places_alone(tmp_path, code):
    from helpers.claims import check_claims
    from helpers.data import validate

    entity = {c["id"]: c["entity"] for c in validate().claims}
    every = check_claims(profile.DTI)
    expected = every[every["id"].map(entity.get).isin(profile.places_of(code))].reset_index(drop=True)
    found, reads = _reads(tmp_path, lambda: profile.claims(code))
    assert found["id"].tolist() == expected["id"].tolist()
    for lang in ("en", "vi"):  # what the page shows of them
        assert tables.claims(found, lang).df.equals(tables.claims(expected, lang).df)
    assert {f"dti_rank@{p}" for p in profile.places_of(code)} <= set(reads)  # a claim added is a change
    assert code != "VN-HN" or len(found)  # Ha Noi has claims to compare
