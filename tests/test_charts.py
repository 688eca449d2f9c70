"""What the charts state and how they draw it: findings as titles, the axis rule of each kind, time
axes, end labels, number cards, literal text and the downloads bundle (helpers.present.charts)."""

import json

import matplotlib.pyplot as plt
import pytest

from chart_checks import layout_problems
from helpers.data import ASEAN, load_figures
from helpers.present import charts, style


@pytest.fixture(scope="module")
def df():
    return load_figures()


def _title(fig) -> str:
    return next(t.get_text() for t in fig.texts if t.get_gid() == "title").replace("\n", " ")


def _ticks(ax, axis="x") -> list[str]:
    ax.figure.canvas.draw()
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels if t.get_text()]


def test_rank_title_states_the_move_and_the_axis_has_1_on_top_and_no_rank_0(df):
    en = charts.rank_chart(df, "en")
    vi = charts.rank_chart(df, "vi")
    assert _title(en.fig) == "Viet Nam rose 15 places to 71st in 2024"
    assert _title(vi.fig) == "Việt Nam tăng 15 bậc, lên thứ 71 năm 2024"
    ax = en.fig.axes[0]
    assert ax.yaxis_inverted()
    assert all(int(t) >= 1 for t in _ticks(ax, "y"))
    # UN survey years on survey-year ticks
    assert _ticks(ax)[:8] == [str(y) for y in range(2010, 2025, 2)]  # then the targets' years
    plt.close("all")


def test_peers_named_in_words_without_rank_0_and_viet_nam_highlighted(df):
    chart = charts.peer_rank_chart(df, ASEAN, "en")
    ax = chart.fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "Laos" in texts and "Singapore" in texts and not any(t in texts for t in ASEAN)
    assert any(t.startswith("Viet Nam") for t in texts)
    assert "0" not in _ticks(ax, "y") and "1" in _ticks(ax, "y")
    assert not ax.get_legend()
    assert _title(chart.fig).startswith("In 2024 Viet Nam ranked 71st of 193")
    plt.close("all")


def test_egdi_components_are_its_three_and_not_the_e_participation_index(df):
    chart = charts.index_chart(df, "en")
    assert set(chart.data["indicator"]) == {"egdi_value", "osi_value", "hci_value", "tii_value"}
    assert not chart.fig.axes[0].get_legend()
    assert _title(chart.fig) == "Viet Nam's EGDI reached 'very high' (0.75 or more) in 2024"
    plt.close("all")


def test_dated_stocks_have_dated_labels(df):
    chart = charts.series_chart(df, "cccd_cards_issued", "en", end_year=2024)
    ticks = _ticks(chart.fig.axes[0])
    assert "Dec 2023" in ticks and "2024" not in ticks
    assert any(t.get_text() == "84.7 m, Dec 2023" for t in chart.fig.axes[0].texts)
    plt.close("all")


def test_counts_and_shares_start_at_zero(df):
    for ind in ("ndxp_transactions", "digital_economy_share_gdp"):
        chart = charts.series_chart(df, ind, "en")
        assert chart.fig.axes[0].get_ylim()[0] == 0
    plt.close("all")


def test_a_series_of_one_or_two_points_is_a_number_card(df, tmp_path):
    card = charts.series_chart(df, "ndxp_transactions_january", "en")
    assert isinstance(card, charts.Card)
    # like with like (issue 19): both Januaries are counted to the 28th, and the card says so
    assert card.value == "50.6 m" and card.when == "Jan 2022 (to 28 Jan 2022)"
    assert card.change == "24x since Jan 2021 (to 28 Jan 2021)"
    assert "50.6 m" in repr(card) and 'class="card"' in card._repr_html_()
    assert card.save(tmp_path) is card
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ndxp_transactions_january_VNM_en.csv",
        "ndxp_transactions_january_VNM_en.json",
    ]
    vi = charts.series_chart(df, "fibre_households_share", "vi")
    assert isinstance(vi, charts.Card) and vi.value == "82,4%" and vi.change == ""


def test_text_from_data_is_drawn_literally():
    fig, ax = style.new_chart("Digital economy: US$ 23 bn in 2022, $5 and $6", "US$ per year")
    style.finish(fig, "Source: a $ sign")
    assert not [p for p in layout_problems(fig) if "mathtext" in p]
    title = next(t for t in fig.texts if t.get_gid() == "title")
    assert "$5 and $6" in title.get_text()
    plt.close(fig)


def test_downloads_bundle_metadata(df, tmp_path):
    chart = charts.rank_chart(df, "en")
    chart.save(tmp_path)
    meta = json.loads((tmp_path / "egdi_rank_VNM_en.json").read_text(encoding="utf-8"))
    assert meta["title"] == "Viet Nam rose 15 places to 71st in 2024"
    assert meta["subtitle"].startswith("rank among UN member states (1 = best)")
    assert meta["units"] == {"egdi_rank": "rank among UN member states"}
    assert {"publisher", "title", "published", "address", "id"} <= set(meta["sources"][0])
    assert meta["licence"]["name"] == "CC-BY-4.0"
    assert "data_version" not in meta  # the report runner adds it with the citation (test_reports)
    assert [p.name for p in chart.files] == [
        f"egdi_rank_VNM_en.{e}" for e in ("png", "svg", "csv", "json", "narrow.svg")
    ]  # the last: the chart drawn again at a phone's width
    plt.close("all")


def test_small_multiples_title_counts_improvements_and_skips_short_series(df):
    chart = charts.small_multiples(df, ["egdi_rank", "ndxp_transactions", "fibre_households_share"], "en")
    assert set(chart.data["indicator"]) == {"egdi_rank", "ndxp_transactions"}
    assert _title(chart.fig) == "2 of 2 series improved on their previous figure"
    plt.close("all")


def test_targets_are_marked_goal_points_with_their_year(df):
    import pandas as pd

    goals = pd.DataFrame(
        {
            "indicator": ["digital_economy_share_gdp"] * 2,
            "entity": ["VNM"] * 2,
            "year": [2025, 2030],
            "date": ["", ""],
            "value": [20.0, 30.0],
        }
    )
    for lang, text in (("en", "target 2030: 30%"), ("vi", "mục tiêu 2030: 30%")):
        chart = charts.series_chart(df, "digital_economy_share_gdp", lang, targets=goals)
        ax = chart.fig.axes[0]
        assert any(line.get_marker() == "D" for line in ax.lines)
        assert text in [t.get_text() for t in ax.texts]
        assert "2030" in _ticks(ax)
        assert layout_problems(chart.fig) == []
    plt.close("all")
