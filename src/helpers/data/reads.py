"""What a report read: after :func:`record_reads`, every load notes the indicator ids it read in a
file, from which the report runner learns what a report depends on, and the version of the data it
loaded (a line ``@data_version V``), with which the runner stamps the page: the data may change
while a build runs. Standard library only."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

_reads_file: list[Path] = []  # where loads note what they read, once the runner asked for it


def record_reads(path: str | Path | None) -> None:
    """From now on, append the indicator ids every load reads to ``path`` (None: stop recording).

    The report runner calls this in a report's kernel before the notebook runs (see
    ``helpers.reports.engine``); it is how the runner learns what a report depends on."""
    _reads_file[:] = [] if path is None else [Path(path)]


VERSION_MARK = "@data_version "  # a line of the reads file naming the version of the data loaded


def note_version(ds) -> None:
    """Note the data version of the dataset a load used, in the file :func:`record_reads` named."""
    if not _reads_file:
        return
    from .version import version_of

    with open(_reads_file[0], "a", encoding="utf-8") as fh:
        fh.write(f"{VERSION_MARK}{version_of(ds)}\n")


def note_read(indicator_ids: Iterable[str] | None) -> None:
    """Note what was read ("*" for everything) in the file :func:`record_reads` named, if any."""
    if not _reads_file:
        return
    ids = ["*"] if indicator_ids is None else sorted(set(indicator_ids))
    with open(_reads_file[0], "a", encoding="utf-8") as fh:
        fh.write("".join(f"{i}\n" for i in ids))
