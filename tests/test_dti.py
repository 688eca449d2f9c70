"""helpers.data.dti: the raw DTI tables become figures keyed by place code; every line counts, a name
with no place stops with its file, line and value, and the printed ranks agree with the values."""

import csv
import shutil

import pytest

from helpers.data import dti
from helpers.data.csvio import Problem
from helpers.data.validate.places import check as check_places
from helpers.paths import DEFAULT_DATA_DIR


def _places(base):
    return check_places(base, [], {})  # the places as validated (sources are not checked here)


def _load(base):
    problems: list[Problem] = []
    return dti.load_dti(base, problems, _places(base)), problems


@pytest.fixture
def folder(tmp_path):
    """A data folder holding only what the normaliser reads: the places and raw/dti/."""
    for name in ("places.csv", "place_crosswalk.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, tmp_path / name)
    shutil.copytree(DEFAULT_DATA_DIR / "raw" / "dti", tmp_path / "raw" / "dti")
    return tmp_path


def _edit(path, line, column, value):
    """Set one cell (line counted like the problems: the header is line 1)."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_every_line_of_every_raw_table_becomes_figures():
    data, problems = _load(DEFAULT_DATA_DIR)
    assert problems == []
    raw = DEFAULT_DATA_DIR / "raw" / "dti"
    with (raw / "manifest.csv").open(encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh))
    with (raw / "columns.csv").open(encoding="utf-8") as fh:
        columns = list(csv.DictReader(fh))
    for m in manifest:
        label = f"raw/dti/{m['file']}"
        lines = {f.line for f in data.figures if f.file == label}
        assert lines == set(range(2, int(m["rows_stored"]) + 2)), m["file"]
        for line in lines:  # each line's values, read from the file it names
            values = [f.indicator for f in data.figures if f.file == label and f.line == line]
            wanted = [c["indicator"] for c in columns if c["file"] == m["file"]]
            assert set(values) <= set(wanted) and len(values) >= 1
    # 63 provinces ranked in 2022; the five detailed lines give 8 main indices and the PDTI each.
    by = lambda ind: [f for f in data.figures if f.indicator == ind and f.year == 2022]  # noqa: E731
    assert len(by("dti_rank")) == 63 and len({f.entity for f in by("dti_rank")}) == 63
    assert len(by("dti")) == 5 and len(by("dti_cybersecurity")) == 5
    assert len(data.figures) == 63 + 5 * 9


def test_names_as_printed_map_to_the_places_of_that_year():
    data, _ = _load(DEFAULT_DATA_DIR)
    codes = {f.entity: f.value for f in data.figures if f.indicator == "dti_rank" and f.year == 2022}
    # "TP. Đà Nẵng", "Thừa Thiên - Huế", "TP. Hồ Chí Minh", "Hòa Bình" as the ministry prints them
    assert codes["VN-DN"] == 1 and codes["VN-26"] == 4 and codes["VN-SG"] == 2 and codes["VN-14"] == 42
    assert codes["VN-21"] == codes["VN-06"] == 15  # Thanh Hóa and Yên Bái share 15th
    pdti = {f.entity: f.value for f in data.figures if f.indicator == "dti"}
    assert pdti == {"VN-DN": 0.8002, "VN-SG": 0.7163, "VN-13": 0.7024, "VN-26": 0.6975, "VN-CT": 0.6924}
    f = next(f for f in data.figures if f.id == "dti:dti:VN-DN:2022")
    assert f.quote == "1,TP. Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197,0.8002"
    assert f.source_id == "dti-gov-vn-xep-hang-2022" and f.file == "raw/dti/dti-2022-detail.csv"


def test_a_place_is_found_only_in_the_years_it_existed(folder):
    places = _places(folder)
    codes = lambda name, year: dti.place_codes(places, name, year)  # noqa: E731
    assert codes("TP. Đà Nẵng", 2022) == ["VN-DN"]  # on 31/12 of the year
    assert codes("Đà Nẵng", 2026) == codes("Đà Nẵng", 2025) == ["VN-N48"]
    assert codes("Hà Nội", 2026) == codes("TP. Hà Nội", 2021) == ["VN-HN"]  # unchanged
    assert codes("Hòa Bình", 2024) == ["VN-14"] and codes("Hà Giang", 2026) == []


def test_a_changed_name_with_no_place_names_file_line_and_value(folder):
    _edit(
        folder / "raw" / "dti" / "dti-2022-ranking.csv", 8, "Các tỉnh, thành phố trực thuộc TW", "Thái Nguyen"
    )
    data, problems = _load(folder)
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line, p.column, p.value) == (
        "raw/dti/dti-2022-ranking.csv",
        8,
        "Các tỉnh, thành phố trực thuộc TW",
        "Thái Nguyen",
    )
    assert "places.csv" in p.expected and "2022" in p.expected
    assert "raw/dti/dti-2022-ranking.csv:8:" in str(p) and "Thái Nguyen" in str(p)


def test_a_name_two_places_bore_that_year_is_a_problem(folder):
    path = folder / "places.csv"
    text = path.read_text(encoding="utf-8").replace(
        ",Hoa Binh,province,,2025-06-30,,", ",Hoa Binh,province,,2025-06-30,Yên Bái,"
    )
    path.write_text(text, encoding="utf-8")
    _, problems = _load(folder)
    yb = [p for p in problems if p.value == "Yên Bái" and p.file.endswith("ranking.csv")]
    assert yb and "found 2 provinces (VN-06, VN-14)" in yb[0].expected


def test_a_bad_cell_names_its_column_and_what_was_expected(folder):
    _edit(folder / "raw" / "dti" / "dti-2022-detail.csv", 3, "Chỉ số Hạ tầng số", "0,8258")
    _edit(folder / "raw" / "dti" / "dti-2022-detail.csv", 4, "Chỉ số Nhân lực số", "1.25")
    _edit(folder / "raw" / "dti" / "dti-2022-ranking.csv", 5, "Xếp hạng DTI", "64")
    _, problems = _load(folder)
    got = {(p.line, p.column, p.value) for p in problems}
    assert got == {
        (3, "Chỉ số Hạ tầng số", "0,8258"),
        (4, "Chỉ số Nhân lực số", "1.25"),
        (5, "Xếp hạng DTI", "64"),
    }
    assert any("full stop" in p.expected for p in problems)


def test_the_two_tables_must_agree_on_a_rank(folder):
    _edit(folder / "raw" / "dti" / "dti-2022-detail.csv", 4, "Xếp hạng DTI", "5")
    _, problems = _load(folder)
    assert [(p.file, p.line, p.value) for p in problems] == [("raw/dti/dti-2022-detail.csv", 4, "5")]
    assert "raw/dti/dti-2022-ranking.csv line 4" in problems[0].expected


def test_a_file_shorter_than_its_manifest_says_is_a_problem(folder):
    path = folder / "raw" / "dti" / "dti-2022-detail.csv"
    path.write_text(
        "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8"
    )
    _, problems = _load(folder)
    assert [(p.file, p.value) for p in problems] == [("raw/dti/dti-2022-detail.csv", "4")]


def test_recomputed_ranks_equal_the_published_ranks():
    data, _ = _load(DEFAULT_DATA_DIR)
    assert dti.rank_differences(data) == []


def test_a_value_that_contradicts_its_printed_rank_is_listed(folder):
    _edit(folder / "raw" / "dti" / "dti-2022-detail.csv", 6, "CHUYỂN ĐỔI SỐ CẤP TỈNH (PDTI)", "0.7100")
    data, problems = _load(folder)
    assert problems == []
    assert dti.rank_differences(data) == [
        "2022 VN-13: printed rank 3, computed 4",
        "2022 VN-26: printed rank 4, computed 5",
        "2022 VN-CT: printed rank 5, computed 3",
    ]


def test_competition_ranks_share_a_tie_and_skip_the_next():
    assert dti.competition_ranks([0.9, 0.8, 0.8, 0.7]) == [1, 2, 2, 4]
    assert dti.competition_ranks([]) == []


def test_no_provincial_mean_is_computed_from_an_incomplete_table(folder):
    data, _ = _load(DEFAULT_DATA_DIR)
    assert dti.provincial_mean(data, 2022) is None  # 5 of 63 lines held
    complete = dti.DTIData([f for f in data.figures if f.indicator == "dti"], {("detail", 2022): 5}, {})
    assert dti.provincial_mean(complete, 2022) == pytest.approx(
        (0.8002 + 0.7163 + 0.7024 + 0.6975 + 0.6924) / 5
    )


def test_the_normalised_dti_table_is_current():
    """data/dti.csv is generated from the raw tables (python -m helpers.data --write-dti)."""
    data, _ = _load(DEFAULT_DATA_DIR)
    assert (DEFAULT_DATA_DIR / dti.NORMALISED).read_text(encoding="utf-8") == dti.normalised_text(data)
    assert dti.dti_id("dti_rank", "VN-DN", 2022) == "dti:dti_rank:VN-DN:2022"


def test_every_stated_provincial_mean_is_recomputed_where_the_table_is_complete():
    """The means the ministry states (figures.csv, dti_provincial_mean) against the mean of the
    provincial table held: equal within the stated rounding where the table is complete; no year's
    table is complete yet, so each stated mean is listed as not recomputable."""
    from helpers.data import validate

    ds = validate()
    stated = {(f["year"], f["value"]) for f in ds.figures if f["indicator"] == "dti_provincial_mean"}
    assert {y for y, _ in stated} >= {2020, 2021, 2023, 2024}
    not_recomputable = []
    for year, value in sorted(stated):
        mean = dti.provincial_mean(ds.dti, year)
        if mean is None:
            not_recomputable.append(year)
        else:
            assert mean == pytest.approx(value, abs=0.00005), year
    assert not_recomputable == [2020, 2021, 2023, 2024]
