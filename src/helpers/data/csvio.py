"""Read CSV files with line numbers and collect problems instead of stopping at the first.

Standard library only. A UTF-8 file saved by Excel (byte-order mark, CRLF line ends) reads like any
other; undecodable bytes are reported with their line and column, never silently replaced.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
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
        problems.append(Problem(name, last + 1, "(row)", "", _malformed(exc)))
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
            problems.append(_wrong_width(name, start, record, header))
            continue
        cells = dict(zip(header, record, strict=True))
        bad = decoded_badly and any(REPLACEMENT in c for c in record)
        table.rows.append(Row(start, cells, bad))
        if bad:
            problems += _undecodable(name, start, cells.items())
    return table


def check_header(
    name: str, hline: int, header: list[str], required, optional, problems: list[Problem]
) -> None:
    """A missing column, an unknown column and a repeated column are problems."""
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


def _malformed(exc: csv.Error) -> str:
    """What was expected of a file the csv module could not read."""
    if "field limit" in str(exc):
        return (
            f"a field of at most {csv.field_size_limit():,} characters, the CSV field limit (a missing "
            "closing double quote makes the rest of the file one field; else shorten the text)"
        )
    return f"well-formed CSV ({exc}; check the double quotes)"


def _wrong_width(name: str, start: int, record: list[str], header: list[str]) -> Problem:
    return Problem(
        name,
        start,
        "(row)",
        f"{len(record)} fields",
        f"{len(header)} fields as in the header (a value with a comma needs double quotes)",
    )


def _undecodable(name: str, start: int, cells) -> list[Problem]:
    """A problem for each cell of ``cells`` (column, text) holding a byte that was not UTF-8."""
    return [
        Problem(name, start, col, cell.replace(REPLACEMENT, "?"), "UTF-8 text (save as 'CSV UTF-8')")
        for col, cell in cells
        if REPLACEMENT in cell
    ]


def _is_utf16(raw: bytes) -> bool:
    """UTF-16 text: a UTF-16 byte-order mark, or ASCII text with every other byte NUL."""
    if raw.startswith(UTF16_BOMS):
        return True
    head = raw[:200]
    return len(head) >= 8 and (
        head[1::2].count(0) > 0.9 * len(head[1::2]) or head[::2].count(0) > 0.9 * len(head[::2])
    )


class RowStream:
    """A CSV file's rows one at a time, with the problems :func:`read_table` reports, in flat memory.

    Iterating yields ``(line, record)`` for each row as wide as the header (``record`` the list of its
    cells in the header's order). Header, shape and encoding problems go to ``problems`` as
    read_table puts them there, and a row holding undecodable bytes is reported and not yielded
    (read_table marks it ``undecodable``). A file that is not well-formed CSV has only that problem
    and no rows in read_table. Its rows are only known to be so once they have been read, so the
    stream then withdraws the problems appended since iteration began (the caller's as well) and
    sets ``broken``: the caller must drop what it collected from the rows.

    The file is read twice: once as bytes, in chunks, for what read_table decides before parsing
    (missing file, UTF-16, NUL bytes, whether any byte is not UTF-8), then as text, row by row."""

    CHUNK = 1 << 20

    def __init__(
        self,
        path: Path,
        problems: list[Problem],
        required: list[str] | None = None,
        optional: list[str] = (),
        label: str | None = None,
    ):
        self.path = path
        self.name = label or path.name
        self.problems = problems
        self.required, self.optional = required, optional
        self.header: list[str] = []
        self.broken = False

    def _scan(self) -> tuple[bool, int, bool]:
        """(readable, bytes to skip (a BOM), decoded badly). Not readable: the file is missing,
        UTF-16 or holds a NUL byte; reported as read_table reports it."""
        name = self.name
        try:
            fh = open(self.path, "rb")  # noqa: SIM115 (closed below, after the first chunk's checks)
        except FileNotFoundError:
            self.problems.append(Problem(name, 0, "(file)", str(self.path), "the file exists"))
            return False, 0, False
        with fh:
            chunk = fh.read(self.CHUNK)
            if _is_utf16(chunk):
                self.problems.append(
                    Problem(
                        name,
                        1,
                        "(file)",
                        "UTF-16 text",
                        "UTF-8 text: this file was saved as UTF-16 (Excel's 'Unicode Text'); save it as "
                        "'CSV UTF-8'",
                    )
                )
                return False, 0, False
            skip = len(BOM) if chunk.startswith(BOM) else 0
            chunk = chunk[skip:]
            decoder = codecs.getincrementaldecoder("utf-8")("strict")
            bad = False
            lines = 1
            while chunk:
                nul = chunk.find(b"\x00")
                if nul >= 0:
                    line = lines + chunk.count(b"\n", 0, nul)
                    self.problems.append(
                        Problem(
                            name, line, "(file)", "NUL byte", "text without NUL bytes (is this a CSV file?)"
                        )
                    )
                    return False, skip, bad
                lines += chunk.count(b"\n")
                if not bad and not (chunk.isascii() and not decoder.getstate()[0]):
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        bad = True
                chunk = fh.read(self.CHUNK)
            if not bad:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    bad = True
        return True, skip, bad

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        problems, name = self.problems, self.name
        mark = len(problems)
        readable, skip, decoded_badly = self._scan()
        if not readable:
            return
        header: list[str] | None = None
        with open(self.path, "rb") as raw:
            raw.seek(skip)
            text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
            reader = csv.reader(text, strict=True)
            last = 0
            try:
                for record in reader:
                    start, last = last + 1, reader.line_num
                    # blank: no cell but whitespace (most rows are told by their first cell)
                    if not record or (not record[0].strip() and all(not c.strip() for c in record)):
                        continue
                    if header is None:
                        header = self.header = [h.strip() for h in record]
                        if self.required is not None:
                            check_header(name, start, header, self.required, self.optional, problems)
                        continue
                    if len(record) != len(header):
                        problems.append(_wrong_width(name, start, record, header))
                        continue
                    if decoded_badly and any(REPLACEMENT in c for c in record):
                        problems += _undecodable(name, start, dict(zip(header, record, strict=True)).items())
                        continue
                    yield start, record
            except csv.Error as exc:
                del problems[mark:]
                problems.append(Problem(name, last + 1, "(row)", "", _malformed(exc)))
                self.header = []
                self.broken = True
                return
        if header is None:
            problems.append(Problem(name, 1, "(header)", "", "a header row naming the columns"))
