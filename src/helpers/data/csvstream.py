"""Stream a CSV file's rows one at a time with the problems ``csvio.read_table`` reports (figures.csv
may hold a million rows). Standard library only."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .csvparts import (
    BOM,
    REPLACEMENT,
    check_header,
    is_utf16,
    malformed,
    open_regular,
    undecodable,
    wrong_width,
)
from .problems import Problem


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
        fh = open_regular(self.path, name, self.problems)
        if fh is None:
            return False, 0, False
        with fh:
            chunk = fh.read(self.CHUNK)
            if is_utf16(chunk):
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
        raw = open_regular(self.path, name, problems)
        if raw is None:  # replaced since it was scanned
            return
        with raw:
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
                        problems.append(wrong_width(name, start, record, header))
                        continue
                    if decoded_badly and any(REPLACEMENT in c for c in record):
                        problems += undecodable(name, start, dict(zip(header, record, strict=True)).items())
                        continue
                    yield start, record
            except csv.Error as exc:
                del problems[mark:]
                problems.append(Problem(name, last + 1, "(row)", "", malformed(exc)))
                self.header = []
                self.broken = True
                return
        if header is None:
            problems.append(Problem(name, 1, "(header)", "", "a header row naming the columns"))
