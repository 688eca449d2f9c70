"""The persistent validation record: trusted only while the files provably have not changed.

An edit always invalidates it: another size or time, and also an edit that keeps the size and the
modification time (a file system with coarse times, an edit within the same second), which the
record catches by comparing contents whenever the times are too close to the record to prove
anything."""

from __future__ import annotations

import os
import time

import pytest

from helpers.data import record as rec
from helpers.data.validate import validate

FACTS = {
    "indicators": {"x": {"headline": True}},
    "countries": ["VNM"],
    "per": {"x": "1"},
    "common": "c",
    "rows": {"x": 1},
    "documents": "d",
}


def _recorded(tmp_path, data_copy, code="code"):
    r = rec.Record(tmp_path / "validated.json", code)
    snap = rec.Snapshot(data_copy)
    validate(data_copy)
    assert r.store(snap, FACTS)
    return r


def _same_size_edit(path):
    """Change one byte, keep the size, put the modification time back as it was."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    i = data.index(b"VNM")
    data[i : i + 3] = b"THA"
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_unchanged_files_are_trusted_without_reading_them(tmp_path, data_copy, monkeypatch):
    monkeypatch.setattr(rec, "RACY_NS", 50_000_000)  # a file system with 50 ms granularity
    r = _recorded(tmp_path, data_copy)
    assert r.lookup(data_copy) == FACTS  # just written: too recent to trust, contents compared
    old = time.time_ns() - 10**10
    for p in data_copy.rglob("*.csv"):
        os.utime(p, ns=(old, old))  # touched: other stamps, same contents
    time.sleep(0.1)
    assert r.lookup(data_copy) == FACTS  # contents compared once, then re-recorded
    monkeypatch.setattr(rec, "sha256", lambda p: pytest.fail(f"{p} was read"))
    assert r.lookup(data_copy) == FACTS  # the stamps alone answer


@pytest.mark.parametrize("where", ["figures.csv", "raw/un-egdi/manifest.csv"])
def test_an_edit_invalidates_the_record(tmp_path, data_copy, where):
    r = _recorded(tmp_path, data_copy)
    path = data_copy / where
    path.write_bytes(path.read_bytes() + b"\n")
    assert r.lookup(data_copy) is None


def test_a_same_size_edit_within_the_same_second_invalidates_the_record(tmp_path, data_copy, monkeypatch):
    # A file system whose stamps cannot tell the edit apart: only size and modification time kept
    # (no inode or change time), to the second.
    monkeypatch.setattr(rec, "_stamp", lambda st: [st.st_size, st.st_mtime_ns // 10**9 * 10**9, 0, 0])
    r = _recorded(tmp_path, data_copy)
    assert r.lookup(data_copy) == FACTS
    _same_size_edit(data_copy / "figures.csv")
    assert r.lookup(data_copy) is None


def test_a_same_size_edit_that_keeps_the_time_invalidates_the_record(tmp_path, data_copy):
    r = _recorded(tmp_path, data_copy)
    _same_size_edit(data_copy / "figures.csv")
    assert r.lookup(data_copy) is None


def test_an_edit_while_validating_is_not_recorded(tmp_path, data_copy):
    r = rec.Record(tmp_path / "validated.json", "code")
    snap = rec.Snapshot(data_copy)
    (data_copy / "figures.csv").write_bytes((data_copy / "figures.csv").read_bytes() + b"\n")
    assert not r.store(snap, FACTS)
    assert r.lookup(data_copy) is None


def test_added_or_removed_files_and_other_code_invalidate_the_record(tmp_path, data_copy):
    r = _recorded(tmp_path, data_copy)
    assert rec.Record(r.path, "other code").lookup(data_copy) is None
    (data_copy / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert r.lookup(data_copy) is None
    (data_copy / "extra.csv").unlink()
    assert r.lookup(data_copy) == FACTS
    (data_copy / "claims.csv").unlink()
    assert r.lookup(data_copy) is None


def test_an_unreadable_record_is_no_record(tmp_path, data_copy):
    r = _recorded(tmp_path, data_copy)
    r.path.write_text("{not json", encoding="utf-8")
    assert r.lookup(data_copy) is None


def test_the_data_hashes_cover_each_indicators_targets(data_copy):
    """A target is what a chart of its indicator shows: editing one changes that indicator's hashes
    (so its reports rebuild), and no other's."""
    import csv

    from helpers.reports.fingerprint import data_fingerprints

    before = data_fingerprints(validate(data_copy))[0]
    path = data_copy / "targets.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("indicator")] == "egdi_rank")
    row[header.index("note")] += " (edited)"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    after = data_fingerprints(validate(data_copy))[0]
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    entity = row[header.index("entity")]
    assert changed == {"egdi_rank", f"egdi_rank@{entity}"}
