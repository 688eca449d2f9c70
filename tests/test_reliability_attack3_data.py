"""The reliability attack, round three (issue 23): the data folder is input, not trusted code.

Its descriptor, READMEs, links and files are checked before anything is read or published: a
resource path or package name never reaches outside the data folder or outputs/, a link out of the
data folder is refused, the documents the data page publishes are part of the data version, and a
FIFO, a folder or an unreadable file where a table should be never hangs the validator or a build.
Driven through ``python -m helpers.data`` (``make validate``) and the runner's command line. The
text in the data (values read as their sources write them, spreadsheet formulas, invisible
characters, findings): test_reliability_attack3_text.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from attack_support import (
    copy_site,
    edit_csv,
    edit_descriptor,
    first_row,
    fresh,
    manifest_of,
    no_traceback,
    published_bytes,
    run,
    run_cmd,
    tree,
    unprivileged,
    validate,
    validate_cmd,
    zip_entries,
)
from reports_support import runner_cmd

SECRET = "SECRET-7f3a9c"


@pytest.fixture(scope="module")
def published(tiny_published):
    """The run's one published site of two tiny reports (conftest.tiny_published), copied by tests."""
    return tiny_published


@pytest.fixture
def site(published, tmp_path) -> dict:
    return copy_site(published, tmp_path)


# --- the descriptor and the files the data page publishes ----------------------------------------


def _secret(tmp: Path) -> Path:
    secret = tmp / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return secret


def _resource_path(value):
    def setup(data: Path, tmp: Path):
        target = value(tmp) if callable(value) else value
        edit_descriptor(data, lambda p: _resource(p, "country_aliases").__setitem__("path", target))

    return setup


def _resource(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def _package_name(name: str):
    return lambda data, tmp: edit_descriptor(data, lambda p: p.__setitem__("name", name))


def _link_out(rel: str):
    def setup(data: Path, tmp: Path):
        (data / rel).unlink()
        (data / rel).symlink_to(_secret(tmp))

    return setup


def _csv_link_out(data: Path, tmp: Path):
    outside = tmp / "aliases-elsewhere.csv"
    shutil.copy(data / "country_aliases.csv", outside)
    (data / "country_aliases.csv").unlink()
    (data / "country_aliases.csv").symlink_to(outside)


def _raw_file_outside(data: Path, tmp: Path):
    shutil.copy(data / "raw" / "un-egdi" / "egdi-2010.csv", tmp / "outside.csv")
    edit_csv(
        data / "raw" / "un-egdi" / "manifest.csv",
        lambda h, rows: first_row(h, rows, file="egdi-2010.csv").__setitem__(
            h.index("file"), "../../../outside.csv"
        ),
    )


def _invalid_json(data: Path, tmp: Path):
    (data / "datapackage.json").write_text('{"name": "x", "resources": [', encoding="utf-8")


def _descriptor_edit(edit):
    return lambda data, tmp: edit_descriptor(data, edit)


# (case, edit of the data folder, words the message must hold: the file, the field, the value)
DESCRIPTOR = [
    ("resource path absolute", _resource_path(lambda t: str(_secret(t))), ["datapackage.json", "path", "/"]),
    ("resource path climbs out", _resource_path("../secret.txt"), ["datapackage.json", "path", "../secret.txt"]),
    ("resource path /proc/self/environ", _resource_path("/proc/self/environ"), ["datapackage.json", "/proc/self/environ"]),
    ("package name climbs out", _package_name("../../victim"), ["datapackage.json", "name", "../../victim"]),
    ("package name with a slash", _package_name("a/b"), ["datapackage.json", "name", "a/b"]),
    ("package name empty", _package_name(""), ["datapackage.json", "name"]),
    ("README a link out", _link_out("README.md"), ["README.md", "symbolic link"]),
    ("raw README a link out", _link_out("raw/un-egdi/README.md"), ["raw/un-egdi/README.md", "symbolic link"]),
    ("CSV a link out", _csv_link_out, ["country_aliases.csv", "symbolic link"]),
    ("raw table outside", _raw_file_outside, ["raw/un-egdi/manifest.csv", "file", "../../../outside.csv"]),
    ("descriptor not JSON", _invalid_json, ["datapackage.json:1", "JSON"]),
    ("licenses a string", _descriptor_edit(lambda p: p.__setitem__("licenses", "CC-BY-4.0")), ["datapackage.json", "licenses"]),
    ("path a list", _descriptor_edit(lambda p: _resource(p, "figures").__setitem__("path", ["figures.csv"])), ["datapackage.json", "path"]),
    ("NUL in a name", _descriptor_edit(lambda p: _resource(p, "figures").__setitem__("name", "fig\x00ures")), ["datapackage.json", "name", "\\x00"]),
    ("resources not a list", _descriptor_edit(lambda p: p.__setitem__("resources", {"figures": 1})), ["datapackage.json", "resources"]),
    ("descriptor a list", lambda d, t: (d / "datapackage.json").write_text("[]", encoding="utf-8"), ["datapackage.json", "object"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "edit", "says"), DESCRIPTOR, ids=[c[0] for c in DESCRIPTOR])
def test_validation_refuses_a_descriptor_or_file_that_reaches_outside(tmp_path, data_copy, case, edit, says):
    edit(data_copy, tmp_path)
    r = validate(data_copy)
    no_traceback(r)
    assert r.returncode == 1, r.stdout + r.stderr
    for word in says:
        assert word in r.stderr, (word, r.stderr[-3000:])


@pytest.mark.slow
@pytest.mark.parametrize(("case", "edit", "says"), DESCRIPTOR, ids=[c[0] for c in DESCRIPTOR])
def test_a_build_never_publishes_or_writes_outside_its_folders(tmp_path, case, edit, says):
    s = fresh(tmp_path)
    secret = _secret(tmp_path)
    edit(s["data"], tmp_path)
    before = tree(tmp_path, skip=("outputs",))
    r = run(s, "build", "--jobs", "1", env={**os.environ, "SECRET_TOKEN": SECRET})
    no_traceback(r)
    assert r.returncode == 1, r.stdout[-2000:] + r.stderr[-2000:]
    for word in says:
        assert word in r.stderr, (word, r.stderr[-3000:])
    assert tree(tmp_path, skip=("outputs",)) == before  # nothing written, moved or deleted outside
    assert secret.read_text(encoding="utf-8") == f"{SECRET}\n"
    leaked = [name for name, data in published_bytes(s["outputs"]) if SECRET.encode() in data]
    assert not leaked, leaked


DOCUMENTS = [
    # (case, edit, the zip entry that must show it, the text it must hold)
    ("README edited", lambda d: _append(d / "README.md", "\nEdited README line.\n"), "README.md", "Edited README line."),
    ("raw README edited", lambda d: _append(d / "raw/un-egdi/README.md", "\nEdited raw line.\n"), "raw/un-egdi/README.md", "Edited raw line."),
    (
        "licence edited",
        lambda d: edit_descriptor(d, lambda p: p["licenses"][0].__setitem__("title", "Edited licence title")),
        "LICENSE.txt",
        "Edited licence title",
    ),
]  # fmt: skip


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(("case", "edit", "entry", "holds"), DOCUMENTS, ids=[c[0] for c in DOCUMENTS])
def test_the_documents_the_data_page_publishes_are_part_of_the_data_version(site, case, edit, entry, holds):
    version = manifest_of(site["outputs"])["data_version"]
    edit(site["data"])
    r = run(site, "build")
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    assert manifest_of(site["outputs"])["data_version"] != version
    entries = zip_entries(site["outputs"])
    [name] = [n for n in entries if n.split("/", 1)[1] == entry]
    assert holds in entries[name].decode("utf-8")


# --- files that are not regular files -----------------------------------------------------------


def _folder(rel: str):
    def setup(data: Path):
        (data / rel).unlink()
        (data / rel).mkdir()
        return ()

    return setup


def _fifo(rel: str, replace: bool = True):
    def setup(data: Path):
        if replace:
            (data / rel).unlink()
        os.mkfifo(data / rel)
        return ()

    return setup


def _unreadable(rel: str):
    def setup(data: Path):
        (data / rel).chmod(0)
        return unprivileged()

    return setup


SPECIAL = [
    # (case, setup returning a command prefix, what the message names)
    ("figures.csv a folder", _folder("figures.csv"), ["figures.csv", "a regular file"]),
    ("indicators.csv unreadable", _unreadable("indicators.csv"), ["indicators.csv", "readable"]),
    ("claims.csv a FIFO", _fifo("claims.csv"), ["claims.csv", "a regular file"]),
    (
        "raw manifest a FIFO",
        _fifo("raw/un-egdi/manifest.csv"),
        ["raw/un-egdi/manifest.csv", "a regular file"],
    ),
    ("another CSV a FIFO", _fifo("notes.csv", replace=False), ["notes.csv", "a regular file"]),
]


@pytest.mark.parametrize(("case", "setup", "says"), SPECIAL, ids=[c[0] for c in SPECIAL])
def test_validation_refuses_what_is_not_a_regular_file_before_reading_it(data_copy, case, setup, says):
    prefix = setup(data_copy)
    # A timeout only guards the suite against the hang being tested for (a FIFO is never opened).
    r = run_cmd(validate_cmd(data_copy), prefix=prefix, timeout=60)
    no_traceback(r)
    assert r.returncode == 1, r.stdout + r.stderr
    for word in says:
        assert word in r.stderr, (word, r.stderr[-2000:])


@pytest.mark.slow
@pytest.mark.parametrize(("case", "setup", "says"), SPECIAL, ids=[c[0] for c in SPECIAL])
def test_a_build_refuses_what_is_not_a_regular_file_before_reading_it(site, case, setup, says):
    before = tree(site["outputs"])
    prefix = setup(site["data"])
    cmd = runner_cmd(site["config"], site["outputs"], site["data"], "build")
    r = run_cmd(cmd, prefix=prefix, timeout=120)
    no_traceback(r)
    assert r.returncode == 1, r.stdout[-2000:] + r.stderr[-2000:]
    for word in says:
        assert word in r.stderr, (word, r.stderr[-2000:])
    assert tree(site["outputs"]) == before
