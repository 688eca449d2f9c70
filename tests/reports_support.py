"""Helpers for the report-runner tests: a small config, a tiny notebook, and a build command."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat

import runner_fork
from helpers.paths import NOTEBOOKS_DIR

PROFILE = NOTEBOOKS_DIR / "10_indicator_profile.ipynb"


def tiny_notebook(path: Path, body: str = "") -> Path:
    """A fast notebook: reads one indicator, saves nothing, and raises when ``fail`` is true."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        "fail: bool = False  # raise an error in the next cell\n"
        "sleep: int = 0  # seconds to sleep\n"
        'indicator: str = "egdi_rank"  # indicator read\n'
        'output_dir: str = ""  # chart folder (unused)'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Tiny <b>report</b>"),
        params,
        nbformat.v4.new_code_cell(
            "import time\nfrom helpers.data import load_figures\n"
            "df = load_figures([indicator])\ntime.sleep(sleep)\nprint('rows read:', len(df))" + body
        ),
        nbformat.v4.new_code_cell('if fail:\n    raise RuntimeError("boom")'),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def write_config(path: Path, reports: list[dict], cell_timeout: int = 120) -> Path:
    import yaml

    path.write_text(
        yaml.safe_dump({"settings": {"cell_timeout": cell_timeout}, "reports": reports}), encoding="utf-8"
    )
    return path


def tiny_matrix(folder: Path, name: str, indicators: list[str]) -> Path:
    """The tiny notebook in ``folder`` and a config (its path) of one report of it per indicator,
    named by ``name`` (a pattern of ``{indicator}``)."""
    tiny_notebook(folder / "tiny.ipynb")
    matrix = {"name": name, "notebook": "tiny.ipynb", "matrix": {"indicator": indicators}}
    return write_config(folder / "reports.yaml", [matrix])


def runner_cmd(
    config: Path, outputs: Path, data: Path, *args: str, python_flags: tuple[str, ...] = ()
) -> list[str]:
    """The report runner's command line for a config, an outputs folder and a data folder."""
    return [
        sys.executable,
        *python_flags,
        "-m",
        "helpers.reports",
        "--config",
        str(config),
        "--outputs",
        str(outputs),
        "--data-dir",
        str(data),
        *args,
    ]


def build(config: Path, outputs: Path, data: Path, *args: str, timeout: int = 600, env=None, forked=True):
    """Run ``build`` with ``args``; the completed process (exit status, stdout, stderr). The command
    runs forked from a warm server (tests/runner_fork.py: the same ``__main__``, without paying
    Python's start-up and imports again), or with ``forked=False`` as a new ``python`` process."""
    cmd = runner_cmd(config, outputs, data, "build", *args)
    if forked:
        return runner_fork.run(cmd, timeout=timeout, env=env)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


def prebuilt(factory, name: str, reports: list[dict], data_src: Path) -> Path:
    """A folder holding ``tiny.ipynb``, ``reports.yaml``, a copy of the data and outputs built from them,
    made once per test session (per xdist worker): tests copy it instead of building it again."""
    import shutil

    root = factory.mktemp(name)
    tiny_notebook(root / "tiny.ipynb")
    shutil.copytree(data_src, root / "data")
    config = write_config(root / "reports.yaml", reports)
    r = build(config, root / "outputs", root / "data")
    assert r.returncode == 0, r.stderr + r.stdout
    return root


def copy_prebuilt(template: Path, dst: Path) -> dict:
    """A private copy of a :func:`prebuilt` folder in ``dst``: config, notebook, data and outputs."""
    import shutil

    shutil.copytree(template, dst, symlinks=True, dirs_exist_ok=True)
    return {
        "config": dst / "reports.yaml",
        "outputs": dst / "outputs",
        "data": dst / "data",
        "nb": dst / "tiny.ipynb",
        "tmp": dst,
    }


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes (not the lock, nor ``.cache``: the
    validation record is the runner's memory of the data, refreshed by any run, not an output)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock" and p.relative_to(folder).parts[0] != ".cache"
    }


def manifest(outputs: Path) -> dict:
    return json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))


def built_names(stdout: str) -> set[str]:
    """Names of the reports a build's progress lines say it built."""
    import re

    return set(re.findall(r"\] built\s+(\S+)", stdout))


# Times and durations, the only things allowed to differ between two builds of the same inputs.
_TIME_KEYS = {
    "built_at",
    "published_at",
    "duration_s",
    "timings",
    "updated_at",
    "at",
    "start_time",
    "end_time",
    "duration",
    "execution",
}
TIME_TEXT = re.compile(
    r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}| UTC)?"
    r"|\b\d+([.,]\d+)? (s|giây)\b"  # durations, in English and Vietnamese
)


def _without_times(obj):
    if isinstance(obj, dict):
        return {k: _without_times(v) for k, v in obj.items() if k not in _TIME_KEYS}
    if isinstance(obj, list):
        return [_without_times(v) for v in obj]
    return obj


def published_site(folder: Path) -> dict[str, object]:
    """Every published file of an outputs folder, times taken out."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if not p.is_file() or rel.split("/")[0].startswith("."):
            continue
        data = p.read_bytes()
        if p.suffix in (".json", ".ipynb"):
            out[rel] = _without_times(json.loads(data))
        elif p.suffix == ".html":
            # the index's mark of its entries hashes their times too
            text = re.sub(r"<!-- entries [0-9a-f]+ -->", "", data.decode("utf-8"))
            out[rel] = TIME_TEXT.sub("TIME", text)
        else:
            out[rel] = data
    return out
