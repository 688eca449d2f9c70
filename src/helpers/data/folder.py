"""The data folder as input, not trusted code: its entries and the documents published beside its
tables (its descriptor is checked in ``descriptor``).

- Every entry is a folder or a regular file, and a symbolic link stays inside the folder:
  a FIFO is never opened (it would hang the reader), a device never read, and a link never makes
  a file from elsewhere look like data (:func:`scan`).
- What the data page publishes (:func:`published`): the descriptor, the READMEs and the resources,
  each a regular file inside the folder; the bytes of the descriptor and READMEs are part of the
  data version (:func:`digest`), and every cell of a published CSV is checked for invisible
  characters and spreadsheet formulas (:func:`check_published_text`).

Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from .problems import Problem

DESCRIPTOR = "datapackage.json"
README = ("README.md", "the data dictionary and the rules for choosing figures")
RAW_README = "raw/{name}/README.md"  # each raw table's provenance
_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,254}")  # one name in a resource path
_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def scan(base: Path) -> tuple[list[Path], list[Problem]]:
    """The regular files under ``base`` (links followed only when they stay inside it), and a
    problem for each entry that is not a folder or a regular file, or a link that leaves the folder.
    Nothing is opened: a FIFO is seen, never read."""
    found, problems = walk(base)
    return sorted(Path(p) for p, _ in found), problems


def walk(base: Path) -> tuple[list[tuple[str, os.stat_result]], list[Problem]]:
    """What :func:`scan` finds, as each regular file's path (a string) and its ``stat`` (of the
    link's target for a link), in the order found: cheap enough to ask on every ``validate``."""
    root = base.resolve()
    files: list[tuple[str, os.stat_result]] = []
    problems: list[Problem] = []

    def visit(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:  # as os.walk: a folder that cannot be listed is passed over
            return
        below = []
        for e in entries:
            rel = prefix + e.name
            try:
                st = e.stat(follow_symlinks=False)
                if stat.S_ISLNK(st.st_mode):
                    target = Path(e.path).resolve()
                    if target != root and root not in target.parents:
                        problems.append(Problem(rel, 0, "(file)", f"a symbolic link to {target}", _INSIDE))
                        continue
                    st = target.stat()  # a link to a folder inside is not descended into
                elif stat.S_ISDIR(st.st_mode):
                    below.append((e.path, rel + "/"))
            except OSError as exc:  # a link to nowhere, or a loop
                problems.append(
                    Problem(rel, 0, "(file)", exc.strerror or str(exc), "a readable file or folder")
                )
                continue
            if stat.S_ISREG(st.st_mode):
                files.append((e.path, st))
            elif not stat.S_ISDIR(st.st_mode):
                what = _KINDS.get(stat.S_IFMT(st.st_mode), "a special file")
                problems.append(Problem(rel, 0, "(file)", what, "a regular file (not read)"))
        for path, sub in below:
            visit(path, sub)

    visit(str(base), "")
    return files, problems


_INSIDE = "a file inside the data folder (a symbolic link out of it is not followed: copy the file in)"


def unsafe(base: Path, rel: str) -> str | None:
    """Why the resource path ``rel`` does not name a file inside ``base`` (None when it does)."""
    parts = rel.split("/")
    if rel.startswith(("/", "~")) or "\\" in rel or ":" in rel or not all(_PART.fullmatch(p) for p in parts):
        return (
            "a path inside the data folder: relative, '/' between names of letters, digits, '.', '_' and "
            "'-', no '..', e.g. raw/un-egdi/manifest.csv"
        )
    target = (base / rel).resolve()
    root = base.resolve()
    if root not in target.parents:
        return _INSIDE
    return None


def published(base: Path, package: dict) -> list[tuple[str, str]]:
    """What the data page publishes, as (path inside the folder, description): the descriptor, the
    READMEs and the package's resources, each a file that exists (a checked descriptor's paths)."""
    out = [(DESCRIPTOR, "the data package descriptor: every file's columns, types and licence"), README]
    for r in package.get("resources", []):
        out.append((r["path"], r.get("title") or r.get("description") or r["name"]))
    raw = sorted(p.name for p in (base / "raw").iterdir() if p.is_dir()) if (base / "raw").is_dir() else []
    out += [(RAW_README.format(name=n), f"provenance of the raw tables in raw/{n}/") for n in raw]
    seen: set[str] = set()
    kept = []
    for rel, what in out:
        path = base / rel
        if rel not in seen and path.is_file() and not unsafe(base, rel):
            seen.add(rel)
            kept.append((rel, what))
    return kept


def digest(base: Path, package: dict | None) -> str:
    """A hash of the bytes of what the data page publishes but the tables (the descriptor and the
    READMEs): part of the data version, so an edit of them is published."""
    h = hashlib.sha256()
    tables = {r["path"] for r in (package or {}).get("resources", [])}
    for rel, _ in published(base, package or {}):
        if rel not in tables:
            h.update(rel.encode() + b"\0")
            h.update((base / rel).read_bytes())
            h.update(b"\0")
    return h.hexdigest()[:16]


PLAIN_FILE = "the name of a file in the manifest's own folder (no '/', no '..')"


def plain_file(name: str) -> bool:
    """Whether ``name`` (a raw table's manifest entry) is a plain file name: no folder, no ``..``."""
    return bool(_PART.fullmatch(name)) and name not in (".", "..")


# An entry of the content cache (``contentcache.key``: the code, the resource path and its bytes) ->
# the problems checking its text found: the same bytes are not read and checked again (a build's
# warm-up, and every copy of the data folder a test makes). A clean result is also kept on disk
# (``contentcache``), so that another process checking another copy of the same bytes skips it too.
_TEXT_CHECKED: dict[str, list[Problem]] = {}


def _content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def check_published_text(base: Path, package: dict, problems: list[Problem], skip: set[str]) -> None:
    """Every cell of every CSV resource the data page publishes (but those in ``skip``, checked as
    they are validated) without an invisible character or a spreadsheet formula."""
    from . import contentcache
    from .csvio import read_table
    from .csvparts import check_text

    for res in package.get("resources", []):
        rel = res["path"]
        if rel in skip or not rel.endswith(".csv") or not (base / rel).is_file():
            continue
        before = _content(base / rel)
        if before is None:
            continue  # unreadable: the table's own check says so (read_table below would too)
        entry = contentcache.key("text", rel, before)
        found = _TEXT_CHECKED.get(entry)
        if found is None and contentcache.get("text", entry) == CLEAN:
            found = _TEXT_CHECKED[entry] = []
        if found is None:
            found = []
            table = read_table(base / rel, found, label=rel)
            for row in table.rows:
                check_text(rel, row.line, row.cells.items(), found)
            if _content(base / rel) == before:  # unchanged meanwhile
                if len(_TEXT_CHECKED) >= 256:
                    _TEXT_CHECKED.clear()
                _TEXT_CHECKED[entry] = found
                if not found:
                    contentcache.put("text", entry, CLEAN)
        problems += found


CLEAN = "clean"  # a content cache entry of the text check: no problem in these bytes
