"""The nbconvert template of a report page (``templates/index.html.j2`` and ``conf.json``)::

    jupyter nbconvert --to html --template src/helpers/reports/templates NOTEBOOK

:class:`PagePreprocessor` renders the page as the runner does (``html.collect`` and
``html.report_page``), from the notebook and the details the runner kept in its metadata
(``html.record``). A notebook the runner did not publish gets a page from what its own metadata
says: its name, its parameters (papermill's) and when it ran.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

from .. import __version__
from ..present import locale
from . import html


def page_meta(nb, name: str) -> dict:
    """The page's details kept in the notebook (``html.record``), or, for a notebook the runner did
    not publish, what papermill's metadata says (the links then point beside the page)."""
    kept = (nb.metadata.get(html.META_KEY) or {}).get("page")
    if kept:
        return dict(kept)
    pm = nb.metadata.get("papermill") or {}
    params = {k: v for k, v in (pm.get("parameters") or {}).items() if k != "output_dir"}
    built_at = (pm.get("end_time") or "")[:16].replace("T", " ")
    built_at = f"{built_at} UTC" if built_at else ""
    return {
        "name": name,
        "lang": params.get("lang") or locale.DEFAULT,
        "parameters": params,
        "data_version": "",
        "built_at": built_at,
        "duration_s": pm.get("duration") or 0,
        "error": (pm.get("exception") and "the run raised an exception") or None,
        "index_href": "index.html",
        "css_href": "site.css",
        "cite": {
            "title": "",
            "version": __version__,
            "data_version": "",
            "date": built_at[:10],
            "address": "",
        },
    }


class PagePreprocessor(Preprocessor):
    """Puts the report's page into ``resources["helpers"]["page"]`` for ``index.html.j2``."""

    def preprocess(self, nb, resources):
        name = (resources.get("metadata") or {}).get("name") or "notebook"
        meta = page_meta(nb, name)
        parts = html.collect(nb, meta["lang"], bool(meta.get("error")))
        if not meta.get("title"):
            meta["title"] = parts["title"] or meta["name"]
            meta["cite"] = {**meta["cite"], "title": meta["title"]}
        resources["helpers"] = {"page": html.report_page(parts, meta)}
        return nb, resources
