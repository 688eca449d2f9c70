"""sources.csv: who published what, when, where, under which licence."""

from __future__ import annotations

import re
from pathlib import Path

from .. import schema
from ..checks import Checker
from ..csvio import Problem, read_table
from .rules import ID, LANGUAGES, SOURCE_COLUMNS, SOURCE_KINDS


def check(path: Path, problems: list[Problem]) -> dict[str, dict]:
    t = read_table(path / schema.path("sources"), problems, SOURCE_COLUMNS)
    c = Checker(problems, t.name)
    out: dict[str, dict] = {}
    for row in t.rows:
        sid = c.ident(row, "id", ID, "a lower-case id such as mic-2022-01")
        if sid in out:
            c.bad(row, "id", "a unique id (this one is already used)")
            continue
        ok = all(
            v is not None
            for v in (
                c.text(row, "publisher"),
                c.text(row, "title"),
                c.text(row, "licence", "the licence, or 'not stated'"),
                c.date(row, "published", partial=True) if row["published"].strip() else True,
                c.choice(row, "language", LANGUAGES),
                c.choice(row, "kind", SOURCE_KINDS),
            )
        )
        address = row["address"].strip()
        if address and not re.fullmatch(r"https?://\S+", address):
            c.bad(
                row, "address", "a web address starting with http:// or https://, or empty when none is known"
            )
            ok = False
        if row["accessed"].strip() and c.date(row, "accessed") is None:
            ok = False
        if sid and ok:
            out[sid] = {**row.cells, "id": sid, "line": row.line}
    return out
