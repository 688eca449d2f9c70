"""Project paths, anchored on this package's location, never on the working directory.

``HELPERS_DATA_DIR`` overrides the data folder (the report runner and the tests use it to work on a
copy of the data); ``HELPERS_OUTPUTS_DIR`` overrides where reports are published (the README test
runs ``make reports`` into a temporary folder with it).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
OUTPUTS_DIR = PROJECT_DIR / "outputs"
REPORTS_CONFIG = PROJECT_DIR / "reports.yaml"
CITATION_FILE = PROJECT_DIR / "CITATION.cff"  # how to cite the project; its published address
DEFAULT_DATA_DIR = PROJECT_DIR / "data"
DATA_DIR_ENV = "HELPERS_DATA_DIR"
OUTPUTS_DIR_ENV = "HELPERS_OUTPUTS_DIR"
CODE_GLOBS = ("*.py", "*.po", "*.j2")  # what shapes the published pages: modules, catalogues, templates


def code_files() -> list[Path]:
    """Every file of the ``helpers`` package that shapes what is published (:data:`CODE_GLOBS`),
    sorted: a change to any of them makes every report stale."""
    return sorted(p for pattern in CODE_GLOBS for p in PACKAGE_DIR.rglob(pattern))


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: ``override``, else ``$HELPERS_DATA_DIR``, else the project's ``data/``."""
    if override is not None:
        return Path(override).resolve()
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env).resolve() if env else DEFAULT_DATA_DIR


def outputs_dir(override: str | os.PathLike | None = None) -> Path:
    """Where reports are published: ``override``, else ``$HELPERS_OUTPUTS_DIR``, else ``outputs/``."""
    if override is not None:
        return Path(override).resolve()
    env = os.environ.get(OUTPUTS_DIR_ENV)
    return Path(env).resolve() if env else OUTPUTS_DIR
