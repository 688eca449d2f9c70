"""Read CSV files with line numbers and collect problems instead of stopping at the first.

Standard library only. A UTF-8 file saved by Excel (byte-order mark, CRLF line ends) reads like any
other; undecodable bytes are reported with their line and column, never silently replaced.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
REPLACEMENT = "\ufffd"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, located to its line and column."""

    file: str
    line: int
    column: str
    value: str
    expected: str

    @property
    def structural(self) -> bool:
        """A problem with a whole file, its header or its CSV structure: it often causes the rest."""
        return self.line <= 1 or self.column.startswith("(")

    def __str__(self) -> str:
        value, column = _cut(self.value, 80), _cut(self.column, 80)
        return f"{self.file}:{self.line}: column '{column}': value '{value}': {_cut(self.expected, 300)}"


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


MAX_LISTED = 50  # problems printed; the rest are counted ("and 999,950 more problems")


class DataValidationError(Exception):
    """The data folder has problems; ``problems`` lists every one found (whole-file, header and
    CSV-structure problems first), the message the first ``MAX_LISTED`` of them and how many more there are."""

    def __init__(self, problems: list[Problem], where: str = "data"):
        self.problems = sorted(set(problems), key=lambda p: (not p.structural, p))
        self.where = where
        n = len(self.problems)
        lines = [f"  {p}" for p in self.problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"  ... and {n - MAX_LISTED:,} more problems")
        super().__init__(f"{n:,} problem{'s' if n != 1 else ''} in {where}:\n" + "\n".join(lines))


@dataclass
class Row:
    """One data row: its cells by column name and the physical line it starts on."""

    line: int
    cells: dict[str, str]
    undecodable: bool = False

    def __getitem__(self, key: str) -> str:
        return self.cells.get(key, "")


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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(name, 0, "(file)", str(path), "the file exists"))
        return table
    if _is_utf16(raw):
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
        expected = f"well-formed CSV ({exc}; check the double quotes)"
        if "field limit" in str(exc):
            expected = (
                f"a field of at most {csv.field_size_limit():,} characters, the CSV field limit (a missing "
                "closing double quote makes the rest of the file one field; else shorten the text)"
            )
        problems.append(Problem(name, last + 1, "(row)", "", expected))
        return table
    if not records:
        problems.append(Problem(name, 1, "(header)", "", "a header row naming the columns"))
        return table
    hline, header = records[0]
    header = [h.strip() for h in header]
    table.header = header
    if required is not None:
        allowed = list(required) + list(optional)
        for col in required:
            if col not in header:
                problems.append(Problem(name, hline, col, "", f"a column named '{col}' (missing)"))
        seen: set[str] = set()
        for col in header:
            if col in seen:
                problems.append(Problem(name, hline, col, col, "each column once (this one is repeated)"))
            seen.add(col)
            if col not in allowed:
                problems.append(
                    Problem(name, hline, col, col, f"no such column; expected only: {', '.join(allowed)}")
                )
    for start, record in records[1:]:
        if len(record) != len(header):
            problems.append(
                Problem(
                    name,
                    start,
                    "(row)",
                    f"{len(record)} fields",
                    f"{len(header)} fields as in the header (a value with a comma needs double quotes)",
                )
            )
            continue
        cells = dict(zip(header, record, strict=True))
        bad = decoded_badly and any(REPLACEMENT in c for c in record)
        table.rows.append(Row(start, cells, bad))
        if bad:
            for col, cell in cells.items():
                if REPLACEMENT in cell:
                    problems.append(
                        Problem(
                            name,
                            start,
                            col,
                            cell.replace(REPLACEMENT, "?"),
                            "UTF-8 text (save as 'CSV UTF-8')",
                        )
                    )
    return table


def _is_utf16(raw: bytes) -> bool:
    """UTF-16 text: a UTF-16 byte-order mark, or ASCII text with every other byte NUL."""
    if raw.startswith(UTF16_BOMS):
        return True
    head = raw[:200]
    return len(head) >= 8 and (
        head[1::2].count(0) > 0.9 * len(head[1::2]) or head[::2].count(0) > 0.9 * len(head[::2])
    )
