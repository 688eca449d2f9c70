"""Property-based tests of validation: any bytes, and any generated CSV file
(validate_fuzz_support.py), as figures.csv either validate or raise DataValidationError whose
problems are located in that file; never another exception.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from fuzz_support import examples
from helpers import data as hdata
from helpers.data.csvio import DataValidationError
from helpers.data.validate import validate
from validate_fuzz_support import bytes_files, csv_files
from validate_support import copy_data, problems_of

# Each example validates a whole data folder (~50 ms), so shrinking a failure could take minutes:
# failures are reported as generated, unshrunk. No example database is written (database=None).
FUZZ = settings(
    max_examples=examples(80),
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


_serial = itertools.count()


@contextlib.contextmanager
def fresh_copy(root: Path, figures: bytes) -> Iterator[Path]:
    """A fresh data folder (so helpers.data's cache never sees it before) with ``figures`` as figures.csv."""
    path = copy_data(root / f"example-{next(_serial)}")
    (path / "figures.csv").write_bytes(figures)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@FUZZ
@given(content=bytes_files)
def test_any_bytes_validate_or_raise_data_validation_error(fuzz_root, content):
    with fresh_copy(fuzz_root, content) as path:
        problems_of(path)


@FUZZ
@given(content=csv_files())
def test_any_csv_loads_and_validates_or_raises_data_validation_error(fuzz_root, content):
    """One validation an example (load_figures validates): either every problem is located in the
    one file changed, or the figures load, each row of figures.csv once."""
    with fresh_copy(fuzz_root, content) as path:
        try:
            df = hdata.load_figures(data_dir=path)
        except DataValidationError as exc:
            for p in exc.problems:
                assert p.file in ("figures.csv",), p  # only figures.csv was changed
                assert p.line >= 1 or p.column == "(file)"
            return
        assert (df["origin"] == "curated").sum() == len(validate(path).figures)
