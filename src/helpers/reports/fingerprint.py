"""Hashes of everything a report depends on, computed without pandas or matplotlib.

- the notebook's code (cell sources, not stored outputs, so refreshing outputs rebuilds nothing)
- its parameters
- the ``helpers`` package's code
- the versions of the packages a notebook runs with
- the data it read, per indicator: the indicator's rows in figures.csv and claims.csv, its
  dictionary row, and for UN indicators the raw UN tables; plus sources.csv and the country aliases,
  which every report reads (titles, source lines)
"""

from __future__ import annotations

import csv
import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

from ..paths import PACKAGE_DIR
from ..un import UN_INDICATORS

PACKAGES = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
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


def _rows_by_indicator(path: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    if not path.exists():
        return out
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        col = (
            header.index("indicator")
            if "indicator" in header
            else header.index("id")
            if "id" in header
            else 0
        )
        for row in reader:
            if row:
                out.setdefault(row[col] if col < len(row) else "", []).append(row)
    return out


def data_fingerprints(data_dir: Path) -> tuple[dict[str, str], str]:
    """Per-indicator hashes, and the hash of what every report reads (sources, aliases)."""
    figures = _rows_by_indicator(data_dir / "figures.csv")
    claims = _rows_by_indicator(data_dir / "claims.csv")
    dictionary = _rows_by_indicator(data_dir / "indicators.csv")
    raw = data_dir / "raw" / "un-egdi"
    un = digest(b"".join(p.name.encode() + p.read_bytes() for p in sorted(raw.glob("*.csv"))))
    common = digest(
        b"".join(
            (data_dir / f).read_bytes()
            for f in ("sources.csv", "country_aliases.csv")
            if (data_dir / f).exists()
        )
    )
    ids = set(dictionary) | set(figures) | set(claims)
    per = {
        i: digest(
            [figures.get(i, []), claims.get(i, []), dictionary.get(i, []), un if i in UN_INDICATORS else ""]
        )
        for i in ids
    }
    return per, common


def data_version(per: dict[str, str], common: str) -> str:
    """One short hash naming the state of the whole data folder."""
    return digest([sorted(per.items()), common])[:12]
