"""Read ``reports.yaml`` and expand it into one :class:`Report` per notebook run.

A matrix ``from: headline_indicators`` (or ``all_indicators``) takes the indicator ids from the
validated dataset, so the data is checked before the config (see ``runner``)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Dataset

KERNELS = ("inprocess", "subprocess")


class ConfigError(Exception):
    """The report config, a notebook or a parameter is wrong; the runner exits with status 2."""


@dataclass(frozen=True)
class Report:
    name: str
    notebook: Path
    parameters: dict = field(default_factory=dict)


@dataclass
class Config:
    path: Path
    reports: list[Report]
    cell_timeout: int = 300
    kernel: str = "inprocess"


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _indicator_ids(ds: Dataset, headline_only: bool) -> list[str]:
    return [i for i, rec in ds.indicators.items() if not headline_only or rec["headline"]]


def load(path: Path, ds: Dataset) -> Config:
    """Parse and expand the config; ConfigError names the file and what is wrong."""
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such report config") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("reports"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'reports' list")
    settings = raw.get("settings") or {}
    timeout = settings.get("cell_timeout", 300)
    if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout <= 0:
        raise ConfigError(
            f"{path}: settings.cell_timeout: expected a positive whole number of seconds, got {timeout!r}"
        )
    kernel = settings.get("kernel", "inprocess")
    if kernel not in KERNELS:
        raise ConfigError(f"{path}: settings.kernel: expected one of {', '.join(KERNELS)}, got {kernel!r}")
    reports: list[Report] = []
    for i, entry in enumerate(raw["reports"], 1):
        where = f"{path}: reports[{i}]"
        if not isinstance(entry, dict) or "name" not in entry or "notebook" not in entry:
            raise ConfigError(f"{where}: expected 'name' and 'notebook'")
        unknown = set(entry) - {"name", "notebook", "parameters", "matrix"}
        if unknown:
            raise ConfigError(
                f"{where}: unknown key(s) {sorted(unknown)}; expected name, notebook, parameters, matrix"
            )
        base = entry.get("parameters") or {}
        matrix = entry.get("matrix") or {}
        if not isinstance(base, dict) or not isinstance(matrix, dict):
            raise ConfigError(f"{where}: 'parameters' and 'matrix' must be mappings")
        axes = {}
        for key, values in matrix.items():
            if isinstance(values, dict) and set(values) == {"from"}:
                if values["from"] not in ("headline_indicators", "all_indicators"):
                    raise ConfigError(
                        f"{where}: matrix.{key}: 'from' must be headline_indicators or all_indicators"
                    )
                values = _indicator_ids(ds, values["from"] == "headline_indicators")
            if not isinstance(values, list) or not values:
                raise ConfigError(f"{where}: matrix.{key}: expected a non-empty list of values")
            axes[key] = values
        notebook = (path.parent / entry["notebook"]).resolve()  # relative to the config file
        combos = [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())] or [
            {}
        ]
        for combo in combos:
            params = {**base, **combo}
            try:
                name = str(entry["name"]).format(**params)
            except (KeyError, IndexError, ValueError) as exc:
                raise ConfigError(
                    f"{where}: name {entry['name']!r} uses a placeholder with no parameter: {exc}"
                ) from exc
            if not _NAME.fullmatch(name):
                raise ConfigError(f"{where}: report name {name!r}: use letters, digits, '-', '_' and '.'")
            reports.append(Report(name, notebook, params))
    names = [r.name for r in reports]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{path}: report names must be unique; repeated: {', '.join(dupes)}")
    return Config(path, reports, timeout, kernel)
