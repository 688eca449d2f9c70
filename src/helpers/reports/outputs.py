"""The layout of ``outputs/``, known here and nowhere else: every other module asks an
:class:`Outputs` (or a report's :class:`Staging` folder) where things are.

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
judged) and ``data_changes`` (see changes).

No path the build writes through may be a symbolic link it did not make (``check_safe``): the folder
may come from a shared cache, and a link would make the build write, or delete, elsewhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..present.locale.catalogue import LANGS, is_default
from . import publish
from .changes import CHANGES, changes_problem

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


class Staging:
    """One report's staging folder, the worker's working directory::

    out/index.html, out/notebook.ipynb, out/charts/   what gets published
    reads.txt     indicator ids the notebook's loads recorded
    result.json   status, duration, error
    worker.log    the kernel's own output
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.out = self.path / "out"
        self.page = self.out / PAGE
        self.notebook = self.out / NOTEBOOK
        self.charts = self.out / CHARTS
        self.reads = self.path / "reads.txt"
        self.result = self.path / "result.json"
        self.log = self.path / "worker.log"

    @staticmethod
    def _root(failed: bool) -> str:
        """The way from the page built here, where it will live, to ``outputs/``."""
        return "../" if failed else "../../"

    @classmethod
    def index_href(cls, failed: bool, lang: str = "en") -> str:
        """The link from the page built here to the index in ``lang``."""
        return cls._root(failed) + index_name(lang)

    @classmethod
    def css_href(cls, failed: bool) -> str:
        return f"{cls._root(failed)}{ASSETS}/{STYLESHEET}"

    @classmethod
    def report_href(cls, name: str, failed: bool) -> str:
        """The link from the page built here to the published page of report ``name``."""
        return f"{cls._root(failed)}{REPORTS}/{name}/{PAGE}"

    @staticmethod
    def address(name: str, site_url: str = "") -> str:
        """A report page's address once published (its path within outputs/ without a site URL)."""
        return address(f"{REPORTS}/{name}/{PAGE}", site_url)

    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.out)) for p in self.out.rglob("*") if p.is_file())

    def read_result(self) -> dict | None:
        """The worker's result; None when it wrote none, a failure when it is empty or damaged."""
        try:
            result = json.loads(self.result.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            result = None
        if not isinstance(result, dict) or not isinstance(result.get("ok"), bool):
            why = "worker process left an empty or unreadable result.json (disk full?)"
            return {"ok": False, "error": why, "duration_s": 0.0}
        return result

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


class Manifest:
    """``manifest.json``: the last good build of each report, the last failure of each, and the rows
    per indicator of the data they were built from (``ROWS``, against which a shrink is judged)."""

    def __init__(self, data: dict | None = None):
        self.data = data or {}
        self.data.setdefault(REPORTS, {})
        self.data.setdefault(FAILED, {})

    @staticmethod
    def problem(data) -> str | None:
        """What makes ``data`` no manifest (None when it is one): the runner reads these keys."""
        if not isinstance(data, dict):
            return f"expected a JSON object, got {type(data).__name__}"
        for section in (REPORTS, FAILED):
            records = data.get(section, {})
            if not isinstance(records, dict) or not all(isinstance(r, dict) for r in records.values()):
                return f"'{section}' must map report names to objects"
        for record in data.get(REPORTS, {}).values():
            inputs, reads = record.get("inputs", {}), record.get("reads") or []
            if not isinstance(inputs, dict) or not isinstance(inputs.get("data", {}), dict):
                return "a report's 'inputs' must be an object"
            if not isinstance(reads, list) or not isinstance(record.get("duration_s", 0), int | float):
                return "a report's 'reads' must be a list and 'duration_s' a number"
            if not isinstance(record.get("summary") or {}, dict):
                return "a report's 'summary' must be an object"
        rows = data.get(ROWS, {})
        if not isinstance(rows, dict) or not all(isinstance(n, int) for n in rows.values()):
            return f"'{ROWS}' must map indicator ids to row counts"
        return changes_problem(data.get(CHANGES, []))

    def rows(self) -> dict[str, int]:
        return self.data.get(ROWS, {})

    def good(self, name: str) -> dict | None:
        return self.data[REPORTS].get(name)

    def failure(self, name: str) -> dict | None:
        return self.data[FAILED].get(name)

    def record_good(self, name: str, record: dict) -> None:
        self.data[REPORTS][name] = {**record, "status": OK}
        self.data[FAILED].pop(name, None)

    def record_failure(self, name: str, record: dict) -> None:
        self.data[FAILED][name] = record


class Outputs:
    """The ``outputs/`` folder of one build."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.index = self.root / PAGE
        self.manifest_path = self.root / MANIFEST
        self.staging_root = self.root / STAGING
        self.data_dir = self.root / DATA
        self.data_page = self.data_dir / PAGE  # in English; data_page_in(lang) for each language
        self.data_snapshot = self.data_dir / DATA_SNAPSHOT
        self.data_href = f"{DATA}/{PAGE}"  # from the index
        self.data_index_href = f"../{PAGE}"  # from the data page to the index
        self.journal_path = self.root / JOURNAL
        self.record_path = self.root / RECORD

    def data_page_in(self, lang: str) -> Path:
        """The data page in ``lang``: data/index.html and data/index.vi.html."""
        return self.data_dir / index_name(lang)

    def data_href_in(self, lang: str) -> str:
        """The data page in ``lang``, from the index."""
        return f"{DATA}/{index_name(lang)}"

    def data_zip(self, package_name: str) -> Path:
        """The zipped data package, named after the package."""
        return self.data_dir / f"{package_name}.zip"

    # --- the build's lock and staging folders ---------------------------------------------------

    def lock(self, wait: bool):
        """Hold ``outputs/.lock`` for the whole build (see ``publish.lock``)."""
        return publish.lock(self.root / LOCK, wait)

    def check_safe(self) -> None:
        """Refuse (publish.LinkError) when a path the build writes through is a symbolic link: the
        folder may come from a shared cache, and a link would make the build write elsewhere."""
        for rel in (STAGING, REPORTS, FAILED, DATA, ASSETS, MANIFEST, *map(index_name, LANGS)):
            if (self.root / rel).is_symlink():
                raise publish.LinkError(self.root / rel)
        if self.root.exists() and not self.root.is_dir():
            raise NotADirectoryError(f"{self.root} is not a folder")
        fd, probe = tempfile.mkstemp(prefix=".probe.", dir=self.root)  # writable? (else OSError)
        os.close(fd)
        os.unlink(probe)

    def linked_reports(self) -> set[str]:
        """Published report folders that are symbolic links (never replaced, never followed)."""
        reports = self.root / REPORTS
        return {p.name for p in reports.iterdir() if p.is_symlink()} if reports.is_dir() else set()

    def clean_staging(self) -> tuple[list[str], list[str]]:
        """Remove what interrupted runs left in ``.staging``, and finish a fallback swap interrupted
        between its two renames (call with the lock held). Returns the staging folders removed and
        the report folders put back."""
        left = sorted(p.name for p in self.staging_root.iterdir()) if self.staging_root.exists() else []
        for name in left:
            path = self.staging_root / name
            path.unlink() if path.is_symlink() else shutil.rmtree(path, ignore_errors=True)
        return left, publish.recover_swaps(self.root / REPORTS)

    def new_staging(self, name: str) -> Staging:
        self.staging_root.mkdir(parents=True, exist_ok=True)
        return Staging(tempfile.mkdtemp(prefix=f"{name}.", dir=self.staging_root))

    # --- published reports ------------------------------------------------------------------------

    def report_dir(self, name: str) -> Path:
        return self.root / REPORTS / name

    def is_published(self, name: str) -> bool:
        return (self.report_dir(name) / PAGE).exists()

    def failed_files(self, name: str) -> dict[str, Path]:
        return {ext: self.root / FAILED / f"{name}.{ext}" for ext in ("ipynb", "html")}

    def publish(self, name: str, staging: Staging, discard=shutil.rmtree) -> None:
        """Swap the built report into place in one step and clear its last failure; the old
        version goes to ``discard`` (see publish.Reaper)."""
        publish.swap_into_place(staging.out, self.report_dir(name), discard)
        self.forget_failure(name)

    def forget_failure(self, name: str) -> None:
        for path in self.failed_files(name).values():
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                path.unlink()

    def keep_failure(self, name: str, staging: Staging) -> None:
        """Keep a failed run's notebook and page in ``failed/`` (or none, when the run left none:
        an older failure's page must not stand for this one); the published report stays."""
        files = self.failed_files(name)
        for src, ext in ((staging.notebook, "ipynb"), (staging.page, "html")):
            if src.exists():
                publish.replace_file(src, files[ext])
            else:
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    files[ext].unlink()

    # --- manifest and index -----------------------------------------------------------------------

    def read_manifest(self) -> Manifest:
        if not self.manifest_path.exists():
            return Manifest()
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            problem = Manifest.problem(data)
        except (OSError, ValueError) as exc:  # ValueError: not JSON, or not UTF-8
            problem = str(exc)
        if problem is None:
            return Manifest(data)
        print(
            f"warning: {self.manifest_path} is unreadable ({problem}); every report will be rebuilt",
            file=sys.stderr,
            flush=True,
        )
        return Manifest()

    def save_manifest(self, manifest: Manifest, version: str, rows: dict[str, int]) -> None:
        manifest.data[ROWS] = rows
        manifest.data["data_version"] = version
        manifest.data["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        text = json.dumps(manifest.data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        publish.write_atomic(self.manifest_path, text)

    def write_assets(self) -> None:
        """The shared stylesheet, rewritten only when it changed."""
        from .html import stylesheet

        path = self.root / ASSETS / STYLESHEET
        css = stylesheet()
        if not path.exists() or path.read_text(encoding="utf-8") != css:
            publish.write_atomic(path, css)

    # --- the journal: the manifest is written once per batch, the journal after every report -------

    def journal(self, name: str, manifest: Manifest) -> None:
        """Append what the manifest now says of ``name`` to the journal (one JSON line).

        The manifest and the index are written once per batch; a run killed before that leaves
        them whole but behind, and the journal says what it published since: the next run
        replays it (:meth:`replay_journal`) before planning, so nothing is built twice or lost."""
        line = json.dumps({"name": name, "good": manifest.good(name), "failed": manifest.failure(name)})
        with open(self.journal_path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    def replay_journal(self, manifest: Manifest) -> int:
        """Apply the journal of an interrupted run to ``manifest``; how many entries were applied
        (a line cut short by the kill is ignored). Call with the lock held."""
        try:
            text = self.journal_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return 0
        n = 0
        for line in text.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                break
            name = entry["name"]
            if entry.get("good") is not None:
                manifest.data[REPORTS][name] = entry["good"]
            if entry.get("failed") is not None:
                manifest.data[FAILED][name] = entry["failed"]
            else:
                manifest.data[FAILED].pop(name, None)
            n += 1
        return n

    def clear_journal(self) -> None:
        """After the manifest that holds the journal's entries is written."""
        self.journal_path.unlink(missing_ok=True)
