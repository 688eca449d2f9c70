"""The reliability attack (issue 14), driven through the command line as a user would: every failure is a
message, never a traceback; a wait, a dead worker and unbounded work are handled.

Most tests start from a copy of the run's one small published site (two tiny reports,
conftest.tiny_published); the rest need no build at all. Faults the file system cannot be made to
produce on demand are injected with a ``sitecustomize`` module on ``PYTHONPATH`` of the runner's
process only. The runner's command runs forked from a warm server unless the process itself must
differ (tests/runner_fork.py, through attack_support.run_cmd).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from attack_support import (
    TWO_TINY,
    bare_site,
    copy_site,
    limit_memory,
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


@pytest.fixture
def site(tiny_published, tmp_path) -> dict:
    """A private copy of the run's published site: config, tiny notebook, data and outputs/."""
    return copy_site(tiny_published, tmp_path)


@pytest.fixture
def bare(tmp_path) -> dict:
    """A config, tiny notebook and data copy, with an outputs/ that only holds a sentinel page."""
    return bare_site(tmp_path)


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
    before = tree_hash(site["outputs"])
    for p in [site["outputs"], *site["outputs"].rglob("*")]:
        if p.is_dir():
            p.chmod(0o555)
    try:
        r = run_cmd(
            runner_cmd(site["config"], site["outputs"], site["data"], "build", "--force"),
            prefix=unprivileged(),
        )
    finally:
        for p in [site["outputs"], *site["outputs"].rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
    no_traceback(r)
    assert r.returncode != 0 and "Permission denied" in r.stdout + r.stderr, r.stdout + r.stderr
    assert tree_hash(site["outputs"]) == before


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
    before = tree_hash(site["outputs"])
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
    assert tree_hash(site["outputs"]) == before


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
