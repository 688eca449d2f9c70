"""The process the report workers fork from (helpers.reports.warmfork): what its warm-up raises
reaches the runner unchanged, a build that loses it fails what it could not run and says why, and a
build that turns out to have nothing to do leaves none behind."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from helpers.data import DataValidationError, validate
from helpers.reports.layout import FAILED
from helpers.reports.warmfork import Warm
from reports_support import build, built_names, copy_prebuilt, manifest, runner_cmd

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path, tiny_published):
    """Two tiny reports (tiny-egdi_rank, tiny-ndxp_transactions) already built, in a private copy."""
    return copy_prebuilt(tiny_published, tmp_path)


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with open(task / "children", encoding="ascii") as fh:
            out += [int(p) for p in fh.read().split()]
    return out


def _edit(figures: Path, column: str, value, pick=lambda row: True) -> None:
    """Set ``column`` of the first row ``pick`` accepts (a dict of the row) to ``value(old)``."""
    with figures.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    row = next(r for r in rows[1:] if pick(dict(zip(header, r, strict=True))))
    row[header.index(column)] = value(row[header.index(column)])
    with figures.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_what_the_warm_up_raises_reaches_the_runner_unchanged(env):
    _edit(env["data"] / "figures.csv", "value", lambda _old: "1.013 triệu")
    with pytest.raises(DataValidationError) as expected:
        validate(env["data"])
    warm = Warm("inprocess", str(env["data"]))
    try:
        with pytest.raises(DataValidationError) as raised:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                assert not warm.lost
                warm.events(timeout=1.0)
        assert raised.value.problems == expected.value.problems
        assert str(raised.value) == str(expected.value)
    finally:
        warm.close()


def test_a_build_that_loses_its_warm_process_fails_what_it_could_not_run(env):
    text = env["config"].read_text(encoding="utf-8")
    env["config"].write_text(
        text.replace("name: tiny-{indicator}", "name: tiny-{indicator}\n  parameters:\n    sleep: 60"),
        encoding="utf-8",
    )
    cmd = runner_cmd(env["config"], env["outputs"], env["data"], "build", "--jobs", "1")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        warm = None
        deadline = time.monotonic() + 120
        while warm is None and time.monotonic() < deadline:  # the child that has a worker of its own
            time.sleep(0.2)
            warm = next((c for c in _children(proc.pid) if _children(c)), None)
        assert warm is not None, "no worker started"
        worker = _children(warm)[0]
        os.kill(warm, signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1, err[-3000:]
    assert not Path(f"/proc/{worker}").exists() or "zombie" in Path(f"/proc/{worker}/status").read_text()
    table = out[out.index("\nreport ") :]  # the summary: one line a report
    assert "worker process stopped: the process the workers fork from died (exit code -9)" in table, out
    assert "not run: the process the workers fork from died (exit code -9)" in table, out
    failed = set(manifest(env["outputs"])[FAILED])
    assert failed == {"tiny-egdi_rank", "tiny-ndxp_transactions"}
    # the last good versions stay published, and a build after it rebuilds both
    for name in failed:
        assert (env["outputs"] / "reports" / name / "index.html").exists()
    env["config"].write_text(text, encoding="utf-8")
    r = build(env["config"], env["outputs"], env["data"])
    assert r.returncode == 0, r.stderr
    assert built_names(r.stdout) == failed


def test_a_data_change_no_report_reads_leaves_no_warm_process_behind(env):
    """The data changed, so the warm-up starts early; the plan finds nothing to rebuild (the change
    is in an indicator neither report reads), so it is stopped and the build ends as a no-op."""
    read = {"egdi_rank", "ndxp_transactions"}
    _edit(
        env["data"] / "figures.csv",
        "note",
        lambda old: old + " (edited)",
        lambda r: r["indicator"] not in read,
    )
    cmd = runner_cmd(env["config"], env["outputs"], env["data"], "build")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: set[int] = set()
    while proc.poll() is None:
        try:
            seen.update(_children(proc.pid))
        except (FileNotFoundError, ProcessLookupError):
            break
        time.sleep(0.01)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err[-3000:]
    assert "0 built, 2 up to date" in out
    assert "warm-up:" not in out
    time.sleep(0.2)
    alive = [
        p
        for p in seen
        if Path(f"/proc/{p}").exists() and "zombie" not in Path(f"/proc/{p}/status").read_text()
    ]
    assert alive == []
