"""The data behind a chart as a table on the page (helpers.present.datatable): the rows of the
chart's CSV, with dates, values as the data holds them and sources, in the page's language."""

from __future__ import annotations

from helpers.data import load_figures
from helpers.present import charts
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
