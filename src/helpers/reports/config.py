"""Read ``reports.yaml`` and expand it into one :class:`Report` per notebook run.

A matrix ``from: headline_indicators`` (or ``all_indicators``) takes the indicator ids from the
validated dataset, and ``from: provinces`` the codes of the provinces that exist today (the 34 of
1 July 2025, from ``data/places.csv``), so the data is checked before the config (see ``runner``)."""

from __future__ import annotations

import itertools
import math
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Dataset

KERNELS = ("inprocess", "subprocess")


class ConfigError(Exception):
    """The report config, a notebook or a parameter is wrong; the runner exits with status 2. The
    message is bounded (each line cut, at most ``MAX_LINES`` lines), whatever values it quotes."""

    def __init__(self, message: str):
        super().__init__(bounded(str(message)))


MAX_VALUES = 100_000  # YAML values in the config once aliases are expanded
MAX_REPORTS = 10_000  # the scale the runner is measured at (benchmarks: --reports 10000)
MAX_NAME = 100  # characters of a report name (it names folders and files)
MAX_CELL_TIMEOUT = 86_400  # seconds: a day
MAX_LINE, MAX_LINES = 500, 60


def bounded(text: str) -> str:
    """``text`` with each line cut to ``MAX_LINE`` characters and at most ``MAX_LINES`` lines."""
    lines = text[: MAX_LINE * (MAX_LINES + 1)].split("\n")
    out = [ln if len(ln) <= MAX_LINE else ln[: MAX_LINE - 3] + "..." for ln in lines[:MAX_LINES]]
    more = text.count("\n") + 1 - MAX_LINES
    return "\n".join(out + ([f"... and {more:,} more lines"] if more > 0 else []))


def short(value, most: int = 60) -> str:
    """``repr(value)`` cut to ``most`` characters (a value from the config may be huge)."""
    text = repr(value) if not isinstance(value, str) or len(value) <= 10 * most else repr(value[: 10 * most])
    return text if len(text) <= most else text[: most - 3] + "..."


def check_cell_timeout(value, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_CELL_TIMEOUT:
        raise ConfigError(
            f"{what} must be a whole number of seconds from 1 to {MAX_CELL_TIMEOUT}, got {short(value)}"
        )


@dataclass(frozen=True)
class Report:
    name: str
    notebook: Path
    parameters: dict = field(default_factory=dict)


@dataclass
class Config:
    path: Path
    reports: list[Report]
    cell_timeout: int = 300
    kernel: str = "inprocess"
    all_reports: list[Report] = field(default_factory=list)  # every report, when only some are built
    site_url: str = ""  # where outputs/ is published (settings.site_url, else CITATION.cff's url; see
    # project), for citations and downloads; "" cites paths within it
    shard: tuple[int, int] | None = None  # (K, N) when only the K-th of N shards is built


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


SOURCES = ("headline_indicators", "all_indicators", "provinces")  # what a matrix may take values from


def _indicator_ids(ds: Dataset, headline_only: bool) -> list[str]:
    return [i for i, rec in ds.indicators.items() if not headline_only or rec["headline"]]


def _province_codes(ds: Dataset) -> list[str]:
    """The provinces that exist today: those of places.csv with no last day, in code order."""
    return [code for code, today in ds.provinces.items() if today]


def load(path: Path, ds: Dataset) -> Config:
    """Parse and expand the config; ConfigError names the file and what is wrong."""
    import yaml

    try:
        raw = yaml.safe_load(read_text(path)) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    _check_size(raw, path)
    if not isinstance(raw, dict) or not isinstance(raw.get("reports"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'reports' list")
    settings = raw.get("settings") or {}
    timeout = settings.get("cell_timeout", 300) if isinstance(settings, dict) else None
    check_cell_timeout(timeout, f"{path}: settings.cell_timeout")
    kernel = settings.get("kernel", "inprocess")
    if kernel not in KERNELS:
        raise ConfigError(f"{path}: settings.kernel: expected one of {', '.join(KERNELS)}, got {kernel!r}")
    reports: list[Report] = []
    for i, entry in enumerate(raw["reports"], 1):
        where = f"{path}: reports[{i}]"
        if not isinstance(entry, dict) or "name" not in entry or "notebook" not in entry:
            raise ConfigError(f"{where}: expected 'name' and 'notebook'")
        unknown = set(entry) - {"name", "notebook", "parameters", "matrix"}
        if unknown:
            raise ConfigError(
                f"{where}: unknown key(s) {sorted(unknown)}; expected name, notebook, parameters, matrix"
            )
        base = entry.get("parameters") or {}
        matrix = entry.get("matrix") or {}
        if not isinstance(base, dict) or not isinstance(matrix, dict):
            raise ConfigError(f"{where}: 'parameters' and 'matrix' must be mappings")
        axes = {}
        for key, values in matrix.items():
            if isinstance(values, dict) and set(values) == {"from"}:
                if values["from"] not in SOURCES:
                    raise ConfigError(f"{where}: matrix.{key}: 'from' must be one of {', '.join(SOURCES)}")
                values = (
                    _province_codes(ds)
                    if values["from"] == "provinces"
                    else _indicator_ids(ds, values["from"] == "headline_indicators")
                )
            if not isinstance(values, list) or not values:
                raise ConfigError(f"{where}: matrix.{key}: expected a non-empty list of values")
            axes[key] = values
        notebook = (path.parent / str(entry["notebook"])).resolve()  # relative to the config file
        _check_placeholders(str(entry["name"]), where)
        count = math.prod(len(v) for v in axes.values())
        if len(reports) + count > MAX_REPORTS:
            raise ConfigError(
                f"{where}: too many reports: the matrix expands to {count:,}, and the config may hold at "
                f"most {MAX_REPORTS:,}"
            )
        combos = [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())] or [
            {}
        ]
        for combo in combos:
            params = {**base, **combo}
            try:
                name = str(entry["name"]).format(**params)
            except (KeyError, IndexError, ValueError) as exc:
                raise ConfigError(
                    f"{where}: name {short(entry['name'])} uses a placeholder with no parameter: {exc}"
                ) from exc
            if not _NAME.fullmatch(name) or len(name) > MAX_NAME:
                raise ConfigError(
                    f"{where}: report name {short(name)}: use letters, digits, '-', '_' and '.', "
                    f"at most {MAX_NAME} characters ({len(name):,} here)"
                )
            reports.append(Report(name, notebook, params))
    names = [r.name for r in reports]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{path}: report names must be unique; repeated: {', '.join(dupes)}")
    site_url = settings.get("site_url") or ""
    if not isinstance(site_url, str) or (site_url and not re.match(r"https?://", site_url)):
        raise ConfigError(f"{path}: settings.site_url: expected an http(s) address, got {short(site_url)}")
    from .project import site_address

    return Config(path, reports, timeout, kernel, list(reports), site_address(site_url))


def read_text(path: Path) -> str:
    """The config's text; ConfigError when it is missing, not a regular file (a folder, a FIFO: never
    read, so nothing hangs), unreadable or not UTF-8 (naming the line and column of the first byte
    that is not)."""
    from ..data.csvparts import UTF16_BOMS, open_regular

    problems: list = []
    f = open_regular(path, str(path), problems)
    if f is None:
        p = problems[0]
        if p.expected == "the file exists":
            raise ConfigError(f"{path}: no such report config")
        raise ConfigError(f"{path}: {p.value}: expected {p.expected}")
    with f:
        data = f.read()
    if data[:2] in UTF16_BOMS:
        raise ConfigError(f"{path}: saved as UTF-16; expected UTF-8 text (save it as UTF-8)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise ConfigError(
            f"{path}:{line}:{column}: byte(s) {bad}: expected UTF-8 text (save it as UTF-8)"
        ) from None


def _check_size(raw, path: Path) -> None:
    """Count the config's values, aliases expanded, up to MAX_VALUES (an alias bomb stops here)."""
    seen, stack = 0, [raw]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise ConfigError(
                f"{path}: too large when expanded: more than {MAX_VALUES:,} values (YAML aliases repeat "
                "what they name)"
            )
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _check_placeholders(template: str, where: str) -> None:
    """A name's placeholders are plain ``{parameter}``: no format spec, conversion or attribute."""
    try:
        fields = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ConfigError(f"{where}: name {short(template)}: {exc}") from exc
    for f, spec, conv in fields:
        if spec or conv or not f.isidentifier():
            raise ConfigError(
                f"{where}: name {short(template)}: a placeholder must be a plain {{parameter}}, got "
                f"{short('{' + f + ('!' + conv if conv else '') + (':' + spec if spec else '') + '}')}"
            )
