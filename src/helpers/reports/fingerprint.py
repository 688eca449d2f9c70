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

import contextlib
import functools
import hashlib
import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

from ..data import Dataset
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


DOCUMENTS = "(documents)"  # the key of the published documents' hash among the per-indicator hashes


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
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                version = "not installed"
        out[name] = version
    return out


def _without_line(record) -> dict:
    """A record without its line number: moving a row in its file changes nothing it shows."""
    d = record if isinstance(record, dict) else vars(record)
    return {k: v for k, v in d.items() if k != "line"}


def data_fingerprints(ds: Dataset) -> tuple[dict[str, str], str]:
    """Per-indicator hashes, and the hash of what every report reads (sources, UN countries).

    The per-indicator table also holds one hash per indicator and entity, keyed ``IND@ENTITY``: a
    report that read one country's figures (``load_figures(ind, entities=[...])`` notes such keys)
    is rebuilt when that country's rows change, not when another country's do. Such a hash covers
    the indicator's rows for that entity (figures, UN figures, claims, targets) and its dictionary row.

    Computed once per dataset (kept on it); a dataset taken from the validation record (see
    ``helpers.data.record``) brings its own."""
    recorded = getattr(ds, "fingerprints", None)
    if recorded is not None:
        return recorded
    groups: dict[str, hashlib._Hash] = {i: hashlib.sha256() for i in ds.indicators}
    order: dict[tuple, tuple] = {}  # a record type's keys -> its fields in a fixed order, line left out
    for f in [*ds.figures, *ds.un.figures, *ds.claims, *ds.targets]:
        d = f if isinstance(f, dict) else vars(f)
        keys = tuple(d)
        fields = order.get(keys)
        if fields is None:
            fields = order[keys] = tuple(sorted(k for k in keys if k != "line"))
        row = repr(tuple((k, d[k]) for k in fields)).encode() + b"\n"
        ind = d["indicator"]
        h = groups.get(ind)
        if h is None:
            h = groups[ind] = hashlib.sha256()
        h.update(row)
        key = f"{ind}@{d['entity']}"
        h = groups.get(key)
        if h is None:
            h = groups[key] = hashlib.sha256()
        h.update(row)
    per = {
        key: digest([h.hexdigest(), _without_line(ds.indicators.get(key.split("@", 1)[0], {}))])
        for key, h in groups.items()
    }
    common = digest([[_without_line(s) for s in ds.sources.values()], ds.un.countries])
    # The descriptor and READMEs the data page publishes: part of the data version (a report that
    # read everything is rebuilt; one that read some indicators is not).
    per[DOCUMENTS] = getattr(ds, "documents", "")
    result = (per, common)
    with contextlib.suppress(AttributeError):  # a dataset that takes no new attribute: computed again
        ds.fingerprints = result
    return result


def data_version(per: dict[str, str], common: str) -> str:
    """One short hash naming the state of the whole data folder."""
    return digest([sorted(per.items()), common])[:12]
