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
    outputs/.staging/NAME.XXXX/        a report being built (see Staging)
    outputs/.lock                      held by the running build
    outputs/.journal                   reports finished since the manifest was last written
    outputs/.cache/validated.json      the data states that validated (helpers.data.record)

The manifest's sections are ``reports`` (the last good build of each), ``failed`` (the last failure
of each), ``data_rows`` (rows per indicator of the data last published, against which a shrink is
judged) and ``data_changes`` (see changes). The states a report can be in are named here too.
"""

from __future__ import annotations

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
CHARTS = "charts"
DATA = "data"  # the data page's folder
DATA_SNAPSHOT = "published-figures.json"
ROWS = "data_rows"  # the manifest's rows per indicator of the data last published
ASSETS = "assets"
STYLESHEET = "site.css"  # the one stylesheet of every page, in ASSETS


def address(path: str, site_url: str = "") -> str:
    """``path`` (within outputs/) as people reach it: under ``site_url`` when one is configured."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def index_name(lang: str) -> str:
    """The index page in ``lang``: index.html (English) and index.vi.html."""
    return PAGE if is_default(lang) else f"index.{lang}.html"


OK, BUILT, UP_TO_DATE = "ok", "built", "up to date"  # a report's state: in the manifest, after a build
