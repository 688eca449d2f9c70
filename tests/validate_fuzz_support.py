"""Generated files for the property-based tests of validation (test_validate_fuzz.py,
test_validate_stream.py, test_validate_fastpath.py): any bytes (``bytes_files``), and CSV files
(``csv_files``) whose header and rows mix the real figures' cells with plausible and odd ones.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from fuzz_support import examples
from helpers.data.csvio import BOM
from helpers.data.validate import FIGURE_COLUMNS
from helpers.paths import DEFAULT_DATA_DIR
from validate_support import read_rows

# The examples of the stream's and the fast path's comparisons (test_validate_stream.py,
# test_validate_fastpath.py).
GENERATED = settings(
    max_examples=examples(150), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

REAL_FIGURES = read_rows(DEFAULT_DATA_DIR / "figures.csv")
HEADER_BYTES = (",".join(REAL_FIGURES[0]) + "\n").encode()
VIETNAMESE = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯ"
ALPHABET = "0123456789.,-+eE% \"'\n\r\t;/:" + VIETNAMESE + "abcxyzVNMtrue"
PLAUSIBLE = sorted(
    {cell for row in REAL_FIGURES[1:] for cell in row}
    | {"1.013 triệu", "76,5", "76,5 triệu", "hơn 2,6 triệu", "1,013", "1.013", "-1", "0", "1e999", "nan"}
    | {"true", "false", "TRUE", "yes", "vnm", "XYZ", "1800", "2024-02-30", "2024/01/01", "", " "}
)

bytes_files = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda tail: HEADER_BYTES + tail, st.binary(max_size=1000)),
    st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(
            [HEADER_BYTES, BOM + HEADER_BYTES, (DEFAULT_DATA_DIR / "figures.csv").read_bytes()[:3000]]
        ),
        st.binary(max_size=300),
    ),
)
numberish = st.from_regex(r"-?\d{1,4}(?:[.,]\d{1,3}){0,3}(?:e-?\d)?(?: triệu| tỷ|%)?", fullmatch=True)
# Thousands groups with either separator and an optional decimal tail: "1.234.567", "1,234.567,8", "1.234.5".
grouped = st.builds(
    lambda lead, groups, tail: lead + "".join(sep + group for sep, group in groups) + tail,
    st.integers(1, 999).map(str),
    st.lists(
        st.tuples(st.sampled_from(".,"), st.integers(0, 999).map("{:03d}".format)), min_size=1, max_size=3
    ),
    st.one_of(st.just(""), st.tuples(st.sampled_from(".,"), st.integers(0, 99).map(str)).map("".join)),
)
cells = st.one_of(
    numberish,
    grouped,
    st.builds("Đạt {} triệu.".format, grouped),
    st.builds(
        "{} {} {}".format, st.sampled_from(["Tăng", "đạt hơn", ""]), numberish, st.sampled_from(["lần.", ""])
    ),
    st.text(alphabet=ALPHABET, max_size=16),
    st.sampled_from(PLAUSIBLE),
    st.integers(min_value=-(10**13), max_value=10**13).map(str),
    st.floats().map(str),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12),
)


def _mutate(row: list[str], changes: dict[int, str]) -> list[str]:
    return [changes.get(j, cell) for j, cell in enumerate(row)]


real_rows = st.builds(
    _mutate,
    st.sampled_from(REAL_FIGURES[1:]),
    st.dictionaries(st.integers(0, len(FIGURE_COLUMNS) - 1), cells, max_size=3),
)
rows = st.lists(
    st.one_of(
        real_rows,
        st.lists(cells, min_size=len(FIGURE_COLUMNS), max_size=len(FIGURE_COLUMNS)),
        st.lists(cells),
    ),
    max_size=8,
)
headers = st.integers(0, 9).flatmap(
    lambda i: (
        st.just(FIGURE_COLUMNS)
        if i < 7
        else st.one_of(
            st.permutations(FIGURE_COLUMNS),
            st.lists(st.sampled_from(FIGURE_COLUMNS)),
            st.lists(cells, max_size=12),
        )
    )
)


@st.composite
def csv_files(draw) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(draw(headers))
    writer.writerows(draw(rows))
    return (BOM if draw(st.booleans()) else b"") + out.getvalue().encode("utf-8")
