"""The reliability attack, round three (issue 23): ``make notebooks`` prints no kernel warning, and
the shard folders of the README's example (``outputs-shard-K-of-N``) are git-ignored and removed by
``make clean``."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from attack_support import no_traceback, run_cmd
from helpers.paths import PROJECT_DIR
from reports_support import tiny_notebook


@pytest.mark.slow
def test_refreshing_notebooks_prints_no_kernel_warning(tmp_path, data_copy):
    nb = tiny_notebook(tmp_path / "tiny.ipynb")
    env = {**os.environ, "HELPERS_DATA_DIR": str(data_copy)}
    # What `make notebooks` runs, on one small notebook.
    r = run_cmd([sys.executable, "-m", "helpers.reports", "refresh-notebooks", str(nb)], env=env)
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "WARNING" not in r.stderr and "without encryption" not in r.stderr, r.stderr[-2000:]


def test_shard_folders_are_git_ignored():
    if not (PROJECT_DIR / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout: nothing to ignore (run from a clone)")
    for path in ("outputs-shard-1-of-3/index.html", "outputs-shard-12-of-40/reports/x/index.html"):
        r = run_cmd(["git", "-C", str(PROJECT_DIR), "check-ignore", "-q", path])
        assert r.returncode == 0, path


def test_make_clean_removes_shard_folders(tmp_path):
    if not shutil.which("make"):
        pytest.skip("make not installed")
    shutil.copy(PROJECT_DIR / "Makefile", tmp_path / "Makefile")
    files = {
        "outputs/README.md": True,
        "outputs/index.html": False,
        "outputs-shard-1-of-3/index.html": False,
        "outputs-shard-2-of-3/reports/x/index.html": False,
        "notes/keep.txt": True,
        "outputs-mine.txt": True,
    }
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    r = run_cmd(["make", "clean"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    for rel, kept in files.items():
        assert (tmp_path / rel).exists() == kept, rel
    assert not list(tmp_path.glob("outputs-shard-*"))
