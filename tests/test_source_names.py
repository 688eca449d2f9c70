"""How pages name sources: a Vietnamese page names a publisher by its own Vietnamese name where
sources.csv gives one (``publisher_vi``), a source line names each publisher once, and the column is
validated like the others (a name, in Vietnamese, not the publisher's own)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from helpers.data import load_figures, sources
from helpers.data.csvio import DataValidationError
from helpers.data.validate import validate
from helpers.data.validate.sources import outlet_name
from helpers.present.charts.bundle import chart_meta
from helpers.present.locale import cite, source_name
from helpers.present.page import sources_list


def _lines(lang: str) -> dict[str, tuple[str, list[str]]]:
    """Every indicator's source line in ``lang``, as its chart's metadata gives it, with its sources."""
    df = load_figures()
    out = {}
    for indicator, rows in df[df["selected"]].groupby("indicator"):
        rows = rows.sort_values(["year"])
        out[indicator] = (chart_meta("t", "", rows, lang)["source_line"], list(rows["source_id"]))
    return out


def _named(name: str, line: str) -> int:
    """How many times ``name`` stands as a publisher in a source line (after ': ' or '; ', before
    ',' or ';' or the end)."""
    return len(re.findall(rf"(?:: |; ){re.escape(name)}(?=,|;|$)", line))


@pytest.fixture(scope="module")
def vi_lines():
    return _lines("vi")


def test_the_vietnamese_names_are_data_and_cover_the_english_ones_found():
    src = sources()
    named = src[src["publisher_vi"] != ""]
    assert {"Bộ Công an", "Sài Gòn Giải Phóng", "Cổng Thông tin điện tử tỉnh Quảng Ngãi"} <= set(
        named["publisher_vi"]
    )
    for sid, row in named.iterrows():
        assert outlet_name(row["publisher"]) != row["publisher_vi"], sid


def test_no_english_publisher_name_on_a_vietnamese_source_line_where_a_vietnamese_one_exists(vi_lines):
    src = sources()
    checked = 0
    for indicator, (line, ids) in vi_lines.items():
        for sid in dict.fromkeys(ids):
            row = src.loc[sid]
            if row["publisher_vi"] and row["kind"] != "un_survey":
                english = outlet_name(row["publisher"])
                assert _named(english, line) == 0, (indicator, english, line)
                assert _named(row["publisher_vi"], line) == 1, (indicator, row["publisher_vi"], line)
                checked += 1
    assert checked >= 5  # the identity, services and ranking charts cite such sources


def test_the_identity_chart_names_sggp_and_the_ministry_in_vietnamese(vi_lines):
    line = " ".join(vi_lines[i][0] for i in ("cccd_cards_issued", "vneid_accounts_approved") if i in vi_lines)
    assert "Sài Gòn Giải Phóng, 2023-06-20" in line
    for english in ("Saigon Giai Phong", "SGGP News", "Ministry of Public Security"):
        assert english not in line


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_publisher_is_named_twice_in_one_source_line(lang, vi_lines):
    src = sources()
    lines = vi_lines if lang == "vi" else _lines("en")
    for indicator, (line, ids) in lines.items():
        names = {source_name(s, lang).split(", ")[0] for s in ids if src.loc[s]["kind"] != "un_survey"}
        for name in names:
            assert _named(name, line) == 1, (indicator, name, line)


def test_one_publishers_sources_are_said_once_with_their_dates():
    undated = ["web-laodong-en-vneid-2025-04", "web-laodong-en-vneid-2025-09"]
    assert all(not sources().loc[s]["published"] for s in undated)
    assert cite(undated, "vi") == "Nguồn: Lao Động"
    dated = ["web-vnexpress-gso-2023-12-29", "baonghean-2022-12-25", "vnexpress-2025-06-12-provinces"]
    assert cite(dated, "en") == "Sources: VnExpress, 2023-12-29, 2025-06; Báo Nghệ An, 2022-12-25"
    assert cite([*dated, "vnexpress-2025-10-21-dti-2024"], "en") == cite(dated, "en")  # an undated one


def test_a_source_list_says_in_the_pages_language_that_a_title_is_not_known():
    import pandas as pd

    src = sources()
    untitled = src[src["title"] == ""]
    assert len(untitled) > 10 and not src["title"].str.startswith("(title not").any()
    sid = untitled.index[0]
    vi = sources_list(pd.DataFrame({"source_id": [sid]}), "vi")
    en = sources_list(pd.DataFrame({"source_id": [sid]}), "en")
    assert '<span translate="yes">(bản lưu không có tiêu đề)</span>' in vi and "title not" not in vi
    assert "(title not in the stored copy)" in en
    assert '<span lang="vi"></span>' not in vi  # no empty title marked as Vietnamese


def test_a_vietnamese_source_list_names_the_ministry_in_vietnamese():
    import pandas as pd

    html = sources_list(pd.DataFrame({"source_id": ["web-bocongan-en-project06-2025-05"]}), "vi")
    assert '<li translate="no">Bộ Công an: ' in html and "Ministry of Public Security" not in html
    english = sources_list(pd.DataFrame({"source_id": ["web-bocongan-en-project06-2025-05"]}), "en")
    assert "Ministry of Public Security (en.bocongan.gov.vn)" in english


# --- the validator -----------------------------------------------------------------------------------


def _set(data, sid: str, column: str, value: str) -> int:
    """Set one cell of sources.csv; the line it is on."""
    path = data / "sources.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index(column)
    line = next(i for i, r in enumerate(rows) if r[0] == sid) + 1
    rows[line - 1][col] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return line


@pytest.mark.parametrize(
    ("sid", "value", "expected"),
    [
        ("web-bocongan-en-project06-2025-05", "Ministry of Public Security", "a name written in Vietnamese"),
        ("web-bocongan-en-project06-2025-05", "Bộ Công an (en.bocongan.gov.vn)", "Vietnamese name alone"),
        ("web-bocongan-en-project06-2025-05", " Bộ Công an", "Vietnamese name alone"),
        ("baonghean-2022-12-25", "Báo Nghệ An", "a name other than the publisher's own"),
    ],
)
def test_the_validator_checks_the_vietnamese_publisher_name(data_copy, sid, value, expected):
    line = _set(data_copy, sid, "publisher_vi", value)
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    found = [p for p in err.value.problems if p.file == "sources.csv" and p.column == "publisher_vi"]
    assert [(p.line, p.value) for p in found] == [(line, value)]
    assert expected in found[0].expected


def test_the_validator_requires_the_declared_column(data_copy):
    path = data_copy / "sources.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index("publisher_vi")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:col] + r[col + 1 :] for r in rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    assert any(p.column == "publisher_vi" and "missing" in p.expected for p in err.value.problems)


def test_an_empty_title_is_valid_and_an_empty_publisher_is_not(data_copy):
    _set(data_copy, "baonghean-2022-12-25", "title", "")
    assert validate(data_copy).sources["baonghean-2022-12-25"]["title"] == ""
    line = _set(data_copy, "baonghean-2022-12-25", "publisher", "")
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    assert any(p.line == line and p.column == "publisher" for p in err.value.problems)


def test_the_data_page_describes_each_file_in_its_language():
    import json

    from helpers.paths import DEFAULT_DATA_DIR
    from helpers.reports.datapage import files_of
    from helpers.reports.filewords import described

    package = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    files = [(p, 1, d) for p, d in files_of(DEFAULT_DATA_DIR, package)] + [("LICENSE.txt", 1, "the licence")]
    en = {p: (what, lang) for p, _, what, lang in described(files, package, "en")}
    vi = {p: (what, lang) for p, _, what, lang in described(files, package, "vi")}
    assert en == {p: (d, "") for p, _, d in files}  # English pages: the dictionary's English, unmarked
    assert vi["figures.csv"] == ("Số liệu: mỗi dòng một số liệu được công bố, kèm nguồn và câu trích dẫn", "")
    assert vi["raw/un-egdi/README.md"] == ("nguồn gốc các bảng gốc trong raw/un-egdi/", "")
    assert vi["LICENSE.txt"] == ("giấy phép", "")
    assert all(lang == "" for _, lang in vi.values())
    bare = {
        **package,
        "resources": [{k: v for k, v in r.items() if k != "title_vi"} for r in package["resources"]],
    }
    untitled = {p: (what, lang) for p, _, what, lang in described(files, bare, "vi")}
    assert untitled["figures.csv"] == (en["figures.csv"][0], "en")  # no Vietnamese: English, marked


def test_file_names_and_commands_in_a_description_are_code_not_words():
    """A Vietnamese description names figures.csv, raw/dti/ and a command as they are typed: names the
    data page shows as code, which neither a translator nor the page's language check reads as English."""
    from helpers.reports.filewords import pieces

    got = pieces("Các bảng trong raw/dti/ (places.csv). Tạo bằng `python -m helpers.data`; <b> & c")
    assert [p for p, name in got if name] == ["raw/dti/", "places.csv", "python -m helpers.data"]
    assert "".join(p for p, _ in got).endswith("; <b> & c") and "`" not in "".join(p for p, _ in got)
