"""Editing a private copy of the data's CSV files in tests (test_cadence.py, test_facts.py,
test_freshness_build.py): ``edit_each_row`` rewrites a table with a change applied to every row,
each row a dict by column name.
"""

from __future__ import annotations

import csv


def edit_each_row(path, change) -> None:
    """Rewrite a data CSV with ``change(row)`` applied to every row."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
