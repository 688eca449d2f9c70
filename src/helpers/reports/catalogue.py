"""The catalogue: ``index.html`` and ``index.vi.html``, every report of the config with its title,
latest value, thumbnail and state, and the dataset's latest changes. Where the pages go is the
:class:`~helpers.reports.outputs.Outputs` object's to say."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from ..present.locale.catalogue import twin
from . import freshness, metadata, publish, releases
from .changes import latest_changes
from .datapage import changes_html
from .fingerprint import helpers_code
from .html import index_page
from .layout import ASSETS, FAILED, LANGS, MANIFEST, PAGE, REPORTS, STYLESHEET, address, index_name
from .manifest import Manifest
from .outputs import Outputs


def write_index(
    outputs: Outputs, reports, manifest: Manifest, version: str, site_url: str = "", if_changed: bool = False
) -> None:
    """The catalogue of ``reports`` (each with ``name`` and ``parameters``): every report of the
    config, whichever were built; one page per language (``index.html``, ``index.vi.html``),
    and the stylesheet they share. ``if_changed``: only when an entry or the data changed.
    """
    outputs.write_assets()
    entries = []
    for r in reports:
        good, bad = manifest.good(r.name), manifest.failure(r.name)
        entry = {
            "name": r.name,
            "lang": r.parameters.get("lang", LANGS[0]),
            "title": r.name,
            "state": "missing",
        }
        if good:
            summary = good.get("summary") or {}
            entry.update(
                title=good.get("title") or r.name,
                href=f"{REPORTS}/{r.name}/{PAGE}",
                state="ok",
                built_at=good.get("built_at"),
                duration_s=good.get("duration_s"),
                summary=summary,
            )
            if summary.get("thumb"):
                entry["thumb_href"] = f"{REPORTS}/{r.name}/{summary['thumb']}"
        if bad:
            entry.update(error=bad.get("error") or "")
            if outputs.failed_files(r.name)["html"].is_file():  # a worker that died left no page
                entry["failed_href"] = f"{FAILED}/{r.name}.html"
            entry["state"] = "stale" if good else "failed"
        entries.append(entry)
    # What the pages are made of, not their words: rendering the data section and the stale list costs
    # a no-op build more than everything else it does (the catalogues' words and CLDR's numbers); the
    # code is in it, so a change of a template or a word is rendered too.
    data_section = [
        outputs.data_page.exists(),
        latest_changes(manifest.data),
        [outputs.data_href_in(g) for g in LANGS],
    ]
    digest = hashlib.sha256(
        json.dumps(
            [entries, version, data_section, site_url, manifest.data.get(freshness.KEY), helpers_code()],
            sort_keys=True,
            default=str,
        ).encode()
    ).hexdigest()
    mark = f"<!-- entries {digest[:16]} -->"
    pages = [outputs.root / index_name(lang) for lang in LANGS]
    if if_changed and all(
        p.is_file() and mark in p.read_text(encoding="utf-8", errors="replace") for p in pages
    ):
        return
    extras = {lang: _data_section(outputs, manifest, lang) for lang in LANGS}
    stale = {lang: freshness.items(manifest, lang) for lang in LANGS}
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    release = releases.current(outputs, manifest, site_url)  # the data release the index cites
    for lang in LANGS:
        other = twin(lang)
        meta = {
            "data_version": version,
            "generated": now,
            "css_href": f"{ASSETS}/{STYLESHEET}",
            "self_href": index_name(lang),
            "twin_href": index_name(other),
            "twin_lang": other,
            "manifest_href": MANIFEST,
            "extra": extras[lang],
            "stale": stale[lang],
            "mark": digest[:16],  # the page ends with <!-- entries DIGEST -->
            "cite": metadata.cite_facts("", version, now[:10], address(index_name(lang), site_url), release),
        }
        publish.write_atomic(outputs.root / index_name(lang), index_page(entries, lang, meta))


def _data_section(outputs: Outputs, manifest, lang: str) -> str:
    """The index's block on the dataset: its latest changes and the data page's link (none before
    the data page exists)."""
    if not outputs.data_page.exists():
        return ""
    return changes_html(latest_changes(manifest.data), outputs.data_href_in(lang), lang)
