"""The validator's place rules: a figure's entity is a known place, and the figure's date (or year)
falls within the place's lifetime; the crosswalk maps each old province once, across the merger.
The fast path must vouch for exactly what the full checks pass, with places as without."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import itertools
import shutil
from pathlib import Path

import pytest

from helpers.data.un import load_un
from helpers.data.validate import indicators, sources
from helpers.data.validate import places as place_rules
from helpers.paths import DEFAULT_DATA_DIR
from validate_support import (
    NDXP_2024,
    assert_reported,
    duplicate_row,
    edit_cell,
    problems_of,
    read_rows,
    write_rows,
)

FIGURES = importlib.import_module("helpers.data.validate.figures")
FIG, CW = "figures.csv", "place_crosswalk.csv"
LATE_2025 = {"indicator": "vneid_accounts_activated", "date": "2025-10-14"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the project's data folder that a test may edit."""
    return Path(shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "data"))


@pytest.fixture(scope="module")
def tables():
    problems = []
    un = load_un(DEFAULT_DATA_DIR, problems)
    srcs = sources.check(DEFAULT_DATA_DIR, problems)
    tabs = (indicators.check(DEFAULT_DATA_DIR, problems), srcs, un)
    places = place_rules.check(DEFAULT_DATA_DIR, problems, srcs)
    assert problems == []
    return tabs, places


def test_a_province_that_did_not_change_is_a_valid_entity_in_any_year(data_dir):
    edit_cell(data_dir / FIG, NDXP_2024, "entity", "VN-HN")
    edit_cell(data_dir / FIG, LATE_2025, "entity", "VN-26")
    assert problems_of(data_dir) == []


def test_an_unknown_place_code_is_reported(data_dir):
    line = edit_cell(data_dir / FIG, NDXP_2024, "entity", "VN-99")
    assert_reported(problems_of(data_dir), FIG, line, "entity", "a place code from places.csv")


def test_a_province_after_its_end_is_reported_with_its_successor(data_dir):
    line = edit_cell(data_dir / FIG, LATE_2025, "entity", "VN-03")  # Hà Giang, to 2025-06-30
    hit = assert_reported(problems_of(data_dir), FIG, line, "date", "exists to 2025-06-30")
    assert "part of VN-N08" in hit[0].expected


def test_a_new_province_before_its_start_is_reported_with_its_predecessors(data_dir):
    line = edit_cell(data_dir / FIG, NDXP_2024, "entity", "VN-N08")  # Tuyên Quang from 2025-07-01
    hit = assert_reported(problems_of(data_dir), FIG, line, "year", "exists from 2025-07-01")
    assert "VN-03, VN-07" in hit[0].expected


def test_a_year_the_place_existed_in_part_is_accepted(data_dir):
    """A yearly figure of 2025 may name a province that ended on 30 June 2025 or began on 1 July."""
    duplicate_row(data_dir / FIG, NDXP_2024, {"id": "p99998", "entity": "VN-03", "year": "2025"})
    duplicate_row(data_dir / FIG, NDXP_2024, {"id": "p99999", "entity": "VN-N08", "year": "2025"})
    assert problems_of(data_dir) == []


def test_an_old_province_mapped_twice_is_reported(data_dir):
    rows = read_rows(data_dir / CW)
    rows.append(list(rows[2]))
    write_rows(data_dir / CW, rows)
    assert_reported(problems_of(data_dir), CW, len(rows), "old_code", "each old province once")


def test_a_new_province_must_start_on_the_crosswalk_date(data_dir):
    edit_cell(data_dir / "places.csv", {"code": "VN-N08"}, "valid_from", "2025-07-02")
    hits = [p for p in problems_of(data_dir) if (p.file, p.column, p.value) == (CW, "new_code", "VN-N08")]
    assert len(hits) == 2 and all("valid_from is 2025-07-01" in p.expected for p in hits)


def test_a_place_that_ends_before_it_starts_is_reported(data_dir):
    line = edit_cell(data_dir / "places.csv", {"code": "VN-N08"}, "valid_to", "2025-01-01")
    assert_reported(problems_of(data_dir), "places.csv", line, "valid_to", "on or after valid_from")


def _figures(variants: list[dict]) -> bytes:
    rows = read_rows(DEFAULT_DATA_DIR / FIG)
    header = rows[0]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for n, v in enumerate(variants):
        cells = {**v, "id": f"p{90000 + n}"}
        w.writerow([cells.get(h, c) for h, c in zip(header, v["_row"], strict=True)])
    return out.getvalue().encode()


def test_the_fast_path_changes_nothing_validation_says_of_places(tmp_path, tables, monkeypatch):
    """Every entity (countries, provinces that end, begin or stay, unknown codes) against years and
    dates on both sides of the merger: the fast path and the full checks say the same."""
    (tabs, places) = tables
    rows = read_rows(DEFAULT_DATA_DIR / FIG)
    header = rows[0]
    dated = next(r for r in rows[1:] if r[header.index("date")] == "2025-10-14")
    yearly = next(r for r in rows[1:] if r[header.index("period")] == "year")
    entities = ["VNM", "VN-HN", "VN-03", "VN-N08", "VN-99", "vn-hn", "XYZ", "VN-SG", "VN-N79"]
    variants = []
    for entity, (row, cells) in itertools.product(
        entities,
        [
            (dated, {"date": "2025-10-14", "year": "2025"}),
            (dated, {"date": "2025-06-30", "year": "2025"}),
            (dated, {"date": "2025-07-01", "year": "2025"}),
            (yearly, {"year": "2024"}),
            (yearly, {"year": "2025"}),
            (yearly, {"year": "2026"}),
        ],
    ):
        variants.append({"_row": row, "entity": entity, **cells})
    (tmp_path / FIG).write_bytes(_figures(variants))

    def outcome():
        problems = []
        out = FIGURES.check(tmp_path, problems, *tabs, places=places)
        return sorted(problems), out.records, out.count

    fast = outcome()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(FIGURES, "fast_path", lambda *args: lambda record, line: False)
        full = outcome()
    assert fast == full
    assert any(p.column == "entity" for p in fast[0]) and any("exists" in p.expected for p in fast[0])


def test_lookup_finds_a_province_by_the_name_a_source_writes_on_a_day(tables):
    _, places = tables
    before, after = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    assert places.lookup("TP.HCM", before) == "VN-SG"
    assert places.lookup("TP. Hồ Chí Minh", after) == "VN-N79"
    assert places.lookup("Thừa Thiên Huế", before) == places.lookup("Huế", after) == "VN-26"
    assert places.lookup("Tỉnh Hoà Bình", dt.date(2024, 12, 31)) == "VN-14"
    assert places.lookup("Hòa Bình", after) is None  # part of the new Phú Thọ
    assert places.lookup("Tuyên Quang", before) == "VN-07"
    assert places.lookup("Tuyên Quang", after) == "VN-N08"
    assert places.predecessors("VN-N08") == ["VN-03", "VN-07"]


def test_pages_name_a_province_in_each_language():
    from helpers.present import locale

    assert locale.country("VN-03", "vi") == "Hà Giang" and locale.country("VN-03", "en") == "Ha Giang"
    assert locale.place("VN-N79", "vi") == "TP. Hồ Chí Minh"
    assert locale.place("VN-N79", "en") == "Ho Chi Minh City"
    assert locale.country("VNM", "en") == "Viet Nam"


def test_the_loader_gives_the_places_and_the_crosswalk():
    from helpers import data

    places, crosswalk = data.places(), data.place_crosswalk()
    assert places.loc["VN-N08", "valid_from"] == dt.date(2025, 7, 1)
    assert places.loc["VN-26", "aliases"][:1] == ("Thừa Thiên Huế",)
    assert len(crosswalk) == 63 and set(crosswalk["new_code"]) <= set(places.index)
    assert crosswalk.set_index("old_code").loc["VN-52", "new_code"] == "VN-N92"  # Sóc Trăng -> Cần Thơ
