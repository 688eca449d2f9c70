"""The data page's description of each file it lists, in the page's language.

A table's description is the data dictionary's (``datapackage.json``): its ``title`` (or
``description``) in English, ``title_<lang>`` in another language. The files the project writes
around the tables (the descriptor, the READMEs, the licence) are described in the catalogues' words.
A description not held in the page's language is shown in English and marked so (``lang="en"``).
"""

from __future__ import annotations

import re

from ..data.folder import DESCRIPTOR, README
from ..present.locale import DEFAULT, is_default, text

_RAW_README = re.compile(r"raw/(?P<folder>[^/]+)/README\.md")
# What a description names as it is typed, not in the page's language: a command in backquotes, a file
# or folder of the data (figures.csv, raw/un-egdi/, data/dti.csv).
_NAMES = re.compile(
    r"`(?P<command>[^`]+)`|(?P<path>(?:[\w.-]+/)+(?:[\w.-]+\.\w+)?|[\w.-]+\.(?:csv|json|md|txt|zip))"
)


def described(files: list[tuple[str, int, str]], package: dict, lang: str) -> list[tuple[str, int, str, str]]:
    """``files`` ((path, bytes, English description)) as the data page in ``lang`` lists them:
    (path, bytes, description, the description's language when it is not the page's, else "")."""
    resources = {r.get("path"): r for r in package.get("resources", [])}
    out = []
    for path, size, english in files:
        what, in_lang = _words(path, resources.get(path), lang)
        if what is None:
            what, in_lang = english, is_default(lang)
        out.append((path, size, what, "" if in_lang else DEFAULT))
    return out


def _words(path: str, resource: dict | None, lang: str) -> tuple[str | None, bool]:
    """A file's description in ``lang`` and whether it is in ``lang`` (None: only the English one)."""
    raw = _RAW_README.fullmatch(path)
    if path == DESCRIPTOR:
        return text("data_file_descriptor", lang), True
    if path == README[0]:
        return text("data_file_readme", lang), True
    if path == "LICENSE.txt":
        return text("data_file_licence", lang), True
    if raw:
        return text("data_file_raw_readme", lang, folder=raw["folder"]), True
    own = (resource or {}).get(f"title_{lang}")
    if own and not is_default(lang) and isinstance(own, str):
        return own, True
    return None, False


def pieces(description: str) -> list[tuple[str, bool]]:
    """``description`` as (text, is it a name) pieces: each command and file name in it is a name,
    which the data page shows as code (``translate="no"``). A Vietnamese sentence names
    ``figures.csv`` as it is, and neither a reader's translator nor the page's language check should
    take it for English."""
    out, at = [], 0
    for m in _NAMES.finditer(description):
        out += [(description[at : m.start()], False), (m["command"] or m["path"], True)]
        at = m.end()
    return [p for p in [*out, (description[at:], False)] if p[0]]
