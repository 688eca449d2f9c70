"""Definition breaks: the dates from which an indicator counts something else, or stops being a measure.

``indicators.csv``'s ``definition_break`` holds one or more entries separated by `` | ``, each
``YYYY-MM-DD: what changed``. An entry whose text starts ``abolished:`` ends the measure: from that
day it no longer exists (a target on it cannot be judged). A figure on each side of a break measures
different things, so nothing compares across one. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ENTRY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}): (\S.*)")
SEPARATOR = " | "
EXPECTED = "YYYY-MM-DD: what changed in what is counted (several separated by ' | '), or empty"


@dataclass(frozen=True)
class Break:
    day: dt.date
    what: str

    @property
    def abolished(self) -> bool:
        """Whether the measure ends here ("2022-08-15: abolished: Decree 42/2022 ...")."""
        return self.what.startswith("abolished:")


def parse(text: str) -> list[Break] | None:
    """The breaks of ``definition_break`` in date order ([] for an empty cell); None when malformed."""
    text = (text or "").strip()
    if not text:
        return []
    out = []
    for part in text.split(SEPARATOR):
        m = _ENTRY.fullmatch(part.strip())
        if not m:
            return None
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        out.append(Break(day, m[4].strip()))
    return sorted(out, key=lambda b: b.day)
