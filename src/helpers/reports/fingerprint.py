"""Hashes of everything a report depends on, computed without pandas or matplotlib.

- the notebook's code (cell sources, not stored outputs, so refreshing outputs rebuilds nothing)
- its parameters
- the ``helpers`` package's code
- the versions of the packages a notebook runs with
- the data it read, per indicator, from the validated dataset (never the CSV files again; the
  hashes are ``helpers.data.version``'s, so that a report's kernel can say which data it read)
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import sys
from pathlib import Path

from ..data.version import DOCUMENTS as DOCUMENTS  # re-exported: the data's hashes are the data layer's
from ..data.version import data_fingerprints as data_fingerprints
from ..data.version import data_version as data_version
from ..data.version import digest
from ..paths import PACKAGE_DIR, code_files

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


def notebook_code(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        (c.get("cell_type"), c.get("source"), c.get("metadata", {}).get("tags", []))
        for c in nb.get("cells", [])
    ]
    return digest(cells)


def citation_file() -> str:
    """The hash of ``CITATION.cff`` (authors, keywords, published address: every page cites them)."""
    from ..paths import CITATION_FILE

    try:
        return digest(CITATION_FILE.read_bytes())
    except OSError:
        return ""


@functools.cache
def helpers_code() -> str:
    h = hashlib.sha256()
    for p in code_files():
        h.update(str(p.relative_to(PACKAGE_DIR)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _installed() -> dict[str, str]:
    """Name -> version of the distributions installed on sys.path, from the names of their
    ``.dist-info`` folders: one directory listing instead of a metadata search per package."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            if n.endswith(".dist-info") and "-" in n:
                dist, _, version = n[: -len(".dist-info")].partition("-")
                found.setdefault(dist.lower().replace("-", "_").replace(".", "_"), version)
    return found


def package_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    installed = _installed()
    for name in PACKAGES:
        version = installed.get(name.lower().replace("-", "_"))
        if version is None:
            from importlib import metadata  # a search of every path: only for what the listing missed

            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                version = "not installed"
        out[name] = version
    return out
