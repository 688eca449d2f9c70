"""Shared by the third reliability attack (issue 23, ``test_reliability_attack3_*.py``): the runner's
and the validator's command lines driven as a user would, a small published site built once per
module, and the edits a careless or hostile user makes to a data folder."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import runner_fork
from helpers.paths import DEFAULT_DATA_DIR
from reports_support import runner_cmd, tiny_notebook, write_config

NAMES = ("tiny-egdi_rank", "tiny-ndxp_transactions")
TWO_TINY = [
    {
        "name": "tiny-{indicator}",
        "notebook": "tiny.ipynb",
        "matrix": {"indicator": ["egdi_rank", "ndxp_transactions"]},
    }
]


# --- running the command lines ------------------------------------------------------------------


def run_cmd(cmd, timeout=300, env=None, preexec_fn=None, prefix=(), cwd=None):
    """``cmd`` run to its end: the report runner's command forked from a warm server
    (tests/runner_fork.py) unless a prefix or a ``preexec_fn`` must apply to the process itself."""
    if not prefix and preexec_fn is None:
        return runner_fork.run(cmd, timeout=timeout, env=env, cwd=cwd)
    return subprocess.run(
        [*prefix, *cmd],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=preexec_fn,
        cwd=cwd,
        errors="backslashreplace",
    )


def run(site: dict, *args: str, outputs: Path | None = None, data: Path | None = None, config=None, **kw):
    """``python -m helpers.reports ARGS`` on a site; the completed process."""
    cmd = runner_cmd(config or site["config"], outputs or site["outputs"], data or site["data"], *args)
    return run_cmd(cmd, **kw)


def validate_cmd(data: Path) -> list[str]:
    """``python -m helpers.data DATA``: what ``make validate`` runs."""
    return [sys.executable, "-m", "helpers.data", str(data)]


def validate(data: Path, **kw):
    """``python -m helpers.data DATA``; the completed process."""
    return run_cmd(validate_cmd(data), **kw)


def no_traceback(r) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr[-3000:] + r.stdout[-3000:]


def unprivileged() -> tuple[str, ...]:
    """A command prefix under which file permissions apply (root keeps its uid, loses DAC override)."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable")


def with_fault(tmp: Path, code: str, env: dict | None = None) -> dict:
    """Environment whose Python runs ``code`` at start-up (a sitecustomize module)."""
    guard = tmp / "fault"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(textwrap.dedent(code), encoding="utf-8")
    return {**(env or os.environ), "PYTHONPATH": str(guard)}


def limit_memory(nbytes: int = 1_500_000_000):
    """A ``preexec_fn`` limiting the process's address space to ``nbytes``."""
    import resource

    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (nbytes, nbytes))

    return apply


# --- sites --------------------------------------------------------------------------------------


def publish_once(base: Path, reports: list[dict] = TWO_TINY) -> Path:
    """A data copy, the tiny notebook, a config of ``reports`` and outputs/ built from them."""
    shutil.copytree(DEFAULT_DATA_DIR, base / "data")
    tiny_notebook(base / "tiny.ipynb")
    config = write_config(base / "reports.yaml", reports)
    r = run_cmd(runner_cmd(config, base / "outputs", base / "data", "build", "--jobs", "1"))
    assert r.returncode == 0, r.stderr
    return base


def copy_site(published: Path, dst: Path) -> dict:
    """A private copy of a published site: config, notebooks, data and outputs/."""
    for p in published.iterdir():
        if p.is_dir():
            shutil.copytree(p, dst / p.name, symlinks=True)
        else:
            shutil.copy2(p, dst / p.name)
    return {
        "config": dst / "reports.yaml",
        "outputs": dst / "outputs",
        "data": dst / "data",
        "tmp": dst,
    }


def bare_site(tmp: Path) -> dict:
    """A config of a tiny report per headline indicator, the tiny notebook and a data copy, with an
    outputs/ that only holds a sentinel page and a sentinel report (nothing built)."""
    shutil.copytree(DEFAULT_DATA_DIR, tmp / "data")
    tiny_notebook(tmp / "tiny.ipynb")
    config = write_config(
        tmp / "reports.yaml",
        [
            {
                "name": "tiny-{indicator}",
                "notebook": "tiny.ipynb",
                "matrix": {"indicator": {"from": "headline_indicators"}},
            }
        ],
    )
    out = tmp / "outputs"
    (out / "reports" / "kept").mkdir(parents=True)
    (out / "reports" / "kept" / "index.html").write_text("<html>kept</html>", encoding="utf-8")
    (out / "index.html").write_text("<html>index</html>", encoding="utf-8")
    return {"config": config, "outputs": out, "data": tmp / "data", "tmp": tmp}


def failing(site: dict, name: str = "tiny-egdi_rank") -> None:
    """Rewrite the site's config so that report ``name`` raises and the other one is unchanged."""
    entries = [
        {
            "name": n,
            "notebook": "tiny.ipynb",
            "parameters": {"indicator": n[5:], **({"fail": True} if n == name else {})},
        }
        for n in NAMES
    ]
    write_config(site["config"], entries)


def fresh(tmp: Path) -> dict:
    """A data copy, the tiny notebook and a config of two tiny reports; no outputs yet."""
    shutil.copytree(DEFAULT_DATA_DIR, tmp / "data")
    tiny_notebook(tmp / "tiny.ipynb")
    config = write_config(tmp / "reports.yaml", TWO_TINY)
    return {"config": config, "outputs": tmp / "outputs", "data": tmp / "data", "tmp": tmp}


def tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every path under ``folder`` (files by the hash of their bytes, links by their target, folders
    as such), but those under a top-level name in ``skip``."""
    out = {}
    if not folder.exists():
        return out
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if rel.parts[0] in skip:
            continue
        if p.is_symlink():
            out[str(rel)] = "-> " + os.readlink(p)
        elif p.is_file():
            out[str(rel)] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif p.is_dir():
            out[str(rel)] = "/"
        else:
            out[str(rel)] = "special"
    return out


def published_bytes(outputs: Path) -> list[tuple[str, bytes]]:
    """Every file published under ``outputs`` with its bytes, and every entry of every zip in it."""
    out = []
    for p in sorted(outputs.rglob("*")):
        if not p.is_file() or p.is_symlink():
            continue
        data = p.read_bytes()
        out.append((str(p.relative_to(outputs)), data))
        if p.suffix == ".zip":
            with zipfile.ZipFile(p) as zf:
                out += [(f"{p.name}:{n}", zf.read(n)) for n in zf.namelist()]
    return out


def zip_entries(outputs: Path) -> dict[str, bytes]:
    """The entries of the published data zip."""
    [path] = (outputs / "data").glob("*.zip")
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def manifest_of(outputs: Path) -> dict:
    return json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))


# --- data edits ---------------------------------------------------------------------------------


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8", newline="")))


def rewrite_csv(path: Path, edit) -> None:
    """Rewrite ``path`` with ``edit(rows)`` applied (header included); an edit may return new rows."""
    rows = rows_of(path)
    rows = edit(rows) or rows
    write_rows(path, rows)


def keep_rows(pred):
    """An edit keeping the header and the rows for which ``pred(row)`` is true."""
    return lambda rows: [rows[0], *(r for r in rows[1:] if pred(r))]


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def edit_csv(path: Path, edit) -> None:
    """Rewrite ``path`` with ``edit(header, rows)`` applied to its data rows (lists of cells)."""
    rows = rows_of(path)
    edit(rows[0], rows[1:])
    write_rows(path, rows)


def first_row(header: list[str], rows: list[list[str]], **where) -> list[str]:
    """The first data row whose cells equal ``where`` (column -> value)."""
    return next(r for r in rows if all(r[header.index(k)] == v for k, v in where.items()))


def edit_descriptor(data: Path, edit) -> None:
    """Rewrite the data folder's datapackage.json with ``edit(package)`` applied."""
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    edit(package)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")


def bilingual_notebook(path: Path) -> Path:
    """A tiny notebook with a ``lang`` parameter: its reports in English and Vietnamese are twins."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('lang: str = "en"  # en or vi\noutput_dir: str = ""  # unused')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Twins"), params, nbformat.v4.new_code_cell("print(lang)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def data_version_of(page: Path) -> str:
    """The data version a published page says it was built from: its "how to cite" block's."""
    import re

    # "Data release 2026-12-05-5c2202a2ff8c, 2026-12-05" (the data's date and version), or the data
    # version alone when the page was built from data no release holds
    m = re.search(r"Data release (?:\d{4}-\d{2}-\d{2}-)?([0-9a-f]{6,})", page.read_text(encoding="utf-8"))
    assert m, page
    return m.group(1)
