"""The parts of a report's page, from its executed notebook (:func:`collect`): title, lead, key
findings, body, method notes and sources, each a list of blocks that ``templates/parts.html.j2``
shows, and the summary the index shows. Outputs are placed by the role each declares in its
metadata (``{"page": {"role": ...}}``, see ``helpers.present.page``); console text never reaches a
good page; a failed run's page shows its cells' code and the error.
"""

from __future__ import annotations

import re

from markupsafe import Markup

ROLES = {"lead": "lead", "findings": "findings", "note": "notes", "sources": "sources"}


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


def _join(v) -> str:
    return "".join(v) if isinstance(v, list) else str(v)


def collect(nb, lang: str, failed: bool) -> dict:
    """The page's parts from an executed notebook: title, lead, findings, body, notes and sources
    (lists of blocks, see :func:`_block`) and the summary the index shows."""
    parts: dict = {"title": None, "lead": [], "findings": [], "body": [], "notes": [], "sources": [],
                   "summary": None, "statements": []}  # fmt: skip
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
                parts["body"].append({"kind": "html", "html": Markup(markdown(src))})
            continue
        if cell.cell_type != "code":
            continue
        if failed and "parameters" not in tags:
            parts["body"].append({"kind": "code", "text": cell.source})
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                tb = _strip_ansi("\n".join(out.get("traceback", [])))
                parts["body"].append(
                    {
                        "kind": "error",
                        "ename": out.get("ename", ""),
                        "evalue": out.get("evalue", ""),
                        "traceback": tb,
                    }
                )
                continue
            if kind == "stream":
                if failed:
                    parts["body"].append({"kind": "text", "text": out.get("text", "")})
                continue  # console text never reaches a good page
            page = (out.get("metadata") or {}).get("page") or {}
            role = page.get("role")
            if role == "summary":
                parts["summary"] = page.get("summary")
                continue
            if role == "statements":
                parts["statements"] = page.get("statements") or []
                continue
            block = _block(out.get("data", {}), failed)
            if block is None:
                continue
            if role == "title":
                parts["title"] = page.get("text") or parts["title"]
            elif role == "chart" and page.get("name"):  # a chart: its name and title, for its reuse block
                block.update(chart=str(page["name"]), title=_join(out.get("data", {}).get("text/plain", "")))
                parts["body"].append(block)
            else:
                parts[ROLES.get(role, "body")].append(block)
    return parts


def _block(data: dict, failed: bool) -> dict | None:
    """An output as the page shows it (``parts.html.j2``'s ``block``): ``html`` (the output's own
    HTML, or its Markdown rendered), ``svg``, ``png``, or on a failed run's page ``text``; None for
    a bare value's repr, which is console text."""
    if "text/html" in data:
        return {"kind": "html", "html": Markup(_join(data["text/html"]))}
    if "text/markdown" in data:
        return {"kind": "html", "html": Markup(markdown(_join(data["text/markdown"])))}
    if "image/svg+xml" in data:
        return {"kind": "svg", "html": Markup(_join(data["image/svg+xml"]))}
    if "image/png" in data:
        alt = _join(data.get("text/plain", "")).strip("<>") or "chart"
        return {"kind": "png", "alt": alt, "data": _join(data["image/png"])}
    if failed and "text/plain" in data:
        return {"kind": "text", "text": _join(data["text/plain"])}
    return None
