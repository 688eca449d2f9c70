"""Normalise the raw UN E-Government Survey tables into the curated table's long form.

The raw files in ``data/raw/un-egdi/`` are immutable copies; ``manifest.csv`` beside them names each
file's survey year, source id and layout. Three layouts exist: the UNU-EGOV copies (2010-2018, with
ISO codes), and the UN DESA exports of 2022 and 2024 (country names only, with trailing spaces),
whose names are mapped to ISO codes through the older tables and ``data/country_aliases.csv``.

Each figure keeps its provenance: the file, the line, and the raw line itself as its "quote".
Computed from the tables, for every country and survey year: the sub-index ranks (``osi_rank``,
``hci_rank``, ``tii_rank``, ``epi_rank``: 1 + the countries with a higher index value) and the
position among the 11 South-East Asian countries by EGDI rank (``egdi_asean_position``); these carry
a ``method``. The normalised table, read and computed values alike, is committed as
``data/un_egdi.csv``; ``python -m helpers.data --write-un [DATA_DIR]`` rewrites it.
Standard library only.
"""

from __future__ import annotations

import bisect
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .csvio import Problem, read_table
from .folder import PLAIN_FILE, plain_file

# Indicator ids in the order of the survey's columns, per layout.
LAYOUTS: dict[str, dict[str, str]] = {
    "unu": {
        "code": "country-code",
        "name": "country-name",
        "egdi_rank": "e-gov-rank",
        "egdi_value": "e-gov-index",
        "epi_value": "e-pat-index",
        "osi_value": "osi",
        "hci_value": "hci",
        "tii_value": "tii",
    },
    "undesa2022": {
        "name": "Country Name",
        "egdi_rank": "E-Government Rank",
        "egdi_value": "E-Government Index",
        "epi_value": "E-Participation Index",
        "osi_value": "Online Service Index",
        "hci_value": "Human Capital Index",
        "tii_value": "Telecommunication Infrastructure Index",
    },
    "undesa2024": {
        "name": "Country",
        "egdi_rank": "Rank",
        "egdi_value": "E_Index",
        "epi_value": "E_Participation",
        "osi_value": "Online_Service",
        "hci_value": "Human_Capital",
        "tii_value": "Tele_Infra",
    },
}
UN_INDICATORS = ("egdi_rank", "egdi_value", "epi_value", "osi_value", "hci_value", "tii_value")


@dataclass(frozen=True)
class UNFigure:
    indicator: str
    entity: str
    year: int
    value: float
    source_id: str
    file: str
    line: int
    quote: str
    method: str = ""  # empty for a value read from the table; how a computed value was computed


@dataclass
class UNData:
    figures: list[UNFigure]
    countries: dict[str, str]  # ISO alpha-3 -> name (latest spelling)
    surveyed: dict[int, int]  # survey year -> number of countries ranked


def load_un(data_dir: Path, problems: list[Problem]) -> UNData:
    raw_dir = data_dir / "raw" / "un-egdi"
    manifest = read_table(
        raw_dir / "manifest.csv",
        problems,
        required=["file", "year", "source_id", "format", "columns"],
        label="raw/un-egdi/manifest.csv",
    )
    aliases_t = read_table(
        data_dir / schema.path("country_aliases"),
        problems,
        required=schema.columns("country_aliases"),
        label=schema.path("country_aliases"),
    )
    aliases = {r["name"].strip(): r["iso3"].strip() for r in aliases_t.rows}
    entries = []
    for r in manifest.rows:
        layout = r["format"]
        if layout not in LAYOUTS:
            problems.append(Problem(manifest.name, r.line, "format", layout, f"one of {', '.join(LAYOUTS)}"))
            continue
        if not r["year"].isdigit():
            problems.append(Problem(manifest.name, r.line, "year", r["year"], "a survey year such as 2024"))
            continue
        if not plain_file(r["file"]):
            problems.append(Problem(manifest.name, r.line, "file", r["file"], PLAIN_FILE))
            continue
        entries.append((r, layout, int(r["year"])))

    # ISO codes by name come from the coded tables, read first.
    entries.sort(key=lambda e: (e[1] != "unu", e[2]))
    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    figures: list[UNFigure] = []
    surveyed: dict[int, int] = {}
    for r, layout, year in entries:
        cols = LAYOUTS[layout]
        path = raw_dir / r["file"]
        label = f"raw/un-egdi/{r['file']}"
        t = read_table(path, problems, label=label)
        missing = [c for c in cols.values() if c not in t.header]
        if missing:
            for c in missing:
                problems.append(Problem(label, 1, c, "", f"a column named '{c}' (layout '{layout}')"))
            continue
        ranked = 0
        for row in t.rows:
            name = row[cols["name"]].strip()
            if "code" in cols:
                code = row[cols["code"]].strip()
                names[name] = code
            else:
                code = names.get(name) or aliases.get(name, "")
            if len(code) != 3 or not code.isalpha() or not code.isupper():
                problems.append(
                    Problem(
                        label,
                        row.line,
                        cols.get("code", cols["name"]),
                        name,
                        "a country known from the 2010-2018 tables or country_aliases.csv",
                    )
                )
                continue
            countries[code] = name
            quote = t.raw_lines[row.line - 1] if row.line - 1 < len(t.raw_lines) else ""
            for ind in UN_INDICATORS:
                cell = row[cols[ind]].strip()
                if not cell:
                    continue
                try:
                    value = float(cell)
                except ValueError:
                    problems.append(Problem(label, row.line, cols[ind], cell, "a plain number"))
                    continue
                if ind == "egdi_rank":
                    if not value.is_integer() or value < 1:
                        problems.append(
                            Problem(label, row.line, cols[ind], cell, "a whole rank of 1 or more")
                        )
                        continue
                    ranked += 1
                    value = int(value)
                else:
                    if not 0 <= value <= 1:
                        problems.append(Problem(label, row.line, cols[ind], cell, "an index between 0 and 1"))
                        continue
                    value = round(value, 5)  # the 2010-2018 copies carry float noise
                figures.append(UNFigure(ind, code, year, value, r["source_id"], label, row.line, quote))
        surveyed[year] = ranked
    for f in figures:
        if f.indicator == "egdi_rank" and f.value > surveyed[f.year]:
            problems.append(
                Problem(
                    f.file,
                    f.line,
                    "rank",
                    str(f.value),
                    f"a rank within the {surveyed[f.year]} countries ranked",
                )
            )
    return UNData(figures + computed_figures(figures), countries, surveyed)


# The 11 countries of South-East Asia (UN M49 region 035), Viet Nam's peers.
ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM")
# Sub-index ranks computed from the UN index values: rank id -> index id.
SUB_INDEX_RANKS = {
    "osi_rank": "osi_value",
    "hci_rank": "hci_value",
    "tii_rank": "tii_value",
    "epi_rank": "epi_value",
}
ASEAN_POSITION = "egdi_asean_position"


def computed_figures(figures: list[UNFigure]) -> list[UNFigure]:
    """Values computed from the UN tables, for every country and survey year: each sub-index rank
    (1 + the countries with a higher index value; ties share a rank) and the position among the 11
    South-East Asian countries by EGDI rank (1 + the peers ranked better)."""
    by: dict[tuple[str, int], list[UNFigure]] = {}
    for f in figures:
        by.setdefault((f.indicator, f.year), []).append(f)
    out: list[UNFigure] = []
    years = sorted({f.year for f in figures})
    for rank_id, index_id in SUB_INDEX_RANKS.items():
        for year in years:
            rows = by.get((index_id, year), [])
            values = sorted(f.value for f in rows)
            for f in rows:
                rank = 1 + len(values) - bisect.bisect_right(values, f.value)  # 1 + those higher
                out.append(
                    UNFigure(
                        rank_id,
                        f.entity,
                        year,
                        rank,
                        f.source_id,
                        f.file,
                        f.line,
                        f.quote,
                        method=f"1 + countries with a higher {index_id} in {year}",
                    )
                )
    for year in years:
        peers = [f for f in by.get(("egdi_rank", year), []) if f.entity in ASEAN]
        for f in peers:
            position = 1 + sum(1 for p in peers if p.value < f.value)
            out.append(
                UNFigure(
                    ASEAN_POSITION,
                    f.entity,
                    year,
                    position,
                    f.source_id,
                    f.file,
                    f.line,
                    f.quote,
                    method=f"1 + South-East Asian countries with a better egdi_rank in {year}",
                )
            )
    return out


NORMALISED = "un_egdi.csv"
NORMALISED_COLUMNS = ("indicator", "entity", "year", "value", "method", "source_id", "file", "line")


def normalised_text(un: UNData) -> str:
    """The normalised UN table (data/un_egdi.csv) as text: read and computed values, sorted."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(NORMALISED_COLUMNS)
    rows = sorted(un.figures, key=lambda f: (f.indicator, f.year, f.entity))
    for f in rows:
        value = str(f.value) if isinstance(f.value, int) else format(f.value, ".10g")
        w.writerow((f.indicator, f.entity, f.year, value, f.method, f.source_id, f.file, f.line))
    return buf.getvalue()


def write_normalised(data_dir: str | Path | None = None) -> Path:
    """Rewrite ``data/un_egdi.csv`` from the raw tables."""
    from ..paths import data_dir as default_data_dir

    base = default_data_dir(data_dir)
    problems: list[Problem] = []
    un = load_un(base, problems)
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    out = base / NORMALISED
    out.write_text(normalised_text(un), encoding="utf-8")
    return out
