"""Whatever goes wrong, the last good reports stay published and the log says what to fix: while
building. A kernel that dies or hangs is reported like a failure, an interrupted build leaves every
published report whole, an overlapping run exits with a clear message or waits, and reports build
with no network. Bad input: test_reliability.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from helpers.reports.outputs import Outputs
from reports_support import (
    build,
    built_names,
    copy_prebuilt,
    manifest,
    runner_cmd,
    tree_hash,
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


@pytest.mark.parametrize("kernel", ["inprocess", "subprocess"])
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import os; os._exit(3)", "died"),  # the kernel (or its worker) dies
        ("import time; time.sleep(60)", "timed out"),  # the kernel hangs
    ],
    ids=["dies", "hangs"],
)
def test_dead_or_hung_kernel_is_reported_like_a_failure(env, kernel, code, expected):
    import nbformat

    nb_path = env["tmp"] / "tiny.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(code))
    nbformat.write(nb, nb_path)
    good = tree_hash(env["outputs"] / "reports")
    t0 = time.monotonic()
    r = build(env["config"], env["outputs"], env["data"], "--cell-timeout", "3", "--kernel", kernel)
    assert time.monotonic() - t0 < 50
    assert r.returncode == 1
    summary = "\n".join(ln for ln in r.stdout.splitlines() if ln.startswith("tiny-"))
    assert summary.count("failed") == 2 and expected in summary.lower() or expected in r.stdout.lower(), (
        r.stdout
    )
    assert tree_hash(env["outputs"] / "reports") == good
    assert set(manifest(env["outputs"])["failed"]) == {"tiny-egdi_rank", "tiny-ndxp_transactions"}


def _start_build(env, *args) -> subprocess.Popen:
    cmd = runner_cmd(env["config"], env["outputs"], env["data"], "build", *args)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_published_whole(outputs: Path) -> None:
    json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))
    for folder in (outputs / "reports").iterdir():
        assert not folder.name.startswith("."), folder
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>"), folder
        nb = json.loads((folder / "notebook.ipynb").read_text(encoding="utf-8"))
        assert nb["cells"], folder
    page = (outputs / "index.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["INT", "TERM", "KILL"])
@pytest.mark.parametrize("after", [0.3, 1.5, 3.0])
def test_interrupted_build_leaves_every_published_report_whole(env, sig, after):
    text = (
        env["config"]
        .read_text()
        .replace("name: tiny-{indicator}", "name: tiny-{indicator}\n  parameters:\n    sleep: 1")
    )
    env["config"].write_text(text)
    proc = _start_build(env, "--jobs", "1")
    time.sleep(after)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    if sig != signal.SIGKILL:
        assert proc.returncode in (0, 130), (proc.returncode, err[-3000:])  # 0: finished before the signal
    time.sleep(0.5)
    _assert_published_whole(env["outputs"])
    r = build(env["config"], env["outputs"], env["data"])
    assert r.returncode == 0, r.stderr
    _assert_published_whole(env["outputs"])
    staging = Outputs(env["outputs"]).staging_root
    assert not staging.exists() or not any(staging.iterdir())
    assert build(env["config"], env["outputs"], env["data"]).stdout.count("up to date") >= 2


def test_overlapping_run_exits_with_a_clear_message_or_waits(env):
    with Outputs(env["outputs"]).lock(wait=False):
        r = build(env["config"], env["outputs"], env["data"], "--force")
        assert r.returncode == 3
        assert "another build is running" in r.stderr and "--wait" in r.stderr

    done = {}

    def hold():
        with Outputs(env["outputs"]).lock(wait=False):
            done["held"] = time.monotonic()
            time.sleep(2)
        done["released"] = time.monotonic()

    t = threading.Thread(target=hold)
    t.start()
    time.sleep(0.3)
    r = build(env["config"], env["outputs"], env["data"], "--wait")
    t.join()
    assert r.returncode == 0 and time.monotonic() >= done["released"]


def test_reports_build_with_no_network(env, tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    log = tmp_path / "attempts.txt"
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        f"LOG = {str(log)!r}\n"
        "_connect = socket.socket.connect\n"
        "def connect(self, address):\n"
        "    host = address[0] if isinstance(address, tuple) else str(address)\n"
        "    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ('127.0.0.1', '::1', 'localhost'):\n"
        "        open(LOG, 'a').write(f'{address}\\n')\n"
        "        raise OSError('network access blocked by test')\n"
        "    return _connect(self, address)\n"
        "socket.socket.connect = connect\n"
    )
    env_vars = {**os.environ, "PYTHONPATH": str(guard)}
    for kernel in ("inprocess", "subprocess"):
        r = build(
            env["config"],
            env["outputs"],
            env["data"],
            "--force",
            "--kernel",
            kernel,
            timeout=300,
            env=env_vars,
        )
        assert r.returncode == 0, r.stderr
        assert built_names(r.stdout) == {"tiny-egdi_rank", "tiny-ndxp_transactions"}
    assert not log.exists(), log.read_text()
