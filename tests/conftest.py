"""Shared fixtures. Charts render with the Agg backend; data edits happen on a copy."""

import os
import re
import shutil
from pathlib import Path

import matplotlib
import pytest

# Agg for this process only: kernels started by nbval or papermill must keep their inline backend.
os.environ.pop("MPLBACKEND", None)
matplotlib.use("Agg")
os.environ.pop("HELPERS_DATA_DIR", None)
os.environ.pop("HELPERS_OUTPUTS_DIR", None)

from helpers.paths import DEFAULT_DATA_DIR, PROJECT_DIR  # noqa: E402

# Where tests leave files for a person to look at after a failure (browser screenshots): CI uploads
# this folder as an artifact when the tests fail (.github/workflows/tests.yml). Git-ignored.
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts"


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may edit."""
    dst = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, dst)
    return dst


@pytest.fixture
def screenshots_dir(request):
    """test-artifacts/<test name>/, emptied first: where a browser test saves its screenshots."""
    dst = ARTIFACTS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    return dst


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id):
    """Every report of reports.yaml built once into a temporary outputs folder (or $PAGES_OUTPUTS),
    once per run: the xdist workers share it (the first to ask builds it, under a lock, and the others
    wait for it), and the tests only read it."""
    import fcntl

    from pages_support import build_site

    if worker_id == "master":
        return build_site(tmp_path_factory.mktemp("site") / "outputs")
    shared = tmp_path_factory.getbasetemp().parent / "site"  # the run's folder, above each worker's
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            (shared / "built").write_text(str(build_site(shared / "outputs")), encoding="utf-8")
    return Path((shared / "built").read_text(encoding="utf-8"))


_STARTED: list[float] = []


def pytest_sessionstart(session):
    import time

    _STARTED.append(time.time())


def pytest_terminal_summary(terminalreporter):
    """Name the folder of the browser tests' screenshots at the end of the run, so a person knows
    where to look at the pages as a reader sees them (only screenshots this run took)."""
    shots = ARTIFACTS_DIR / "screenshots"
    since = _STARTED[0] if _STARTED else 0.0
    found = [p for p in shots.glob("*.png") if p.stat().st_mtime >= since] if shots.is_dir() else []
    if found:
        terminalreporter.write_line(f"screenshots of the published pages ({len(found)}): {shots}/")
