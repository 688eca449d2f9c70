"""The published pages: a report page rendered from its executed notebook, and the catalogue index
in each language. Every page links the one shared stylesheet; every visible word comes from the
locale module (``helpers.present.locale``); file names come from ``outputs``.

A report page shows the notebook's outputs only (no code, no prompts, no console text), placed by the
role each output declares in its metadata (``{"page": {"role": ...}}``, see ``helpers.present.page``):
the title once, key findings first, the body, then a footer with sources, method notes, licence, how
to cite and build details. A failed run's page shows its cells' code and the error instead.

Every value that comes from data, config or a notebook is escaped (tables and markdown are rendered
by code that escapes them), so text holding HTML or script is shown as text, never run.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from ..present import locale
from ..present.locale import t, text


def stylesheet() -> str:
    """The one stylesheet every page links (``outputs/assets/site.css``)."""
    return (Path(__file__).with_name("site.css")).read_text(encoding="utf-8")


def _strip_ansi(s: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s)


def markdown(source: str) -> str:
    """Markdown to HTML (nbconvert's renderer), headings without their pilcrow anchor links."""
    from nbconvert.filters import markdown2html

    return re.sub(r'<a class="anchor-link" href="#[^"]*">&#182;</a>', "", markdown2html(source))


def _heading_text(source: str) -> str | None:
    for line in source.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def collect(nb, lang: str, failed: bool) -> dict:
    """The page's parts from an executed notebook: title, lead, findings, body blocks, notes,
    sources and the summary the index shows."""
    parts: dict = {"title": None, "lead": [], "findings": [], "body": [], "notes": [], "sources": [],
                   "summary": None}  # fmt: skip
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "notebook-only" in tags:
            continue
        langs = {t[5:] for t in tags if t.startswith("lang-")}
        if langs and lang not in langs:
            continue
        if cell.cell_type == "markdown":
            src = cell.source
            heading = _heading_text(src)
            if heading and parts["title"] is None:
                parts["title"] = heading
                src = "\n".join(line for line in src.splitlines() if line.strip() != f"# {heading}")
            if src.strip():
                parts["body"].append(markdown(src))
            continue
        if cell.cell_type != "code":
            continue
        if failed and "parameters" not in tags:
            parts["body"].append(f'<pre class="code">{escape(cell.source)}</pre>')
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                tb = _strip_ansi("\n".join(out.get("traceback", [])))
                parts["body"].append(
                    f'<div class="error"><strong>{escape(out.get("ename", ""))}: '
                    f"{escape(out.get('evalue', ''))}</strong><pre>{escape(tb)}</pre></div>"
                )
                continue
            if kind == "stream":
                if failed:
                    parts["body"].append(f"<pre>{escape(out.get('text', ''))}</pre>")
                continue  # console text never reaches a good page
            data = out.get("data", {})
            page = (out.get("metadata") or {}).get("page") or {}
            role = page.get("role")
            if role == "summary":
                parts["summary"] = page.get("summary")
                continue
            html = _render_data(data, failed)
            if html is None:
                continue
            if role == "title":
                parts["title"] = page.get("text") or parts["title"]
            elif role in ("lead", "findings", "note", "sources"):
                key = {"lead": "lead", "findings": "findings", "note": "notes", "sources": "sources"}[role]
                parts[key].append(html)
            else:
                parts["body"].append(html)
    return parts


def _render_data(data: dict, failed: bool) -> str | None:
    if "text/html" in data:
        return _join(data["text/html"])
    if "text/markdown" in data:
        return markdown(_join(data["text/markdown"]))
    if "image/svg+xml" in data:
        return f'<figure class="chart">{_join(data["image/svg+xml"])}</figure>'
    if "image/png" in data:
        alt = escape(_join(data.get("text/plain", "")).strip("<>") or "chart")
        return f'<figure class="chart"><img alt="{alt}" src="data:image/png;base64,{_join(data["image/png"])}"></figure>'
    if failed and "text/plain" in data:
        return f"<pre>{escape(_join(data['text/plain']))}</pre>"
    return None  # a bare value's repr is console text


def _join(v) -> str:
    return "".join(v) if isinstance(v, list) else str(v)


# --- the page around the parts -----------------------------------------------------------------------


def _site_bar(lang: str, index_href: str, twin_href: str | None, twin_lang: str | None) -> str:
    switch = ""
    if twin_href and twin_lang:
        switch = (
            f'<span class="lang-switch"><a rel="alternate" hreflang="{twin_lang}" lang="{twin_lang}" '
            f'href="{escape(twin_href)}">{escape(locale.language_name(twin_lang))}</a></span>'
        )
    return (
        f'<nav class="site-bar" aria-label="{escape(text("nav_label", lang))}"><div class="inner">'
        f'<a class="site-name" data-link="index" href="{escape(index_href)}">{escape(text("site_title", lang))}</a>'
        f"{switch}</div></nav>"
    )


def citation_block(lang: str, cite: dict) -> str:
    """The "how to cite" block of every page, built here only (words from ``locale.citation``);
    the address is marked as not to be translated."""
    words = escape(locale.citation(lang, **{**cite, "address": ""}))
    address = f' <span translate="no">{escape(cite["address"])}</span>' if cite.get("address") else ""
    return (
        f'<section id="cite" class="cite"><h2>{escape(text("how_to_cite", lang))}</h2>'
        f"<blockquote>{words}{address}</blockquote></section>"
    )


def _head(lang: str, title: str, css_href: str, description: str = "") -> str:
    desc = f'<meta name="description" content="{escape(description)}">' if description else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · {escape(text('site_title', lang))}</title>{desc}"
        f'<link rel="stylesheet" href="{escape(css_href)}"></head>'
    )


CC_BY = '<a rel="license" translate="no" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'
MIT = '<span translate="no">MIT</span>'


def _licence(lang: str) -> str:
    return f"<h2>{escape(text('licence', lang))}</h2><p>{text('licence_text', lang, cc=CC_BY, mit=MIT)}</p>"


def report_page(parts: dict, meta: dict) -> str:
    """A report's page from the parts of its executed notebook (:func:`collect`). ``meta``: name,
    lang, title, parameters, data_version, built_at, duration_s, error, index_href, css_href,
    twin_href and twin_lang (when it has a twin), cite (see ``locale.citation``)."""
    lang = meta.get("lang") or locale.DEFAULT
    failed = bool(meta.get("error"))
    title = meta["title"]
    findings = ""
    if parts["findings"]:
        findings = (
            f'<section class="findings"><h2>{escape(text("key_findings", lang))}</h2>'
            f"{''.join(parts['findings'])}</section>"
        )
    error = ""
    if failed:
        error = f'<div class="error"><strong>{escape(text("build_failed", lang))}</strong> {escape(meta["error"])}</div>'
    dateline = escape(text("dateline", lang, date=meta["built_at"][:10], version=meta["data_version"]))
    notes = "".join(parts["notes"])
    notes = f"<h2>{escape(text('method_notes', lang))}</h2>{notes}" if notes else ""
    sources = "".join(parts["sources"])
    sources = f"<h2>{escape(text('sources', lang))}</h2>{sources}" if sources else ""
    params = ", ".join(
        f"<code>{escape(k)}={escape(json.dumps(v, ensure_ascii=False))}</code>"
        for k, v in meta["parameters"].items()
    )
    build = (
        f'<details><summary>{escape(text("build_details", lang))}</summary><dl class="build">'
        f"<dt>{escape(text('report', lang))}</dt><dd><code>{escape(meta['name'])}</code></dd>"
        f"<dt>{escape(text('parameters', lang))}</dt><dd>{params or escape(text('defaults', lang))}</dd>"
        f"<dt>{escape(text('data_version', lang))}</dt><dd><code>{escape(meta['data_version'])}</code></dd>"
        f"<dt>{escape(text('built', lang))}</dt><dd>"
        f"{escape(text('built_in', lang, at=meta['built_at'], duration=locale.seconds(meta['duration_s'], lang)))}</dd>"
        f"</dl></details>"
    )
    return (
        _head(lang, title, meta["css_href"])
        + "<body>"
        + _site_bar(lang, meta["index_href"], meta.get("twin_href"), meta.get("twin_lang"))
        + f'<main><article><header><h1>{escape(title)}</h1><p class="dateline">{dateline}</p>'
        + "".join(f'<div class="lead">{x}</div>' for x in parts["lead"])
        + f"</header>{error}{findings}{''.join(parts['body'])}</article></main>"
        + f'<footer class="page-footer"><div class="inner">{sources}{notes}'
        + _licence(lang)
        + citation_block(lang, meta["cite"])
        + build
        + "</div></footer></body></html>\n"
    )


# --- the catalogue index -------------------------------------------------------------------------------

GROUPS = ("overview", "topic", "profile")


def _group(entry: dict) -> str:
    """Where the index lists a report: the group its page declared, else among the topics."""
    group = (entry.get("summary") or {}).get("group")
    return group if group in GROUPS else "topic"


def _entry(e: dict, lang: str) -> str:
    s = e.get("summary") or {}
    title = escape(e.get("title") or e["name"])
    link = f'<a href="{escape(e["href"])}">{title}</a>' if e.get("href") else title
    badge = ""
    if e.get("failed_href"):
        badge = (
            f' <a class="badge" href="{escape(e["failed_href"])}">{escape(text("last_run_failed", lang))}</a>'
        )
    latest = ""
    if s.get("value"):
        when = f' <span class="date">({escape(s["date"])})</span>' if s.get("date") else ""
        label = s.get("label") or ""
        label = escape(t("latest", lang) if not label or label == e.get("title") else label)
        latest = f'<div class="latest">{label}: <strong>{escape(s["value"])}</strong>{when}</div>'
    thumb = (
        f'<img class="thumb" alt="" src="{escape(e["thumb_href"])}" width="128" height="80">'
        if e.get("thumb_href")
        else '<span class="thumb empty" aria-hidden="true"></span>'
    )
    return f'<li class="entry">{thumb}<div><div class="title">{link}{badge}</div>{latest}</div></li>'


def index_page(entries: list[dict], lang: str, meta: dict) -> str:
    """The catalogue in ``lang``: reports grouped (overview, topics, indicator profiles), each with
    title, latest value and date, and a thumbnail; build status and times folded at the bottom.
    ``meta``: data_version, generated, css_href, twin_href, manifest_href, cite."""
    mine = [e for e in entries if (e.get("lang") or locale.DEFAULT) == lang]
    sections = []
    for group in GROUPS:
        items = [e for e in mine if _group(e) == group]
        if group == "profile":
            items.sort(key=lambda e: (e.get("title") or e["name"]).lower())
        if not items:
            continue
        sections.append(
            f'<section class="{group}s"><h2>{escape(text("group_" + group, lang))}</h2>'
            f"<ul>{''.join(_entry(e, lang) for e in items)}</ul></section>"
        )
    rows = "".join(
        f"<tr><td><code>{escape(e['name'])}</code></td><td>{escape(text('status_' + e['state'], lang))}"
        + (
            f' (<a href="{escape(e["failed_href"])}">{escape(e.get("error") or "")}</a>)'
            if e.get("failed_href")
            else f" ({escape(e['error'])})"  # a run that left no page (its worker died)
            if e.get("error")
            else ""
        )
        + f'</td><td class="date">{escape(e.get("built_at") or "")}</td>'
        f'<td class="num">{escape(locale.seconds(e["duration_s"], lang) if e.get("duration_s") is not None else "")}</td></tr>'
        for e in entries
    )
    build = (
        f"<details><summary>{escape(text('build_details', lang))}</summary>"
        f"<p>{escape(text('index_build', lang, when=meta['generated'], version=meta['data_version']))} "
        f'<a href="{escape(meta["manifest_href"])}">manifest.json</a></p>'
        f'<div class="table-scroll"><table><thead><tr><th>{escape(text("report", lang))}</th>'
        f'<th>{escape(text("status", lang))}</th><th class="date">{escape(text("built", lang))}</th>'
        f'<th class="num">{escape(text("run_time", lang))}</th></tr></thead><tbody>{rows}</tbody></table></div>'
        "</details>"
    )
    title = text("site_title", lang)
    return (
        _head(lang, text("catalogue", lang), meta["css_href"], text("site_lead", lang))
        + "<body>"
        + _site_bar(lang, meta["self_href"], meta.get("twin_href"), meta.get("twin_lang"))
        + f'<main class="catalogue"><h1>{escape(title)}</h1>'
        + f'<p class="lead">{escape(text("site_lead", lang))}</p>'
        + f'<p class="dateline">{escape(text("dateline", lang, date=meta["generated"][:10], version=meta["data_version"]))}</p>'
        + "".join(sections)
        + meta.get("extra", "")
        + "</main>"
        + '<footer class="page-footer"><div class="inner">'
        + _licence(lang)
        + citation_block(lang, meta["cite"])
        + build
        + "</div></footer></body></html>\n"
    )


def data_page(lang: str, meta: dict) -> str:
    """The data page in ``lang``: the download, the files the zip holds, the licence, how to cite
    and the latest changes. ``meta``: title, zip_name, zip_size, data_version, date, files
    ([(path, bytes, description)]; descriptions are the data dictionary's, in English), changes
    (HTML), css_href, index_href, twin_href, twin_lang, cite (see ``locale.citation``)."""
    rows = "".join(
        f'<tr><td><code>{escape(p)}</code></td><td class="num">{escape(locale.format_number(size, lang))}</td>'
        f'<td lang="en">{escape(d)}</td></tr>'
        for p, size, d in meta["files"]
    )
    download = text(
        "data_download",
        lang,
        link=f'<a href="{escape(meta["zip_name"])}" download>{escape(meta["zip_name"])}</a>',
        size=escape(locale.format_number(meta["zip_size"], lang)),
        version=f"<code>{escape(meta['data_version'])}</code>",
        date=escape(meta["date"]),
        spec='<a href="https://specs.frictionlessdata.io/data-package/" translate="no">Frictionless Data Package</a>',
    )
    title = text("data_page_title", lang)
    return (
        _head(lang, title, meta["css_href"], text("data_page_lead", lang))
        + "<body>"
        + _site_bar(lang, meta["index_href"], meta.get("twin_href"), meta.get("twin_lang"))
        + f'<main class="data-page"><h1>{escape(title)}</h1>'
        + f'<p class="lead">{escape(text("data_page_lead", lang))}</p>'
        + f'<p class="download"><strong>{download}</strong></p>'
        + f"<h2>{escape(text('data_files', lang))}</h2>"
        + f"<p>{escape(text('data_files_note', lang))}</p>"
        + '<div class="table-scroll"><table><thead><tr>'
        + f'<th>{escape(text("data_file", lang))}</th><th class="num">{escape(text("data_bytes", lang))}</th>'
        + f"<th>{escape(text('data_what', lang))}</th></tr></thead><tbody>{rows}</tbody></table></div>"
        + meta.get("changes", "")
        + "</main>"
        + '<footer class="page-footer"><div class="inner">'
        + _licence(lang)
        + citation_block(lang, meta["cite"])
        + "</div></footer></body></html>\n"
    )
