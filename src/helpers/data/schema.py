"""The data contract, read from ``data/datapackage.json`` (a Frictionless Data Package), its one
source: which files there are, their columns in order, and the values a column may take.

Validation (``validate``), the loader and the tests ask this module; nothing else spells a column
list or an enumeration. Standard library only.
"""

from __future__ import annotations

import json
from functools import cache

from ..paths import DEFAULT_DATA_DIR

DESCRIPTOR = DEFAULT_DATA_DIR / "datapackage.json"


@cache
def _resources() -> dict[str, dict]:
    pkg = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    return {r["name"]: r for r in pkg["resources"]}


def resources() -> list[str]:
    """The resource names, in the descriptor's order."""
    return list(_resources())


def path(resource: str) -> str:
    """The file of ``resource``, relative to the data folder (e.g. "figures.csv")."""
    return _resources()[resource]["path"]


def columns(resource: str) -> list[str]:
    """The columns of ``resource``, in the order the file has them."""
    return [f["name"] for f in _resources()[resource]["schema"]["fields"]]


def described(resource: str) -> dict:
    """The ``schema`` object of ``resource``, as the descriptor has it."""
    return _resources()[resource]["schema"]


def field(resource: str, name: str) -> dict:
    return next(f for f in _resources()[resource]["schema"]["fields"] if f["name"] == name)


def enum(resource: str, name: str) -> tuple[str, ...]:
    """The values column ``name`` of ``resource`` may take, in the descriptor's order."""
    return tuple(field(resource, name)["constraints"]["enum"])


def minimum(resource: str, name: str) -> int | float:
    return field(resource, name)["constraints"]["minimum"]
