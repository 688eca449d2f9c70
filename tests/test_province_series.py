"""The provincial series beside the DTI: PAR Index, SIPAS, PAPI and the Vietnam ICT Index.

No full provincial table of them was retrievable, so the data holds the provinces the sources name;
where two sources disagree both rows stay and the selection picks one, visibly."""

from helpers import data


def test_both_values_of_a_disputed_point_are_kept_and_the_official_one_is_selected():
    df = data.load_figures(["par_index"], entities=["VN-HP"])
    rows = df[df["year"] == 2023]
    assert sorted(rows["value"]) == [91.81, 91.87]
    chosen = rows[rows["selected"]]
    assert list(chosen["value"]) == [91.87]
    assert list(chosen["source_id"]) == ["vgp-en-2024-04-17-par-2023"]


def test_provincial_rows_name_provinces_and_national_rows_the_country():
    places = data.places()
    df = data.load_figures(
        [
            "par_index",
            "par_index_rank",
            "sipas",
            "sipas_rank",
            "ict_index",
            "par_index_provincial_mean",
            "sipas_mean",
        ]
    )
    provincial = df[df["indicator"].isin(["par_index", "par_index_rank", "sipas", "sipas_rank", "ict_index"])]
    assert set(places.loc[provincial["entity"].unique(), "level"]) == {"province"}
    assert set(df[df["indicator"].isin(["par_index_provincial_mean", "sipas_mean"])]["entity"]) == {"VNM"}
    assert set(provincial["id"].str[:2]) == {"p5"} and provincial["id"].is_unique
