"""One report's staging folder: where its worker builds it before it is published."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .layout import ASSETS, CHARTS, NOTEBOOK, PAGE, REPORTS, STATEMENTS, STYLESHEET, address, index_name


class Staging:
    """One report's staging folder, the worker's working directory::

    out/index.html, out/notebook.ipynb, out/charts/   what gets published
    out/statements.json   what the page compares, derives or judges
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
        self.statements = self.out / STATEMENTS
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

    @staticmethod
    def chart_address(name: str, file: str, site_url: str = "") -> str:
        """A file of a report's charts once published (under the site's address when there is one)."""
        return address(f"{REPORTS}/{name}/{CHARTS}/{file}", site_url)

    def chart_files(self, suffix: str) -> list[str]:
        """The names of the chart files built here that end with ``suffix`` (".csv"), sorted."""
        return sorted(p.name for p in self.charts.glob(f"*{suffix}")) if self.charts.is_dir() else []

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
