"""The journal, ``outputs/.journal``: one JSON line per report published since the manifest was
last written. The manifest and the index are written once per batch; a run killed before that
leaves them whole but behind, and the next run replays the journal first, so nothing is built twice
or lost.

The journal is the runner's own file, yet it is read as input: a line cut short by a kill never
runs into the next run's line (a line is only ever appended after a line break), and a line of any
other shape (not JSON, not an object, a record of the wrong shape) is said and skipped, never a
traceback; the lines after it are replayed.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from .layout import FAILED, REPORTS
from .manifest import Manifest

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")  # a report name (config.py's rule)


def append(path: Path, entry: dict) -> None:
    """Append ``entry`` as one line; after a line break, even when the last line was cut short."""
    line = json.dumps(entry).encode("utf-8") + b"\n"
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # the last line was cut by a kill: end it first
        os.write(fd, line)
    finally:
        os.close(fd)


def problem(entry) -> str | None:
    """What makes ``entry`` no journal line (None when it is one)."""
    if not isinstance(entry, dict):
        return f"expected a JSON object, got {type(entry).__name__}"
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return "'name' must be a report name"
    good, failed = entry.get("good"), entry.get("failed")
    if good is not None and not isinstance(good, dict) or failed is not None and not isinstance(failed, dict):
        return "'good' and 'failed' must be objects or null"
    return Manifest.problem({REPORTS: {name: good} if good else {}, FAILED: {name: failed} if failed else {}})


def replay(path: Path, manifest: Manifest) -> tuple[int, int]:
    """Apply the journal at ``path`` to ``manifest``: (entries applied, lines skipped, each said)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return 0, 0
    applied = skipped = 0
    for n, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line.decode("utf-8"))
            why = problem(entry)
        except (UnicodeDecodeError, ValueError) as exc:
            why = f"not a line of JSON ({type(exc).__name__})"
        if why:
            print(
                f"warning: {path}: line {n} is not a journal entry ({why}); skipped",
                file=sys.stderr,
                flush=True,
            )
            skipped += 1
            continue
        name = entry["name"]
        if entry.get("good") is not None:
            manifest.data[REPORTS][name] = entry["good"]
        if entry.get("failed") is not None:
            manifest.data[FAILED][name] = entry["failed"]
        else:
            manifest.data[FAILED].pop(name, None)
        applied += 1
    return applied, skipped
