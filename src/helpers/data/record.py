"""A persistent record of the last data states that validated, with their fingerprints.

A build with nothing to do must not read a million figure rows to learn that nothing changed. After
a folder validates, the runner records, per CSV file, its size, modification and change times, inode
and SHA-256, with the facts the build needs (indicator ids, country codes, fingerprints). A later
run whose files have the same stamps trusts the record without reading them.

Stamps can lie in one case: a file rewritten within the file system's time granularity with the
same size keeps its modification time. Like git's "racily clean" entries, a file whose times are
less than RACY_NS before the record was started (or after it) is compared by content instead; and
stamps that differ are compared by content too (a `touch` does not invalidate). So an edit always
invalidates the record, whenever it happens. The files are every regular file of the folder (its
tables, descriptor and READMEs: what the data version covers); a folder holding a FIFO or a link
out of it is never trusted (validation says why).

The record is the runner's own file, yet it is read as input: one of any other shape is said
(``warning: ... is not a validation record``) and rebuilt, never a traceback. Standard library only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from .atomic import write_atomic
from .folder import scan

VERSION = 4  # 2: facts hold the rows per indicator; 3: every regular file, and the documents' hash;
# 4: and the provinces
RACY_NS = 2_000_000_000  # coarser than any file system's time granularity (FAT: 2 s)
KEEP = 4  # data folders remembered per record file


def _files(base: Path) -> list[Path]:
    return scan(base)[0]


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


class Snapshot:
    """The stamps and content hashes of a data folder's files, taken before it is validated."""

    def __init__(self, base: Path):
        self.base = base
        self.taken_ns = time.time_ns()
        self.files: dict[str, list] = {}
        self.whole = True  # every file could be read (else validation says why, and nothing is stored)
        for p in _files(base):
            try:
                st = p.stat()
                self.files[str(p.relative_to(base))] = [*_stamp(st), sha256(p)]
            except OSError:
                self.whole = False

    def unchanged(self) -> bool:
        """Whether every file still has the stamps it had when the snapshot was taken."""
        if not self.whole:
            return False
        now = {str(p.relative_to(self.base)): _stamp(p.stat()) for p in _files(self.base)}
        return now.keys() == self.files.keys() and all(now[k] == v[:4] for k, v in self.files.items())


class Record:
    """``path`` (a JSON file) holds the last validated states of up to KEEP data folders."""

    def __init__(self, path: Path, code: str):
        self.path = path
        self.code = code  # the validating code's hash: another version validates again

    def _warn(self, why: str) -> None:
        print(
            f"warning: {self.path} is not a validation record ({why}); it is rebuilt (the data is "
            "validated again)",
            file=sys.stderr,
            flush=True,
        )

    def _read(self, warn: bool = False) -> dict:
        """The record's folders, each entry of the right shape (the others dropped, and said when
        ``warn``); an empty record when the file is missing, of an older version or not a record."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:  # ValueError: not JSON, or not UTF-8
            if warn:
                self._warn(f"{type(exc).__name__}: {exc}")
            return {}
        if isinstance(data, dict) and data.get("version") != VERSION and isinstance(data.get("version"), int):
            return {}  # written by another version of the runner: validated again, silently
        why = _problem(data)
        if why:
            if warn:
                self._warn(why)
            return {}
        folders = {}
        for base, entry in data["folders"].items():
            why = _entry_problem(entry)
            if why is None:
                folders[base] = entry
            elif warn:
                self._warn(f"the entry of {base}: {why}")
        return {"version": VERSION, "folders": folders}

    def lookup(self, base: Path) -> dict | None:
        """The facts recorded for ``base`` when its files are provably unchanged, else None."""
        entry = self._read(warn=True).get("folders", {}).get(str(base))
        if not entry or entry.get("code") != self.code:
            return None
        current, trouble = scan(base)
        if trouble:
            return None  # a FIFO, a device or a link out of the folder: validation says what
        files = entry["files"]
        seen = 0
        refreshed = False
        for p in current:
            rel = str(p.relative_to(base))
            old = files.get(rel)
            if old is None:
                return None
            seen += 1
            st = p.stat()
            stamp = _stamp(st)
            racy = max(st.st_mtime_ns, st.st_ctime_ns) >= entry["taken_ns"] - RACY_NS
            if stamp == old[:4] and not racy:
                continue
            if stamp[0] != old[0] or sha256(p) != old[4]:
                return None  # an edit
            files[rel] = [*stamp, old[4]]
            refreshed = True
        if seen != len(files):
            return None  # a file was removed
        if refreshed:
            # Same content under new stamps (touched, or racy): re-record once the stamps are old
            # enough to be trusted, so later runs need not read the files again.
            now = time.time_ns()
            if all(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) < now - RACY_NS for p in current):
                self._write_entry(base, {**entry, "files": files, "taken_ns": now})
        return entry["facts"]

    def store(self, snapshot: Snapshot, facts: dict) -> bool:
        """Record ``facts`` for the folder of ``snapshot`` if no file moved since it was taken."""
        if not snapshot.unchanged():
            return False
        self._write_entry(
            snapshot.base,
            {"code": self.code, "taken_ns": snapshot.taken_ns, "files": snapshot.files, "facts": facts},
        )
        return True

    def _write_entry(self, base: Path, entry: dict) -> None:
        data = self._read() or {"version": VERSION, "folders": {}}
        folders = data["folders"]
        folders.pop(str(base), None)
        folders[str(base)] = entry
        while len(folders) > KEEP:
            folders.pop(next(iter(folders)))
        with contextlib.suppress(OSError):  # a record that cannot be written only costs time
            write_atomic(self.path, json.dumps(data, ensure_ascii=False) + "\n")


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _mapping(value, check) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and check(v) for k, v in value.items())


def _problem(data) -> str | None:
    """What makes ``data`` no record of this version (None when it is one)."""
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}"
    if not isinstance(data.get("folders"), dict):
        return "'folders' must map data folders to their entries"
    return None


_FACTS = {
    "indicators": lambda v: _mapping(
        v, lambda r: isinstance(r, dict) and isinstance(r.get("headline"), bool)
    ),
    "countries": lambda v: isinstance(v, list) and all(isinstance(c, str) for c in v),
    "per": lambda v: _mapping(v, lambda h: isinstance(h, str)),
    "common": lambda v: isinstance(v, str),
    "rows": lambda v: _mapping(v, _is_int),
    "documents": lambda v: isinstance(v, str),
}


def _stamp_ok(s) -> bool:
    """A file's record: size, modification and change times, inode, SHA-256."""
    return isinstance(s, list) and len(s) == 5 and all(map(_is_int, s[:4])) and isinstance(s[4], str)


def _entry_problem(entry) -> str | None:
    """What makes ``entry`` no record of a folder (None when it is one)."""
    if not isinstance(entry, dict):
        return "expected an object"
    if not isinstance(entry.get("code"), str) or not _is_int(entry.get("taken_ns")):
        return "'code' must be a string and 'taken_ns' a whole number"
    if not _mapping(entry.get("files"), _stamp_ok):
        return "'files' must map each file to its size, times, inode and SHA-256"
    facts = entry.get("facts")
    if not isinstance(facts, dict):
        return "'facts' must be an object"
    bad = [k for k, ok in _FACTS.items() if not ok(facts.get(k))]
    return f"'facts' holds no valid {', '.join(bad)}" if bad else None


class RecordedDataset:
    """A data folder that validated before, as the record describes it: what a build needs before
    it runs anything (the indicators, the UN countries, the provinces, the data's hashes), without reading the
    data. Loading the figures still goes through ``validate``."""

    def __init__(self, path: Path, facts: dict):
        self.path = Path(path)
        self.indicators: dict[str, dict] = facts["indicators"]
        self.un = SimpleNamespace(countries=dict.fromkeys(facts["countries"]))
        self.fingerprints: tuple[dict[str, str], str] = (facts["per"], facts["common"])
        self.rows: dict[str, int] = facts["rows"]  # per indicator, curated and UN (the shrink guard)
        self.provinces: dict[str, bool] = facts["provinces"]  # code -> whether it exists today

    def load(self):
        """The whole validated dataset, for what needs every figure (the data changelog): the
        folder is read and validated again, and a DataValidationError says what changed since."""
        from .validate import validate

        return validate(self.path)


def facts_of(ds, fingerprints: tuple[dict[str, str], str]) -> dict:
    """What :class:`RecordedDataset` needs, from a validated dataset and its hashes."""
    from .coverage import rows_per_indicator

    per, common = fingerprints
    return {
        "rows": rows_per_indicator(ds.figures, ds.un),
        "indicators": {i: {k: v for k, v in rec.items() if k != "line"} for i, rec in ds.indicators.items()},
        "countries": sorted(ds.un.countries),
        "provinces": ds.provinces,
        "per": per,
        "common": common,
        "documents": ds.documents,
    }
