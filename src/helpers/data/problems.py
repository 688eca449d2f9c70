"""What is wrong in a data folder: :class:`Problem` (one, located to its file, line and column) and
:class:`DataValidationError` (all of them, root causes first). A value is shown with its invisible
and control characters escaped (``text.shown``). Standard library only."""

from __future__ import annotations

from dataclasses import dataclass

from .text import shown


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, located to its line and column."""

    file: str
    line: int
    column: str
    value: str
    expected: str

    @property
    def structural(self) -> bool:
        """A problem with a whole file, its header or its CSV structure: it often causes the rest."""
        return self.line <= 1 or self.column.startswith("(")

    @property
    def root(self) -> bool:
        """A problem in a file that others refer to (the descriptor, the sources, the dictionary,
        the places, the raw tables): one of them can make a hundred rows elsewhere wrong."""
        return self.file in ROOTS or self.file.startswith("raw/")

    def __str__(self) -> str:
        value, column = _cut(shown(self.value), 80), _cut(shown(self.column), 80)
        return f"{shown(self.file)}:{self.line}: column '{column}': value '{value}': {_cut(shown(self.expected), 300)}"


ROOTS = frozenset(
    (
        "datapackage.json",
        "sources.csv",
        "indicators.csv",
        "places.csv",
        "country_aliases.csv",
        "retired_ids.csv",
    )
)


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


MAX_LISTED = 50  # problems printed; the rest are counted ("and 999,950 more problems")


class DataValidationError(Exception):
    """The data folder has problems; ``problems`` lists every one found (whole-file, header and
    CSV-structure problems first, then those of the files others refer to: root causes before what
    they cause), the message the first ``MAX_LISTED`` of them and how many more there are."""

    def __init__(self, problems: list[Problem], where: str = "data"):
        self.problems = sorted(set(problems), key=lambda p: (not p.structural, not p.root, p))
        self.where = where
        n = len(self.problems)
        lines = [f"  {p}" for p in self.problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"  ... and {n - MAX_LISTED:,} more problems")
        super().__init__(f"{n:,} problem{'s' if n != 1 else ''} in {shown(where)}:\n" + "\n".join(lines))

    def __reduce__(self):  # rebuilt from its problems (the report runner's warm process sends it)
        return (type(self), (self.problems, self.where))
