"""The shape of the code (issue 20): no import circle among the modules of ``src/helpers``, no
module over 300 lines, each module importing only its floor of the data flow and below (FLOORS),
each package's ``__init__`` naming its rooms; each check shown failing too. The graph and the
floors are read in architecture_support.py. Languages and words (no language code compared outside
``helpers.present.locale``, no words outside the catalogues): test_architecture_words.py.

The tests' own modules keep the size rule too, and no test module imports another: what several
share lives in a support module (``tests/*_support.py``) or conftest.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from architecture_support import (
    SRC,
    cycles,
    describe,
    import_graph,
    line_counts,
    modules,
    upward_imports,
)
from helpers.paths import PROJECT_DIR

MAX_LINES = 300

# Modules allowed over MAX_LINES for now, each with who empties it and why. TEMPORARY: the list
# must end up empty (issue 20); an entry that is no longer over the limit fails the test too, so
# the list can only shrink.
OVER_LIMIT_FOR_NOW: dict[str, str] = {}


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


# --- the tests' own modules ----------------------------------------------------------------------

TESTS = PROJECT_DIR / "tests"

# Modules of tests/ (test, support and conftest modules) allowed over MAX_LINES for now, each with
# who empties it and why; as OVER_LIMIT_FOR_NOW, an entry no longer over the limit fails the test.
TESTS_OVER_LIMIT_FOR_NOW: dict[str, str] = {}


def lines_of_modules(folder: Path) -> dict[str, int]:
    """file name -> lines, for every module of ``folder``."""
    return {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in sorted(folder.glob("*.py"))}


def imports_of_test_modules(folder: Path) -> list[str]:
    """``a.py:line -> test_b`` for every import of a test module by a module of ``folder``: what
    several test modules share belongs in a support module (``*_support.py``) or conftest."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found += [
                f"{path.name}:{node.lineno} -> {n}" for n in names if n.split(".")[0].startswith("test_")
            ]
    return found


def test_no_test_module_over_300_lines():
    over = {name: n for name, n in lines_of_modules(TESTS).items() if n > MAX_LINES}
    unexpected = sorted(
        f"tests/{name}: {n} lines" for name, n in over.items() if name not in TESTS_OVER_LIMIT_FOR_NOW
    )
    assert not unexpected, (
        f"test modules over {MAX_LINES} lines (split them by theme; what several share goes in a "
        "*_support.py module):\n  " + "\n  ".join(unexpected)
    )
    done = sorted(name for name in TESTS_OVER_LIMIT_FOR_NOW if name not in over)
    assert not done, (
        f"no longer over {MAX_LINES} lines, or gone: remove from TESTS_OVER_LIMIT_FOR_NOW: {done}"
    )


def test_no_test_module_imports_another():
    found = imports_of_test_modules(TESTS)
    assert not found, (
        "test modules imported by another (move what they share into a *_support.py module):\n  "
        + ("\n  ".join(found))
    )


def test_a_long_test_module_and_an_imported_test_module_are_found(tmp_path):
    (tmp_path / "test_long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    (tmp_path / "x_support.py").write_text("import os\n", encoding="utf-8")
    (tmp_path / "test_b.py").write_text(
        "import x_support\nfrom x_support import y\n\ndef f():\n    from test_long import x\n"
        "import test_long as t, json\n",
        encoding="utf-8",
    )
    assert lines_of_modules(tmp_path) == {"test_b.py": 6, "test_long.py": MAX_LINES + 1, "x_support.py": 1}
    assert sorted(imports_of_test_modules(tmp_path)) == [
        "test_b.py:5 -> test_long",
        "test_b.py:6 -> test_long",
    ]


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


# --- floors, languages, words: the project's code, then each check failing ----------------------


def test_each_module_imports_only_its_floor_and_below():
    found = upward_imports(import_graph(SRC))
    assert not found, "imports of a higher floor (see FLOORS; move the piece down):\n  " + "\n  ".join(found)


def test_an_upward_import_and_a_room_with_no_floor_are_found(tmp_path):
    src = _package(
        tmp_path,
        {
            "__init__.py": "",
            "low.py": "from .high import x\n",
            "high.py": "from . import low\nx = 1\n",
            "new.py": "",
        },
    )
    floors = [{"pkg"}, {"pkg.low"}, {"pkg.high"}]
    assert upward_imports(import_graph(src), floors) == [
        "pkg.low (line 1) -> pkg.high",
        "pkg.new: on no floor (add it to FLOORS)",
    ]
