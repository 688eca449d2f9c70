"""Read CSV files with line numbers and collect problems instead of stopping at the first.

Standard library only. A UTF-8 file saved by Excel (byte-order mark, CRLF line ends) reads like any
other; undecodable bytes are reported with their line and column, never silently replaced. Only a
regular file is read: a folder, a FIFO or a device is a problem, never opened for reading.

:func:`read_table` reads a whole file; :class:`RowStream` (``csvstream``) streams one with the same
problems; both check what ``csvparts`` holds. The problem types (``problems``) are re-exported here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .csvparts import (
    BOM,
    REPLACEMENT,
    Row,
    check_header,
    is_utf16,
    malformed,
    open_regular,
    undecodable,
    wrong_width,
)
from .csvstream import RowStream
from .problems import MAX_LISTED, DataValidationError, Problem

__all__ = [
    "BOM",
    "MAX_LISTED",
    "DataValidationError",
    "Problem",
    "Row",
    "RowStream",
    "Table",
    "check_header",
    "read_table",
]


@dataclass
class Table:
    name: str
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    raw_lines: list[str] = field(default_factory=list)


def read_table(
    path: Path,
    problems: list[Problem],
    required: list[str] | None = None,
    optional: list[str] = (),
    label: str | None = None,
) -> Table:
    """Read ``path`` as CSV. Header and shape problems go to ``problems``.

    With ``required``, a missing column, an unknown column and a repeated column are problems; rows
    of the wrong length are reported and skipped.
    """
    name = label or path.name
    table = Table(name)
    fh = open_regular(path, name, problems)
    if fh is None:
        return table
    with fh:
        raw = fh.read()
    if is_utf16(raw):
        problems.append(
            Problem(
                name,
                1,
                "(file)",
                "UTF-16 text",
                "UTF-8 text: this file was saved as UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8'",
            )
        )
        return table
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    decoded_badly = False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        decoded_badly = True
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(
            Problem(name, line, "(file)", "NUL byte", "text without NUL bytes (is this a CSV file?)")
        )
        return table
    # Split only where csv counts lines (str.splitlines also splits on U+2028, form feeds, ...).
    table.raw_lines = re.split(r"\r\n|\n|\r", text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for record in reader:
            start, last = last + 1, reader.line_num
            if not record or all(not c.strip() for c in record):
                continue
            records.append((start, record))
    except csv.Error as exc:
        problems.append(Problem(name, last + 1, "(row)", "", malformed(exc)))
        return table
    if not records:
        problems.append(Problem(name, 1, "(header)", "", "a header row naming the columns"))
        return table
    hline, header = records[0]
    header = [h.strip() for h in header]
    table.header = header
    if required is not None:
        check_header(name, hline, header, required, optional, problems)
    for start, record in records[1:]:
        if len(record) != len(header):
            problems.append(wrong_width(name, start, record, header))
            continue
        cells = dict(zip(header, record, strict=True))
        bad = decoded_badly and any(REPLACEMENT in c for c in record)
        table.rows.append(Row(start, cells, bad))
        if bad:
            problems += undecodable(name, start, cells.items())
    return table
