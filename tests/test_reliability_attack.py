"""The reliability attack (issue 14), driven through the command line as a user would: nothing published is
lost or replaced by less, and what is published stays whole
(test_reliability_attack_outputs.py and test_reliability_attack_messages.py hold the rest of it).

Most tests start from a copy of the run's one small published site (two tiny reports,
conftest.tiny_published); the rest need no build at all. Faults the file system cannot be made to
produce on demand are injected with a ``sitecustomize`` module on ``PYTHONPATH`` of the runner's
process only. The runner's command runs forked from a warm server unless the process itself must
differ (tests/runner_fork.py, through attack_support.run_cmd).
"""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path

import pytest

from attack_support import (
    NAMES,
    bare_site,
    copy_site,
    failing,
    keep_rows,
    manifest_of,
    no_traceback,
    rewrite_csv,
    run,
    run_cmd,
    with_fault,
)
from reports_support import tree_hash

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tiny_published, tmp_path) -> dict:
    """A private copy of the run's published site: config, tiny notebook, data and outputs/."""
    return copy_site(tiny_published, tmp_path)


@pytest.fixture
def bare(tmp_path) -> dict:
    """A config, tiny notebook and data copy, with an outputs/ that only holds a sentinel page."""
    return bare_site(tmp_path)


# --- data that would replace published reports with less ---------------------------------------


def _header_only(d: Path):
    text = (d / "figures.csv").read_text(encoding="utf-8")
    (d / "figures.csv").write_text(text.splitlines()[0] + "\n", encoding="utf-8")


def _drop_indicator(indicator: str):
    def edit(d: Path):
        rewrite_csv(d / "figures.csv", keep_rows(lambda r: r[1] != indicator))  # r[0] is the figure id

    return edit


def _indicators_latin1(d: Path):
    raw = (d / "indicators.csv").read_bytes()
    (d / "indicators.csv").write_bytes(raw.replace(b"transactions", b"transacti\xf3ns", 1))  # Latin-1 ó


def _indicators_renamed_id(d: Path):
    text = (d / "indicators.csv").read_text(encoding="utf-8")
    (d / "indicators.csv").write_text(text.replace("id,", "ident,", 1), encoding="utf-8")


def _long_field(file: str, col: int):
    def edit(d: Path):
        def grow(rows):
            rows[1][col] = rows[1][col] + " x" * 108_000  # 216 KB

        rewrite_csv(d / file, grow)

    return edit


def _utf16(d: Path):
    text = (d / "figures.csv").read_text(encoding="utf-8")
    (d / "figures.csv").write_bytes(text.encode("utf-16"))  # with its byte-order mark, as Excel saves


REFUSED_DATA = [
    # (case, edit of the data folder, what stderr must say)
    ("figures.csv header only", _header_only, ["headline indicator", "ndxp_transactions"]),
    ("claims.csv deleted", lambda d: (d / "claims.csv").unlink(), ["claims.csv", "the file exists"]),
    (
        "headline indicator lost",
        _drop_indicator("cccd_cards_issued"),
        ["cccd_cards_issued", "headline indicator"],
    ),
    ("claimed indicator lost", _drop_indicator("national_databases"), ["claims.csv", "national_databases"]),
    ("indicators.csv not UTF-8", _indicators_latin1, ["indicators.csv", "UTF-8"]),
    ("indicators.csv column renamed", _indicators_renamed_id, ["indicators.csv:1: column 'id'"]),
    (
        "indicators.csv missing",
        lambda d: (d / "indicators.csv").unlink(),
        ["indicators.csv", "the file exists"],
    ),
    (
        "indicators.csv oversized field",
        _long_field("indicators.csv", 11),
        ["indicators.csv", "the CSV field limit"],
    ),
    ("figures.csv oversized field", _long_field("figures.csv", 7), ["figures.csv", "the CSV field limit"]),
    ("figures.csv in UTF-16", _utf16, ["figures.csv", "UTF-16", "CSV UTF-8"]),
]


@pytest.mark.parametrize(("case", "edit", "says"), REFUSED_DATA, ids=[c[0] for c in REFUSED_DATA])
def test_data_that_would_publish_less_is_refused_with_a_message(bare, case, edit, says):
    before = tree_hash(bare["outputs"])
    edit(bare["data"])
    r = run(bare, "build", "--force")
    no_traceback(r)
    assert r.returncode == 1, (r.returncode, r.stderr[-2000:])
    assert "the data does not validate" in r.stderr, r.stderr[-2000:]
    for text in says:
        assert text in r.stderr, (text, r.stderr[-2000:])
    assert "start" not in r.stdout
    assert tree_hash(bare["outputs"]) == before
    v = run_cmd([sys.executable, "-m", "helpers.data", str(bare["data"])])
    no_traceback(v)
    assert v.returncode == 1 and all(text in v.stderr for text in says), v.stderr[-2000:]


def test_nonexistent_data_dir_is_a_message(bare):
    r = run(bare, "build", data=bare["tmp"] / "nonexistent")
    no_traceback(r)
    assert r.returncode == 1 and "nonexistent" in r.stderr and "does not exist" in r.stderr, r.stderr[-2000:]
    r = run(bare, "list", data=bare["tmp"] / "nonexistent")
    no_traceback(r)
    assert r.returncode == 1 and "does not exist" in r.stderr


def test_a_million_problems_print_a_bounded_list(bare):
    head = (bare["data"] / "figures.csv").read_text(encoding="utf-8").splitlines()[0]
    bad = "egdi_rank,VNM,2024,,1.013 triệu,nowhere,x,,,\n" * 200_000
    (bare["data"] / "figures.csv").write_text(head + "\n" + bad, encoding="utf-8")
    r = run(bare, "build")
    no_traceback(r)
    assert r.returncode == 1
    assert len(r.stderr) < 100_000, len(r.stderr)
    assert re.search(r"and [0-9,]+ more problems", r.stderr), r.stderr[-500:]
    assert re.search(r"[0-9]{3},[0-9]{3} problems", r.stderr), r.stderr[:500]


def test_shrunk_data_is_refused_unless_accepted(site):
    before = tree_hash(site["outputs"])
    # ndxp_transactions keeps 1 of its 3 rows: still valid data, but most of what was published.
    seen = []

    def keep_first(r):
        if r[1] != "ndxp_transactions":  # r[0] is the figure id
            return True
        seen.append(r)
        return len(seen) == 1

    rewrite_csv(site["data"] / "figures.csv", keep_rows(keep_first))
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "ndxp_transactions" in r.stderr and "3 → 1" in r.stderr and "--accept-shrink" in r.stderr, r.stderr
    assert tree_hash(site["outputs"]) == before
    r = run(site, "build", "--accept-shrink")
    assert r.returncode == 0, r.stderr
    assert "built   tiny-ndxp_transactions" in r.stdout
    r = run(site, "build")  # the accepted state is the new reference
    assert r.returncode == 0, r.stderr


# --- the index lists every report ---------------------------------------------------------------


def test_building_one_report_keeps_every_report_in_the_index(site):
    r = run(site, "build", "tiny-egdi_rank", "--force")
    assert r.returncode == 0, r.stderr
    for args in ((), ("tiny-egdi_rank",)):
        index = (site["outputs"] / "index.html").read_text(encoding="utf-8")
        for name in NAMES:
            assert f'href="reports/{name}/index.html"' in index, (name, args)
        r = run(site, "build", *args)
        assert r.returncode == 0, r.stderr
    assert set(manifest_of(site["outputs"])["reports"]) == set(NAMES)


# --- the fallback of the atomic swap (no renameat2) ----------------------------------------------

NO_EXCHANGE = """
import ctypes, os, signal
_getattr, _getitem = ctypes.CDLL.__getattr__, ctypes.CDLL.__getitem__
def _no_renameat2(self, name):
    if name == "renameat2":
        raise AttributeError(name)
    return _getattr(self, name)
def _no_renameat2_item(self, name):
    if name == "renameat2":
        raise AttributeError(name)
    return _getitem(self, name)
ctypes.CDLL.__getattr__ = _no_renameat2
ctypes.CDLL.__getitem__ = _no_renameat2_item
KILL_AT = os.environ.get("KILL_AT_SECOND_RENAME")
if KILL_AT:
    def _guard(real):
        def rename(src, dst, *a, **k):
            if os.path.basename(os.fsdecode(dst)) == KILL_AT:
                os.kill(os.getpid(), signal.SIGKILL)  # between the swap's two renames
            return real(src, dst, *a, **k)
        return rename
    os.rename = _guard(os.rename)
    os.replace = _guard(os.replace)
"""


def test_fallback_swap_publishes_without_renameat2(site):
    env = with_fault(site["tmp"], NO_EXCHANGE)
    r = run(site, "build", "--force", env=env)
    assert r.returncode == 0, r.stderr
    assert not list((site["outputs"] / "reports").glob(".*"))
    for name in NAMES:
        assert (site["outputs"] / "reports" / name / "index.html").exists()


def test_kill_between_the_fallback_renames_is_recovered_not_deleted(site):
    reports = site["outputs"] / "reports"
    good = tree_hash(reports / "tiny-egdi_rank")
    env = with_fault(site["tmp"], NO_EXCHANGE)
    env["KILL_AT_SECOND_RENAME"] = "tiny-egdi_rank"
    r = run(site, "build", "--force", "--jobs", "1", env=env)
    assert r.returncode == -signal.SIGKILL, (r.returncode, r.stderr[-2000:])
    assert not (reports / "tiny-egdi_rank").exists() and list(reports.glob(".tiny-egdi_rank.*.old"))
    failing(site, "tiny-egdi_rank")  # the rebuild fails: the last good version must still be there
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 1
    assert tree_hash(reports / "tiny-egdi_rank") == good
    assert not list(reports.glob(".*"))
    index = (site["outputs"] / "index.html").read_text(encoding="utf-8")
    assert 'href="reports/tiny-egdi_rank/index.html"' in index and "last good version kept" in index
