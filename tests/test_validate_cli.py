"""The validation's command line (python -m helpers.data, which make validate runs): ok on clean
data, every problem and exit status 1 on broken data, no traceback, and no pandas, numpy or
matplotlib needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from validate_support import (
    NDXP_2023,
    NDXP_2024,
    copy_data,
    edit_cell,
    patch_bytes,
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the project's data folder that a test may edit."""
    return copy_data(tmp_path / "data")


def run_cli(data_path: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.data", str(data_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=cwd,
        timeout=120,
    )


def test_cli_says_ok_on_clean_data(data_dir, tmp_path):
    proc = run_cli(data_dir, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_cli_lists_problems_and_exits_1_on_broken_data(data_dir, tmp_path):
    line = edit_cell(data_dir / "figures.csv", NDXP_2024, "value", "1.013 triệu")
    patch_bytes(data_dir / "figures.csv", NDXP_2023, "quote", b"\xff\xfe")
    proc = run_cli(data_dir, tmp_path)
    assert proc.returncode == 1
    assert f"figures.csv:{line}: column 'value'" in proc.stderr
    assert "did you mean 1013000000" in proc.stderr
    assert "column 'quote'" in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


# Run ``python -m helpers.data`` with every import of pandas, numpy or matplotlib failing.
NO_PANDAS = """
import runpy, sys
class NoPandas:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pandas", "numpy", "matplotlib"):
            raise ImportError(f"{name} is blocked: make validate must not need it")
sys.meta_path.insert(0, NoPandas())
sys.argv = ["helpers.data", *sys.argv[1:]]
runpy.run_module("helpers.data", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "broken"])
def test_cli_needs_no_pandas(data_dir, tmp_path, broken):
    if broken:
        line = edit_cell(data_dir / "figures.csv", NDXP_2024, "value", "1.013 triệu")
    proc = subprocess.run(
        [sys.executable, "-c", NO_PANDAS, str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=tmp_path,
        timeout=120,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    if broken:
        assert proc.returncode == 1
        assert f"figures.csv:{line}: column 'value'" in proc.stderr
    else:
        assert proc.returncode == 0, proc.stderr
        assert "ok" in proc.stdout
