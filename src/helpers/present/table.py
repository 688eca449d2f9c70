"""A table for people (:class:`Table`): a DataFrame of strings and how its columns read, its HTML
from ``table.html.j2`` (every cell escaped). The tables themselves are :mod:`helpers.present.tables`'."""

from __future__ import annotations

import pandas as pd

from .markup import render

# Quotes are the provenance: show them whole, never cut at pandas' default 50 characters.
pd.set_option("display.max_colwidth", None)


class Table:
    """A DataFrame of strings and how its columns read: ``num`` (right-aligned, one line), ``date``
    (one line), ``verbatim`` (as published: ``translate="no"`` with the language of each row from
    ``langs``), ``wide`` (long text given room), ``mark`` (a tick, centred). ``notes``: notes
    beneath the table, (mark, text, whether shown as published): a long table's sources and
    indicators, its cells holding the marks. Behaves like its
    DataFrame for code."""

    def __init__(
        self, df: pd.DataFrame, num=(), date=(), verbatim=(), wide=(), mark=(), langs=None, folded=(), fold="",
        sources=None, notes=(),
    ):  # fmt: skip
        self.df = df.reset_index(drop=True)
        self.num, self.date, self.verbatim, self.wide = set(num), set(date), set(verbatim), set(wide)
        self.mark = set(mark)
        self.langs = langs or {}
        self.folded, self.fold = set(folded), fold  # cells shown folded under the summary ``fold``
        self.sources = None if sources is None else list(sources)  # the sources the table shows
        self.notes = list(notes)  # [(mark, text, as published)] shown beneath the table

    def __getattr__(self, name):
        if name in ("df", "__setstate__"):
            raise AttributeError(name)
        return getattr(self.df, name)

    def __getitem__(self, key):
        return self.df[key]

    def __len__(self) -> int:
        return len(self.df)

    def __repr__(self) -> str:
        return self.df.to_string(index=False) if len(self.df) else "(no rows)"

    def _attrs(self, col, i: int | None) -> dict:
        """A cell's attributes (None: left out): its classes, and for a verbatim cell of row ``i``
        translate="no" and the language it was published in."""
        classes = [
            c
            for c, cols in (("num", self.num), ("date", self.date), ("wide", self.wide), ("mark", self.mark))
            if col in cols
        ]
        attrs = {"class": " ".join(classes) or None, "translate": None, "lang": None}
        if i is not None and col in self.verbatim:
            langs = self.langs.get(col)
            attrs["translate"] = "no"
            attrs["lang"] = (langs[i] if langs is not None and i < len(langs) else "") or None
        return attrs

    def _cell(self, col, i: int, value) -> tuple:
        """A cell's value and attributes; a folded cell's text under its summary, in its language."""
        attrs = self._attrs(col, i)
        if col in self.folded and value:
            value = render("folded.html.j2", summary=self.fold, text=value, lang=attrs["lang"])
            attrs.update(translate=None, lang=None)
        return value, attrs

    def template(self) -> dict:
        """What ``table.html.j2`` renders: the head and the rows, each cell with its attributes."""
        cols = list(self.df.columns)
        rows = [
            [self._cell(c, i, v) for c, v in zip(cols, row, strict=True)]
            for i, row in enumerate(self.df.itertuples(index=False, name=None))
        ]
        return {
            "head": [(c, self._attrs(c, None)) for c in cols],
            "rows": rows,
            "stack": self.stacks(),
            "notes": self.notes,
        }

    def _repr_html_(self) -> str:
        return str(render("table.html.j2", **self.template()))

    def stacks(self) -> bool:
        """Whether the table is too wide for a phone: four columns or more, or one of long text. On a
        narrow screen it is stacked, a row a block, each value beneath its column's name."""
        return len(self.df.columns) >= 4 or bool(self.wide & set(self.df.columns))
