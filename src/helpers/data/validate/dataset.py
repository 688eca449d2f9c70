"""The validated :class:`Dataset` and :func:`validate`, which checks every table of a data folder.

The folder itself comes first (``helpers.data.folder``): its entries (no FIFO, device or link out of
it) and its descriptor (shape, and resource paths inside the folder). Nothing else is read when
either is wrong. Every CSV the data page publishes is checked for invisible characters and
spreadsheet formulas, and the documents it publishes are hashed into the dataset's version."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...paths import data_dir as default_data_dir
from .. import coverage, schema
from ..csvio import DataValidationError, Problem
from ..descriptor import check_descriptor
from ..dti import DTIData, load_dti
from ..folder import check_published_text, digest, walk
from ..gazetteer import Places
from ..un import UNData
from ..uncache import load as load_un  # the parse of the raw UN tables, cached by content
from .claims import check as check_claims
from .figures import check as check_figures
from .indicators import check as check_indicators
from .places import check as check_places
from .retired import check as check_retired
from .sources import check as check_sources
from .targets import check as check_targets


@dataclass
class Dataset:
    """A validated data folder: typed rows, with their line numbers kept."""

    path: Path
    figures: list[dict]
    indicators: dict[str, dict]
    sources: dict[str, dict]
    claims: list[dict]
    un: UNData
    targets: list[dict]
    figure_count: int = -1  # rows of figures.csv checked: len(figures), or how many when not kept
    dti: DTIData | None = None  # the DTI tables' figures, by place code (raw/dti/)
    places: Places = field(default_factory=Places)  # places.csv and the crosswalk
    package: dict | None = None  # the folder's checked datapackage.json
    documents: str = ""  # a hash of the descriptor and READMEs the data page publishes (folder.digest)

    def __post_init__(self):
        if self.figure_count < 0:
            self.figure_count = len(self.figures)

    @property
    def provinces(self) -> dict[str, bool]:
        """Every province's code, and whether it exists today (no last day): the 34 of 1 July 2025."""
        return {
            c: p.valid_to is None for c, p in sorted(self.places.by_code.items()) if p.level == "province"
        }


_validated: dict[tuple, Dataset] = {}  # the last folder state that validated, by stamp()


def stamp(base: Path) -> tuple:
    """A data folder's state: the path, modification time and size of every regular file in it."""
    return (str(base), tuple((p, st.st_mtime_ns, st.st_size) for p, st in walk(base)[0]))


def validate(path: str | Path | None = None, keep_figures: bool = True) -> Dataset:
    """Validate the data folder ``path`` (default: the project's); raise DataValidationError.

    A folder whose files are unchanged since it last validated is not read again. With
    ``keep_figures=False`` (``make validate``) the figures are checked as they are read and not kept:
    memory does not grow with the rows' text, ``figures`` is empty and ``figure_count`` says how many
    rows were checked. Such a dataset is not cached."""
    base = default_data_dir(path)
    if not base.is_dir():
        what = "it is not a folder" if base.exists() else "it does not exist"
        raise DataValidationError(
            [Problem(str(base), 0, "(folder)", "", f"a data folder; {what}")], str(base)
        )
    found, problems = walk(base)
    key = (str(base), tuple((p, st.st_mtime_ns, st.st_size) for p, st in found))
    if not problems and key in _validated:  # every file as it was when it validated, descriptor included
        return _validated[key]
    package = check_descriptor(base, problems)
    if problems:  # a link out, a FIFO, a descriptor that names files elsewhere: read nothing more
        raise DataValidationError(problems, str(base))
    un = load_un(base, problems)
    indicators = check_indicators(base, problems)
    sources = check_sources(base, problems)
    if any(f.source_id not in sources for f in un.figures):
        _unknown(
            base, "raw/un-egdi/manifest.csv", "source_id", sources, "a source id from sources.csv", problems
        )
    retired = check_retired(base, problems)
    places = check_places(base, problems, sources)
    dti = load_dti(base, problems, places)
    _check_dti(dti, indicators, sources, base, problems)
    figures = check_figures(
        base, problems, indicators, sources, un, keep=keep_figures, retired=retired, places=places
    )
    claims = check_claims(base, problems, indicators, sources, un, places)
    targets = check_targets(base, problems, indicators, sources, un, places)
    if not any(p.structural and p.file == "figures.csv" for p in problems):
        # what the figures must cover; a figures.csv that could not be read says enough already
        problems += coverage.problems(indicators, figures.indicators, un, claims)
    check_published_text(base, package, problems, skip={schema.path("figures")})
    if problems:
        raise DataValidationError(problems, str(base))
    ds = Dataset(
        base,
        figures.records,
        indicators,
        sources,
        claims,
        un,
        targets,
        figures.count,
        dti=dti,
        places=places,
        package=package,
        documents=digest(base, package),
    )
    if keep_figures:
        _validated.clear()
        _validated[key] = ds
    return ds


def _check_dti(dti: DTIData, indicators: dict, sources: dict, base: Path, problems: list[Problem]) -> None:
    """Every DTI figure names a known indicator and source (raw/dti/columns.csv, manifest.csv)."""
    if any(f.indicator not in indicators for f in dti.figures):
        _unknown(
            base,
            "raw/dti/columns.csv",
            "indicator",
            indicators,
            "an id from indicators.csv",
            problems,
            also={"place"},
        )
    if any(f.source_id not in sources for f in dti.figures):
        _unknown(base, "raw/dti/manifest.csv", "source_id", sources, "an id from sources.csv", problems)


def _unknown(base: Path, rel: str, column: str, known: dict, expected: str, problems, also=()) -> None:
    """A problem on each line of the raw table ``rel`` whose ``column`` names no entry of ``known``
    (the line itself, so that what it follows from, a sources.csv that could not be read, comes
    first)."""
    from ..csvio import read_table

    for row in read_table(base / rel, [], label=rel).rows:
        value = row[column]
        if value not in known and value not in also:
            problems.append(Problem(rel, row.line, column, value, expected))
