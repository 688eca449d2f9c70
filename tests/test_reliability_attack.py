"""The reliability attack (issue 14), driven through the command line as a user would: nothing
published is lost or replaced by less, nothing outside outputs/ is touched, and every failure is a
message, never a traceback.

Most tests start from one small published site (two tiny reports) built once per module and copied
for each test; the rest need no build at all. Faults the file system cannot be made to produce on
demand (no ``renameat2``, a kill between two renames) are injected with a ``sitecustomize`` module on
``PYTHONPATH`` of the runner's process only.
"""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from attack_support import run_cmd
from helpers.paths import DEFAULT_DATA_DIR, NOTEBOOKS_DIR
from reports_support import runner_cmd, tiny_notebook, tree_hash, write_config

pytestmark = pytest.mark.slow

PROFILE = NOTEBOOKS_DIR / "10_indicator_profile.ipynb"
NAMES = ("tiny-egdi_rank", "tiny-ndxp_transactions")
TWO_TINY = [
    {
        "name": "tiny-{indicator}",
        "notebook": "tiny.ipynb",
        "matrix": {"indicator": ["egdi_rank", "ndxp_transactions"]},
    }
]


# --- running the command line -------------------------------------------------------------------


def run(site: dict, *args: str, outputs: Path | None = None, data: Path | None = None, config=None, **kw):
    """``python -m helpers.reports ARGS`` on a site; the completed process."""
    cmd = runner_cmd(config or site["config"], outputs or site["outputs"], data or site["data"], *args)
    return _run(cmd, **kw)


def _run(cmd, timeout=300, env=None, preexec_fn=None, prefix=()):
    """The runner's command forked from a warm server unless the process itself must differ (a
    prefix, a ``preexec_fn``, another ``PYTHONPATH``): attack_support.run_cmd."""
    return run_cmd(cmd, timeout=timeout, env=env, preexec_fn=preexec_fn, prefix=prefix)


def no_traceback(r) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr[-3000:] + r.stdout[-3000:]


def unprivileged() -> tuple[str, ...]:
    """A command prefix under which file permissions apply (root keeps its uid, loses DAC override)."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable")


def with_fault(tmp: Path, code: str) -> dict:
    """Environment whose Python runs ``code`` at start-up (a sitecustomize module)."""
    guard = tmp / "fault"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(textwrap.dedent(code), encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(guard)}


def limit_memory(nbytes: int = 1_500_000_000):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (nbytes, nbytes))

    return apply


def site_files(outputs: Path) -> dict[str, str]:
    """The published site's files and their hashes (the lock file aside)."""
    return tree_hash(outputs)


def manifest_of(outputs: Path) -> dict:
    return json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))


def rewrite_csv(path: Path, edit) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows = edit(rows) or rows
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def keep_rows(pred):
    """An edit keeping the header and the rows for which ``pred(row)`` is true."""
    return lambda rows: [rows[0], *(r for r in rows[1:] if pred(r))]


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tiny_published):
    """The run's one site with the two tiny reports built (conftest.tiny_published), copied by
    ``site`` for each test."""
    return tiny_published


@pytest.fixture
def site(published, tmp_path) -> dict:
    """A private copy of a published site: config, tiny notebook, data and outputs/."""
    for name in ("data", "outputs"):
        shutil.copytree(published / name, tmp_path / name, symlinks=True)
    for name in ("tiny.ipynb", "reports.yaml"):
        shutil.copy2(published / name, tmp_path / name)
    return {
        "config": tmp_path / "reports.yaml",
        "outputs": tmp_path / "outputs",
        "data": tmp_path / "data",
        "tmp": tmp_path,
    }


@pytest.fixture
def bare(tmp_path) -> dict:
    """A config, tiny notebook and data copy, with an outputs/ that only holds a sentinel page."""
    shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "data")
    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [
            {
                "name": "tiny-{indicator}",
                "notebook": "tiny.ipynb",
                "matrix": {"indicator": {"from": "headline_indicators"}},
            }
        ],
    )
    out = tmp_path / "outputs"
    (out / "reports" / "kept").mkdir(parents=True)
    (out / "reports" / "kept" / "index.html").write_text("<html>kept</html>", encoding="utf-8")
    (out / "index.html").write_text("<html>index</html>", encoding="utf-8")
    return {"config": config, "outputs": out, "data": tmp_path / "data", "tmp": tmp_path}


def failing(site: dict, name: str = "tiny-egdi_rank") -> None:
    """Rewrite the site's config so that report ``name`` raises and the other one is unchanged."""
    entries = [
        {
            "name": n,
            "notebook": "tiny.ipynb",
            "parameters": {"indicator": n[5:], **({"fail": True} if n == name else {})},
        }
        for n in NAMES
    ]
    write_config(site["config"], entries)


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
    before = site_files(bare["outputs"])
    edit(bare["data"])
    r = run(bare, "build", "--force")
    no_traceback(r)
    assert r.returncode == 1, (r.returncode, r.stderr[-2000:])
    assert "the data does not validate" in r.stderr, r.stderr[-2000:]
    for text in says:
        assert text in r.stderr, (text, r.stderr[-2000:])
    assert "start" not in r.stdout
    assert site_files(bare["outputs"]) == before
    v = _run([sys.executable, "-m", "helpers.data", str(bare["data"])])
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
    before = site_files(site["outputs"])
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
    assert site_files(site["outputs"]) == before
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
        r = _run(
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


# --- messages, not tracebacks -------------------------------------------------------------------


def _notebook_entry(notebook: str):
    def setup(b):
        write_config(b["config"], [{"name": "x", "notebook": notebook}])
        return ["build"]

    return setup


def _outputs_is_a_file(b):
    shutil.rmtree(b["outputs"])
    b["outputs"].write_text("a file\n", encoding="utf-8")
    return ["build"]


def _json_list(b):
    (b["tmp"] / "list.ipynb").write_text("[]", encoding="utf-8")
    (b["tmp"] / "nbdir").mkdir()
    return None


def _long_name(b):
    write_config(b["config"], [{"name": "x" * 250, "notebook": "tiny.ipynb"}])
    return ["build"]


def _config_timeout(b):
    write_config(b["config"], [{"name": "x", "notebook": "tiny.ipynb"}], cell_timeout=99999999999)
    return ["build"]


MESSAGES = [
    # (case, setup returning the arguments, what the message names)
    ("--outputs is a file", _outputs_is_a_file, "not a folder"),
    ("notebook is a folder", _notebook_entry("."), "not a notebook"),
    (
        "notebook is a JSON list",
        lambda b: _json_list(b) or _notebook_entry("list.ipynb")(b),
        "not a notebook",
    ),
    ("params of a folder", lambda b: ["params", str(NOTEBOOKS_DIR)], "not a notebook"),
    (
        "params of a JSON list",
        lambda b: _json_list(b) or ["params", str(b["tmp"] / "list.ipynb")],
        "not a notebook",
    ),
    ("250-character report name", _long_name, "characters"),
    ("--cell-timeout -5", lambda b: ["build", "--cell-timeout", "-5"], "--cell-timeout"),
    ("--cell-timeout 0", lambda b: ["build", "--cell-timeout", "0"], "--cell-timeout"),
    ("--cell-timeout huge", lambda b: ["build", "--cell-timeout", "99999999999"], "--cell-timeout"),
    ("cell_timeout huge in config", _config_timeout, "cell_timeout"),
]


@pytest.mark.parametrize(("case", "setup", "says"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_usage_errors_are_messages_not_tracebacks(bare, case, setup, says):
    args = setup(bare)
    r = run(bare, *args)
    no_traceback(r)
    assert r.returncode == 2, (r.returncode, r.stdout[-1000:], r.stderr[-2000:])
    assert says in r.stderr, r.stderr[-2000:]
    assert "start" not in r.stdout


def test_read_only_outputs_is_a_message(site):
    before = site_files(site["outputs"])
    for p in [site["outputs"], *site["outputs"].rglob("*")]:
        if p.is_dir():
            p.chmod(0o555)
    try:
        r = _run(
            runner_cmd(site["config"], site["outputs"], site["data"], "build", "--force"),
            prefix=unprivileged(),
        )
    finally:
        for p in [site["outputs"], *site["outputs"].rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
    no_traceback(r)
    assert r.returncode != 0 and "Permission denied" in r.stdout + r.stderr, r.stdout + r.stderr
    assert site_files(site["outputs"]) == before


# --- the wait, dead workers, unbounded work -----------------------------------------------------


def _waits_on_lock(pid: int, lock: Path) -> bool:
    """Whether process ``pid`` is blocked waiting for the flock on ``lock`` (``/proc/locks`` lists
    a waiter as ``N: -> FLOCK ADVISORY WRITE PID MAJ:MIN:INODE ...``)."""
    inode = f":{lock.stat().st_ino} "
    lines = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    return any("->" in ln and f" {pid} " in ln and inode in ln for ln in lines)


def test_wait_rechecks_the_data_after_getting_the_lock(site):
    import fcntl

    if not Path("/proc/locks").exists():
        pytest.skip("no /proc/locks: cannot tell when the build waits on the lock")
    before = site_files(site["outputs"])
    lock = site["outputs"] / ".lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    cmd = runner_cmd(site["config"], site["outputs"], site["data"], "build", "--force", "--wait")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The data validated before the lock; it changes while the build waits in flock().
        while not _waits_on_lock(proc.pid, lock):
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        rewrite_csv(
            site["data"] / "figures.csv",
            lambda rows: rows[1].__setitem__(rows[0].index("value"), "1.013 triệu"),
        )
    except BaseException:
        proc.kill()
        proc.communicate()
        raise
    finally:
        os.close(fd)
    out, err = proc.communicate(timeout=300)
    assert "Traceback" not in err and "Traceback" not in out, err[-3000:]
    assert proc.returncode == 1 and "the data does not validate" in err, (proc.returncode, err[-2000:])
    assert "figures.csv:2: column 'value'" in err
    assert site_files(site["outputs"]) == before


def test_worker_killed_by_a_signal_is_not_called_a_timeout(site):
    tiny_notebook(
        site["tmp"] / "oom.ipynb",
        "\nimport os, signal\nos.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does",
    )
    config = write_config(site["config"], [*TWO_TINY, {"name": "oom", "notebook": "oom.ipynb"}])
    r = run(site, "build", config=config)
    no_traceback(r)
    assert r.returncode == 1
    error = manifest_of(site["outputs"])["failed"]["oom"]["error"]
    assert "SIGKILL" in error and "memory" in error and "time limit" not in error, error
    assert "time limit" not in r.stdout


def test_index_links_no_failed_page_that_does_not_exist(site):
    tiny_notebook(site["tmp"] / "oom.ipynb", "\nimport os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    config = write_config(site["config"], [*TWO_TINY, {"name": "oom", "notebook": "oom.ipynb"}])
    run(site, "build", config=config)
    index = (site["outputs"] / "index.html").read_text(encoding="utf-8")
    assert "oom" in index and "SIGKILL" in index  # the error is shown, without a link
    for href in re.findall(r'href="(failed/[^"]+)"', index):
        assert (site["outputs"] / href).exists(), href


BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
reports:
  - name: bomb
    notebook: tiny.ipynb
    parameters:
      indicator: *i
"""

UNBOUNDED = [
    # (case, config text, what the message names)
    ("YAML alias bomb", BOMB, "too large"),
    (
        "huge name placeholder",
        "reports:\n  - name: x{indicator:>2000000000}\n    notebook: tiny.ipynb\n    parameters: {indicator: egdi_rank}\n",
        "placeholder",
    ),
    (
        "huge matrix",
        "reports:\n  - name: m-{a}-{b}-{c}-{d}\n    notebook: tiny.ipynb\n    matrix:\n"
        + "".join(f"      {k}: [{', '.join(str(i) for i in range(300))}]\n" for k in "abcd"),
        "too many reports",
    ),
]


@pytest.mark.parametrize(("case", "text", "says"), UNBOUNDED, ids=[u[0] for u in UNBOUNDED])
def test_config_expansion_is_bounded(bare, case, text, says):
    bare["config"].write_text(text, encoding="utf-8")
    # Under a memory limit: expanding it unbounded would end in a MemoryError traceback.
    r = run(bare, "build", preexec_fn=limit_memory())
    no_traceback(r)
    assert r.returncode == 2, (r.returncode, r.stderr[-1000:])
    assert len(r.stderr) < 10_000, len(r.stderr)
    assert says in r.stderr, r.stderr[-1000:]
