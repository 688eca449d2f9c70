"""What reading a CSV file checks, shared by ``csvio.read_table`` and ``csvstream.RowStream``: the
byte-order marks, the :class:`Row`, the header's columns, and the problems of a file's encoding and
shape. Standard library only."""

from __future__ import annotations

import csv
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .problems import Problem
from .text import FORMULA_EXPECTED, formula, hidden_problem

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
REPLACEMENT = "\ufffd"


_SPECIAL = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket"}


def open_regular(path: Path, name: str, problems: list[Problem]) -> BinaryIO | None:
    """``path`` opened for reading when it is a readable regular file; else None, with the problem
    said (missing, a folder, a FIFO or a device: never read, so a FIFO cannot hang the reader;
    unreadable: permission denied). Opened without blocking and checked once open, so a file
    swapped for a FIFO in between is seen too."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        problems.append(Problem(name, 0, "(file)", str(path), "the file exists"))
        return None
    except IsADirectoryError:
        problems.append(Problem(name, 0, "(file)", "a folder", "a regular file (not read)"))
        return None
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        problems.append(
            Problem(name, 0, "(file)", why, f"a readable regular file ({why}: check its permissions)")
        )
        return None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = _SPECIAL.get(stat.S_IFMT(mode), "a device or special file")
        problems.append(Problem(name, 0, "(file)", what, "a regular file (not read)"))
        return None
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def check_text(name: str, line: int, cells, problems: list[Problem]) -> None:
    """A problem for each cell of ``cells`` (column, text) that holds an invisible or
    direction-changing character, or that a spreadsheet would run as a formula."""
    for col, cell in cells:
        if not cell:
            continue
        why = hidden_problem(cell)
        if why:
            problems.append(Problem(name, line, col, cell, why))
        if formula(cell):
            problems.append(Problem(name, line, col, cell, FORMULA_EXPECTED))


@dataclass
class Row:
    """One data row: its cells by column name and the physical line it starts on."""

    line: int
    cells: dict[str, str]
    undecodable: bool = False

    def __getitem__(self, key: str) -> str:
        return self.cells.get(key, "")


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


def malformed(exc: csv.Error) -> str:
    """What was expected of a file the csv module could not read."""
    if "field limit" in str(exc):
        return (
            f"a field of at most {csv.field_size_limit():,} characters, the CSV field limit (a missing "
            "closing double quote makes the rest of the file one field; else shorten the text)"
        )
    return f"well-formed CSV ({exc}; check the double quotes)"


def wrong_width(name: str, start: int, record: list[str], header: list[str]) -> Problem:
    return Problem(
        name,
        start,
        "(row)",
        f"{len(record)} fields",
        f"{len(header)} fields as in the header (a value with a comma needs double quotes)",
    )


def undecodable(name: str, start: int, cells) -> list[Problem]:
    """A problem for each cell of ``cells`` (column, text) holding a byte that was not UTF-8."""
    return [
        Problem(name, start, col, cell.replace(REPLACEMENT, "?"), "UTF-8 text (save as 'CSV UTF-8')")
        for col, cell in cells
        if REPLACEMENT in cell
    ]


def is_utf16(raw: bytes) -> bool:
    """UTF-16 text: a UTF-16 byte-order mark, or ASCII text with every other byte NUL."""
    if raw.startswith(UTF16_BOMS):
        return True
    head = raw[:200]
    return len(head) >= 8 and (
        head[1::2].count(0) > 0.9 * len(head[1::2]) or head[::2].count(0) > 0.9 * len(head[::2])
    )
