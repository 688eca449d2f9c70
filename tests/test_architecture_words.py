"""Languages and words in the code (issue 20): no language code compared outside
``helpers.present.locale`` (Python, notebooks and templates), and no words outside the catalogues as
far as that can be read from the code: templates write no words of their own, and no string above
the data layer holds Vietnamese; each check shown failing too. (HTML only in templates:
``tests/test_templates.py``; the import graph, sizes and floors: test_architecture.py.)

Read from the source with ``ast`` and the templates' text, without importing anything.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from architecture_support import NOTEBOOKS, PACKAGE, SRC

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
