"""The parsed UN tables, kept by content (``contentcache``): a fresh copy of the data folder with the
same raw UN tables, the same ``country_aliases.csv`` and the same code is not parsed again.

The key is the bytes of every file of ``raw/un-egdi/`` (with their names) and of
``country_aliases.csv``: everything :func:`helpers.data.un.load_un` reads. Only a load without
problems is stored; a folder there holding anything but regular files is never cached. A stored
entry is checked as it is read (its shape and every field's type); one that does not pass is a miss,
parsed again and stored again. Standard library only.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

from . import contentcache, schema
from .problems import Problem
from .un import UNData, UNFigure, load_un

KIND = "un"
FIELDS = ("indicator", "entity", "year", "value", "source_id", "file", "line", "quote", "method")
# The fields are written out above, in _encode and in _decode; a UNFigure of other fields is never cached.
CACHED = tuple(f.name for f in dataclasses.fields(UNFigure)) == FIELDS
# indicator, entity, source_id, file, quote and method are kept once in a table of strings; the
# other fields are numbers (year, line: whole; value: whole or not)


def load(data_dir: Path, problems: list[Problem]) -> UNData:
    """What :func:`~helpers.data.un.load_un` gives for ``data_dir``, from the cache when its
    inputs' bytes were loaded cleanly before."""
    content = _inputs(data_dir) if CACHED else None
    if content is None:
        return load_un(data_dir, problems)
    entry = contentcache.key(KIND, "raw/un-egdi", content)
    un = contentcache.get_decoded(KIND, entry, _decode)
    if un is not None:  # its own lists: a caller that edits them changes no other copy's
        return UNData(list(un.figures), dict(un.countries), dict(un.surveyed))
    found: list[Problem] = []
    un = load_un(data_dir, found)
    problems += found
    if not found and _inputs(data_dir) == content:  # clean, and unchanged while it was read
        contentcache.put(KIND, entry, _encode(un))
    return un


def _inputs(data_dir: Path) -> bytes | None:
    """The names and bytes of what the UN load reads; None when one cannot be read as a regular
    file (the load itself then says what is wrong, uncached)."""
    raw_dir = data_dir / "raw" / "un-egdi"
    parts = []
    try:
        names = sorted(os.listdir(raw_dir))
        for name in [*(f"raw/un-egdi/{n}" for n in names), schema.path("country_aliases")]:
            path = data_dir / name
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            content = path.read_bytes()
            parts.append(f"{name}\0{len(content)}\0".encode() + content)
    except OSError:
        return None
    return b"\0".join(parts)


def _encode(un: UNData) -> dict:
    strings: dict[str, int] = {}

    def at(text: str) -> int:
        return strings.setdefault(text, len(strings))

    rows = [  # in the order of FIELDS
        [
            at(f.indicator),
            at(f.entity),
            f.year,
            f.value,
            at(f.source_id),
            at(f.file),
            f.line,
            at(f.quote),
            at(f.method),
        ]
        for f in un.figures
    ]
    return {
        "strings": list(strings),
        "figures": rows,
        "countries": un.countries,
        "surveyed": [[y, n] for y, n in un.surveyed.items()],
    }


def _decode(value) -> UNData | None:
    """The UNData stored in ``value``; None when it is not of the shape :func:`_encode` gives."""
    if not isinstance(value, dict):
        return None
    try:
        strings = value["strings"]
        countries = value["countries"]
        surveyed = {y: n for y, n in value["surveyed"]}
        if not (
            all(isinstance(s, str) for s in strings)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in countries.items())
            and all(_whole(y) and _whole(n) for y, n in surveyed.items())
        ):
            return None
        figures = []
        for ind, ent, year, v, src, file, line, quote, method in value["figures"]:
            if not (_whole(year) and _whole(line) and (_whole(v) or isinstance(v, float))):
                return None
            f = _new(UNFigure)  # what UNFigure(...) makes, without its frozen __init__'s cost
            _set(
                f,
                "__dict__",
                {
                    "indicator": strings[ind],
                    "entity": strings[ent],
                    "year": year,
                    "value": v,
                    "source_id": strings[src],
                    "file": strings[file],
                    "line": line,
                    "quote": strings[quote],
                    "method": strings[method],
                },
            )
            figures.append(f)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None
    return UNData(figures, countries, surveyed)


_new, _set = object.__new__, object.__setattr__


def _whole(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)
