"""Hashes of everything a report depends on, computed without pandas or matplotlib.

- the notebook's code (cell sources, not stored outputs, so refreshing outputs rebuilds nothing)
- its parameters
- the ``helpers`` package's code
- the versions of the packages a notebook runs with
- the data it read, per indicator, from the validated dataset (never the CSV files again): the
  indicator's figures (curated and UN) and claims and its dictionary row; plus the sources and the
  countries of the UN tables (named through the country aliases), which every report reads
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

from ..data import Dataset
from ..paths import PACKAGE_DIR

PACKAGES = (
    "pandas",
    "numpy",
    "matplotlib",
    "papermill",
    "nbconvert",
    "nbformat",
    "nbclient",
    "ipykernel",
    "jupyter_client",
)


def digest(obj) -> str:
    data = (
        obj
        if isinstance(obj, bytes)
        else json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode()
    )
    return hashlib.sha256(data).hexdigest()[:16]


def notebook_code(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        (c.get("cell_type"), c.get("source"), c.get("metadata", {}).get("tags", []))
        for c in nb.get("cells", [])
    ]
    return digest(cells)


def helpers_code() -> str:
    h = hashlib.sha256()
    for p in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(str(p.relative_to(PACKAGE_DIR)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def package_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _without_line(record) -> dict:
    """A record without its line number: moving a row in its file changes nothing it shows."""
    d = record if isinstance(record, dict) else vars(record)
    return {k: v for k, v in d.items() if k != "line"}


def data_fingerprints(ds: Dataset) -> tuple[dict[str, str], str]:
    """Per-indicator hashes, and the hash of what every report reads (sources, UN countries)."""
    rows: dict[str, list] = {i: [] for i in ds.indicators}
    for f in [*ds.figures, *ds.un.figures, *ds.claims]:
        ind = f["indicator"] if isinstance(f, dict) else f.indicator
        rows.setdefault(ind, []).append(_without_line(f))
    per = {i: digest([r, _without_line(ds.indicators.get(i, {}))]) for i, r in rows.items()}
    common = digest([[_without_line(s) for s in ds.sources.values()], ds.un.countries])
    return per, common


def data_version(per: dict[str, str], common: str) -> str:
    """One short hash naming the state of the whole data folder."""
    return digest([sorted(per.items()), common])[:12]
