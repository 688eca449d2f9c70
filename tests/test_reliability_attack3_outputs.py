"""The reliability attack, round three (issue 23): the runner writes only into an outputs folder it
made, touches only its own names there, and survives its own files of any shape (journal,
validation record). Publishing on one data version and what a page depends on:
test_reliability_attack3_version.py."""

from __future__ import annotations

import json
import os
import signal
import sys

import pytest

from attack_support import (
    NAMES,
    copy_site,
    fresh,
    manifest_of,
    no_traceback,
    run,
    run_cmd,
    tree,
    with_fault,
)
from reports_support import built_names

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tiny_published):
    """The run's one published site of two tiny reports (conftest.tiny_published), copied by tests."""
    return tiny_published


@pytest.fixture
def site(published, tmp_path) -> dict:
    return copy_site(published, tmp_path)


# --- an outputs folder the runner did not make ---------------------------------------------------


def _persons_folder(out):
    for rel, text in {
        "index.html": "<html>my own page</html>",
        "manifest.json": '{"mine": true}',
        "assets/site.css": "body { color: red }",
        "data/index.html": "<html>my data</html>",
        "notes.txt": "my notes",
        ".staging/draft.txt": "my draft",
        "reports/old/index.html": "<html>an old report of mine</html>",
    }.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")


def _repository_root(out):
    for rel, text in {
        ".git/HEAD": "ref: refs/heads/main\n",
        "data/figures.csv": "indicator,value\n",
        "index.html": "<html>project home</html>",
        "README.md": "# a project\n",
    }.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")


FOREIGN = [("a person's folder", _persons_folder), ("a repository root", _repository_root)]


@pytest.mark.parametrize("via", ["--outputs", "HELPERS_OUTPUTS_DIR"])
@pytest.mark.parametrize(("case", "setup"), FOREIGN, ids=[f[0] for f in FOREIGN])
def test_a_folder_the_runner_did_not_make_is_refused(tmp_path, case, setup, via):
    s = fresh(tmp_path)
    theirs = tmp_path / "theirs"
    setup(theirs)
    before = tree(theirs)
    cmd = [
        sys.executable,
        "-m",
        "helpers.reports",
        "--config",
        str(s["config"]),
        "--data-dir",
        str(s["data"]),
    ]
    env = dict(os.environ)
    if via == "--outputs":
        cmd += ["--outputs", str(theirs)]
    else:
        env["HELPERS_OUTPUTS_DIR"] = str(theirs)
    for args in (["build", "--jobs", "1"], ["list"]):
        r = run_cmd([*cmd, *args], env=env)
        no_traceback(r)
        assert r.returncode == 2, (args, r.stdout[-2000:], r.stderr[-2000:])
        assert str(theirs) in r.stderr and "not made by the report runner" in r.stderr, r.stderr[-2000:]
        assert "empty folder" in r.stderr  # how to proceed
        assert tree(theirs) == before, args


def test_an_empty_folder_becomes_the_runners_own(tmp_path):
    s = fresh(tmp_path)
    s["outputs"].mkdir()
    for _ in range(2):
        r = run(s, "build", "--jobs", "1")
        no_traceback(r)
        assert r.returncode == 0, r.stderr[-2000:]
    assert set(manifest_of(s["outputs"])["reports"]) == set(NAMES)


def test_a_persons_own_dot_old_folders_are_left_alone(site):
    reports = site["outputs"] / "reports"
    for name in (".tiny-egdi_rank.old", ".my-archive.old", ".backup.old"):
        (reports / name).mkdir()
        (reports / name / "keep.txt").write_text("mine\n", encoding="utf-8")
    before = tree(reports, skip=NAMES)
    r = run(site, "build", "--force", "--jobs", "1")
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "recovered" not in r.stdout, r.stdout
    assert tree(reports, skip=NAMES) == before
    assert (
        not (reports / "my-archive").exists() and "my-archive" not in manifest_of(site["outputs"])["reports"]
    )


# --- the runner's own files, of any shape --------------------------------------------------------

JOURNALS = [
    ("a list", b"[]\n"),
    ("a number", b"5\n"),
    ("an object without a name", b'{"x": 1}\n'),
    ("binary", b"\x80\x81\xfe\xff\x00\n"),
    ("a name of the wrong type", b'{"name": 5, "good": [], "failed": "x"}\n'),
    ("a record of the wrong shape", b'{"name": "tiny-egdi_rank", "good": {"inputs": 5, "reads": 7}}\n'),
    ("a failure of the wrong shape", b'{"name": "tiny-egdi_rank", "good": null, "failed": 12}\n'),
]


@pytest.mark.parametrize(("case", "content"), JOURNALS, ids=[j[0] for j in JOURNALS])
def test_a_journal_of_any_shape_never_gives_a_traceback(site, case, content):
    (site["outputs"] / ".journal").write_bytes(content)
    r = run(site, "list")
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert ".journal" in r.stderr and "line 1" in r.stderr, r.stderr[-2000:]  # said, then put aside
    r = run(site, "build")  # nothing was poisoned
    no_traceback(r)
    assert r.returncode == 0 and ".journal" not in r.stderr, r.stdout[-2000:] + r.stderr[-2000:]
    assert built_names(r.stdout) == set()
    assert set(manifest_of(site["outputs"])["reports"]) == set(NAMES)


def _record_edit(edit):
    def apply(outputs):
        path = outputs / ".cache" / "validated.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        [entry] = record["folders"].values()
        edit(record, entry)
        path.write_text(json.dumps(record), encoding="utf-8")

    return apply


def _first_file(entry):
    return next(iter(entry["files"]))


RECORDS = [
    ("folders a list", _record_edit(lambda rec, e: rec.__setitem__("folders", []))),
    ("an entry a number", _record_edit(lambda rec, e: rec["folders"].__setitem__(next(iter(rec["folders"])), 5))),
    ("files a list", _record_edit(lambda rec, e: e.__setitem__("files", []))),
    ("a file's stamp a string", _record_edit(lambda rec, e: e["files"].__setitem__(_first_file(e), "x"))),
    ("a stamp too short", _record_edit(lambda rec, e: e["files"].__setitem__(_first_file(e), [1]))),
    ("taken_ns a string", _record_edit(lambda rec, e: e.__setitem__("taken_ns", "yesterday"))),
    ("facts a list", _record_edit(lambda rec, e: e.__setitem__("facts", []))),
    ("indicators a list", _record_edit(lambda rec, e: e["facts"].__setitem__("indicators", []))),
    ("fingerprints a number", _record_edit(lambda rec, e: e["facts"].__setitem__("per", 5))),
    ("rows of text", _record_edit(lambda rec, e: e["facts"].__setitem__("rows", {"egdi_rank": "many"}))),
]  # fmt: skip


@pytest.mark.parametrize(("case", "damage"), RECORDS, ids=[c[0] for c in RECORDS])
def test_a_validation_record_of_any_shape_is_rebuilt_with_a_message(site, case, damage):
    damage(site["outputs"])
    before = tree(site["outputs"], skip=(".cache", ".lock"))
    r = run(site, "list")
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "validated.json" in r.stderr, r.stderr[-2000:]  # said, and rebuilt
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 0 and "validated.json" not in r.stderr, r.stderr[-2000:]
    assert tree(site["outputs"], skip=(".cache", ".lock")) == before  # nothing to rebuild


KILL_AT_MANIFEST = """
import os, signal
_replace = os.replace
def replace(src, dst, *a, **k):
    if os.path.basename(os.fsdecode(dst)) == "manifest.json":
        os.kill(os.getpid(), signal.SIGKILL)  # after the batch's reports, before its manifest
    return _replace(src, dst, *a, **k)
os.replace = replace
"""


def test_a_journal_line_cut_by_a_kill_is_not_glued_to_the_next_run(site):
    out = site["outputs"]
    # What a kill in the middle of an append leaves: a line cut short, no newline.
    (out / ".journal").write_text('{"name": "tiny-egdi_rank", "go', encoding="utf-8")
    nb = site["tmp"] / "tiny.ipynb"
    nb.write_text(nb.read_text(encoding="utf-8").replace("rows read:", "rows read now:"), encoding="utf-8")
    r = run(site, "build", "--jobs", "1", env=with_fault(site["tmp"], KILL_AT_MANIFEST))
    assert r.returncode == -signal.SIGKILL, (r.returncode, r.stderr[-2000:])
    assert built_names(r.stdout) == set(NAMES)  # both published, the manifest not written
    r = run(site, "build", "--jobs", "1")
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "recorded 2 report(s) that an interrupted run published" in r.stdout, r.stdout
    assert built_names(r.stdout) == set()  # nothing built twice
