"""Which outputs folders are the runner's own: the only ones it writes into.

A folder the runner makes (or takes while empty) gets a marker file, :data:`MARKER`. A folder that
holds anything and no marker belongs to someone else (a person's folder, a repository's root): the
runner writes, moves and deletes nothing there and says how to proceed (:class:`ForeignFolder`,
exit status 2). Two folders are the runner's without a marker and are marked on first use: the
project's own ``outputs/`` (which a fresh clone holds with its README only), and a folder that an
earlier version of the runner made (it holds a manifest the runner wrote).
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

from .layout import MANIFEST

MARKER = ".helpers-reports"
TEXT = (
    "This folder is written by the report runner (python -m helpers.reports). The runner writes only\n"
    "into folders that hold this file, and only its own names there (index*.html, manifest.json,\n"
    "assets/, data/, reports/NAME/, failed/, .staging/, .lock, .journal, .cache/).\n"
)


class ForeignFolder(Exception):
    """The outputs folder is not empty and was not made by the runner: nothing is written there."""


def is_ours(root: Path) -> bool:
    """Whether ``root`` holds the runner's marker (a regular file, not a link)."""
    try:
        return stat.S_ISREG((Path(root) / MARKER).lstat().st_mode)
    except OSError:
        return False


def claim(root: Path, default: Path | None = None) -> str | None:
    """Make ``root`` the runner's, or raise ForeignFolder: mark it when it is missing, empty,
    ``default`` (the project's own outputs folder) or made by an earlier runner. Returns a note to
    print when a folder was taken that was not visibly the runner's (else None)."""
    root = Path(root)
    if is_ours(root):
        return None
    note = None
    if root.exists():
        entries = sorted(p.name for p in root.iterdir())
        if entries and root != default:
            if not _written_by_a_runner(root / MANIFEST):
                shown = ", ".join(entries[:5]) + (
                    f" and {len(entries) - 5:,} more" if len(entries) > 5 else ""
                )
                raise ForeignFolder(
                    f"{root} is not empty and was not made by the report runner (it holds {shown}, and no "
                    f"{MARKER} file); nothing was written there. The runner writes only into an empty folder "
                    "or one it made: give --outputs (or $HELPERS_OUTPUTS_DIR) a new or empty folder. If "
                    f"this is the outputs folder of an earlier runner, mark it as the runner's: touch {root / MARKER}"
                )
            note = f"note: {root} holds a manifest an earlier runner wrote: marked as the runner's ({MARKER})"
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text(TEXT, encoding="utf-8")
    return note


def _written_by_a_runner(manifest: Path) -> bool:
    """Whether ``manifest`` is one the runner wrote: a JSON object with its reports, failures, data
    version and time of writing."""
    try:
        if not stat.S_ISREG(manifest.lstat().st_mode) or manifest.stat().st_size > 100_000_000:
            return False
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(data, dict)
        and isinstance(data.get("reports"), dict)
        and isinstance(data.get("failed"), dict)
        and isinstance(data.get("data_version"), str)
        and isinstance(data.get("updated_at"), str)
    )
