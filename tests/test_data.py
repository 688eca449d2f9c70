import csv

import pytest

from helpers.data import ASEAN, latest, load_figures, series
from helpers.data import load as data
from helpers.present.locale import cite


@pytest.fixture(scope="module")
def df():
    return load_figures()


def test_tidy_table_has_the_documented_columns(df):
    assert list(df.columns) == data.COLUMNS
    assert df["year"].dtype == "int64"
    assert df["selected"].dtype == bool


def test_one_selected_value_per_point(df):
    chosen = df[df["selected"]]
    assert not chosen.duplicated(["indicator", "entity", "year", "date"]).any()
    points = df.drop_duplicates(["indicator", "entity", "year", "date"])
    assert len(chosen) == len(points)


def test_un_tables_are_normalised_for_every_survey_year(df):
    ranks = series(df, "egdi_rank")
    assert dict(zip(ranks["year"], ranks["value"], strict=True)) == {
        2010: 90,
        2012: 83,
        2014: 99,
        2016: 89,
        2018: 88,
        2020: 86,
        2022: 86,
        2024: 71,
    }
    assert set(ranks["source_id"]) == {
        f"un-egdi-{y}" for y in (2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
    }
    value_2010 = series(df, "egdi_value").set_index("year").loc[2010, "value"]
    assert value_2010 == pytest.approx(0.44544)  # float noise 0.44543999999999995 removed


def test_all_eleven_south_east_asian_countries_in_every_un_year(df):
    un = df[(df["origin"] == "un") & (df["indicator"] == "egdi_rank")]
    for year, g in un.groupby("year"):
        assert set(ASEAN) <= set(g["entity"]), year


def test_2022_and_2024_names_are_mapped_to_iso_codes(df):
    un = df[(df["origin"] == "un") & df["year"].isin([2022, 2024])]
    assert {"TUR", "MKD", "VNM"} <= set(un["entity"])


def test_un_rows_keep_their_raw_line_as_quote(df):
    row = df[
        (df["origin"] == "un")
        & (df["entity"] == "VNM")
        & (df["indicator"] == "egdi_rank")
        & (df["year"] == 2024)
    ]
    assert row["quote"].iloc[0].startswith("2024,Viet Nam ,71,")
    assert row["file"].iloc[0] == "raw/un-egdi/EGOV_DATA_2024.csv"


def test_official_table_wins_over_press_for_the_same_point(df):
    rows = df[(df["indicator"] == "egdi_rank") & (df["entity"] == "VNM") & (df["year"] == 2024)]
    assert len(rows) == 2
    assert rows.loc[rows["selected"], "source_id"].item() == "un-egdi-2024"


def test_preferred_overrides_the_rule(data_copy):
    path = data_copy / "figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["indicator"] == "egdi_rank" and r["year"] == "2024":
            r["preferred"] = "true"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    df = load_figures(["egdi_rank"], data_dir=data_copy)
    rows = df[(df["entity"] == "VNM") & (df["year"] == 2024)]
    assert rows.loc[rows["selected"], "source_id"].item() == "baria-vungtau-2025-02-06"


def test_qualifier_is_read_from_the_quote(df):
    row = df[(df["indicator"] == "cccd_cards_issued") & (df["year"] == 2023)].iloc[0]
    assert row["qualifier"] == "over"


def test_every_curated_value_is_stated_in_its_quote(df):
    from helpers.data.numbers import is_stated

    curated = df[df["origin"] == "curated"]
    missing = [
        (r.line, r.value) for r in curated.itertuples() if not r.derived and not is_stated(r.value, r.quote)
    ]
    assert missing == []
    derived = curated[curated["derived"]]
    assert (derived["note"].str.len() > 0).all()


def test_load_figures_filters_and_rejects_unknown_ids():
    df = load_figures(["ndxp_transactions"])
    assert set(df["indicator"]) == {"ndxp_transactions"}
    with pytest.raises(KeyError, match="valid ids"):
        load_figures(["no_such_indicator"])


def test_reads_are_logged_for_the_runner(tmp_path):
    log = tmp_path / "reads.txt"
    data.record_reads(log)  # what the runner's engine calls in a report's kernel
    try:
        load_figures(["ndxp_transactions", "egdi_rank"])
        load_figures()
    finally:
        data.record_reads(None)
    assert log.read_text().splitlines() == ["egdi_rank", "ndxp_transactions", "*"]
    load_figures(["egdi_rank"])  # no longer recording
    assert log.read_text().splitlines() == ["egdi_rank", "ndxp_transactions", "*"]


def test_latest_and_cite(df):
    assert latest(df, "ndxp_transactions")["value"] == 1_013_000_000
    line = cite(["un-egdi-2022", "un-egdi-2024", "baria-vungtau-2025-02-06"])
    assert line.startswith(
        "Sources: UN E-Government Survey 2022, 2024 (UN DESA); Bà Rịa - Vũng Tàu provincial portal"
    )
    assert cite(["un-egdi-2024"], lang="vi").startswith("Nguồn: Khảo sát Chính phủ điện tử LHQ 2024")
