"""The dataset as published beside the reports, and what changed in it since the last build.

Each build whose data differs from the data last published (by data version):

1. compares every figure (curated rows and the UN tables' rows, one per indicator, entity, year,
   date and source) with the snapshot the last publication left, and records the figures added,
   changed (old value -> new value) and removed in the manifest's ``data_changes`` (newest first,
   at most :data:`HISTORY` builds, at most :data:`ITEMS` figures listed per kind and build);
2. publishes the data page: the whole dataset zipped (the CSVs, ``datapackage.json``, the READMEs
   and a licence note), a page listing the files with the licence and how to cite, and the new
   snapshot. Where these go is the :class:`~helpers.reports.outputs.Outputs` object's to say.

:func:`latest_changes` is what the index shows; :func:`changes_html` renders it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import zipfile
from html import escape
from pathlib import Path

HISTORY = 30  # builds whose data changes the manifest keeps
ITEMS = 100  # figures listed per kind (added, changed, removed) and build; the counts are complete
CHANGES = "data_changes"  # the manifest's section
SEP = "|"
_KEY = ("indicator", "entity", "year", "date", "source_id")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same data gives the same bytes


# --- figures and their changes ------------------------------------------------------------------


def snapshot(ds) -> dict[str, float]:
    """Every figure of a validated dataset: ``indicator|entity|year|date|source_id`` -> value."""
    figures = {}
    for f in ds.figures:
        date = f["date"].isoformat() if hasattr(f["date"], "isoformat") else (f["date"] or "")
        figures[SEP.join(str(x) for x in (f["indicator"], f["entity"], f["year"], date, f["source_id"]))] = f[
            "value"
        ]
    for u in ds.un.figures:
        figures[SEP.join(str(x) for x in (u.indicator, u.entity, u.year, "", u.source_id))] = u.value
    return figures


def _item(key: str, **values) -> dict:
    parts = key.split(SEP)
    item = dict(zip(_KEY, parts, strict=True))
    item["year"] = int(item["year"]) if item["year"].isdigit() else item["year"]
    return {**item, **values}


def diff(old: dict[str, float], new: dict[str, float]) -> dict:
    """Figures added, changed and removed from ``old`` to ``new``, with complete counts and at most
    :data:`ITEMS` of each listed (in key order)."""
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
    return {
        "counts": {"added": len(added), "changed": len(changed), "removed": len(removed)},
        "added": [_item(k, value=new[k]) for k in added[:ITEMS]],
        "changed": [_item(k, old=old[k], new=new[k]) for k in changed[:ITEMS]],
        "removed": [_item(k, value=old[k]) for k in removed[:ITEMS]],
    }


def _snapshot_figures(snap) -> dict[str, float] | None:
    """The figures of a published snapshot; None when it is not one (it is then rewritten, and the
    build counts as the data's first publication)."""
    figures = snap.get("figures") if isinstance(snap, dict) else None
    if not isinstance(figures, dict) or not all(
        k.count(SEP) == len(_KEY) - 1 and _is_number(v) for k, v in figures.items()
    ):
        return None
    return figures


def _is_number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def changes_problem(changes) -> str | None:
    """What makes a manifest's ``data_changes`` unusable by :func:`changes_html` (None when it is
    usable): a list of changes, each with its time, data version, counts and listed figures."""
    if not isinstance(changes, list):
        return f"'{CHANGES}' must be a list"
    kinds = {"added": ("value",), "changed": ("old", "new"), "removed": ("value",)}
    for c in changes:
        if not isinstance(c, dict) or not all(isinstance(c.get(k), str) for k in ("at", "data_version")):
            return f"each of '{CHANGES}' must be an object with 'at' and 'data_version'"
        counts = c.get("counts")
        if not isinstance(counts, dict) or not all(isinstance(counts.get(k), int) for k in kinds):
            return f"each of '{CHANGES}' must count the figures added, changed and removed"
        for kind, values in kinds.items():
            items = c.get(kind)
            if not isinstance(items, list) or not all(_is_listed_figure(i, values) for i in items):
                return f"'{CHANGES}': the figures {kind} must be listed as objects"
    return None


_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?")


def _is_listed_figure(item, values: tuple[str, ...]) -> bool:
    return (
        isinstance(item, dict)
        and all(isinstance(item.get(k), str | int) for k in ("indicator", "entity", "year"))
        and isinstance(item.get("source_id"), str)
        and (not item.get("date") or (isinstance(item["date"], str) and bool(_DATE.fullmatch(item["date"]))))
        and all(_is_number(item.get(k)) for k in values)
    )


def latest_changes(manifest: dict, limit: int = 1) -> list[dict]:
    """The ``limit`` most recent data changes a manifest recorded (newest first), each with
    ``at``, ``data_version``, ``previous_version``, ``counts`` and the ``added``, ``changed`` and
    ``removed`` figures (dicts with indicator, entity, year, date, source_id and value, or old and
    new). ``manifest`` is the manifest's JSON object (``Manifest.data``). Empty before any change."""
    return list(manifest.get(CHANGES) or [])[:limit]


def _num(v, lang: str) -> str:
    from ..present.locale import format_number

    return format_number(float(v), lang)


def _figure(item: dict, lang: str) -> str:
    from ..present.locale import date_text

    when = date_text(item["date"], lang) if item.get("date") else str(item["year"])
    return f"{item['indicator']}, {item['entity']}, {when}"


def _source(item: dict) -> str:
    return f" <small>({escape(item['source_id'])})</small>"


def changes_html(changes: list[dict], data_href: str | None = None, lang: str = "en") -> str:
    """A "Latest data changes" section for the index in ``lang``: one block per recorded change.
    Without a recorded change, only the link to the data page (when one is given)."""
    from ..present.locale import text

    link = f'<a href="{escape(data_href)}">{escape(text("the_dataset", lang))}</a>' if data_href else ""
    if not changes:
        return f'<p class="data-link">{link}</p>' if link else ""
    blocks = []
    for c in changes:
        n = c["counts"]
        lines = []
        if c.get("first"):
            head = text("changes_first", lang, n=_num(n["added"], lang))
        else:
            head = text("changes_counts", lang, added=n["added"], changed=n["changed"], removed=n["removed"])
            lines = [
                f"<li>{escape(text('change_changed', lang))}: {escape(_figure(i, lang))}: "
                f"{escape(_num(i['old'], lang))} &rarr; {escape(_num(i['new'], lang))}{_source(i)}</li>"
                for i in c["changed"]
            ]
            for kind in ("added", "removed"):
                lines += [
                    f"<li>{escape(text('change_' + kind, lang))}: {escape(_figure(i, lang))}: "
                    f"{escape(_num(i['value'], lang))}{_source(i)}</li>"
                    for i in c[kind]
                ]
            listed = len(c["changed"]) + len(c["added"]) + len(c["removed"])
            total = n["added"] + n["changed"] + n["removed"]
            if listed < total:
                lines.append(f"<li>{escape(text('changes_more', lang, n=total - listed))}</li>")
        blocks.append(
            f"<p>{escape(text('changes_head', lang, at=c['at'][:16].replace('T', ' '), version=c['data_version']))}: "
            f"{escape(head)}</p>" + (f"<ul>{''.join(lines)}</ul>" if lines else "")
        )
    return (
        f'<section class="data-changes"><h2>{escape(text("changes_title", lang))}</h2>{"".join(blocks)}'
        + (f'<p class="data-link">{link}</p>' if link else "")
        + "</section>"
    )


# --- the data page --------------------------------------------------------------------------------


def _package(data_dir: Path) -> dict:
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def licence_text(package: dict) -> str:
    """LICENSE.txt of the zip: the package's licences with their addresses and its description."""
    lines = [f"{package.get('title', package.get('name', 'dataset'))}", ""]
    for lic in package.get("licenses", []):
        lines.append(f"Licence: {lic.get('name')} ({lic.get('title', '')})")
        if lic.get("path"):
            lines.append(f"Full text: {lic['path']}")
    lines += ["", package.get("description", ""), ""]
    return "\n".join(lines)


def files_of(data_dir: Path, package: dict) -> list[tuple[str, str]]:
    """What the zip holds: (path inside data/, description), the package's resources first."""
    out = [("datapackage.json", "the data package descriptor: every file's columns, types and licence")]
    out.append(("README.md", "the data dictionary and the rules for choosing figures"))
    for r in package.get("resources", []):
        out.append((r["path"], r.get("title") or r.get("description") or r["name"]))
    if (data_dir / "raw" / "un-egdi" / "README.md").exists():
        out.append(("raw/un-egdi/README.md", "provenance of the raw UN tables"))
    return [(p, d) for p, d in out if (data_dir / p).exists()]


def make_zip(data_dir: Path, package: dict, folder: str) -> bytes:
    """The dataset as a zip: every file of :func:`files_of` under ``folder/``, plus LICENSE.txt."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        entries = [(p, (data_dir / p).read_bytes()) for p, _ in files_of(data_dir, package)]
        entries.append(("LICENSE.txt", licence_text(package).encode("utf-8")))
        for name, data in entries:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _write_pages(outputs, package, files, zip_path, zip_size, version, date, manifest, site_url) -> None:
    """The data page in each language, each linking its twin, the index and the stylesheet."""
    from .. import __version__
    from ..present.locale import text
    from . import publish
    from .html import data_page
    from .outputs import ASSETS, LANGS, STYLESHEET, address, index_name

    for lang in LANGS:
        other = next(o for o in LANGS if o != lang)
        meta = {
            "zip_name": zip_path.name,
            "zip_size": zip_size,
            "data_version": version,
            "date": date,
            "files": files,
            "changes": changes_html(latest_changes(manifest.data), None, lang),
            "css_href": f"../{ASSETS}/{STYLESHEET}",
            "index_href": f"../{index_name(lang)}",
            "twin_href": index_name(other),
            "twin_lang": other,
            "cite": {
                "title": text("data_page_title", lang),
                "version": __version__,
                "data_version": version,
                "date": date,
                "address": address(f"{outputs.data_href_in(lang)}", site_url),
            },
        }
        publish.write_atomic(outputs.data_page_in(lang), data_page(lang, meta))


def is_current(outputs, version: str, manifest) -> bool:
    """Whether the data page published is that of data version ``version`` (nothing to do)."""
    return manifest.data.get("published_data_version") == version and outputs.data_page.exists()


def publish_data(outputs, ds, version: str, manifest, site_url: str = "") -> dict | None:
    """When the data differs from the data last published: record its changes in ``manifest`` and
    publish the data page, the zip and the new snapshot. Returns the change recorded, or None when
    the published data is current (nothing is read or written then)."""
    from . import publish

    if is_current(outputs, version, manifest):
        return None
    new = snapshot(ds)
    old = None
    if outputs.data_snapshot.exists():
        try:
            old = _snapshot_figures(json.loads(outputs.data_snapshot.read_text(encoding="utf-8")))
            problem = None if old is not None else "not a snapshot of figures"
        except (OSError, ValueError) as exc:  # ValueError: not JSON, or not UTF-8
            problem = str(exc)
        if problem:
            print(
                f"warning: {outputs.data_snapshot} is unreadable ({problem}); it is replaced and this "
                "build counts as the data's first publication",
                file=sys.stderr,
                flush=True,
            )
    now = dt.datetime.now(dt.UTC)
    change = None
    if old is None:
        change = {
            "first": True,
            "counts": {"added": len(new), "changed": 0, "removed": 0},
            "added": [],
            "changed": [],
            "removed": [],
        }
    elif old != new:
        change = diff(old, new)
    if change is not None:
        change = {
            "at": now.isoformat(timespec="seconds"),
            "data_version": version,
            "previous_version": manifest.data.get("published_data_version"),
            **change,
        }
        manifest.data[CHANGES] = [change, *(manifest.data.get(CHANGES) or [])][:HISTORY]
    package = _package(ds.path)
    name = package.get("name", "dataset")
    blob = make_zip(ds.path, package, name)
    zip_path = outputs.data_zip(name)
    publish.write_atomic(zip_path, blob)
    files = [(p, (ds.path / p).stat().st_size, d) for p, d in files_of(ds.path, package)]
    files.append(("LICENSE.txt", len(licence_text(package).encode("utf-8")), "the licence"))
    date = now.strftime("%Y-%m-%d")
    _write_pages(outputs, package, files, zip_path, len(blob), version, date, manifest, site_url)
    publish.write_atomic(
        outputs.data_snapshot,
        json.dumps({"data_version": version, "figures": new}, ensure_ascii=False, sort_keys=True),
    )
    manifest.data["published_data_version"] = version
    return change
