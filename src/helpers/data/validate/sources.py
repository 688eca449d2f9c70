"""sources.csv: who published what, when, where, under which licence, and the publisher's
Vietnamese name where the data names it in English."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .. import schema
from ..checks import Checker
from ..csvio import Problem, read_table
from .rules import ID, LANGUAGES, SOURCE_COLUMNS, SOURCE_KINDS

# Where the curators' (English) description of a publisher starts: "Thanh Niên (citing C06, ...)",
# "SGGP News (English), citing ...", "Báo Mới (baomoi.com), a copy of ...".
_DESCRIPTION = re.compile(r" \(|, (?:citing|a copy|reporting) ")


def outlet_name(publisher: str) -> str:
    """The outlet's name as published, without the curators' description of whom it cites
    ("Thanh Niên (citing C06, ...)" -> "Thanh Niên")."""
    return _DESCRIPTION.split(publisher, maxsplit=1)[0].strip()


def vietnamese(name: str) -> bool:
    """Whether ``name`` is written with Vietnamese letters: đ, or a letter with a Vietnamese vowel
    mark or tone (ă, â, ê, ô, ơ, ư; à, á, ả, ã, ạ ...)."""
    marks = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
    return "đ" in name.lower() or any(c in marks for c in unicodedata.normalize("NFD", name))


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
        if not _publisher_vi(c, row):
            ok = False
        if sid and ok:
            out[sid] = {**row.cells, "id": sid, "line": row.line}
    return out


def _publisher_vi(c: Checker, row) -> bool:
    """``publisher_vi``: empty, or the outlet's Vietnamese name alone (no description), written in
    Vietnamese, and not the name the publisher already has."""
    name = row["publisher_vi"]
    if not name:
        return True
    if name != name.strip() or outlet_name(name) != name:
        expected = (
            "the outlet's Vietnamese name alone (no spaces around it, no description in brackets or "
            "'citing ...')"
        )
    elif not vietnamese(name):
        expected = "a name written in Vietnamese (with its marks: 'Bộ Công an'); empty when none is known"
    elif name == outlet_name(row["publisher"]):
        expected = (
            "a name other than the publisher's own (leave it empty: the publisher is named in "
            "Vietnamese already)"
        )
    else:
        return True
    c.bad(row, "publisher_vi", expected)
    return False
