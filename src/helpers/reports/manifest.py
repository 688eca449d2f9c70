"""``manifest.json``'s content: per report the last good build and the last failure, and the rows
per indicator of the data last published. Where it is read and written is ``outputs``' to say."""

from __future__ import annotations

from .changes import CHANGES, changes_problem
from .layout import FAILED, OK, REPORTS, ROWS


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
