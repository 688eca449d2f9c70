"""The layout of ``outputs/``, known here and nowhere else: every other module asks an
:class:`Outputs` (or a report's :class:`~helpers.reports.staging.Staging` folder) where things are.
The names of the layout are in ``layout``, which draws it; ``manifest`` holds the manifest's content,
``staging`` a report's staging folder.

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

from . import journal, publish
from .layout import (
    ASSETS,
    BUILT,
    CHARTS,
    DATA,
    DATA_SNAPSHOT,
    DESCRIPTOR,
    FAILED,
    JOURNAL,
    LANGS,
    LOCK,
    MANIFEST,
    NOTEBOOK,
    OK,
    PAGE,
    RECORD,
    RELEASE_NAME,
    RELEASE_RECORD,
    REPORTS,
    ROWS,
    STAGING,
    STYLESHEET,
    UP_TO_DATE,
    VERSIONS,
    address,
    index_name,
)
from .manifest import Manifest
from .staging import Staging

__all__ = [  # the layout's names and the objects it is made of, as modules have imported them from here
    "ASSETS",
    "BUILT",
    "CHARTS",
    "DATA",
    "DATA_SNAPSHOT",
    "DESCRIPTOR",
    "FAILED",
    "LANGS",
    "MANIFEST",
    "NOTEBOOK",
    "OK",
    "PAGE",
    "REPORTS",
    "STYLESHEET",
    "UP_TO_DATE",
    "Manifest",
    "Outputs",
    "Staging",
    "address",
    "index_name",
]


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
        self.versions_dir = self.data_dir / VERSIONS  # every data release, kept (see releases)
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

    # --- data releases, each kept in its own folder (see releases) ---------------------------------

    def release_dir(self, release: str) -> Path:
        """The folder of data release ``release`` (``DATE-VERSION``; ValueError for another name)."""
        if not RELEASE_NAME.fullmatch(release):
            raise ValueError(f"not a release name: {release!r}")
        return self.versions_dir / release

    def release_file(self, release: str, name: str) -> Path:
        """A file of a release: the zip (named as the current one), ``DESCRIPTOR`` or ``RELEASE_RECORD``."""
        if "/" in name or name.startswith("."):
            raise ValueError(f"not a file name of a release: {name!r}")
        return self.release_dir(release) / name

    def release_record(self, release: str) -> Path:
        return self.release_file(release, RELEASE_RECORD)

    def release_path(self, release: str, name: str = "") -> str:
        """A release's folder (or one of its files) as a path within ``outputs/``, for ``address``."""
        self.release_dir(release)  # checks the name
        return f"{DATA}/{VERSIONS}/{release}/{name}"

    def release_href(self, release: str, name: str = "") -> str:
        """A release's folder (or file) from the data page."""
        return self.release_path(release, name)[len(DATA) + 1 :]

    def releases(self) -> list[str]:
        """The releases kept: folders of ``versions/`` named ``DATE-VERSION`` (never a link)."""
        if not self.versions_dir.is_dir() or self.versions_dir.is_symlink():
            return []
        return sorted(
            p.name
            for p in self.versions_dir.iterdir()
            if RELEASE_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink()
        )

    def page_of(self, folder: Path) -> Path:
        """The page a folder of ``outputs/`` shows when it is asked for (``reports/NAME/``, ``data/``,
        the root): its ``index.html``."""
        return Path(folder) / PAGE

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
        """Append what the manifest now says of ``name`` to the journal (see ``journal``)."""
        journal.append(
            self.journal_path, {"name": name, "good": manifest.good(name), "failed": manifest.failure(name)}
        )

    def replay_journal(self, manifest: Manifest) -> int:
        """Apply the journal of an interrupted run to ``manifest``; how many entries were applied.
        Lines of another shape are said and skipped; a journal with nothing to apply goes at once
        (one with entries goes once the manifest holding them is written). Call with the lock held."""
        applied, skipped = journal.replay(self.journal_path, manifest)
        if skipped and not applied:
            self.clear_journal()
        return applied

    def clear_journal(self) -> None:
        """After the manifest that holds the journal's entries is written."""
        self.journal_path.unlink(missing_ok=True)
