"""Issue 23, the third reliability attack, what a user hands the runner besides the data: a report
config or a notebook that is not UTF-8 text, a folder or a FIFO, a config with no reports, and a
sources.csv saved in another encoding. Each is a message naming the file (and the line and column
of a bad byte), never a traceback or a hang; what the rest of the messages follow from comes first."""

from __future__ import annotations

import json
import os
import sys

import pytest

from attack_support import no_traceback, run_cmd, validate
from reports_support import runner_cmd

CONFIGS = [
    ("UTF-16", lambda p: p.write_bytes("reports: []\n".encode("utf-16")), ["UTF-16", "UTF-8"]),
    ("Latin-1", lambda p: p.write_bytes(b"reports:\n  - name: caf\xe9\n"), [":2:14:", "e9", "UTF-8"]),
    ("a folder", lambda p: p.mkdir(), ["a folder", "a regular file"]),
    ("a FIFO", lambda p: os.mkfifo(p), ["a FIFO", "a regular file"]),
]


@pytest.mark.parametrize("case, make, says", CONFIGS, ids=[c[0] for c in CONFIGS])
def test_a_report_config_that_is_not_utf8_text_is_a_message(tmp_path, data_copy, case, make, says):
    config = tmp_path / "reports.yaml"
    make(config)
    for command in ("list", "build"):
        r = run_cmd(runner_cmd(config, tmp_path / "outputs", data_copy, command), timeout=120)
        no_traceback(r)
        assert r.returncode == 2, (command, r.stderr[-2000:])
        assert str(config) in r.stderr and all(s in r.stderr for s in says), r.stderr[-2000:]
        assert not (tmp_path / "outputs" / "index.html").exists()


def test_a_config_with_no_reports_is_listed_without_a_traceback(tmp_path, data_copy):
    config = tmp_path / "reports.yaml"
    config.write_text("reports: []\n", encoding="utf-8")
    r = run_cmd(runner_cmd(config, tmp_path / "outputs", data_copy, "list"), timeout=120)
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]


@pytest.mark.parametrize("kind", ["FIFO", "folder"])
def test_a_notebook_that_is_a_fifo_or_a_folder_is_refused_without_reading_it(tmp_path, data_copy, kind):
    nb = tmp_path / "report.ipynb"
    os.mkfifo(nb) if kind == "FIFO" else nb.mkdir()
    r = run_cmd([sys.executable, "-m", "helpers.reports", "params", str(nb)], timeout=60)
    no_traceback(r)
    assert r.returncode != 0 and f"a {kind}" in r.stderr and str(nb) in r.stderr, r.stderr[-2000:]
    config = tmp_path / "reports.yaml"
    config.write_text("reports:\n  - name: x\n    notebook: report.ipynb\n", encoding="utf-8")
    r = run_cmd(runner_cmd(config, tmp_path / "outputs", data_copy, "build"), timeout=120)
    no_traceback(r)
    assert r.returncode == 2 and f"a {kind}" in r.stderr and "report x" in r.stderr, r.stderr[-2000:]


def test_a_sources_file_in_another_encoding_is_said_first(data_copy):
    """Every raw table's source id follows from sources.csv: its own problem is listed first, and
    theirs name their lines (line 0 counted as a whole-file problem and came first)."""
    path = data_copy / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert lines[1].strip().startswith("sources.csv:1:") and "UTF-16" in lines[1], lines[:4]
    raw = [ln for ln in lines if ln.strip().startswith("raw/")]
    assert all(":0:" not in ln for ln in raw), raw[:3]


def _edit_descriptor(data, change) -> None:
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")


def _figures(package) -> dict:
    return next(r for r in package["resources"] if r["name"] == "figures")


DESCRIPTORS = [
    ("a table left out", lambda p: p["resources"].remove(_figures(p)), ["column 'resources'", "'figures'"]),
    (
        "a schema a number",
        lambda p: _figures(p).__setitem__("schema", 5),
        ["].schema'", "value '5'", "id, indicator"],
    ),
    ("a field left out", lambda p: _figures(p)["schema"]["fields"].pop(0), ["].schema'", "id, indicator"]),
    (
        "a field's type changed",
        lambda p: next(f for f in _figures(p)["schema"]["fields"] if f["name"] == "value").__setitem__(
            "type", "string"
        ),
        ["].schema'", "field 'value'"],
    ),
    (
        "two resources on one file",
        lambda p: next(r for r in p["resources"] if r["name"] == "indicators").__setitem__(
            "path", "figures.csv"
        ),
        ["].path'", "value 'figures.csv'", "indicators.csv"],
    ),
]


@pytest.mark.parametrize("case, change, says", DESCRIPTORS, ids=[d[0] for d in DESCRIPTORS])
def test_the_published_descriptor_describes_the_tables_as_they_were_checked(data_copy, case, change, says):
    """A data folder's datapackage.json is published with its data: a descriptor that leaves out a
    table or describes it otherwise than the contract the validator checks it by is refused."""
    _edit_descriptor(data_copy, change)
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1, r.stdout[-500:]
    first = r.stderr.splitlines()[1]
    assert first.strip().startswith("datapackage.json:") and all(s in first for s in says), first


def test_a_key_given_twice_in_the_descriptor_is_refused(data_copy):
    """JSON keeps the last of two equal keys: a second "path" would silently replace the first."""
    path = data_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    at = text.index('"path": "figures.csv"')
    path.write_text(
        text[:at] + '"path": "figures.csv", "path": "indicators.csv",' + text[at + 22 :], encoding="utf-8"
    )
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1
    line = text.count("\n", 0, at) + 1
    assert f"datapackage.json:{line}: column 'path'" in r.stderr and "each key once" in r.stderr, r.stderr[
        -800:
    ]
