"""The pages' HTML comes from Jinja2 templates with autoescaping on: no HTML in Python's strings,
values from data escaped, the fragments (tables, cards, figures, sources) as the pages had them,
and nbconvert's template giving the page the runner published."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from helpers.paths import PACKAGE_DIR, code_files
from helpers.present.markup import esc, render
from helpers.reports import html

TAG = re.compile(r"<(/?[a-z][a-z0-9]*)[ >/]")
REGEX_GROUP = re.compile(r"\(\?(P<\w+>|<[!=])")  # (?P<name>...), (?<!...): a regular expression's, not a tag
# Strings with a tag that assemble no page: what they are.
NOT_ASSEMBLED = {
    (
        "reports/parts.py",
        '<a class="anchor-link" href="#[^"]*">&#182;</a>',
    ): "a pattern that removes nbconvert's anchors",
}


def _strings_with_tags() -> list[tuple[str, str]]:
    """(module, string) for every string constant or f-string part of src/helpers that holds an
    HTML tag, docstrings left out."""
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        found += [
            (rel, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
            and TAG.search(REGEX_GROUP.sub("", node.value))
        ]
    return found


def test_no_python_string_holds_html():
    found = [f"{rel}: {s[:80]!r}" for rel, s in _strings_with_tags() if (rel, s) not in NOT_ASSEMBLED]
    assert not found, "HTML assembled in Python (write it in a template):\n" + "\n".join(found)


def test_the_html_scan_finds_a_tag_in_an_f_string(tmp_path, monkeypatch):
    (tmp_path / "mod.py").write_text('x = 1\ny = f"<p class=\\"a\\">{x}</p>"\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", tmp_path)
    assert [s for _, s in _strings_with_tags()] == ['<p class="a">', "</p>"]


def test_templates_are_code_and_package_data():
    import tomllib

    from helpers.paths import PROJECT_DIR

    templates = sorted(PACKAGE_DIR.rglob("*.j2"))
    assert len(templates) >= 10 and set(templates) <= set(code_files())
    data = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    declared = data["tool"]["setuptools"]["package-data"]["helpers"]
    assert {"present/templates/*.j2", "reports/templates/*"} <= set(declared)


# --- the fragments -------------------------------------------------------------------------------------


def test_a_table_escapes_its_cells_and_marks_verbatim_text_with_its_language():
    from helpers.present.tables import Table

    df = pd.DataFrame({"Value": ["1,0 tỷ"], "Quote": ["<b>tăng</b> 57%"], "Note": ["a & b"]})
    table = Table(df, num=["Value"], verbatim=["Quote"], wide=["Quote"], langs={"Quote": ["vi"]})
    assert table._repr_html_() == (  # a column of long text: stacked on a phone, each value labelled
        '<div class="table-scroll"><table class="stack"><thead><tr><th class="num">Value</th><th class="wide">Quote</th>'
        '<th>Note</th></tr></thead><tbody><tr><td class="num" data-label="Value">1,0 tỷ</td>'
        '<td class="wide" translate="no" lang="vi" data-label="Quote">&lt;b&gt;tăng&lt;/b&gt; 57%</td>'
        '<td data-label="Note">a &amp; b</td></tr></tbody></table></div>'
    )
    narrow = Table(df[["Value", "Note"]])
    assert "stack" not in narrow._repr_html_() and "data-label" not in narrow._repr_html_()


def test_a_card_marks_its_publishers_as_names():
    from helpers.present.charts.cards import Card

    card = Card(pd.DataFrame(), "c", "Label <x>", "12 m", "2024", "Source: Báo <Nghệ An>, 2022", "+5%", "vi")
    assert card._repr_html_() == (
        '<div class="card" lang="vi"><p class="card-label">Label &lt;x&gt;</p><p class="card-value">12 m</p>'
        '<p class="card-when">2024</p><p class="card-change">+5%</p><p class="card-source">Source: '
        '<span translate="no">Báo &lt;Nghệ An&gt;, 2022</span></p></div>'
    )


def test_a_figure_links_its_downloads():
    figure = render(
        "figure.html.j2",
        download="Tải về",
        downloads=[("charts/a.png", "PNG"), ("charts/a.csv", "CSV (dữ liệu)")],
        card=None,
        src="charts/a.svg",
        alt='Viet Nam "rose"',
        width=540,
        height=324,
    )
    assert figure == (
        '<figure class="chart"><img src="charts/a.svg" alt="Viet Nam &#34;rose&#34;" width="540" height="324">'
        '<figcaption class="downloads">Tải về: <a href="charts/a.png" download>PNG</a> · '
        '<a href="charts/a.csv" download>CSV (dữ liệu)</a></figcaption></figure>'
    )


def test_markdown_escaping_lives_beneath_page_and_story():
    from helpers.present import page, story

    assert esc("a *b* <c>") == "a \\*b\\* &lt;c&gt;"
    assert page.esc is esc and story.esc is esc


# --- the pages -----------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script>'


def _meta(**extra) -> dict:
    meta = {
        "name": "r-vi",
        "lang": "vi",
        "title": f"Title {HOSTILE}",
        "parameters": {"lang": "vi", "note": HOSTILE},
        "data_version": "abc",
        "built_at": "2026-12-05 10:00 UTC",
        "duration_s": 1.25,
        "error": None,
        "index_href": "../../index.vi.html",
        "css_href": "../../assets/site.css",
        "twin_href": "../r-en/index.html",
        "twin_lang": "en",
        "cite": {
            "title": "T",
            "version": "0.1.0",
            "data_version": "abc",
            "date": "2026-12-05",
            "address": "x",
        },
    }
    return {**meta, **extra}


def _notebook() -> nbformat.NotebookNode:
    """An executed report notebook: a title, a lead, findings, a table, a note, sources, a summary."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("pg...")

    def out(data, role, **extra):
        return nbformat.v4.new_output("display_data", data=data, metadata={"page": {"role": role, **extra}})

    cell.outputs = [
        out({"text/markdown": "# Tiêu đề", "text/plain": ""}, "title", text="Tiêu đề <b>"),
        out({"text/markdown": "Dẫn nhập *ngắn*.", "text/plain": ""}, "lead"),
        out({"text/markdown": f"- {esc(HOSTILE)}", "text/plain": ""}, "findings"),
        out({"text/html": "<div class='table-scroll'><table></table></div>", "text/plain": ""}, "table"),
        out({"text/markdown": "Ghi chú.", "text/plain": ""}, "note"),
        out({"text/html": '<ul class="sources"><li>A</li></ul>', "text/plain": ""}, "sources"),
        out({"text/plain": ""}, "summary", summary={"group": "topic"}),
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell("Ghi chú cho JupyterLab", metadata={"tags": ["notebook-only"]}),
        cell,
    ]
    return nb


def test_a_report_page_escapes_every_value_and_keeps_the_notebooks_html():
    nb = _notebook()
    parts = html.collect(nb, "vi", False)
    page = html.report_page(parts, _meta(title=parts["title"]))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<title>Tiêu đề &lt;b&gt; · Chính phủ số Việt Nam qua các con số</title>" in page
    assert "<code>note=&#34;&lt;script&gt;alert(\\&#34;x\\&#34;)&lt;/script&gt;&#34;</code>" in page
    assert "<div class='table-scroll'><table></table></div>" in page  # the notebook's own HTML
    assert (
        '<span class="lang-switch"><a rel="alternate" hreflang="en" lang="en" href="../r-en/index.html">English</a>'
        in page
    )
    assert "<dd>2026-12-05 10:00 UTC, mất 1,2 giây</dd>" in page
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi"><head>') and page.endswith("</body></html>\n")


def test_a_failed_runs_page_shows_the_code_and_the_error_escaped():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("raise ValueError('<x>')")
    cell.outputs = [
        nbformat.v4.new_output("error", ename="ValueError", evalue="<x>", traceback=["\x1b[31m<tb>"])
    ]
    nb.cells = [cell]
    page = html.report_page(html.collect(nb, "en", True), _meta(lang="en", title="T", error="cell 1: <x>"))
    assert '<pre class="code">raise ValueError(&#39;&lt;x&gt;&#39;)</pre>' in page
    assert '<div class="error"><strong>ValueError: &lt;x&gt;</strong><pre>&lt;tb&gt;</pre></div>' in page
    assert (
        '<div class="error"><strong>The last run of this report failed:</strong> cell 1: &lt;x&gt;</div>'
        in page
    )


def test_the_index_escapes_titles_and_errors():
    entries = [
        {"name": "a-en", "lang": "en", "title": f"A {HOSTILE}", "state": "ok", "href": "reports/a-en/index.html",
         "summary": {"group": "overview", "label": "L", "value": "71", "date": "2024"}, "duration_s": 2.0},
        {"name": "b-en", "lang": "en", "title": "B", "state": "failed", "error": HOSTILE,
         "failed_href": "failed/b-en.html"},
    ]  # fmt: skip
    meta = {"data_version": "abc", "generated": "2026-12-05 10:00 UTC", "css_href": "assets/site.css",
            "self_href": "index.html", "twin_href": "index.vi.html", "twin_lang": "vi",
            "manifest_href": "manifest.json", "mark": "0123abcd",
            "cite": {"title": "", "version": "0.1.0", "data_version": "abc", "date": "2026-12-05", "address": ""}}  # fmt: skip
    page = html.index_page(entries, "en", meta)
    assert "<script>" not in page and page.count("&lt;script&gt;") == 2
    assert '<div class="latest">L: <strong>71</strong> <span class="date">(2024)</span></div>' in page
    assert '<a class="badge" href="failed/b-en.html">last run failed</a>' in page
    assert '<td class="num" data-label="Run time">2.0 s</td>' in page and page.endswith(
        "<!-- entries 0123abcd --></body></html>\n"
    )


# --- nbconvert's template ------------------------------------------------------------------------------


def _as_nbconvert_writes(page: str) -> str:
    """A page as nbconvert's HTML exporter writes what its template gives: parsed and written again
    by BeautifulSoup (attributes sorted, void elements closed), the same document."""
    from bs4 import BeautifulSoup

    return str(BeautifulSoup(page, features="html.parser"))


def test_nbconverts_template_gives_the_runners_page():
    from nbconvert import HTMLExporter

    nb = _notebook()
    parts = html.collect(nb, "vi", False)
    meta = _meta(title=parts["title"])
    html.record(nb, meta)
    exporter = HTMLExporter(template_name=str(html.TEMPLATES))
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "notebook"}})
    assert page == _as_nbconvert_writes(html.report_page(parts, meta))


@pytest.mark.slow
def test_nbconvert_on_published_notebooks_gives_the_published_pages(tmp_path, site):
    """`jupyter nbconvert --template` on published notebooks (a report in two languages, from the run's
    one build of the site, and a failed one) gives the page the runner published beside each."""
    from helpers.paths import DEFAULT_DATA_DIR
    from reports_support import build, tiny_notebook, write_config

    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [{"name": "broken", "notebook": "tiny.ipynb", "parameters": {"fail": True}}],
    )
    out = tmp_path / "outputs"
    build(config, out, DEFAULT_DATA_DIR)
    pairs = {
        n: (site / "reports" / n / "notebook.ipynb", site / "reports" / n / "index.html")
        for n in ("egov-ranking-en", "egov-ranking-vi")
    }
    pairs["broken"] = (out / "failed" / "broken.ipynb", out / "failed" / "broken.html")
    src, dest = tmp_path / "nbconvert-in", tmp_path / "nbconvert"
    src.mkdir()
    for name, (notebook, _) in pairs.items():  # one nbconvert for the three: one name each
        shutil.copyfile(notebook, src / f"{name}.ipynb")
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--template", str(html.TEMPLATES),
         "--output-dir", str(dest), *sorted(map(str, src.glob("*.ipynb")))],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for name, (notebook, published) in pairs.items():
        converted = (dest / f"{name}.html").read_text(encoding="utf-8")
        assert converted == _as_nbconvert_writes(published.read_text(encoding="utf-8")), notebook
