"""The data behind a chart as a table on the page (helpers.present.datatable): the rows of the
chart's CSV, with dates, values as the data holds them and sources, in the page's language."""

from __future__ import annotations

from helpers.data import load_figures
from helpers.present import charts
from helpers.present.datatable import NOTES_FROM as NOTES
from helpers.present.datatable import chart_data


def test_the_table_has_the_rows_of_the_chart_s_csv_in_the_page_s_language(tmp_path):
    df = load_figures(["digital_economy_share_gdp"])
    chart = charts.series_chart(df, "digital_economy_share_gdp", "vi")
    chart.save(tmp_path)
    csv_rows = (tmp_path / f"{chart.name}.csv").read_text(encoding="utf-8").strip().splitlines()[1:]
    table = chart_data(chart.data, "vi")
    assert len(table) == len(csv_rows) == len(chart.data)
    assert list(table.columns) == ["Ngày", "Giá trị", "Dùng trong biểu đồ", "Nguồn"]
    assert "11,91%" in list(table["Giá trị"])  # every decimal the figure has, the Vietnamese way
    assert list(table["Dùng trong biểu đồ"]).count("✓") == int(chart.data["selected"].sum())


def test_a_chart_of_several_countries_names_them():
    df = load_figures(["egdi_rank"])
    chart = charts.peer_rank_chart(df, ["VNM", "THA", "SGP"], "en")
    table = chart_data(chart.data, "en")
    assert len(table) == len(chart.data)
    assert "Country or province" in table.columns and "Thailand" in set(table["Country or province"])


def test_a_long_table_names_each_source_once_in_numbered_notes():
    """63 provinces' ranks from one ministry: its name once beneath the table, not in 63 cells; each
    cell holds the number of its note, and the page renders the notes beneath the table."""
    import pandas as pd

    from helpers.data import validate
    from helpers.present.locale import meta, source_name
    from helpers.present.markup import render

    codes = sorted(validate().provinces)[: NOTES + 1]
    ids = list(validate().sources)[:2]
    data = pd.DataFrame(
        {
            "indicator": "dti_rank",
            "entity": codes,
            "year": 2022,
            "value": range(1, len(codes) + 1),
            "source_id": [ids[0]] * (len(codes) - 1) + [ids[1]],
        }  # fmt: skip
    )
    table = chart_data(data, "vi")
    assert list(table["Nguồn"]) == ["[1]"] * (len(codes) - 1) + ["[2]"]
    assert table.notes == [("[1]", source_name(ids[0], "vi"), True), ("[2]", source_name(ids[1], "vi"), True)]
    html = str(render("table.html.j2", **table.template()))
    assert html.count(source_name(ids[0], "vi")) == 1 and 'class="table-notes"' in html
    short = chart_data(data.head(NOTES), "vi")  # a short table keeps the names in its cells
    assert not short.notes and source_name(ids[0], "vi") in set(short["Nguồn"])
    two = data.assign(indicator=["dti_rank"] * NOTES + ["dti_rank_merged"])  # two indicators: marked too
    table = chart_data(two, "en")
    assert list(table["Indicator"]) == ["(a)"] * NOTES + ["(b)"]
    assert [n[:2] for n in table.notes[:2]] == [("(a)", meta("dti_rank", "en")["name"]),
                                               ("(b)", meta("dti_rank_merged", "en")["name"])]  # fmt: skip
