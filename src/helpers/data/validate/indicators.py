"""indicators.csv, the data dictionary: ids, kinds, periods, selection rules, authorities."""

from __future__ import annotations

import re
from pathlib import Path

from .. import schema
from ..checks import Checker
from ..csvio import Problem, read_table
from .rules import INDICATOR_COLUMNS, KINDS, PERIODS, SELECTION_RULES

_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_BREAK = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}: \S.*")


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
        }
        if rec["definition_break"] and not _BREAK.fullmatch(rec["definition_break"]):
            c.bad(row, "definition_break", "YYYY-MM-DD: what changed in what is counted, or empty")
        for col in INDICATOR_COLUMNS[1:]:  # the names, units and description: text
            if col not in rec:
                rec[col] = c.text(row, col)
        if iid and None not in rec.values():
            out[iid] = {"id": iid, **rec, "line": row.line}
    return out


def _periods(c: Checker, row) -> tuple[str, ...] | None:
    """An indicator's periods: one or more of PERIODS, '|'-separated."""
    parts = tuple(p.strip() for p in row["period"].split("|"))
    if not row["period"].strip() or any(p not in PERIODS for p in parts):
        c.bad(row, "period", f"one or more of {', '.join(PERIODS)}, separated by '|'")
        return None
    return parts
