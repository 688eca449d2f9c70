"""Validation streams figures.csv, and ``python -m helpers.data`` (make validate) keeps no rows.

Neither may change what validation says: the streamed reader reports what ``read_table`` reports
(on the project's data, odd files and generated ones), and ``python -m helpers.data`` reports what
``validate`` reports. The fast path that vouches for rows passing every check:
test_validate_fastpath.py.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.data.__main__ import main
from helpers.data.csvio import DataValidationError, RowStream, read_table
from helpers.paths import DEFAULT_DATA_DIR
from validate_fuzz_support import GENERATED, bytes_files, csv_files
from validate_support import edit_cell, problems_of, read_rows, write_rows

V = importlib.import_module("helpers.data.validate")  # the package (helpers.data.validate is also a function)
FIG = "figures.csv"


# --- the streamed reader --------------------------------------------------------------------


def _read_both(path: Path):
    """(rows, problems) of read_table and of RowStream; the rows (line, cells by column) that
    validation checks (read_table marks the others undecodable)."""
    p1, p2 = [], []
    table = read_table(path, p1, V.FIGURE_COLUMNS)
    rows1 = [(r.line, r.cells) for r in table.rows if not r.undecodable]
    stream = RowStream(path, p2, V.FIGURE_COLUMNS)
    rows2 = [(line, dict(zip(stream.header, record, strict=True))) for line, record in stream]
    if stream.broken:
        rows2 = []
    assert stream.header == table.header
    return (rows1, sorted(set(p1))), (rows2, sorted(set(p2)))


@GENERATED
@given(content=st.one_of(bytes_files, csv_files()))
def test_the_stream_reads_any_file_as_read_table_does(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("stream") / FIG
    path.write_bytes(content)
    table, stream = _read_both(path)
    assert stream == table


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\n\n",
        b"\xef\xbb\xbf",
        "indicator,entity\n\ufffd,x\n".encode(),  # a replacement character written as such
        "indicator,entity\n\ufffd,x\n".encode() + b"\xff,y\n",  # ... and an undecodable byte later
        b"indicator,entity\na,\xff\xfe\n",
        b"indicator,entity\na,b\x00c\n",
        b"\xff\xfei\x00n\x00d\x00",
        b'indicator,entity\na,b\nc,"d\n',
        b"indicator,entity,entity\na,b,c\nd\n",
        b"indicator\r\na\rb\r\n",
    ],
)
def test_the_stream_reads_odd_files_as_read_table_does(tmp_path, content):
    path = tmp_path / FIG
    path.write_bytes(content)
    table, stream = _read_both(path)
    assert stream == table


def test_the_stream_reads_files_larger_than_its_chunks_as_read_table_does(tmp_path, monkeypatch):
    monkeypatch.setattr(RowStream, "CHUNK", 7)  # chunk borders inside characters and lines
    text = (DEFAULT_DATA_DIR / FIG).read_bytes()
    for content in (text, text + b"\xe1\xbb", text.replace(b"\n", b"\r\n", 40) + b"x,\x00\n"):
        path = tmp_path / FIG
        path.write_bytes(content)
        table, stream = _read_both(path)
        assert stream == table


# --- make validate keeps no rows ------------------------------------------------------------


def test_make_validate_checks_every_row_and_keeps_none(data_copy, capsys):
    rows = read_rows(data_copy / FIG)
    write_rows(data_copy / FIG, rows + rows[1:3][::-1])  # two duplicates at the end
    problems = problems_of(data_copy)
    assert problems and {p.column for p in problems} == {"id", "source_id"}
    with pytest.raises(DataValidationError) as info:
        V.validate(data_copy, keep_figures=False)
    assert info.value.problems == problems
    write_rows(data_copy / FIG, rows)
    V._validated.clear()
    ds = V.validate(data_copy, keep_figures=False)
    assert ds.figures == [] and ds.figure_count == len(rows) - 1
    assert V._validated == {}  # a dataset without its figures is not what load may reuse
    assert main([str(data_copy)]) == 0
    assert f": ok: {len(rows) - 1} curated figures," in capsys.readouterr().out


def test_make_validate_says_what_validate_says(data_copy, capsys):
    edit_cell(data_copy / FIG, {"indicator": "ndxp_transactions", "year": "2024"}, "value", "1.013 triệu")
    with pytest.raises(DataValidationError) as info:
        V.validate(data_copy)
    assert main([str(data_copy)]) == 1
    assert capsys.readouterr().err == str(info.value) + "\n"
