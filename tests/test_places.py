"""data/places.csv and data/place_crosswalk.csv: the provinces before and after 1 July 2025.

The 63 provinces of the statistics office's 2004 list became the 34 of its 2025 list (Resolution
202/2025/QH15): 52 merged into 23 new provinces and 11 kept their territory. These tests read the
files as a reuser would (csv only) and check the structure the issue asks for.
"""

import csv
import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict

import pytest

from helpers.paths import DEFAULT_DATA_DIR

LAST_OLD = dt.date(2025, 6, 30)
MERGER = dt.date(2025, 7, 1)


def _read(name: str) -> list[dict]:
    with (DEFAULT_DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def places() -> dict[str, dict]:
    return {p["code"]: p for p in _read("places.csv")}


@pytest.fixture(scope="module")
def crosswalk() -> list[dict]:
    return _read("place_crosswalk.csv")


def _alive(p: dict, day: dt.date) -> bool:
    start = dt.date.fromisoformat(p["valid_from"]) if p["valid_from"] else dt.date.min
    end = dt.date.fromisoformat(p["valid_to"]) if p["valid_to"] else dt.date.max
    return start <= day <= end


def _provinces_on(places: dict, day: dt.date) -> dict[str, dict]:
    return {c: p for c, p in places.items() if p["level"] == "province" and _alive(p, day)}


def _key(name: str) -> str:
    """A name compared loosely: NFC, lower case, one tone-mark placement, no 'tỉnh'/'thành phố'."""
    s = unicodedata.normalize("NFC", name).lower().replace("-", " ")
    for a, b in (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oạ", "ọa"), ("uỷ", "ủy")):
        s = s.replace(a, b)
    s = re.sub(r"\b(tỉnh|thành phố|tp\.)\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def test_the_country_keeps_its_iso3_code(places):
    countries = [p for p in places.values() if p["level"] == "country"]
    assert [p["code"] for p in countries] == ["VNM"]


def test_63_provinces_before_the_merger_and_34_after(places):
    before, after = _provinces_on(places, LAST_OLD), _provinces_on(places, MERGER)
    assert len(before) == 63
    assert len(after) == 34
    assert len(set(before) & set(after)) == 11  # the provinces whose territory did not change


def test_codes_of_each_list_are_unique_and_two_digits(places):
    before, after = _provinces_on(places, LAST_OLD), _provinces_on(places, MERGER)
    for rows, column in ((before, "gso_code"), (after, "gso_code_2025")):
        codes = [p[column] for p in rows.values()]
        assert all(re.fullmatch(r"[0-9]{2}", c) for c in codes), column
        assert len(set(codes)) == len(codes), column
    iso = [p["iso_3166_2"] for p in before.values()]
    assert len(set(iso)) == 63 and all(re.fullmatch(r"VN-([0-9]{2}|[A-Z]{2})", c) for c in iso)


def test_a_province_with_an_iso_code_is_coded_by_it_and_a_new_one_has_none(places):
    for code, p in places.items():
        if p["level"] != "province":
            continue
        if p["iso_3166_2"]:
            assert code == p["iso_3166_2"]
        else:
            assert p["valid_from"] == MERGER.isoformat(), code
            assert code == f"VN-N{p['gso_code_2025']}", code


def test_every_old_province_maps_to_exactly_one_new_one(places, crosswalk):
    olds = Counter(r["old_code"] for r in crosswalk)
    assert set(olds) == set(_provinces_on(places, LAST_OLD))
    assert max(olds.values()) == 1
    after = _provinces_on(places, MERGER)
    assert {r["new_code"] for r in crosswalk} == set(after)
    assert {r["valid_from"] for r in crosswalk} == {MERGER.isoformat()}


def test_merged_provinces_have_two_or_more_predecessors_and_the_others_map_to_themselves(places, crosswalk):
    predecessors = defaultdict(list)
    for r in crosswalk:
        predecessors[r["new_code"]].append(r["old_code"])
    unchanged = {new for new, olds in predecessors.items() if olds == [new]}
    merged = {new: olds for new, olds in predecessors.items() if new not in unchanged}
    assert len(unchanged) == 11 and len(merged) == 23
    assert sum(len(olds) for olds in merged.values()) == 52
    for new, olds in merged.items():
        assert len(olds) >= 2, new
        assert new not in olds, new
        assert places[new]["valid_from"] == MERGER.isoformat()
        for old in olds:
            assert places[old]["valid_to"] == LAST_OLD.isoformat(), old
    for code in unchanged:
        assert places[code]["valid_to"] == "" and places[code]["gso_code_2025"], code


def test_a_merged_province_takes_the_2025_code_of_its_seat(places, crosswalk):
    """Decision 124/2004's rule for merged provinces: the province takes the code of the one where
    its People's Committee sits, so each 2025 code is the 2004 code of one predecessor."""
    for new in {r["new_code"] for r in crosswalk if r["new_code"] != r["old_code"]}:
        olds = [places[r["old_code"]]["gso_code"] for r in crosswalk if r["new_code"] == new]
        assert places[new]["gso_code_2025"] in olds, new


def test_each_quote_names_the_old_and_the_new_province(places, crosswalk):
    sources = {s["id"] for s in _read("sources.csv")}
    for r in crosswalk:
        assert r["source_id"] in sources, r["old_code"]
        quote = _key(r["quote"])
        for code in (r["old_code"], r["new_code"]):
            p = places[code]
            names = [p["name_vi"], *filter(None, p["aliases"].split("|"))]
            assert any(_key(n) in quote for n in names), (r["old_code"], code)
