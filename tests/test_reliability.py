"""Whatever goes wrong, the last good reports stay published and the log says what to fix: bad
input. Bad data stops the build and leaves outputs/ untouched, parameter values are checked before
any kernel starts, and HTML in the data is shown as text. Kernels that die or hang, interrupted and
overlapping runs, no network: test_reliability_runs.py."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from reports_support import (
    PROFILE,
    build,
    copy_prebuilt,
    tree_hash,
    write_config,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def _tiny_built(tiny_published):
    """Two tiny reports (tiny-egdi_rank, tiny-ndxp_transactions) built once per run
    (conftest.tiny_published); each test gets its own copy (see env)."""
    return tiny_published


@pytest.fixture
def env(tmp_path, _tiny_built):
    """A config of two tiny reports, a private copy of the data, and outputs already built from them."""
    return copy_prebuilt(_tiny_built, tmp_path)


def _rewrite(path: Path, edit) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _set(col: str, value: str, row: int = 1):
    """Set the cell of column ``col`` (by name) in data row ``row``."""

    def edit(rows):
        rows[row][rows[0].index(col)] = value

    return edit


def _drop(col: str):
    def edit(rows):
        j = rows[0].index(col)
        for r in rows:
            r.pop(j)

    return edit


BAD_DATA = [
    (
        "vietnamese number",
        "figures.csv",
        _set("value", "1.013 triệu"),
        "figures.csv:2: column 'value': value '1.013 triệu'",
    ),
    (
        "unknown indicator",
        "figures.csv",
        _set("indicator", "egdi_rnk"),
        "figures.csv:2: column 'indicator': value 'egdi_rnk'",
    ),
    ("year out of range", "figures.csv", _set("year", "1800"), "figures.csv:2: column 'year': value '1800'"),
    ("empty quote", "figures.csv", _set("quote", ""), "figures.csv:2: column 'quote': value ''"),
    ("missing column", "figures.csv", _drop("note"), "figures.csv:1: column 'note'"),
    (
        "unknown source",
        "claims.csv",
        _set("source_id", "nowhere"),
        "claims.csv:2: column 'source_id': value 'nowhere'",
    ),
    ("bad kind", "indicators.csv", _set("kind", "stocks"), "indicators.csv:2: column 'kind': value 'stocks'"),
]


@pytest.mark.parametrize(("case", "file", "edit", "message"), BAD_DATA, ids=[b[0] for b in BAD_DATA])
def test_bad_data_stops_the_build_and_leaves_outputs_untouched(env, case, file, edit, message):
    before = tree_hash(env["outputs"])
    _rewrite(env["data"] / file, edit)
    r = build(env["config"], env["outputs"], env["data"], "--force")
    assert r.returncode == 1
    assert message in r.stderr and "no report was built and outputs/ is unchanged" in r.stderr
    assert "Traceback" not in r.stderr and "start" not in r.stdout
    assert tree_hash(env["outputs"]) == before


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"indicator": "egdi_rank", "sleep": 1800}, None),
        ({"indicator": "nope"}, "indicator: unknown indicator 'nope'"),
        ({"indicator": "__import__('os').system('touch PWNED')"}, "unknown indicator"),
        ({"indicator": 'x"\n    raise SystemExit'}, "unknown indicator"),
    ],
)
def test_parameter_values_checked_before_any_kernel(env, params, message):
    config = write_config(
        env["tmp"] / "p.yaml", [{"name": "p", "notebook": "tiny.ipynb", "parameters": params}]
    )
    if message is None:  # a valid but silly value is not the runner's business; type and name are fine
        return
    r = build(config, env["outputs"], env["data"])
    assert r.returncode == 2 and message in r.stderr
    assert not list(env["tmp"].rglob("PWNED"))


def test_runner_rejects_out_of_range_common_parameters(env):
    for params, message in [
        ({"lang": "fr"}, "lang: expected one of en, vi, got 'fr'"),
        ({"start_year": 1800}, "start_year: expected a year from 1990 to 2100, got 1800"),
        ({"peers": ["XXX"]}, "peers: unknown country code(s) ['XXX']"),
    ]:
        config = write_config(
            env["tmp"] / "r.yaml",
            [{"name": "r", "notebook": str(PROFILE.parent / "01_egov_ranking.ipynb"), "parameters": params}],
        )
        r = build(config, env["outputs"], env["data"])
        assert r.returncode == 2 and message in r.stderr, r.stderr


def test_html_in_data_is_shown_as_text_in_reports_and_index(env):
    payload = '<script>alert("x")</script>'

    def edit_sources(rows):
        for row in rows[1:]:
            if row[0] == "web-baomoi-mic-2025-02-06":  # the source of NDXP 2024, edited below
                row[1] = payload + " portal"

    _rewrite(env["data"] / "sources.csv", edit_sources)

    def edit_figures(rows):
        quote, note = rows[0].index("quote"), rows[0].index("note")
        indicator, year = rows[0].index("indicator"), rows[0].index("year")  # by name: columns get added
        for row in rows[1:]:
            if row[indicator] == "ndxp_transactions" and row[year] == "2024":
                row[quote] = row[quote] + " <img src=x onerror=alert(1)>"
                row[note] = "<b>bold?</b>"

    _rewrite(env["data"] / "figures.csv", edit_figures)
    config = write_config(
        env["tmp"] / "x.yaml",
        [
            {
                "name": "x-<i>{indicator}</i>".replace("<i>", "").replace("</i>", ""),
                "notebook": str(PROFILE),
                "parameters": {"indicator": "ndxp_transactions"},
            }
        ],
    )
    r = build(config, env["outputs"], env["data"])
    assert r.returncode == 0, r.stderr
    page = (env["outputs"] / "reports" / "x-ndxp_transactions" / "index.html").read_text(encoding="utf-8")
    assert payload not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page and "&lt;img src=x" in page
    index = (env["outputs"] / "index.html").read_text(encoding="utf-8")
    # the only script is the page's own, which writes the reader's date into the citations
    scripts = re.findall(r"<script[^>]*>", index)
    assert scripts == ['<script data-fills="time.retrieved">'], scripts
    assert 'document.querySelectorAll("time.retrieved")' in index
