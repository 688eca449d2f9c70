"""helpers.provinces and the province charts, without a kernel: the tile layouts hold every province
of each period exactly once, ranks are computed from a complete table as the publisher ranks (and
agree with its printed ranks), rank moves are never compared across the 2021 method change, values
derived for a new province are labelled and never stored, and the province charts are drawn as
their rules say (seaborn's heatmap, no line across a break or a missing year, tile names inside
their tiles)."""

from __future__ import annotations

import csv
from collections import Counter

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import provinces as pv
from helpers.data import dti, load_figures, validate
from helpers.paths import DEFAULT_DATA_DIR
from helpers.present import charts
from helpers.present.charts import province, tilemap

# --- the tile layouts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("period", "codes", "n"), [("before", pv.before, 63), ("after", pv.after, 34)])
def test_each_tile_layout_holds_every_province_of_its_period_once(period, codes, n):
    with tilemap.TILES.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["period"] == period]
    listed = Counter(r["code"] for r in rows)
    assert [c for c, k in listed.items() if k > 1] == [], "a province on two tiles"
    assert sorted(listed) == sorted(codes()) and len(listed) == n
    cells = Counter((int(r["row"]), int(r["col"])) for r in rows)
    assert [c for c, k in cells.items() if k > 1] == [], "two provinces on one tile"
    assert set(tilemap.layout(period)) == set(codes())


def test_the_layouts_are_roughly_geographic():
    """North above south: Hà Giang's tile above Hà Nội's, Hà Nội's above Huế's, Huế's above TP.HCM's
    and Cà Mau's at the bottom; Lai Châu west of Quảng Ninh (in both periods where they exist)."""
    before, after = tilemap.layout("before"), tilemap.layout("after")
    rows = [before[c][0] for c in ("VN-03", "VN-HN", "VN-26", "VN-SG", "VN-59")]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)
    rows = [after[c][0] for c in ("VN-N08", "VN-HN", "VN-26", "VN-N79", "VN-N96")]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)
    for lay in (before, after):
        assert lay["VN-01"][1] < lay["VN-13"][1]
        assert max(r for r, _ in lay.values()) == lay["VN-59" if "VN-59" in lay else "VN-N96"][0]


def test_a_tile_layout_names_an_unknown_period():
    with pytest.raises(ValueError, match="before"):
        tilemap.layout("today")


# --- a tidy table of provinces, made up --------------------------------------------------------------


def _table(rows: list[tuple]) -> pd.DataFrame:
    """A tidy table (the columns helpers.provinces reads) from (indicator, entity, year, value)."""
    out = pd.DataFrame(rows, columns=["indicator", "entity", "year", "value"])
    return out.assign(
        period="year",
        date="",
        id=[f"t:{i}:{e}:{y}" for i, e, y, _ in rows],
        source_id="dti-gov-vn-xep-hang-2022",
        origin="curated",
        selected=True,
        period_end=[f"{y}-12-31" for y in out["year"]],
    )


def _printed_2022() -> dict[str, int]:
    """The publisher's printed ranks of DTI 2022 (all 63), as normalised from its table."""
    with (DEFAULT_DATA_DIR / "dti.csv").open(encoding="utf-8", newline="") as f:
        return {
            r["entity"]: int(r["value"]) for r in csv.DictReader(f) if r["id"].startswith("dti:dti_rank:")
        }


def test_ranks_from_a_complete_table_are_the_publishers_ties_included():
    """Values that order the 63 provinces as the publisher printed them (Thanh Hóa and Yên Bái tied)
    give back exactly the printed ranks, 15, 15, 17 included: competition ranking, reused from the
    DTI normaliser."""
    printed = _printed_2022()
    assert len(printed) == 63 and sorted(printed.values()).count(15) == 2 and 16 not in printed.values()
    values = [("dti", c, 2022, 1 - r / 100) for c, r in printed.items()]
    ranks = [("dti_rank", c, 2022, r) for c, r in printed.items()]
    got = pv.ranks(_table(values + ranks), "dti_rank", 2022)
    assert set(got["basis"]) == {"computed"}
    assert dict(zip(got["entity"], got["value"], strict=True)) == printed
    assert (got["value"] == got["published"]).all()
    assert pv.panel.competition_ranks is dti.competition_ranks  # one implementation of the rule


def test_ranks_from_a_partial_table_are_the_printed_ones():
    printed = _printed_2022()
    held = [("dti", c, 2022, 1 - r / 100) for c, r in list(printed.items())[:5]]
    got = pv.ranks(_table(held + [("dti_rank", c, 2022, r) for c, r in printed.items()]), "dti_rank", 2022)
    assert set(got["basis"]) == {"published"} and len(got) == 63
    assert dict(zip(got["entity"], got["value"], strict=True)) == printed


def test_the_rank_among_the_34_is_among_the_34():
    assert pv.panel.ranked_population("dti_rank_merged", 2024) == pv.after()
    assert pv.panel.ranked_population("dti_rank", 2024) == pv.before()
    assert pv.panel.ranked_population("dti_rank", 2025) == pv.after()


# --- moves --------------------------------------------------------------------------------------------


def test_moves_are_never_compared_across_the_method_change():
    df = _table(
        [("dti_rank", "VN-HN", 2020, 43), ("dti_rank", "VN-HN", 2021, 30), ("dti_rank", "VN-HN", 2022, 24),
         ("dti_rank", "VN-HN", 2023, 6), ("dti_rank", "VN-13", 2022, 3), ("dti_rank", "VN-13", 2023, 5),
         ("dti_rank", "VN-26", 2021, 2), ("dti_rank", "VN-26", 2023, 3)]
    )  # fmt: skip
    found = {(m.entity, m.y0): m for m in pv.moves(df)}
    assert found[("VN-HN", 2020)].places is None and found[("VN-HN", 2020)].reason == "break"
    assert found[("VN-HN", 2021)].places == 6 and found[("VN-HN", 2022)].places == 18
    assert found[("VN-13", 2022)].places == -2
    assert ("VN-26", 2021) not in found  # no rank in 2022: no move is made up across the gap
    assert pv.mover_years(list(found.values())) == (2022, 2023)
    st = found[("VN-HN", 2021)].statement  # helpers.compare.state's answer, recorded when said
    assert (st.kind, st.measure, st.figures) == (
        "change",
        "places",
        ("t:dti_rank:VN-HN:2021", "t:dti_rank:VN-HN:2022"),
    )
    assert found[("VN-HN", 2020)].statement.reason.code == "break"


def test_a_new_provinces_rank_title_names_the_latest_year_its_predecessors_ranked(lang="en"):
    """Two years hold both predecessors' ranks (2020, before the method change, and 2022): the finding
    names the later."""
    olds = [c for c in pv.predecessors("VN-N31") if c != "VN-N31"]
    assert len(olds) == 2
    rows = [("dti_rank", olds[0], 2020, 14), ("dti_rank", olds[1], 2020, 21),
            ("dti_rank", olds[0], 2022, 13), ("dti_rank", olds[1], 2022, 14)]  # fmt: skip
    df = _table(rows)
    title = province.rank_title(
        df, "VN-N31", lang, pv.rank_table(df, "dti_rank"), pv.rank_table(df, "dti_rank_merged")
    )
    assert "DTI 2022" in title and "13th" in title and "14th" in title, title
    assert "the 2 provinces that formed" in title, title  # not "2 of its 2"


# --- derived values -----------------------------------------------------------------------------------


def test_a_mean_of_predecessors_only_where_every_one_has_a_value_and_labelled_derived():
    olds = pv.predecessors("VN-N37")  # Hà Nam, Nam Định, Ninh Bình
    assert len(olds) == 3
    df = _table(
        [("dti", c, 2022, v) for c, v in zip(olds, (0.5, 0.6, 0.7), strict=True)]
        + [("dti", olds[0], 2021, 0.4)]
    )
    got = pv.predecessor_mean(df, "VN-N37", "dti")
    assert list(got["year"]) == [2022] and got["value"].iloc[0] == pytest.approx(0.6)
    assert got["derived"].all() and set(got["origin"]) == {pv.DERIVED}
    assert got["id"].iloc[0].startswith("derived:") and got["from_ids"].iloc[0].count("t:dti:") == 3
    assert pv.predecessor_mean(df, "VN-HN", "dti").empty  # a province that did not change


def test_derived_values_are_never_stored():
    ids = load_figures()["id"]
    assert not ids.str.startswith("derived:").any()
    for path in DEFAULT_DATA_DIR.rglob("*.csv"):
        assert "derived:mean" not in path.read_text(encoding="utf-8"), path


def test_the_derived_mean_is_labelled_derived_on_its_chart():
    olds = pv.predecessors("VN-N37")
    df = _table([("dti", c, 2022, v) for c, v in zip(olds, (0.5, 0.6, 0.7), strict=True)])
    df = df.assign(quote="", file="", line=0)
    chart = charts.province_dti_chart(df, "VN-N37", "en")
    derived = chart.data[chart.data["origin"] == pv.DERIVED]
    assert len(derived) == 1 and derived["series"].iloc[0].startswith("derived")
    assert any(t.get_text().startswith("derived") for t in chart.fig.axes[0].texts)
    plt.close(chart.fig)


# --- the charts' rules --------------------------------------------------------------------------------


def test_a_province_line_is_not_drawn_across_the_break_or_a_missing_year():
    df = _table([("dti", "VN-HN", y, v) for y, v in ((2020, 0.3), (2021, 0.4), (2022, 0.5), (2024, 0.8))])
    chart = charts.province_dti_chart(df.assign(quote="", file="", line=0), "VN-HN", "en")
    drawn = [
        list(line.get_xdata())
        for line in chart.fig.axes[0].lines
        if len(line.get_xdata()) and line.get_color() != "white"
    ]
    assert [2020] in drawn and [2021, 2022] in drawn and [2024] in drawn
    assert not any(2020 in x and 2021 in x for x in drawn) and not any(2022 in x and 2024 in x for x in drawn)
    plt.close(chart.fig)


def test_the_heatmap_is_seaborns(monkeypatch):
    import seaborn as sns

    calls = []
    real = sns.heatmap
    monkeypatch.setattr(sns, "heatmap", lambda *a, **k: calls.append(k) or real(*a, **k))
    printed = _printed_2022()
    chart = charts.rank_heatmap(_table([("dti_rank", c, 2022, r) for c, r in printed.items()]), "en")
    assert len(calls) == 1 and calls[0]["cmap"] is charts.provincial.RANKS
    assert len(chart.data) == 63
    plt.close(chart.fig)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_tile_name_and_rank_stays_inside_its_tile(lang):
    printed = _printed_2022()
    df = _table(
        [("dti_rank", c, 2022, r) for c, r in printed.items()] + [("dti_rank_merged", "VN-26", 2024, 2)]
    )
    chart = charts.tile_map(df, lang)
    fig = chart.fig
    renderer = fig.canvas.get_renderer()
    outside = []
    for ax in fig.axes:
        for t in ax.texts:
            gid = str(t.get_gid())
            if not gid.startswith("tile-"):
                continue
            code = gid.split()[1]
            r, c = tilemap.layout("before" if ax is fig.axes[0] else "after")[code]
            (x0, y1), (x1, y0) = ax.transData.transform([(c, r), (c + 1, r + 1)])
            box = t.get_window_extent(renderer)
            if not (x0 < box.x0 and box.x1 < x1 and y0 < box.y0 and box.y1 < y1):
                outside.append(f"{gid} {t.get_text()!r}")
    assert not outside, outside
    n = sum(str(t.get_gid()).startswith("tile-name") for ax in fig.axes for t in ax.texts)
    assert n == 63 + 34
    plt.close(fig)


def test_the_province_charts_read_places_from_the_validated_data():
    assert set(pv.before()) | set(pv.after()) == set(validate().provinces)
    assert sum(validate().provinces.values()) == 34


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_province_charts_data_make_the_table_beneath_them(lang):
    """The folded "data behind this chart" of the movers and of a new province's chart: one row a
    figure with its year and source; a value the project derived says it was computed, not sourced."""
    from helpers.present.datatable import chart_data
    from helpers.present.locale import t

    df = load_figures()
    moved = charts.movers_chart(df, pv.moves(df), lang)
    table = chart_data(moved.data, lang).df
    assert len(table) == len(moved.data) > 0 and (moved.data.groupby("entity").size() == 2).all()
    assert t("chart_data_computed", lang) not in set(table[t("source", lang)])
    olds = pv.predecessors("VN-N37")
    toy = _table([("dti", c, 2022, v) for c, v in zip(olds, (0.5, 0.6, 0.7), strict=True)])
    new = charts.province_dti_chart(toy.assign(quote="", file="", line=0), "VN-N37", lang)
    sources = list(chart_data(new.data, lang).df[t("source", lang)])
    assert sources.count(t("chart_data_computed", lang)) == 1  # the derived mean, and only it
    plt.close("all")


def test_a_value_published_for_a_merged_provinces_territory_says_so_on_its_chart():
    """DTI 2024 of the new Hải Phòng was published for the 34 (territory successor): its line's label
    and its row of the chart's data say so."""
    from helpers.present.locale import territory_label

    chart = charts.province_dti_chart(load_figures(), "VN-N31", "vi")
    said = territory_label("successor", "vi")
    assert any(said in t.get_text() for t in chart.fig.axes[0].texts)
    assert (chart.data.loc[chart.data["entity"] == "VN-N31", "territory"] == "successor").all()
    plt.close("all")
