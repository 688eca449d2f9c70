"""The reliability attack (issue 14), driven through the command line as a user would: nothing outside
outputs/ is touched, published files and charts are what they should be, and a publishing error stays
with its report.

Most tests start from a copy of the run's one small published site (two tiny reports,
conftest.tiny_published); the rest need no build at all. Faults the file system cannot be made to
produce on demand are injected with a ``sitecustomize`` module on ``PYTHONPATH`` of the runner's
process only. The runner's command runs forked from a warm server unless the process itself must
differ (tests/runner_fork.py, through attack_support.run_cmd).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from attack_support import (
    NAMES,
    TWO_TINY,
    copy_site,
    failing,
    manifest_of,
    no_traceback,
    rewrite_csv,
    run,
    run_cmd,
    unprivileged,
)
from helpers.paths import NOTEBOOKS_DIR
from reports_support import runner_cmd, tiny_notebook, tree_hash, write_config

pytestmark = pytest.mark.slow

PROFILE = NOTEBOOKS_DIR / "10_indicator_profile.ipynb"


@pytest.fixture
def site(tiny_published, tmp_path) -> dict:
    """A private copy of the run's published site: config, tiny notebook, data and outputs/."""
    return copy_site(tiny_published, tmp_path)


# --- never write outside outputs/ ---------------------------------------------------------------


def _victim_file(site):
    victim = site["tmp"] / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    return victim


def _victim_dir(site, with_report: bool = False):
    victim = site["tmp"] / "victim"
    if with_report:
        shutil.copytree(site["outputs"] / "reports" / "tiny-egdi_rank", victim)
    else:
        (victim / "keep").mkdir(parents=True)
    (victim / "keep.txt").write_text("precious\n", encoding="utf-8")
    return victim


def _link(path: Path, target: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target, target_is_directory=target.is_dir())


SYMLINKS = [
    # (case, path inside outputs/, victim is a directory, the build still builds the other report)
    (".lock", ".lock", False, False),
    (".staging", ".staging", True, False),
    ("report folder", "reports/tiny-egdi_rank", True, True),
    ("reports", "reports", True, False),
    ("failed", "failed", True, False),
    ("data page folder", "data", True, False),
    ("assets", "assets", True, False),
    ("manifest.json", "manifest.json", False, False),
    ("index.html", "index.html", False, False),
    ("index.vi.html", "index.vi.html", False, False),
]


@pytest.mark.parametrize(("case", "rel", "is_dir", "contained"), SYMLINKS, ids=[c[0] for c in SYMLINKS])
def test_symlinks_inside_outputs_are_never_followed(site, case, rel, is_dir, contained):
    victim = _victim_dir(site, with_report=rel.startswith("reports/")) if is_dir else _victim_file(site)
    before = tree_hash(victim) if is_dir else victim.read_bytes()
    _link(site["outputs"] / rel, victim)
    failing(site, "tiny-egdi_rank")
    r = run(site, "build", "--force", "--jobs", "1")
    no_traceback(r)
    assert r.returncode != 0
    assert "symbolic link" in r.stdout + r.stderr and rel in r.stdout + r.stderr, r.stdout + r.stderr
    assert (tree_hash(victim) if is_dir else victim.read_bytes()) == before
    assert victim.exists() and (not is_dir or (victim / "keep.txt").exists())
    assert (site["outputs"] / rel).is_symlink()  # left for a person to look at
    if contained:
        assert "built   tiny-ndxp_transactions" in r.stdout, r.stdout
        assert "tiny-egdi_rank" in manifest_of(site["outputs"])["failed"]


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=["022", "027"])
def test_published_files_respect_the_umask(site, umask):
    shutil.rmtree(site["outputs"])  # every file and folder made by this build, under this umask
    r = run(site, "build", preexec_fn=lambda: os.umask(umask))
    assert r.returncode == 0, r.stderr
    wrong = {}
    for p in site["outputs"].rglob("*"):
        if p.name == ".lock" or p.is_symlink():
            continue
        want = (0o777 if p.is_dir() else 0o666) & ~umask
        if stat.S_IMODE(p.stat().st_mode) != want:
            wrong[str(p.relative_to(site["outputs"]))] = oct(stat.S_IMODE(p.stat().st_mode))
    assert not wrong, wrong


# --- data text in charts ------------------------------------------------------------------------

MATH = [
    ("dollar amounts", "NDXP worth US$ 5 bn, up from US$ 3 bn"),
    ("undefined TeX command", r"NDXP $\undefinedcmd{x}$ transactions"),
]


@pytest.mark.parametrize(("case", "name"), MATH, ids=[m[0] for m in MATH])
def test_data_text_is_drawn_literally_in_charts(site, case, name):
    def rename(rows):
        for row in rows[1:]:
            if row[0] == "ndxp_transactions":
                row[1] = name

    rewrite_csv(site["data"] / "indicators.csv", rename)
    config = write_config(
        site["tmp"] / "profile.yaml",
        [{"name": "profile", "notebook": str(PROFILE), "parameters": {"indicator": "ndxp_transactions"}}],
    )
    r = run(site, "build", config=config)
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-3000:]
    svgs = list((site["outputs"] / "reports" / "profile" / "charts").glob("*.svg"))
    assert svgs
    from html import escape

    # The text as drawn (SVG <text> elements), not the comment matplotlib writes beside each text;
    # the name is part of the chart's title, which may wrap where the name has a space.
    drawn = [" ".join(re.findall(r">([^<>]*)</text>", p.read_text(encoding="utf-8"))) for p in svgs]
    assert any(escape(name, quote=False) in text for text in drawn), drawn


# --- publishing errors stay with their report ---------------------------------------------------


def _failed_is_a_file(site):
    shutil.rmtree(site["outputs"] / "failed", ignore_errors=True)
    (site["outputs"] / "failed").write_text("not a folder\n", encoding="utf-8")
    failing(site, "tiny-egdi_rank")
    return ()


def _report_folder_read_only(site):
    folder = site["outputs"] / "reports" / "tiny-egdi_rank"
    folder.chmod(0o555)  # like `chattr +i`: the folder can be neither moved nor changed
    return unprivileged()


CONTAINED = [
    ("outputs/failed is a file", _failed_is_a_file),
    ("report folder read-only", _report_folder_read_only),
]


@pytest.mark.parametrize(("case", "setup"), CONTAINED, ids=[c[0] for c in CONTAINED])
def test_a_publishing_error_is_contained_to_its_report(site, case, setup):
    good = tree_hash(site["outputs"] / "reports" / "tiny-egdi_rank")
    prefix = setup(site)
    try:
        r = run_cmd(
            runner_cmd(site["config"], site["outputs"], site["data"], "build", "--force", "--jobs", "1"),
            prefix=prefix,
        )
    finally:
        (site["outputs"] / "reports" / "tiny-egdi_rank").chmod(0o755)
    no_traceback(r)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "built   tiny-ndxp_transactions" in r.stdout, r.stdout
    m = manifest_of(site["outputs"])
    assert "tiny-egdi_rank" in m["failed"] and "tiny-ndxp_transactions" not in m["failed"]
    assert "tiny-egdi_rank" in m["reports"]  # the last good version is still published
    assert tree_hash(site["outputs"] / "reports" / "tiny-egdi_rank") == good


def test_worker_that_fills_the_disk_is_a_failed_report(site):
    # From the second cell on, every write of the worker fails as on a full disk (EFBIG, the signal
    # ignored process-wide): its result.json is left empty.
    tiny_notebook(
        site["tmp"] / "full.ipynb",
        "\nimport ctypes, resource, signal\nlibc = ctypes.CDLL(None)\nlibc.signal.restype = ctypes.c_void_p\n"
        "libc.signal(int(signal.SIGXFSZ), ctypes.c_void_p(1))  # SIG_IGN\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))",
    )
    config = write_config(site["config"], [*TWO_TINY, {"name": "full", "notebook": "full.ipynb"}])
    r = run(site, "build", config=config)
    no_traceback(r)
    assert r.returncode == 1
    assert "full" in manifest_of(site["outputs"])["failed"]
    assert "result" in manifest_of(site["outputs"])["failed"]["full"]["error"]


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "null",
        '{"reports": []}',
        '{"reports": {}, "failed": []}',
        '{"reports": {"tiny-egdi_rank": 5}}',
        '"text"',
        '{"reports": {}, "failed": {}, "data_changes": "text"}',
        '{"reports": {}, "failed": {}, "data_changes": [{"at": 1}]}',
    ],
)
def test_manifest_of_the_wrong_shape_is_rebuilt(site, content):
    (site["outputs"] / "manifest.json").write_text(content, encoding="utf-8")
    r = run(site, "list")
    no_traceback(r)
    assert r.returncode == 0 and "warning" in r.stderr, r.stderr
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 0 and "unreadable" in r.stderr, r.stderr
    assert set(manifest_of(site["outputs"])["reports"]) == set(NAMES)


@pytest.mark.parametrize(
    "content", ["[]", '{"figures": []}', '{"figures": {"egdi_rank": "x"}}', '{"figures": {"a": 1}}']
)
def test_data_snapshot_of_the_wrong_shape_is_replaced(site, content):
    snapshot = site["outputs"] / "data" / "published-figures.json"
    snapshot.write_text(content, encoding="utf-8")

    def annotate(rows):  # new data (a note changed), so the data page is published again
        rows[1][rows[0].index("note")] += " (checked)"

    rewrite_csv(site["data"] / "figures.csv", annotate)
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "published-figures.json is unreadable" in r.stderr, r.stderr[-2000:]
    figures = json.loads(snapshot.read_text(encoding="utf-8"))["figures"]
    assert isinstance(figures, dict) and len(figures) > 100, figures
