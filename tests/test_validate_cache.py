"""The validated dataset is reused while the data folder is unchanged (issue 24): pages ask
``validate()`` hundreds of times a report, so asking must cost a walk of the folder and nothing
more, and any change of a file, the descriptor included, must still be seen."""

from __future__ import annotations

import os

import pytest

from helpers.data import folder
from helpers.data.csvio import DataValidationError
from helpers.data.validate import dataset


@pytest.fixture
def counted(monkeypatch):
    """How many times validate() read and checked the descriptor."""
    calls = []
    real = dataset.check_descriptor
    monkeypatch.setattr(
        dataset, "check_descriptor", lambda base, problems: calls.append(base) or real(base, problems)
    )
    dataset._validated.clear()
    return calls


def _bump(path):
    """Give ``path`` a modification time no cache can have seen."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_an_unchanged_folder_is_not_read_again(data_copy, counted):
    first = dataset.validate(data_copy)
    assert counted == [data_copy]
    assert all(dataset.validate(data_copy) is first for _ in range(5))
    assert counted == [data_copy]  # the descriptor was not parsed again


def test_a_changed_descriptor_is_checked_again(data_copy, counted):
    first = dataset.validate(data_copy)
    descriptor = data_copy / "datapackage.json"
    descriptor.write_text(
        descriptor.read_text(encoding="utf-8").replace('"name"', '"naam"', 1), encoding="utf-8"
    )
    _bump(descriptor)
    with pytest.raises(DataValidationError) as exc:
        dataset.validate(data_copy)
    assert len(counted) == 2
    assert any(p.file == "datapackage.json" for p in exc.value.problems)
    assert first is not None


def test_a_touched_table_gives_a_new_dataset(data_copy, counted):
    first = dataset.validate(data_copy)
    _bump(data_copy / "sources.csv")
    again = dataset.validate(data_copy)
    assert again is not first and len(counted) == 2


def test_a_link_out_of_the_folder_is_refused_after_a_validation(data_copy, tmp_path, counted):
    dataset.validate(data_copy)
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("x\n", encoding="utf-8")
    (data_copy / "extra.csv").symlink_to(outside)
    with pytest.raises(DataValidationError) as exc:
        dataset.validate(data_copy)
    assert [p.file for p in exc.value.problems] == ["extra.csv"]


def test_walk_finds_what_scan_lists(data_copy, tmp_path):
    (data_copy / "raw" / "inside.csv").symlink_to(data_copy / "sources.csv")
    (data_copy / "raw" / "folder-link").symlink_to(data_copy / "raw", target_is_directory=True)
    os.mkfifo(data_copy / "raw" / "pipe")
    found, problems = folder.walk(data_copy)
    files, scanned = folder.scan(data_copy)
    assert sorted(p for p, _ in found) == sorted(str(p) for p in files)
    assert str(data_copy / "raw" / "inside.csv") in {p for p, _ in found}
    assert [p.file for p in problems] == [p.file for p in scanned] == ["raw/pipe"]
    sizes = {p: st.st_size for p, st in found}
    assert sizes[str(data_copy / "raw" / "inside.csv")] == (data_copy / "sources.csv").stat().st_size
