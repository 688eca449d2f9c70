"""The shape of the code (issue 20): no import circle among the modules of ``src/helpers``, and no
module over 300 lines.

Both are read from the source with ``ast``, without importing anything, so the test is fast and sees
every import: at the top of a module and inside a function alike (a function-level import is still
a dependency, only a later one). An import names the module it loads: ``from . import load`` is an
edge to ``helpers.data.load``; ``from .data import load_figures`` (a name defined in a package's
``__init__``) is an edge to ``helpers.data`` itself. Importing a submodule also runs its parents'
``__init__``, which is not counted as an edge: a package's ``__init__`` importing its own rooms is
how a package offers them.

A circle is reported as the modules it goes through, each with the line of the import that leads
on, so that the way out (move the shared piece a floor down) can be seen at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers.paths import PROJECT_DIR

SRC = PROJECT_DIR / "src"
MAX_LINES = 300

# Modules allowed over MAX_LINES for now, each with who empties it and why. TEMPORARY: the list
# must end up empty (issue 20); an entry that is no longer over the limit fails the test too, so
# the list can only shrink.
OVER_LIMIT_FOR_NOW: dict[str, str] = {}


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


# --- the project's code ------------------------------------------------------------------------


def test_no_import_circle():
    graph = import_graph(SRC)
    assert "helpers.data.load" in graph and graph["helpers.reports.runner"], "the graph reads no imports"
    found = [describe(graph, path, SRC) for path in cycles(graph)]
    assert not found, "import circles (move the shared piece below both):\n  " + "\n  ".join(found)


def test_no_module_over_300_lines():
    counts = line_counts(SRC)
    over = {name: n for name, n in counts.items() if n > MAX_LINES}
    unexpected = sorted(f"{name}: {n} lines" for name, n in over.items() if name not in OVER_LIMIT_FOR_NOW)
    assert not unexpected, f"modules over {MAX_LINES} lines (split them by what they do):\n  " + "\n  ".join(
        unexpected
    )
    done = sorted(name for name in OVER_LIMIT_FOR_NOW if name in counts and name not in over)
    gone = sorted(name for name in OVER_LIMIT_FOR_NOW if name not in counts)
    assert not done and not gone, (
        f"no longer over {MAX_LINES} lines, or gone: remove from OVER_LIMIT_FOR_NOW: {done + gone}"
    )


# --- the checks themselves can fail ------------------------------------------------------------


def _package(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # a function-level import closes the circle as surely as a top-level one
        (
            {"__init__.py": "", "a.py": "from .b import f\n", "b.py": "def f():\n    from . import a\n"},
            [["pkg.a", "pkg.b", "pkg.a"]],
        ),
        # through a package's __init__: a name it defines, imported by the module it imports
        (
            {"__init__.py": "from .low import X\nNAMES = 1\n", "low.py": "from . import NAMES\nX = 1\n"},
            [["pkg", "pkg.low", "pkg"]],
        ),
        # three modules around, absolute imports, one of them a submodule by attribute
        (
            {
                "__init__.py": "",
                "a.py": "import pkg.b\n",
                "b.py": "from pkg import c\n",
                "c.py": "from pkg.a import thing\n",
            },
            [["pkg.a", "pkg.b", "pkg.c", "pkg.a"]],
        ),
    ],
)
def test_a_circle_is_found_and_named(tmp_path, files, expected):
    src = _package(tmp_path, files)
    graph = import_graph(src)
    assert cycles(graph) == expected
    text = describe(graph, expected[0], src)
    assert text.startswith(f"{expected[0][0]} (pkg/") and text.endswith(f"-> {expected[0][0]}")


def test_a_package_importing_its_rooms_is_no_circle(tmp_path):
    src = _package(
        tmp_path,
        {
            "__init__.py": "from .room import f\n\ndef __getattr__(name):\n    from . import lazy\n",
            "room.py": "from . import other\n\ndef f():\n    pass\n",
            "other.py": "",
            "lazy.py": "from .room import f\n",
        },
    )
    assert cycles(import_graph(src)) == []


def test_a_long_module_is_counted(tmp_path):
    src = _package(tmp_path, {"__init__.py": "", "long.py": "x = 1\n" * (MAX_LINES + 1)})
    assert line_counts(src)["pkg.long"] == MAX_LINES + 1


def test_each_package_draws_its_rooms():
    """Every module is named (``name``) in its package's ``__init__`` docstring, which draws the
    package's rooms for a newcomer (``__main__`` aside: it is the package's command line)."""
    known = modules(SRC)
    missing = []
    for package, (path, is_package) in sorted(known.items()):
        if not is_package:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        rooms = sorted(m.rpartition(".")[2] for m in known if m.rpartition(".")[0] == package)
        missing += [f"{package}.{room}" for room in rooms if room != "__main__" and f"``{room}" not in doc]
    assert not missing, "modules their package's __init__ docstring does not name:\n  " + "\n  ".join(missing)
