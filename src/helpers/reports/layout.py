"""The names of ``outputs/``'s layout, known here and nowhere else: every other module asks an
``outputs.Outputs`` (or a report's ``staging.Staging`` folder) where things are.

::

    outputs/index.html                 every report with title, parameters, status, date
    outputs/manifest.json              per report: inputs, reads, versions, duration, status
    outputs/reports/NAME/index.html    the published page;  notebook.ipynb;  charts/
    outputs/failed/NAME.html, .ipynb   the last failed run of a report
    outputs/data/index.html            the dataset: files, licence, how to cite (see datapage)
    outputs/data/NAME.zip              the whole data package zipped (NAME from datapackage.json)
    outputs/data/published-figures.json  every figure as last published, for the next changelog
    outputs/data/versions/RELEASE/     every data release published, kept (see releases): NAME.zip,
                                       datapackage.json and release.json; RELEASE is DATE-VERSION
    outputs/.staging/NAME.XXXX/        a report being built (see Staging)
    outputs/.lock                      held by the running build
    outputs/.journal                   reports finished since the manifest was last written
    outputs/.cache/validated.json      the data states that validated (helpers.data.record)

The manifest's sections are ``reports`` (the last good build of each), ``failed`` (the last failure
of each), ``data_rows`` (rows per indicator of the data last published, against which a shrink is
judged) and ``data_changes`` (see changes). The states a report can be in are named here too.
"""

from __future__ import annotations

import re

from ..present.locale.catalogue import LANGS as LANGS  # the pages' languages: the catalogues'
from ..present.locale.catalogue import is_default

REPORTS = "reports"
FAILED = "failed"  # the folder and manifest section of failed runs, and a report's state after one
STAGING = ".staging"
LOCK = ".lock"
JOURNAL = ".journal"
RECORD = ".cache/validated.json"
MANIFEST = "manifest.json"
PAGE = "index.html"  # a report's page, and the index of all of them
NOTEBOOK = "notebook.ipynb"
STATEMENTS = "statements.json"  # what a report's page compares, derives or judges, with its figures
CHARTS = "charts"
DATA = "data"  # the data page's folder
DATA_SNAPSHOT = "published-figures.json"
VERSIONS = "versions"  # in DATA: one folder per data release (see releases)
DESCRIPTOR = "datapackage.json"  # a release's copy of the data package descriptor
RELEASE_RECORD = "release.json"  # a release's own record: its dates, files and changelog entry
ROWS = "data_rows"  # the manifest's rows per indicator of the data last published
ASSETS = "assets"
STYLESHEET = "site.css"  # the one stylesheet of every page, in ASSETS


RELEASE_NAME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{12}")  # a release: DATE-VERSION


def release_name(day: str, data_version: str) -> str:
    """A data release's name, and its folder's: the data's date (ISO) and its data version, e.g.
    ``2025-11-30-3f9a2b1c4d5e``. Raises ValueError when either is not of its shape."""
    name = f"{day}-{data_version}"
    if not RELEASE_NAME.fullmatch(name):
        raise ValueError(f"not a release name (DATE-VERSION, VERSION 12 hex digits): {name!r}")
    return name


def address(path: str, site_url: str = "") -> str:
    """``path`` (within outputs/) as people reach it: under ``site_url`` when one is configured."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def index_name(lang: str) -> str:
    """The index page in ``lang``: index.html (English) and index.vi.html."""
    return PAGE if is_default(lang) else f"index.{lang}.html"


OK, BUILT, UP_TO_DATE = "ok", "built", "up to date"  # a report's state: in the manifest, after a build
