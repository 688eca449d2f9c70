"""Whatever goes wrong, the last good reports stay published and the log says what to fix."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from helpers.reports.outputs import Outputs
from reports_support import (
    PROFILE,
    build,
    built_names,
    copy_prebuilt,
    manifest,
    runner_cmd,
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
