"""The shape of the code (issue 20): no import circle among the modules of ``src/helpers``, no
module over 300 lines, each module importing only its floor of the data flow and below (FLOORS),
no language code compared outside ``helpers.present.locale`` (Python, notebooks and templates),
and no words outside the catalogues as far as that can be read from the code: templates write no
words of their own, and no string above the data layer holds Vietnamese. (HTML only in templates:
``tests/test_templates.py``.)

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
import json
import re
from pathlib import Path

import pytest

from helpers.paths import PROJECT_DIR

SRC = PROJECT_DIR / "src"
PACKAGE = SRC / "helpers"
NOTEBOOKS = PROJECT_DIR / "notebooks"
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
# asks it (``is_default``, ``twin``, ``language_name``, ``DEFAULT``, ``LANGS``).
LANG_CODES = {"en", "vi"}
LOCALE_PACKAGE = "helpers/present/locale/"
# Code outside the locale package allowed a table keyed by language code, each with the reason.
LANG_TABLES = {
    "helpers/data/numbers.py": "how sources in each language write numbers (CONVENTIONS), for reading "
    "a source's quote; the data layer cannot ask the present layer",
}


def _is_code(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANG_CODES


def _is_default(node: ast.AST) -> bool:
    """``DEFAULT``, ``locale.DEFAULT`` or ``LANGS[0]``: a language code by another name (``lang in
    LANGS`` asks whether it is a language at all, and is no branch)."""

    def name(n):
        return n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else None

    return name(node) == "DEFAULT" or (isinstance(node, ast.Subscript) and name(node.value) == "LANGS")


def language_branches(code: str) -> list[tuple[int, str]]:
    """(line, code) of every place that branches on a language code: a comparison with one
    (``lang == "vi"``, ``lang in ("vi",)``, ``(x or "en") == lang``, ``lang == DEFAULT``), a
    ``startswith`` of one, a ``case "vi":``, a dict keyed by language codes, a choice between codes
    (``"vi" if ... else "en"``) or the languages listed by hand (``("en", "vi")``)."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Compare):
            parts = (node.left, *node.comparators)
            hit = any(_is_code(n) for part in parts for n in ast.walk(part)) or any(
                _is_default(part) for part in parts
            )
        elif isinstance(node, ast.IfExp):
            hit = _is_code(node.body) or _is_code(node.orelse)
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            hit = sum(_is_code(e) for e in node.elts) >= 2
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            hit = node.func.attr in ("startswith", "endswith") and any(
                _is_code(n) for a in node.args for n in ast.walk(a)
            )
        elif isinstance(node, ast.match_case):
            hit = any(_is_code(n) for n in ast.walk(node.pattern))
        elif isinstance(node, ast.Dict):
            hit = any(k is not None and _is_code(k) for k in node.keys)
        else:
            continue
        if hit:
            found.append(
                (node.lineno if hasattr(node, "lineno") else node.pattern.lineno, ast.unparse(node)[:100])
            )
    return found


# Jinja: a test of the page's language in a template (``lang == "vi"``, ``"vi" in``...).
TEMPLATE_LANG = re.compile(
    r"""(?:==|!=)\s*["'](?:en|vi)["']|["'](?:en|vi)["']\s*(?:==|!=|\bin\b)|lang\s*(?:==|!=|\bin\b)"""
)


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


# Words: every user-facing word is in the catalogues. What can be checked: a template's own text
# (between its tags and in the attributes people read) holds no word, names marked to stay as they
# are (translate="no"), scripts and file names aside; and no string of the code above the data
# layer holds Vietnamese (the data layer reads the sources, which are in Vietnamese).
# The attributes people read (data-label: a stacked table cell's heading, shown on a phone), and a
# description's content.
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "data-label")
FILE_NAME = re.compile(r"[\w.-]+\.(?:json|csv|zip|html|txt|md|ipynb|png|svg|py)\b")
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
VIETNAMESE_ALLOWED = {
    "helpers/present/quotes.py": "patterns that find a claim's number in a source's Vietnamese quote",
    "helpers/reports/worker.py": "the warm-up's text, drawn once to load the fonts' Vietnamese glyphs",
}


def template_words(source: str) -> list[str]:
    """The words a template writes itself: its text and read attributes once the Jinja
    statements, expressions and comments are taken out (each word a run of letters), leaving out
    what an element marked translate="no" holds, scripts, styles and file names."""
    from html.parser import HTMLParser

    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.DOTALL)
    pieces: list[str] = []

    class Reader(HTMLParser):
        skipping: list[list] = []  # [tag, depth] of the element whose content is not words

        def handle_starttag(self, tag, attrs):
            if self.skipping and tag == self.skipping[-1][0]:
                self.skipping[-1][1] += 1
            elif ("translate", "no") in attrs or tag in ("script", "style"):
                self.skipping.append([tag, 1])
            if not self.skipping:
                pieces.extend(v or "" for k, v in attrs if k in READ_ATTRIBUTES)
                if tag == "meta" and ("name", "description") in attrs:
                    pieces.extend(v or "" for k, v in attrs if k == "content")

        def handle_endtag(self, tag):
            if self.skipping and tag == self.skipping[-1][0]:
                self.skipping[-1][1] -= 1
                if not self.skipping[-1][1]:
                    self.skipping.pop()

        def handle_data(self, data):
            if not self.skipping:
                pieces.append(data)

    reader = Reader(convert_charrefs=True)
    reader.skipping = []
    reader.feed(text)
    reader.close()
    return [w for piece in pieces for w in re.findall(r"[^\W\d_]{2,}", FILE_NAME.sub(" ", piece))]


def strings(code: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant and f-string part of ``code``, docstrings aside."""
    tree = ast.parse(code)
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


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


def test_no_code_outside_the_locale_package_compares_a_language():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(LOCALE_PACKAGE) or rel in LANG_TABLES:
            continue
        found += [
            f"{rel}:{line}: {code}" for line, code in language_branches(path.read_text(encoding="utf-8"))
        ]
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        found += [f"{path.name}: {code}" for _, code in language_branches(notebook_code(path))]
    for path in sorted(PACKAGE.rglob("*.j2")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(SRC)}: {m.group(0)}" for m in TEMPLATE_LANG.finditer(text)]
    assert not found, "a language code compared outside helpers.present.locale (ask it):\n  " + "\n  ".join(
        found
    )
    for rel in LANG_TABLES:  # the allowance is still needed, or it goes
        assert language_branches((SRC / rel).read_text(encoding="utf-8")), (
            f"{rel} no longer needs LANG_TABLES"
        )


@pytest.mark.parametrize(
    "code",
    [
        'if lang == "vi":\n    pass\n',
        'x = "en" != lang\n',
        'x = lang in ("vi", "fr")\n',
        'x = (page.get("lang") or "en") == lang\n',
        'x = lang.startswith("vi")\n',
        'NAMES = {\n    "en": "English",\n    "vi": "Tiếng Việt",\n}\n',
        'match lang:\n    case "vi":\n        pass\n',
        'x = "vi" if vietnamese else "en"\n',
        'for lang in ("en", "vi"):\n    pass\n',
        "x = lang == locale.DEFAULT\n",
        "x = lang != LANGS[0]\n",
    ],
)
def test_a_language_branch_is_found(code):
    assert language_branches(code)


def test_asking_the_locale_package_is_no_language_branch():
    code = (
        'if is_default(lang):\n    pass\nx = lang == other\ny = twin(lang)\nz = {"lang": "en"}\nf(lang="en")\n'
        "w = (e.get('lang') or locale.DEFAULT) == lang\nv = lang in LANGS\n"
    )
    assert language_branches(code) == []
    assert TEMPLATE_LANG.search('{% if lang == "vi" %}') and not TEMPLATE_LANG.search(
        '<html lang="{{ lang }}">'
    )


def test_templates_write_no_words_of_their_own():
    found = {
        path.relative_to(SRC).as_posix(): words
        for path in sorted(PACKAGE.rglob("*.j2"))
        if (words := template_words(path.read_text(encoding="utf-8")))
    }
    assert not found, f'words in templates (put them in the catalogues, w("key")): {found}'


def test_a_word_in_a_template_is_found():
    source = (
        '{# a comment #}<p class="x">{{ w("site_title") }}: Download</p>{% if a %}<img alt="Chart" src="{{ s }}">'
        '{% endif %}<a href="{{ h }}">manifest.json</a> · <abbr title="{{ w("k") }}">{{ n }}</abbr>'
        '<meta name="viewport" content="width=device-width"><meta name="description" content="About">'
        '<span translate="no">MIT <b>Licence</b></span> <script>var x = 1;</script><a>data.zip</a> Words'
        '<td data-label="Value">{{ v }}</td>'
    )
    assert template_words(source) == ["Download", "Chart", "About", "Words", "Value"]


def test_no_vietnamese_in_the_code_above_the_data_layer():
    found = [
        f"{rel}:{line}: {text[:60]!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not (rel := path.relative_to(SRC).as_posix()).startswith(("helpers/data/", LOCALE_PACKAGE))
        and rel not in VIETNAMESE_ALLOWED
        for line, text in strings(path.read_text(encoding="utf-8"))
        if VIETNAMESE.search(text)
    ]
    assert not found, "Vietnamese in the code (it belongs in vi.po):\n  " + "\n  ".join(found)
    for rel in VIETNAMESE_ALLOWED:
        assert any(VIETNAMESE.search(t) for _, t in strings((SRC / rel).read_text(encoding="utf-8"))), rel


def test_vietnamese_in_a_string_is_found_and_a_docstring_is_not():
    code = '"""Trang chủ."""\nx = f"{n} người dùng"\ny = "users"\n'
    assert [t for _, t in strings(code) if VIETNAMESE.search(t)] == [" người dùng"]
