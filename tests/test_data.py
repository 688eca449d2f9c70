import csv

import pytest

from helpers.data import ASEAN, latest, load_figures, series
from helpers.data import load as data
from helpers.paths import DEFAULT_DATA_DIR
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


def test_every_figure_has_one_id_curated_typed_and_un_generated(df):
    assert df["id"].is_unique and (df["id"] != "").all()
    curated = df[df["origin"] == "curated"]
    national = curated["entity"].str.fullmatch(r"[A-Z]{3}")
    assert curated[national]["id"].str.fullmatch(r"f[0-9]{4}").all()  # national rows: f + 4 digits
    assert curated[~national]["id"].str.fullmatch(r"p[0-9]{5}").all()  # provincial rows: p + 5 digits
    with (DEFAULT_DATA_DIR / "figures.csv").open(encoding="utf-8", newline="") as fh:
        typed = {r["id"]: (r["indicator"], r["year"], r["source_id"]) for r in csv.DictReader(fh)}
    loaded = {
        i: (ind, str(y), s) for i, ind, y, s in curated[["id", "indicator", "year", "source_id"]].values
    }
    assert loaded == typed  # each id stays with the row it was typed on
    un = df[df["origin"].str.startswith("un")]
    assert (un["id"] == [data.un_id(i, e, y) for i, e, y in un[["indicator", "entity", "year"]].values]).all()
    dti = df[df["origin"].str.startswith("dti")]  # figures of the DTI tables: their own namespace
    assert (
        dti["id"] == [f"dti:{i}:{e}:{y}" for i, e, y in dti[["indicator", "entity", "year"]].values]
    ).all()
    assert set(df["origin"]) == {"curated", "un", "un_computed", "dti"}
    assert "un:egdi_rank:VNM:2024" in set(un["id"])
    assert load_figures(["egdi_rank"]).set_index("id").loc["un:egdi_rank:VNM:2024", "value"] == 71


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
    assert rows.loc[rows["selected"], "source_id"].item() == "web-baomoi-mic-2025-02-06"


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
    lines = log.read_text().splitlines()
    # the version of the data loaded is noted too, to stamp the page with it (issue 23)
    assert [ln for ln in lines if not ln.startswith("@data_version ")] == [
        "egdi_rank",
        "ndxp_transactions",
        "*",
    ]
    assert any(ln.startswith("@data_version ") for ln in lines), lines
    load_figures(["egdi_rank"])  # no longer recording
    assert log.read_text().splitlines() == lines


def test_latest_and_cite(df):
    assert latest(df, "ndxp_transactions")["value"] == 1_013_000_000
    line = cite(["un-egdi-2022", "un-egdi-2024", "baria-vungtau-2025-02-06"])
    assert line.startswith(
        "Sources: UN E-Government Survey 2022, 2024 (UN DESA); Bà Rịa - Vũng Tàu provincial portal"
    )
    assert cite(["un-egdi-2024"], lang="vi").startswith("Nguồn: Khảo sát Chính phủ điện tử LHQ 2024")


# --- the model: periods, releases, selection, targets, computed UN values ------------------


def test_periods_never_mix_in_a_series(df):
    """Every indicator's rows have one of its declared periods; the monthly rate is its own series."""
    from helpers.data import indicators

    allowed = indicators()["period"]
    assert all(p in allowed[i] for i, p in zip(df["indicator"], df["period"], strict=True))
    yearly = df[df["indicator"] == "online_dossier_full_share"]
    assert set(yearly["period"]) == {"year"}
    monthly = df[df["indicator"] == "online_dossier_full_share_monthly"]
    assert set(monthly["period"]) == {"month"} and (monthly["year"] == 2025).all()


def test_partial_periods_are_marked_incomplete(df):
    sept = df[(df["indicator"] == "ndxp_transactions_month") & (df["date"] == "2022-09-26")].iloc[0]
    assert (sept["period_start"], sept["period_end"], sept["complete"]) == ("2022-09-01", "2022-09-26", False)
    june = df[(df["indicator"] == "online_dossier_full_share_monthly") & (df["date"] == "2025-06-30")].iloc[0]
    assert june["complete"]


def test_latest_release_wins_and_older_ones_stay_visible(df):
    rows = df[(df["indicator"] == "digital_economy_va_share_gdp") & (df["year"] == 2022)]
    assert sorted(rows["vintage"]) == ["2023-09-12", "2023-12-04", "2023-12-29", "2025-01-06"]
    chosen = rows[rows["selected"]].iloc[0]
    assert (chosen["value"], chosen["selection_reason"]) == (12.83, "latest release (2025-01-06)")
    assert rows["superseded"].sum() == 3


def test_mic_said_14_26_before_14_18(df):
    rows = df[(df["indicator"] == "digital_economy_share_gdp") & (df["year"] == 2022)]
    assert set(rows["value"]) == {14.18, 14.26}
    assert rows[rows["selected"]]["value"].item() == 14.26
    vov = rows[rows["source_id"] == "web-vov-mic-2022-12"].iloc[0]
    assert vov["vintage"] == "2022-12-18"  # a week before the 14.18% of 25/12/2022


def test_the_producing_authority_wins_over_a_republisher(df):
    rows = df[(df["indicator"] == "egdi_rank") & (df["entity"] == "VNM") & (df["year"] == 2024)]
    assert rows[rows["selected"]]["selection_reason"].item() == "more official source kind"


def test_dates_say_whether_they_were_read_or_inferred(df):
    curated = df[df["origin"] == "curated"]
    assert set(curated.loc[curated["date"] != "", "date_basis"]) == {"stated", "inferred"}
    assert (curated.loc[curated["date"] == "", "date_basis"] == "").all()
    assert set(curated["status"]) <= {"final", "estimate", "provisional", "forecast"}


def test_sub_index_ranks_and_asean_position_are_computed_for_every_survey(df):
    un = df[df["origin"] == "un_computed"]
    years = {2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024}
    for ind in ("osi_rank", "hci_rank", "tii_rank", "epi_rank", "egdi_asean_position"):
        mine = un[(un["indicator"] == ind) & (un["entity"] == "VNM")]
        assert set(mine["year"]) == years, ind
        assert mine["derived"].all() and (mine["note"] != "").all()
    pos = un[(un["indicator"] == "egdi_asean_position") & (un["entity"] == "VNM")].set_index("year")["value"]
    assert pos[2022] == 6 and pos[2024] == 5
    for year in years:  # positions 1..11 among the peers
        peers = un[(un["indicator"] == "egdi_asean_position") & (un["year"] == year)]
        assert set(peers["entity"]) == set(ASEAN) and sorted(peers["value"]) == list(range(1, 12))


def test_the_normalised_un_table_is_current():
    """data/un_egdi.csv is generated from the raw tables (python -m helpers.data --write-un)."""
    from helpers.data import un, validate
    from helpers.paths import DEFAULT_DATA_DIR

    ds = validate()
    assert (DEFAULT_DATA_DIR / un.NORMALISED).read_text(encoding="utf-8") == un.normalised_text(ds.un)


def test_targets_sit_beside_the_latest_actual():
    from helpers.data import targets

    t = targets().set_index("id")
    assert len(t) >= 15
    assert set(t["direction"]) <= {"at_least", "at_most", "exactly"}
    egdi = t.loc["dx749-egdi-top70-2025"]  # no UN survey since 2025: the latest rank beside it
    assert (egdi["actual_value"], egdi["actual_year"], egdi["verdict"]) == (71, 2024, "not yet judged")
    assert egdi["met"] is None and egdi["judged_by"] == "un:egdi_rank:VNM:2024"
    fibre = t.loc["dx749-fibre-80-2025"]  # 82.4% in 2024 is not the 2025 figure
    assert fibre["actual_value"] == 82.4 and fibre["verdict"] == "not yet judged"
    cards = t.loc["mps-cccd-50m-2021-07"]  # no count of cards issued in July 2021
    assert cards["verdict"] == "not yet judged" and cards["actual_year"] == 2025  # 87 m, end of April 2025
