#!/usr/bin/env python3
"""Check that every quote citing one of the project's source texts stands verbatim in that text.

Usage (from the project root; ``make check-quotes SOURCES=DIR`` runs it on figures and claims):

    .venv/bin/python scripts/check_quotes.py --sources DIR [data/figures.csv data/claims.csv]

The source texts (the articles the figures were curated from, one UTF-8 ``.txt`` per article) are
not part of this repository: ``data/sources.csv`` names each one in ``text_file``; pass the folder
holding them with ``--sources``. Quotes are compared after Unicode NFC normalisation, with curly
quotes made straight and every run of white space (non-breaking spaces included) folded to one space.
A quote may be cut with "..." or "…": each piece must then stand in the text, in order.

A row whose source has a ``text_file`` must be found in that text (searched first) or in another
one; a row citing a public page (an ``address`` and no text file) is expected not to be found, and is
only counted. Exit status: 0 when every row that must be found is, 1 otherwise, 2 on a usage error
(no such folder, a source text named in sources.csv missing from it).

Only the standard library is used, so the script runs without the project's venv too.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")


def fold(text: str) -> str:
    """The form texts and quotes are compared in."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def found_in(quote: str, text: str) -> bool:
    """Whether ``quote`` (its pieces around "...", in order) stands in the folded ``text``."""
    pos = 0
    pieces = [p for p in ELLIPSIS.split(fold(quote)) if p]
    if not pieces:
        return False
    for piece in pieces:
        hit = text.find(piece, pos)
        if hit < 0:
            return False
        pos = hit + len(piece)
    return True


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def check(tables: list[Path], sources_csv: Path, texts_dir: Path) -> tuple[list[str], list[str], int]:
    """Problems (rows that must be found and are not), notes (rows citing a web page, not found) and
    the number of rows checked."""
    sources = {r["id"]: r for r in _rows(sources_csv)}
    texts: dict[str, str] = {}
    for s in sources.values():
        name = (s.get("text_file") or "").strip()
        if name and name not in texts:
            path = texts_dir / name
            if not path.exists():
                raise FileNotFoundError(f"{path}: source text named in {sources_csv.name} is missing")
            texts[name] = fold(path.read_text(encoding="utf-8"))
    problems, notes, n = [], [], 0
    for table in tables:
        for line, row in enumerate(_rows(table), start=2):
            n += 1
            quote = (row.get("quote") or "").strip()
            source = sources.get(row.get("source_id", ""), {})
            own = (source.get("text_file") or "").strip()
            where = f"{table.name}:{line}: source={row.get('source_id')}"
            if not quote:
                problems.append(f"{where}: empty quote")
                continue
            order = ([own] if own else []) + [t for t in texts if t != own]
            if any(found_in(quote, texts[t]) for t in order):
                continue
            if own:
                problems.append(f"{where}: quote not in {own}: {quote[:80]!r}")
            elif (source.get("address") or "").startswith("http"):
                notes.append(f"{where}: cites a web page (no source text)")
            else:
                problems.append(f"{where}: source has neither a source text nor an address")
    return problems, notes, n


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tables", nargs="*", type=Path, help="CSV files with quote and source_id columns")
    ap.add_argument("--sources", type=Path, required=True, help="folder holding the source texts")
    ap.add_argument("--sources-csv", type=Path, default=root / "data" / "sources.csv")
    args = ap.parse_args(argv)
    tables = args.tables or [root / "data" / "figures.csv", root / "data" / "claims.csv"]
    if not args.sources.is_dir():
        print(f"error: {args.sources}: no such folder of source texts", file=sys.stderr)
        return 2
    try:
        problems, notes, n = check(tables, args.sources_csv, args.sources)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{n} rows checked; {len(notes)} cite a web page; {len(problems)} problem(s)")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
