"""Reading the shape of ``src/helpers`` for test_architecture.py and test_architecture_words.py:
its modules, the import graph, its circles, the modules' line counts and the floors of the data flow.

The imports are read from the source with ``ast``, without importing anything, so the tests are fast
and see every import: at the top of a module and inside a function alike (a function-level import is
still a dependency, only a later one). An import names the module it loads: ``from . import load``
is an edge to ``helpers.data.load``; ``from .data import load_figures`` (a name defined in a
package's ``__init__``) is an edge to ``helpers.data`` itself. Importing a submodule also runs its
parents' ``__init__``, which is not counted as an edge: a package's ``__init__`` importing its own
rooms is how a package offers them.

A circle is reported as the modules it goes through, each with the line of the import that leads
on, so that the way out (move the shared piece a floor down) can be seen at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers.paths import PROJECT_DIR

SRC = PROJECT_DIR / "src"
PACKAGE = SRC / "helpers"
NOTEBOOKS = PROJECT_DIR / "notebooks"


def modules(src: Path) -> dict[str, tuple[Path, bool]]:
    """Every module under ``src``'s packages: dotted name -> (file, whether it is a package)."""
    found = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, is_package)
    return found


def _base(name: str | None, level: int, module: str, is_package: bool) -> str:
    """The absolute module name a (possibly relative) ``from`` import starts from."""
    if level == 0:
        return name or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts + ([name] if name else []))


def _known(name: str, known: dict) -> str | None:
    """``name``, or the nearest enclosing module that is one of ``known`` (an imported function or
    class is the module that defines it)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(src: Path) -> dict[str, dict[str, int]]:
    """module -> {module it imports: line of the first such import}, for the modules under ``src``."""
    known = modules(src)
    graph: dict[str, dict[str, int]] = {}
    for module, (path, is_package) in known.items():
        edges: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _base(node.module, node.level, module, is_package)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            else:
                continue
            for target in targets:
                target = _known(target, known)
                if target is not None and target != module:
                    edges[target] = min(edges.get(target, node.lineno), node.lineno)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The import circles of ``graph``: one closed path (first module repeated at the end) for each
    group of modules that import each other, directly or not (Tarjan's strongly connected
    components, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return [_closed_path(graph, set(group)) for group in sorted(groups)]


def _closed_path(graph: dict[str, dict[str, int]], group: set[str]) -> list[str]:
    """A shortest way from the group's first module back to itself, through the group."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for child in sorted(graph[node]):
                if child not in group:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start] if len(path) > 1 else [start, node, start]
                if child not in came_from:
                    came_from[child] = node
                    nxt.append(child)
        frontier = nxt
    return sorted(group)


def describe(graph: dict[str, dict[str, int]], path: list[str], src: Path) -> str:
    """``a (a.py:12) -> b (b.py:40) -> a``: each module with the line of its import of the next."""
    known = modules(src)
    steps = [
        f"{a} ({known[a][0].relative_to(src)}:{graph[a][b]})" for a, b in zip(path, path[1:], strict=False)
    ]
    return " -> ".join([*steps, path[-1]])


def line_counts(src: Path) -> dict[str, int]:
    return {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, (path, _) in modules(src).items()
    }


# The floors of the data flow, lowest first (helpers/__init__.py draws them): a module imports only
# modules of its own floor or below. ``params`` checks a notebook's parameters, among them its
# language, which only ``present.locale`` knows: it sits above ``present``, beside nothing below it,
# and only ``notebook`` and ``reports`` (above it) import it. A new top-level room needs a floor here.
# ``compare`` (issue 19) judges with data's breaks and cadence, and ``data.load.targets`` judges
# with it: the two share a floor.
FLOORS: list[set[str]] = [
    {"helpers", "helpers.paths"},
    {"helpers.data", "helpers.compare"},
    {"helpers.analysis", "helpers.claims", "helpers.provinces"},
    {"helpers.present"},
    {"helpers.params"},
    {"helpers.notebook", "helpers.reports"},
]


def floor_of(module: str, floors: list[set[str]] = FLOORS) -> int | None:
    """The floor of ``module``: that of the nearest enclosing room listed in ``floors`` (the root
    package stands for itself only, not for the rooms under it)."""
    name = module
    while name:
        for i, rooms in enumerate(floors):
            if name in rooms and ("." in name or name == module):
                return i
        name = name.rpartition(".")[0]
    return None


def upward_imports(graph: dict[str, dict[str, int]], floors: list[set[str]] = FLOORS) -> list[str]:
    """``a (line) -> b`` for every import of a module on a higher floor, and every module with no
    floor."""
    found = []
    for module, edges in sorted(graph.items()):
        mine = floor_of(module, floors)
        if mine is None:
            found.append(f"{module}: on no floor (add it to FLOORS)")
            continue
        for target, line in sorted(edges.items()):
            theirs = floor_of(target, floors)
            if theirs is not None and theirs > mine:
                found.append(f"{module} (line {line}) -> {target}")
    return found


# Language codes: only helpers.present.locale compares ``lang`` with one (issue 20); elsewhere code
