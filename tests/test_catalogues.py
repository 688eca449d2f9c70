"""The words' catalogues (helpers/present/locale/en.po, vi.po): complete in both languages, the same
placeholders, every key the code and the notebooks use present, every entry used, parsed once."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

from helpers.paths import PROJECT_DIR
from helpers.present.locale import catalogue, maintain

SRC = PROJECT_DIR / "src" / "helpers"
NOTEBOOKS = PROJECT_DIR / "notebooks"
# Functions whose first argument is a key; chart_text's keys are "chart_" + its argument.
KEYED = {"t": "", "text": "", "has": "", "plural": "", "_text": "", "chart_text": "chart_", "w": ""}
PAGE = ("title", "lead", "say", "note", "section")  # Page's methods that take a key
TEMPLATE_KEY = re.compile(r"""\b(?:w|t|text)\(\s*["']([A-Za-z_ ]+)["']\s*[,)]""")
TEMPLATE_PREFIX = re.compile(r"""["']([a-z_]+_)["']\s*[+~]""")  # w("status_" + state)


def _sources() -> dict[str, str]:
    """Python source of src/helpers and of the notebooks' code cells, by where it comes from."""
    out = {str(p.relative_to(PROJECT_DIR)): p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        out[str(nb.relative_to(PROJECT_DIR))] = code
    return out


def _templates() -> dict[str, str]:
    return {str(p.relative_to(PROJECT_DIR)): p.read_text(encoding="utf-8") for p in SRC.rglob("*.j2")}


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def keys_used(sources: dict[str, str], templates: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(where, key, required) for every key a call names as a literal: required keys must be in
    the catalogues; a section's paragraph (KEY_p) is optional unless named."""
    found = []
    for where, code in sources.items():
        for node in ast.walk(ast.parse(code)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name, first = _name(node.func), _literal(node.args[0])
            if first is None:
                continue
            if name in KEYED:
                found.append((where, KEYED[name] + first, True))
            elif name in PAGE and isinstance(node.func, ast.Attribute):
                if name != "section":
                    found.append((where, first, True))
                    continue
                found.append((where, first + "_h", True))
                para = _literal(node.args[1]) if len(node.args) > 1 else None
                if para:
                    found.append((where, para, True))
    for where, source in templates.items():
        found += [(where, key, True) for key in TEMPLATE_KEY.findall(source)]
    return found


def strings_in(sources: dict[str, str], templates: dict[str, str]) -> tuple[set[str], set[str], set[str]]:
    """Every string constant of the code, and the prefixes and suffixes of keys built from parts
    (f"status_{state}", "at_" + kind, f"{key}_points")."""
    consts, prefixes, suffixes = set(), set(), set()
    for code in sources.values():
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                consts.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head, tail = _literal(node.values[0]), _literal(node.values[-1])
                if head and head.endswith("_"):
                    prefixes.add(head)
                if tail and tail.startswith("_"):
                    suffixes.add(tail)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                left = _literal(node.left)
                if left and left.endswith("_"):
                    prefixes.add(left)
    for source in templates.values():
        consts |= set(re.findall(r"""["']([A-Za-z_ ]+)["']""", source))
        prefixes |= set(TEMPLATE_PREFIX.findall(source))
    return consts, prefixes, suffixes


def test_the_catalogues_are_fit_to_publish():
    assert maintain.problems() == []


def test_every_key_the_code_and_the_notebooks_use_is_in_both_catalogues():
    used = keys_used(_sources(), _templates())
    assert len(used) > 150, "the scan found too few keys: has the way words are asked for changed?"
    for lang in catalogue.LANGS:
        words = catalogue.catalogue(lang).words
        missing = sorted(
            {f"{where}: {key!r}" for where, key, required in used if required and key not in words}
        )
        assert not missing, f"keys with no entry in {lang}.po:\n" + "\n".join(missing)


def test_the_scan_finds_an_unknown_key():
    code = 'pg.section("no_such_heading")\ntext("no_such_word", lang)\nchart_text("nope", lang)\n'
    used = {key for _, key, _ in keys_used({"x.py": code}, {"x.j2": '{{ w("no_such_chrome") }}'})}
    assert used == {"no_such_heading_h", "no_such_word", "chart_nope", "no_such_chrome"}
    assert not used & set(catalogue.catalogue("en").words)


def test_every_entry_is_used():
    consts, prefixes, suffixes = strings_in(_sources(), _templates())
    used = consts | {key for _, key, _ in keys_used(_sources(), _templates())}
    unused = [
        key
        for key in catalogue.catalogue("en").words
        if key not in used
        and key.removesuffix("_p").removesuffix("_h") not in consts
        and not any(key.startswith(p) for p in prefixes)
        and not any(key.endswith(s) for s in suffixes)
        and key.removeprefix("chart_") not in consts
    ]
    assert not unused, f"entries nothing uses (remove them from en.po, then sync): {unused}"


@pytest.fixture
def catalogues_copy(tmp_path, monkeypatch):
    """The catalogues copied to a folder the module reads instead (a test may edit them)."""
    for lang in catalogue.LANGS:
        shutil.copy(catalogue.path(lang), tmp_path / f"{lang}.po")
    monkeypatch.setattr(catalogue, "FOLDER", tmp_path)
    catalogue.catalogue.cache_clear()
    yield tmp_path
    catalogue.catalogue.cache_clear()


def _edit(folder: Path, lang: str, old: str, new: str) -> None:
    p = folder / f"{lang}.po"
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_problems_name_each_kind_of_mistake(catalogues_copy):
    _edit(catalogues_copy, "vi", 'msgid "gap"\nmsgstr "Chênh lệch"', 'msgid "gap"\nmsgstr ""')
    _edit(catalogues_copy, "vi", 'msgstr "{n} giây"', 'msgstr "{so} giây"')
    _edit(catalogues_copy, "vi", 'msgid "and"\n', 'msgid "and_then"\n')
    _edit(catalogues_copy, "vi", "#. English: Year\n", "#. English: The year\n")
    _edit(catalogues_copy, "vi", 'msgid "year"', '#, fuzzy\nmsgid "year"')
    _edit(catalogues_copy, "en", 'msgstr "{n} bn"', 'msgstr "bn {n}"')
    found = "\n".join(maintain.problems())
    for expected in (
        "vi.po: 'gap' has no text",
        "vi.po: 'seconds' has placeholders ['so'], en.po ['n']",
        "vi.po: no entry 'and'",
        "vi.po: entry 'and_then' is not in en.po",
        "vi.po: 'year': its '#. English:' comment is not the English text",
        "vi.po: 'year' is marked fuzzy",
        "en.po: number_billion must start with {n}",
    ):
        assert expected in found, found


def test_sync_adds_a_new_english_entry_for_translation_and_changes_nothing_else(catalogues_copy):
    before = (catalogues_copy / "vi.po").read_text(encoding="utf-8")
    assert maintain.sync() == []
    assert (catalogues_copy / "vi.po").read_text(encoding="utf-8") == before
    with (catalogues_copy / "en.po").open("a", encoding="utf-8") as f:
        f.write('\n#. Where: a test.\nmsgid "zz_new"\nmsgstr "New {n} words"\n')
    assert maintain.sync() == ["vi.po: added 'zz_new': translate it"]
    vi = (catalogues_copy / "vi.po").read_text(encoding="utf-8")
    assert vi.startswith(before.rstrip("\n"))
    assert (
        '\n#. English: New {n} words\n#. Where: a test.\n#, fuzzy, python-brace-format\nmsgid "zz_new"\nmsgstr ""\n'
        in vi
    )
    assert "vi.po: 'zz_new' has no text" in maintain.problems()


def test_a_catalogue_edit_makes_the_reports_stale():
    from helpers.paths import code_files

    assert {catalogue.path(lang) for lang in catalogue.LANGS} <= set(code_files())


def test_a_missing_word_names_its_catalogue():
    with pytest.raises(KeyError, match=r"no word 'no_such_word' in vi\.po"):
        catalogue.text("no_such_word", "vi")


def test_the_catalogues_are_parsed_once_per_process():
    first = catalogue.catalogue("vi")
    catalogue.text("site_title", "vi")
    catalogue.load()
    assert catalogue.catalogue("vi") is first


def test_plural_forms_follow_each_catalogue():
    from helpers.present import locale

    assert [locale.places(n, "en") for n in (1, 2)] == ["1 place", "2 places"]
    assert [locale.places(n, "vi") for n in (1, 2)] == ["1 bậc", "2 bậc"]
    assert locale.change_short("rank", 72, 71, "en") == "+1 place"
    assert locale.change_phrase("rank", 72, 71, "en") == "up 1 place"


def test_cldr_gives_the_numbers_the_press_writes():
    """Babel's CLDR data is where each language's separators come from; these are what the
    Vietnamese press writes (decimal comma, dot for thousands) and what English pages wrote."""
    from helpers.present import locale

    assert locale.format_number(234_567.5, "vi", decimals=1) == "234.567,5"
    assert locale.format_number(234_567.5, "en", decimals=1) == "234,567.5"
    assert locale.format_number(76_500_000, "vi") == "76,5 triệu"
    assert locale.format_number(18.25, "vi", percent=True, decimals=2) == "18,25%"
    assert locale.language_name("vi") == "Tiếng Việt" and locale.language_name("en") == "English"
    assert locale.twin("vi") == "en" and locale.is_default("en") and not locale.is_default("vi")
