"""Shared fixtures. Charts render with the Agg backend; data edits happen on a copy."""

import contextlib
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


def _once_per_run(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` run once per test run into a folder that every xdist worker shares (the first
    to ask makes it, under a lock, and the others wait for it): the folder ``make`` returns."""
    from pages_support import once_in

    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process (-n 0 or -p no:xdist)
        return make(tmp_path_factory.mktemp(name) / name)
    return once_in(_shared(tmp_path_factory, name), lambda folder: make(folder / name))


def _shared(tmp_path_factory, name: str) -> Path:
    """The run's folder ``name``, above each xdist worker's own."""
    return tmp_path_factory.getbasetemp().parent / name


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Every report of reports.yaml built once into a temporary outputs folder (or $PAGES_OUTPUTS),
    once per run: the xdist workers share it (started at collection: pytest_collection_finish), and
    the tests only read it."""
    from pages_support import build_site, site_of_run

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_site(tmp_path_factory.mktemp("site") / "outputs")
    return site_of_run(_shared(tmp_path_factory, "site"))


_BACKGROUND: list = []


def pytest_collection_finish(session):
    """When a selected test needs the site (the 98 reports, 2 to 3 minutes of a core or two), start
    its one build at once, in the background, beside the tests that need no site: not when the first
    test that needs it happens to run. A run that selects no slow test builds no report: the fork
    server of the runner's tests then warms only the data (``runner_fork.WARM``)."""
    if not any(item.get_closest_marker("slow") for item in session.items):
        import runner_fork

        runner_fork.WARM = "data"
    if not os.environ.get("PYTEST_XDIST_WORKER") or os.environ.get("PAGES_OUTPUTS"):
        return
    if not any("site" in getattr(item, "fixturenames", ()) for item in session.items):
        return
    from pages_support import start_site_build

    proc = start_site_build(_shared(session.config._tmp_path_factory, "site"))
    if proc is not None:
        _BACKGROUND.append(proc)


def pytest_sessionfinish(session, exitstatus):
    """A background build still running when this worker is done is waited for when the run went to
    its end (another worker's tests need the site: killed, it would be built again from nothing), and
    stopped with its whole session when the run stopped early (Ctrl-C, ``-x``); a test still waiting
    for it elsewhere then builds the site itself."""
    import signal

    ended = exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)
    for proc in _BACKGROUND:
        try:
            if proc.poll() is None and ended and not (session.shouldstop or session.shouldfail):
                proc.wait()
        finally:  # Ctrl-C while waiting stops it too
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(30)


@pytest.fixture(scope="session")
def tiny_published(tmp_path_factory):
    """A folder holding a copy of the data, the tiny notebook, a config of its two reports
    (``attack_support.TWO_TINY``) and outputs/ built from them, once per run for every worker: tests
    copy it (``attack_support.copy_site``, ``reports_support.copy_prebuilt``) and never write in it."""
    from attack_support import publish_once

    def make(folder: Path) -> Path:
        folder.mkdir(parents=True)
        return publish_once(folder)

    return _once_per_run(tmp_path_factory, "tiny-published", make)


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
