"""The published pages, from the Jinja2 templates of ``templates/`` (autoescaping on): a report's
page from its executed notebook (``report.html.j2``), the index in each language
(``catalogue.html.j2``), the data page (``data.html.j2``) and the data changes they show
(``changes.html.j2``). They share one shell (``shell.html.j2``: head, site bar, footer) and its
parts (``parts.html.j2``: licence, how to cite, a notebook's block). Every page links the one
shared stylesheet; every visible word is the catalogues' (``w("key", ...)`` in a template, see
``helpers.present.locale``); file names come from ``outputs``.

A report page shows the notebook's outputs only (no code, no prompts, no console text), placed by the
role each output declares in its metadata (``{"page": {"role": ...}}``, see ``helpers.present.page``):
the title once, key findings first, the body, then a footer with sources, method notes, licence, how
to cite and build details. A failed run's page shows its cells' code and the error instead.

Python gives the templates values, never HTML: a value from data, config or a notebook is escaped
by the template; HTML that a notebook's output holds (its tables and charts, made by the present
layer's templates) and Markdown rendered by nbconvert are marked as HTML (``Markup``) and kept.

The same page comes from ``jupyter nbconvert --to html --template src/helpers/reports/templates
NOTEBOOK`` on a published notebook (see :mod:`helpers.reports.nbtemplate`): the runner keeps the
page's details in the notebook's metadata (:func:`record`).
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from ..present import locale, markup
from ..present.groups import GROUPS, THUMBNAILS  # the index's groups; those that show thumbnails
from . import filewords, metadata
from .parts import collect, markdown

TEMPLATES = Path(__file__).with_name("templates")
META_KEY = "helpers"  # the notebook metadata that holds the page's details (record)


def stylesheet() -> str:
    """The one stylesheet every page links (``outputs/assets/site.css``)."""
    return (Path(__file__).with_name("site.css")).read_text(encoding="utf-8")


def render(template: str, /, **context) -> Markup:
    """The page template named ``template`` (in ``templates/``) rendered with ``context``."""
    return markup.render(template, TEMPLATES, **context)


__all__ = ["changes_html", "collect", "data_page", "index_page", "markdown", "record", "report_page", "warm"]


def warm() -> None:
    """Compile every template, parse the catalogues and load CLDR's data now (before the report
    runner forks its workers)."""
    markup.warm(TEMPLATES)
    markup.warm()
    locale.warm()


# --- the pages ---------------------------------------------------------------------------------------


def _words(lang: str) -> dict:
    """A template's language and its helpers: ``w("key", **facts)`` (a word of the catalogue; facts
    that are HTML stay HTML, others are escaped), ``number``, ``seconds``, ``language_name``."""

    def w(key: str, **facts):
        s = locale.t(key, lang)
        return Markup.escape(s).format(**facts) if facts else s

    return {
        "lang": lang,
        "w": w,
        "language_name": locale.language_name,
        "seconds": lambda v: locale.seconds(v, lang),
        "number": lambda v: locale.format_number(v, lang),
    }


def _chrome(lang: str, meta: dict, title: str, bar_href: str, description: str = "") -> dict:
    """What the shell of every page needs: its words, head, site bar and how to cite it."""
    cite = meta["cite"]
    return {
        **_words(lang),
        "head_title": title,
        "description": description,
        "css_href": meta["css_href"],
        "bar_href": bar_href,
        "twin_href": meta.get("twin_href"),
        "twin_lang": meta.get("twin_lang"),
        "mark": meta.get("mark"),
        "cite": metadata.citations(lang, cite),
        "retrieved_mark": metadata.RETRIEVED,  # where a citation says the reader's date; the page fills it in
        "retrieved_date": cite.get("date") or "",
        "head_meta": metadata.head_meta(lang, cite, description),
        "canonical": cite.get("address") if "://" in (cite.get("address") or "") else "",
    }


def report_page(parts: dict, meta: dict) -> str:
    """A report's page from the parts of its executed notebook (:func:`collect`). ``meta``: name,
    lang, title, parameters, data_version, built_at, duration_s, error, index_href, css_href,
    twin_href and twin_lang (when it has a twin), cite (see ``locale.citation``)."""
    lang = meta.get("lang") or locale.DEFAULT
    title = meta["title"]
    charts = meta.get("charts") or {}
    for b in parts["body"]:  # a chart with its data: the lines that load it, and how to cite it
        if b.get("chart") in charts:
            chart = {**meta["cite"], "title": b.get("title") or title, "within": title}
            b["reuse"] = metadata.reuse(lang, charts[b["chart"]], chart)
    return render(
        "report.html.j2",
        **_chrome(lang, meta, title, meta["index_href"]),
        page=parts,
        title=title,
        name=meta["name"],
        error=meta.get("error") or None,
        built_at=meta["built_at"],
        data_version=meta["data_version"],
        duration_s=meta["duration_s"],
        parameters=[(k, json.dumps(v, ensure_ascii=False)) for k, v in meta["parameters"].items()],
    )


def _group(entry: dict) -> str:
    """Where the index lists a report: the group its page declared, else among the topics."""
    group = (entry.get("summary") or {}).get("group")
    return group if group in GROUPS else "topic"


def _entry(e: dict, lang: str, group: str) -> dict:
    s = e.get("summary") or {}
    thumbnail = group in THUMBNAILS
    title = e.get("title") or e["name"]
    label = s.get("label") or ""
    return {
        "title": title,
        "href": e.get("href"),
        "failed_href": e.get("failed_href"),
        "thumbnail": thumbnail,
        "thumb_href": e.get("thumb_href") if thumbnail else None,
        "value": s.get("value"),
        "date": s.get("date"),
        "label": locale.t("latest", lang) if not label or label == e.get("title") else label,
    }


def _build(e: dict, lang: str) -> dict:
    duration = e.get("duration_s")
    return {
        "name": e["name"],
        "state": e["state"],
        "failed_href": e.get("failed_href"),
        "error": e.get("error") or "",
        "built_at": e.get("built_at") or "",
        "run_time": locale.seconds(duration, lang) if duration is not None else "",
    }


def index_page(entries: list[dict], lang: str, meta: dict) -> str:
    """The catalogue in ``lang``: reports grouped (overview, topics, indicator profiles), each with
    title, latest value and date, and a thumbnail; build status and times folded at the bottom.
    ``meta``: data_version, generated, css_href, self_href, twin_href, twin_lang, manifest_href,
    extra (the data changes, :func:`changes_html`), cite, mark (a digest of the entries)."""
    mine = [e for e in entries if (e.get("lang") or locale.DEFAULT) == lang]
    groups = []
    for group in GROUPS:
        items = [e for e in mine if _group(e) == group]
        if group in ("province", "profile"):
            items.sort(key=lambda e: locale.alphabetical(e.get("title") or e["name"]))
        if items:
            groups.append((group, [_entry(e, lang, group) for e in items]))
    chrome = _chrome(lang, meta, locale.t("catalogue", lang), meta["self_href"], locale.t("site_lead", lang))
    return render(
        "catalogue.html.j2",
        **chrome,
        groups=groups,
        builds=[_build(e, lang) for e in entries],
        changes=Markup(meta.get("extra", "")),
        generated=meta["generated"],
        data_version=meta["data_version"],
        manifest_href=meta["manifest_href"],
        stale=meta.get("stale", []),
    )


def data_page(lang: str, meta: dict) -> str:
    """The data page in ``lang``: the download, the files the zip holds, the licence, how to cite
    and the latest changes. ``meta``: zip_name, zip_size, data_version, date, files
    ([(path, bytes, description, its language when not the page's)]: ``filewords.described``), changes
    (:func:`changes_html`), css_href, index_href, twin_href, twin_lang, cite (see
    ``locale.citation``), releases (``releases.view``) and jsonld (``metadata.json_ld``)."""
    title = locale.t("data_page_title", lang)
    return render(
        "data.html.j2",
        **_chrome(lang, meta, title, meta["index_href"], locale.t("data_page_lead", lang)),
        zip_name=meta["zip_name"],
        zip_size=meta["zip_size"],
        data_version=meta["data_version"],
        date=meta["date"],
        files=[(path, size, filewords.pieces(what), other) for path, size, what, other in meta["files"]],
        changes=Markup(meta.get("changes", "")),
        releases=meta.get("releases") or [],
        jsonld=Markup(meta.get("jsonld") or ""),  # JSON made safe inside a script (metadata.json_ld)
    )


def changes_html(changes: list[dict], data_href: str | None, lang: str) -> Markup:
    """The latest data changes as the index and the data page show them (``changes`` as
    ``helpers.reports.datapage.changes_view`` gives them), with the link to the data page when
    ``data_href`` is given."""
    return render("changes.html.j2", **_words(lang), changes=changes, data_href=data_href)


def record(nb, meta: dict, path: Path | None = None) -> None:
    """Keep the page's details (``meta`` of :func:`report_page`) in the notebook's metadata, so that
    nbconvert's template gives the same page from it; written to ``path`` when given."""
    nb.metadata[META_KEY] = {"page": meta}
    if path is not None:
        import nbformat

        nbformat.write(nb, str(path))
