"""indicators.csv, the data dictionary: ids, kinds, periods, selection rules, authorities, release
cadences and what a reader should know (the Vietnamese of a definition break, the caveats)."""

from __future__ import annotations

import re
from pathlib import Path

from .. import breaks, schema
from ..checks import Checker
from ..csvio import Problem, read_table
from .rules import CADENCES, INDICATOR_COLUMNS, KINDS, PERIODS, SELECTION_RULES

_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_DATES = re.compile(r"(?:^| \| )([0-9]{4}-[0-9]{2}-[0-9]{2}): ")
# Columns that may be empty (the others are text that must be there).
OPTIONAL = {
    "definition_break",
    "release_month",
    "definition_break_vi",
    "compare_with",
    "caveat_en",
    "caveat_vi",
}


def check(path: Path, problems: list[Problem]) -> dict[str, dict]:
    t = read_table(path / schema.path("indicators"), problems, INDICATOR_COLUMNS)
    c = Checker(problems, t.name)
    out: dict[str, dict] = {}
    for row in t.rows:
        iid = c.ident(row, "id", _SNAKE, "a snake_case id such as ndxp_transactions")
        if iid in out:
            c.bad(row, "id", "a unique id (this one is already used)")
            continue
        rec = {
            "kind": c.choice(row, "kind", KINDS),
            "higher_is_better": c.boolean(row, "higher_is_better"),
            "headline": c.boolean(row, "headline"),
            "selection_rule": c.choice(row, "selection_rule", SELECTION_RULES),
            "period": _periods(c, row),
            "authority": tuple(a.strip() for a in (c.text(row, "authority") or "").split("|") if a.strip())
            or None,
            "definition_break": row["definition_break"].strip(),
            **_reader(c, row),
        }
        if breaks.parse(rec["definition_break"]) is None:
            c.bad(row, "definition_break", breaks.EXPECTED)
        for col in INDICATOR_COLUMNS[1:]:  # the names, units and description: text
            if col not in rec:
                rec[col] = row[col].strip() if col in OPTIONAL else c.text(row, col)
        if iid and all(v is not None for k, v in rec.items() if k != "release_month"):
            out[iid] = {"id": iid, **rec, "line": row.line}
    for iid, rec in out.items():  # another indicator a page compares this one with must exist
        unknown = [o for o in rec["compare_with"] if o not in out or o == iid]
        if unknown:
            problems.append(
                Problem(t.name, rec["line"], "compare_with", "|".join(rec["compare_with"]),
                        "ids of other indicators of this file, '|'-separated")
            )  # fmt: skip
    return out


def _reader(c: Checker, row) -> dict:
    """What pages tell a reader: the release cadence (and usual month), the Vietnamese of the
    definition breaks (the same dates), the indicators compared with and the caveats (both
    languages or neither)."""
    cadence = c.choice(row, "cadence", CADENCES)
    month = row["release_month"].strip()
    if month and not (month.isdigit() and 1 <= int(month) <= 12):
        c.bad(row, "release_month", "a month from 1 to 12, or empty")
    elif month and cadence not in ("annual", "biennial"):
        c.bad(row, "release_month", "empty unless the cadence is annual or biennial")
    en, vi = row["definition_break"].strip(), row["definition_break_vi"].strip()
    if _DATES.findall(en) != _DATES.findall(vi):
        c.bad(
            row, "definition_break_vi", "the entries of definition_break in Vietnamese, with the same dates"
        )
    if bool(row["caveat_en"].strip()) != bool(row["caveat_vi"].strip()):
        c.bad(row, "caveat_vi", "a caveat in both languages (caveat_en and caveat_vi) or in neither")
    compare = tuple(p.strip() for p in row["compare_with"].split("|") if p.strip())
    return {
        "cadence": cadence,
        "release_month": int(month) if month.isdigit() and 1 <= int(month) <= 12 else None,
        "compare_with": compare,
    }


def _periods(c: Checker, row) -> tuple[str, ...] | None:
    """An indicator's periods: one or more of PERIODS, '|'-separated."""
    parts = tuple(p.strip() for p in row["period"].split("|"))
    if not row["period"].strip() or any(p not in PERIODS for p in parts):
        c.bad(row, "period", f"one or more of {', '.join(PERIODS)}, separated by '|'")
        return None
    return parts
