"""A producer's value for the territory of a province formed after the figure's period.

DTI 2024 was published for the 34 provinces of 1 July 2025 (each the mean of its predecessors' main
indices): the new Hải Phòng (VN-N31) has a 2024 value although it began on 1 July 2025. Such a row is
declared (``territory`` ``successor``), never inferred: validation accepts it only for a province
formed from others, only for a period before it was formed, and only with the producer's method in
the note; anything else keeps the lifetime problem. The fast path says what the full checks say, and
the DTI normaliser marks the values of a table published for the 34 the same way."""

from __future__ import annotations

import csv
import importlib
import itertools
import shutil
from pathlib import Path

import pytest

from helpers.data import dti
from helpers.data.csvio import Problem
from helpers.data.tidy import tidy
from helpers.data.un import load_un
from helpers.data.validate import indicators, sources, validate
from helpers.data.validate import places as place_rules
from helpers.paths import DEFAULT_DATA_DIR
from validate_support import assert_reported, duplicate_row, problems_of, read_rows

FIGURES = importlib.import_module("helpers.data.validate.figures")
V = importlib.import_module("helpers.data.validate")
FIG = "figures.csv"
METHOD = "DTI 2024 for the 34 provinces: the mean of the predecessors' main indices (the ministry's method)."
# A provincial row of the old Hải Phòng (VN-HP, to 2025-06-30), copied as the new one's (VN-N31).
HP_2020 = {"indicator": "dti_rank", "entity": "VN-HP", "year": "2020"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "data"))


def _successor(data_dir: Path, **changes: str) -> int:
    cells = {"id": "p99990", "entity": "VN-N31", "territory": "successor", "note": METHOD, **changes}
    line, _ = duplicate_row(data_dir / FIG, HP_2020, cells)
    return line


def test_a_successor_value_before_the_merger_is_accepted_and_loaded(data_dir):
    _successor(data_dir)
    assert problems_of(data_dir) == []
    V._validated.clear()
    df = tidy(validate(data_dir))
    row = df[df["id"] == "p99990"].iloc[0]
    assert (row["entity"], row["territory"], row["year"]) == ("VN-N31", "successor", 2020)
    assert set(df.loc[df["id"] != "p99990", "territory"]) <= {"", "successor"}


def test_without_the_marker_the_new_province_before_the_merger_is_reported(data_dir):
    line = _successor(data_dir, territory="")
    hit = assert_reported(problems_of(data_dir), FIG, line, "year", "exists from 2025-07-01")
    assert "VN-61, VN-HP" in hit[0].expected and "territory successor" in hit[0].expected


@pytest.mark.parametrize(
    "changes, column, expected",
    [
        ({"entity": "VN-HN"}, "territory", "VN-HN is not one"),  # unchanged: no predecessor but itself
        ({"entity": "VN-HP"}, "territory", "VN-HP is not one"),  # an old province
        ({"entity": "VNM"}, "territory", "VNM is not one"),
        ({"year": "2025"}, "territory", "successor marks only a figure of a period before"),
        ({"note": ""}, "note", "the producer's method"),
        ({"territory": "merged"}, "territory", "empty (the place as it existed) or successor"),
    ],
)
def test_a_successor_marker_that_does_not_fit_is_reported(data_dir, changes, column, expected):
    line = _successor(data_dir, **changes)
    hit = assert_reported(problems_of(data_dir), FIG, line, column, expected)
    assert hit[0].value == (changes.get(column, "successor") if column != "note" else "")


def test_an_unknown_marker_keeps_the_lifetime_problem(data_dir):
    line = _successor(data_dir, territory="merged")
    assert_reported(problems_of(data_dir), FIG, line, "year", "exists from 2025-07-01")


@pytest.fixture(scope="module")
def tables():
    problems = []
    un = load_un(DEFAULT_DATA_DIR, problems)
    srcs = sources.check(DEFAULT_DATA_DIR, problems)
    tabs = (indicators.check(DEFAULT_DATA_DIR, problems), srcs, un)
    places = place_rules.check(DEFAULT_DATA_DIR, problems, srcs)
    assert problems == []
    return tabs, places


def test_the_fast_path_says_what_the_full_checks_say_of_successors(tmp_path, tables):
    """Entities (merged, unchanged, old, country), years and dates on both sides of the merger,
    markers written well and badly, with and without a method: the same problems and records. Each
    variant is a file of its own (variants in one file would share keys and be duplicates)."""
    tabs, places = tables
    rows = read_rows(DEFAULT_DATA_DIR / FIG)
    header = rows[0]
    at = header.index
    yearly = next(r for r in rows[1:] if r[at("indicator")] == "dti_rank" and r[at("entity")] == "VN-HP")
    dated = next(r for r in rows[1:] if r[at("date")] == "2025-10-14")
    variants = itertools.product(
        ["VN-N31", "VN-N08", "VN-HN", "VN-HP", "VNM"],
        [
            (yearly, {"year": "2024"}),
            (yearly, {"year": "2025"}),
            (dated, {"date": "2025-06-30", "year": "2025"}),
            (dated, {"date": "2025-07-01", "year": "2025"}),
            (dated, {"date": "2024-06-30", "year": "2025"}),
        ],
        ["", "successor", " successor", "Successor", "merged"],
        ["", METHOD],
    )

    def outcome(fast: bool):
        checked, problems = [], []
        with pytest.MonkeyPatch.context() as m:
            full_check = FIGURES.check_row
            m.setattr(
                FIGURES, "check_row", lambda c, row, *a: checked.append(row.line) or full_check(c, row, *a)
            )
            if not fast:
                m.setattr(FIGURES, "fast_path", lambda *args: lambda record, line: False)
            got = FIGURES.check(tmp_path, problems, *tabs, places=places)
        return (sorted(problems), got.records, got.count), not checked

    vouched, reported = [], set()
    for entity, (row, cells), territory, note in variants:
        new = {**cells, "id": "p90000", "entity": entity, "territory": territory, "note": note}
        with (tmp_path / FIG).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(
                [header, [new.get(h, c) for h, c in zip(header, row, strict=True)]]
            )
        (fast, by_fast_path), (full, _) = outcome(True), outcome(False)
        assert fast == full, new
        reported |= {p.column for p in fast[0]}
        if by_fast_path and territory:
            vouched.append((entity, cells.get("date", ""), cells["year"], territory))
    # merged provinces only (VN-N08 and VN-N31), before 1 July 2025 only, with a method only
    assert sorted(vouched) == [
        (code, day, year, "successor")
        for code in ("VN-N08", "VN-N31")
        for day, year in (("", "2024"), ("2025-06-30", "2025"))
    ]
    assert {"territory", "note", "year", "date"} <= reported


# --- the DTI normaliser: a table published for the 34 ---------------------------------------


@pytest.fixture
def folder(tmp_path):
    """The places and raw/dti/, with a small 2024 ranking of the 34 (synthetic ranks) marked successor."""
    for name in ("places.csv", "place_crosswalk.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, tmp_path / name)
    raw = Path(shutil.copytree(DEFAULT_DATA_DIR / "raw" / "dti", tmp_path / "raw" / "dti"))
    (raw / "merged.csv").write_text(
        "Xếp hạng,Tỉnh\n1,Hà Nội\n3,TP. Hải Phòng\n4,TP. Hồ Chí Minh\n", encoding="utf-8"
    )
    with (raw / "manifest.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            ["merged.csv", 2024, "x", "ranking", 34, 3, "successor", ""]
        )
    with (raw / "columns.csv").open("a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerows(
            [["merged.csv", 1, "Xếp hạng", "dti_rank_merged", ""], ["merged.csv", 2, "Tỉnh", "place", ""]]
        )
    return tmp_path


def _load(base):
    problems: list[Problem] = []
    return dti.load_dti(base, problems, place_rules.check(base, [], {})), problems


def test_a_table_for_the_34_marks_the_merged_provinces_values(folder):
    data, problems = _load(folder)
    assert problems == []
    merged = {f.entity: f.territory for f in data.figures if f.indicator == "dti_rank_merged"}
    assert merged == {"VN-HN": "", "VN-N31": "successor", "VN-N79": "successor"}
    assert set(data.held("dti_rank_merged", 2024, "successor")) == {"VN-HN", "VN-N31", "VN-N79"}
    assert "VN-N31" not in data.held("dti_rank_merged", 2024)  # never mixed into the 63
    text = dti.normalised_text(data)
    assert "dti:dti_rank_merged:VN-N31:2024,dti_rank_merged,VN-N31,successor,2024,3," in text


def test_a_province_that_ended_is_no_name_of_a_table_for_the_34(folder):
    path = folder / "raw" / "dti" / "merged.csv"
    path.write_text(path.read_text(encoding="utf-8") + "5,Hải Dương\n", encoding="utf-8")
    _, problems = _load(folder)
    hit = [p for p in problems if p.value == "Hải Dương"]
    assert hit and "of 2025-07-01 (the table's territory)" in hit[0].expected


def test_a_table_marked_otherwise_is_a_manifest_problem(folder):
    rows = read_rows(folder / "raw" / "dti" / "manifest.csv")
    rows[-1][rows[0].index("territory")] = "merged"
    with (folder / "raw" / "dti" / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    _, problems = _load(folder)
    assert [(p.column, p.value) for p in problems] == [("territory", "merged")]


def test_a_chart_data_table_says_a_value_was_published_for_the_merged_province():
    import pandas as pd

    from helpers.present.datatable import chart_data

    data = pd.DataFrame(
        {
            "indicator": ["dti", "dti"],
            "entity": ["VN-HP", "VN-N31"],
            "territory": ["", "successor"],
            "year": [2023, 2024],
            "date": ["", ""],
            "value": [0.6, 0.7857],
            "source_id": ["dantri-2025-10-21-dti-2024"] * 2,
        }
    )
    for lang, label in (
        ("en", "as published for the merged province"),
        ("vi", "theo công bố cho tỉnh sau sáp nhập"),
    ):
        dates = list(chart_data(data, lang).df.iloc[:, 1])
        assert dates == ["2023", f"2024 ({label})"], dates
