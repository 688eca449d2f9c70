"""Notebook parameters: read the typed ``parameters`` cell, and check values before anything runs.

A parameters cell is literal-only, one typed and commented assignment per line::

    start_year: int = 2010  # first survey year shown

The report runner reads it with :func:`declared` (no kernel needed) and checks a report's values with
:func:`check_types` and :func:`check`; the notebook's next cell calls :func:`check` too, so a bad
value given through the papermill CLI fails at once with the same message. Values are data: they
are compared and looked up, never evaluated. Standard library only. Notebooks call it through
:func:`helpers.notebook.start`.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .present.locale import LANGS

MIN_YEAR = 1990
MAX_YEAR = 2100
TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict}


class ParameterError(ValueError):
    """A parameter value is unknown, of the wrong type or out of range; the message lists each."""

    def __init__(self, problems: list[str], where: str = ""):
        self.problems = problems
        head = f"invalid parameters{' for ' + where if where else ''}:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in problems)]))

    def _render_traceback_(self) -> list[str]:
        """What IPython (and so papermill and a notebook's output) shows of it: the message, not a
        traceback through the helpers (the value is the user's, not a fault in the code)."""
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    help: str


def declared(notebook: str | Path) -> list[Param]:
    """The parameters declared in a notebook's ``parameters``-tagged cell, in order. ValueError when
    ``notebook`` is not a notebook (a folder, not JSON, not the shape of one) or the cell is wrong."""
    from .data.csvparts import open_regular

    path = Path(notebook)
    problems: list = []
    f = open_regular(path, str(path), problems)  # a FIFO is refused, never read: nothing hangs
    if f is None:
        p = problems[0]
        raise ValueError(
            f"{path} is not a notebook (it is {p.value})"
            if "(not read)" in p.expected
            else f"{path} is not a notebook ({p.value}: expected {p.expected})"
        )
    try:
        with f:
            nb = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: not JSON, or not UTF-8
        raise ValueError(f"{path} is not a notebook ({exc})") from exc
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise ValueError(f"{path} is not a notebook (expected a JSON object with a list of 'cells')")
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", []) if isinstance(cell.get("metadata"), dict) else []
        if cell.get("cell_type") == "code" and "parameters" in tags:
            src = cell.get("source", "")
            src = src if isinstance(src, str) else "".join(map(str, src))
            try:
                return parse_cell(src)
            except SyntaxError as exc:
                raise ValueError(f"{path}: parameters cell line {exc.lineno}: {exc.msg}") from exc
    return []


def parse_cell(source: str) -> list[Param]:
    """Parse ``name: type = literal  # help`` lines; anything else is an error (the cell must stay
    literal-only so papermill can override it and ``--help-notebook`` can document it)."""
    out: list[Param] = []
    lines = source.splitlines()
    for node in ast.parse(source).body:
        if not (
            isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None
        ):
            raise ValueError(f"parameters cell line {node.lineno}: expected 'name: type = literal  # help'")
        kind = ast.unparse(node.annotation)
        if kind not in TYPES:
            raise ValueError(
                f"parameters cell line {node.lineno}: type {kind!r} is not one of {', '.join(TYPES)}"
            )
        try:
            default = ast.literal_eval(node.value)
        except ValueError as exc:
            raise ValueError(f"parameters cell line {node.lineno}: the default must be a literal") from exc
        line = lines[node.end_lineno - 1]
        help_text = line.split("#", 1)[1].strip() if "#" in line[node.value.end_col_offset :] else ""
        out.append(Param(node.target.id, kind, default, help_text))
    return out


def check_types(values: dict, params: list[Param], where: str = "") -> None:
    """Unknown names (listing the valid ones) and values of the wrong type raise ParameterError."""
    by_name = {p.name: p for p in params}
    problems = []
    for name, value in values.items():
        if name not in by_name:
            problems.append(f"unknown parameter {name!r}; valid parameters: {', '.join(by_name) or '(none)'}")
            continue
        problems.extend(_type_problem(name, value, by_name[name].type))
    if problems:
        raise ParameterError(problems, where)


def _type_problem(name: str, value: Any, kind: str) -> list[str]:
    expected = TYPES[kind]
    ok = isinstance(value, expected) and not (expected in (int, float) and isinstance(value, bool))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    return [] if ok else [f"{name}: expected {kind}, got {type(value).__name__} {value!r}"]


def _known(data_dir=None) -> tuple[set[str], set[str], set[str]]:
    from .data.validate import validate

    ds = validate(data_dir)
    provinces = {c for c, p in ds.places.by_code.items() if p.level == "province"}
    return set(ds.indicators), set(ds.un.countries), provinces


def check(
    indicators: set[str] | None = None,
    entities: set[str] | None = None,
    where: str = "",
    provinces: set[str] | None = None,
    **values: Any,
) -> SimpleNamespace:
    """Check the common parameters and return them as a namespace.

    ``start_year``/``end_year``: whole years from 1990 to 2100, start <= end, or 0 for "as far as the
    data goes" (resolved by :func:`helpers.notebook.start`). ``lang``: "en" or "vi".
    ``indicator``: an id in indicators.csv. ``peers``: ISO alpha-3 codes of countries in the UN
    tables. ``province``: the code of a province in places.csv (``VN-HN``, ``VN-N08``). ``output_dir``:
    a string (empty for none). Every problem is listed in one ParameterError.
    """
    problems: list[str] = []
    for name in ("start_year", "end_year"):
        if name in values:
            v = values[name]
            if problems_ := _type_problem(name, v, "int"):
                problems += problems_
            elif v != 0 and not MIN_YEAR <= v <= MAX_YEAR:
                problems.append(
                    f"{name}: expected a year from {MIN_YEAR} to {MAX_YEAR}, got {v} (0: as far as the data goes)"
                )
    s, e = values.get("start_year"), values.get("end_year")
    if isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool) and s and e and s > e:
        problems.append(f"start_year {s} is after end_year {e}: the year range is empty")
    if "lang" in values and values["lang"] not in LANGS:
        problems.append(f"lang: expected one of {', '.join(LANGS)}, got {values['lang']!r}")
    if "output_dir" in values:
        problems += _type_problem("output_dir", values["output_dir"], "str")
    needs_data = (
        ("indicator" in values and indicators is None)
        or ("peers" in values and entities is None)
        or ("province" in values and provinces is None)
    )
    if needs_data:
        known_ind, known_ent, known_prov = _known()
        indicators = indicators if indicators is not None else known_ind
        entities = entities if entities is not None else known_ent
        provinces = provinces if provinces is not None else known_prov
    if "province" in values:
        v = values["province"]
        if not isinstance(v, str) or v not in provinces:
            problems.append(
                f"province: unknown province {v!r}; expected the code of a province in data/places.csv "
                "(VN-HN, VN-N08, ...)"
            )
    if "indicator" in values:
        v = values["indicator"]
        if not isinstance(v, str) or v not in indicators:
            close = sorted(i for i in indicators if isinstance(v, str) and v and (v in i or i in v))
            hint = (
                f" (did you mean {', '.join(close)}?)"
                if close
                else f"; valid ids: {', '.join(sorted(indicators))}"
            )
            problems.append(f"indicator: unknown indicator {v!r}{hint}")
    if "peers" in values:
        v = values["peers"]
        if not isinstance(v, list | tuple) or not all(isinstance(c, str) for c in v):
            problems.append(f"peers: expected a list of ISO alpha-3 codes, got {v!r}")
        else:
            unknown = [c for c in v if c not in entities]
            if unknown:
                problems.append(
                    f"peers: unknown country code(s) {unknown}; expected ISO alpha-3 codes such as VNM, THA"
                )
    if problems:
        raise ParameterError(problems, where)
    return SimpleNamespace(**values)
