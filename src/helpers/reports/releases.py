"""Citable data releases: every data version the site publishes is kept, unchanged, under its own
dated, versioned address, so that a citation still finds what it cited after the data changed.

A release is named ``DATE-VERSION`` (``layout.release_name``): the data's own date, the newest
retrieval date in ``sources.csv`` (``helpers.data.cadence.judgement_date``; never the clock, so the
same data gives the same name on every machine, and a shard names it as the merge does), and the
data version (the hash of the data). Its folder holds::

    NAME.zip           the data package zipped, the same bytes the data page offered then
    datapackage.json   the package descriptor
    release.json       the release: name, data version and date, when it was first published, the
                       zip's size and SHA-256, the release before it, and the changelog entry (the
                       figures added, changed and removed since that release)

A release folder is written once, whole (built beside and renamed into place), and never rewritten:
the same data published again finds its release there. Nothing removes a release; the README says
how long they are kept and what they weigh. Where the folders are is the
:class:`~helpers.reports.outputs.Outputs` object's to say.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from . import publish
from .layout import DESCRIPTOR, RELEASE_NAME, RELEASE_RECORD, release_name

KEY = "published_release"  # the manifest's name of the release the data page shows


def data_date(ds, today: dt.date | None = None) -> str:
    """The data's own date (ISO): the newest retrieval date of its sources; today's date (UTC) for a
    dataset that records none."""
    from ..data import cadence

    day = cadence.judgement_date(ds)
    return (day or today or dt.datetime.now(dt.UTC).date()).isoformat()


def keep(outputs, ds, version: str, zip_name: str, blob: bytes, change: dict | None, at: str) -> str:
    """Keep the data release of ``version`` (its zip ``blob``, the descriptor, its record with the
    changelog entry ``change``, first published ``at``) unless it is already kept; its name."""
    name = release_name(data_date(ds), version)
    final = outputs.release_dir(name)
    if outputs.release_record(name).is_file():
        return name  # kept before: a release is never rewritten
    root = outputs.versions_dir
    if root.is_symlink():
        raise OSError(f"{root} is a symbolic link; the runner never writes through one")
    root.mkdir(parents=True, exist_ok=True)
    for left in root.glob(".new-*"):  # what an interrupted run left half-written
        shutil.rmtree(left, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=".new-", dir=root))
    try:
        (tmp / zip_name).write_bytes(blob)
        (tmp / DESCRIPTOR).write_bytes((Path(ds.path) / DESCRIPTOR).read_bytes())
        previous = [r for r in outputs.releases() if r != name]
        record = {
            "release": name,
            "data_version": version,
            "data_date": name[:10],
            "published_at": at,
            "previous": max(previous, key=lambda r: _published(outputs, r), default=None),
            "zip": {"name": zip_name, "bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest()},
            "changes": change,
        }
        (tmp / RELEASE_RECORD).write_text(
            json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        tmp.chmod(0o777 & ~publish.umask())  # mkdtemp makes 0700; a folder gets what mkdir would give
        if final.exists():  # a folder without its record: an earlier, broken copy
            shutil.rmtree(final)
        tmp.rename(final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return name


def _published(outputs, name: str) -> str:
    return (read(outputs, name) or {}).get("published_at") or ""


def read(outputs, name: str) -> dict | None:
    """A release's record; None when it is missing, damaged or not of its shape."""
    try:
        record = json.loads(outputs.release_record(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(record, dict)
        or record.get("release") != name
        or not isinstance(record.get("zip"), dict)
    ):
        return None
    if not isinstance(record["zip"].get("name"), str) or not isinstance(record["zip"].get("bytes"), int):
        return None
    return record


def listed(outputs) -> list[dict]:
    """Every release kept whose record reads, newest first (by first publication, then name)."""
    records = [r for r in (read(outputs, n) for n in outputs.releases()) if r is not None]
    return sorted(records, key=lambda r: (str(r.get("published_at") or ""), r["release"]), reverse=True)


def current(outputs, manifest, site_url: str = "") -> dict:
    """The release the data page shows, as pages cite it: ``release`` (its name), ``address`` (its
    zip, under the site's address) and ``folder``; empty strings before any release was kept."""
    from .layout import address

    name = manifest.data.get(KEY)
    record = read(outputs, name) if isinstance(name, str) and RELEASE_NAME.fullmatch(name) else None
    if record is None:
        return {"release": "", "address": "", "folder": ""}
    return {
        "release": name,
        "address": address(outputs.release_path(name, record["zip"]["name"]), site_url),
        "folder": address(outputs.release_path(name), site_url),
    }


def view(outputs, kept: list[dict], current: str, lang: str) -> list[dict]:
    """The releases kept as the data page lists them in ``lang``, newest first: name, the data's
    date, when it was first published, what changed, and the links (from the data page) to its zip
    (with its size), descriptor and record; ``current`` marks the one the page offers."""
    from ..present.locale import date_text, format_number, text

    rows = []
    for r in kept:
        name, changes = r["release"], r.get("changes") or {}
        counts = changes.get("counts") if isinstance(changes, dict) else None
        if isinstance(counts, dict) and changes.get("first"):
            what = text("changes_first", lang, n=format_number(counts.get("added", 0), lang))
        elif isinstance(counts, dict):
            what = text(
                "changes_counts", lang, **{k: counts.get(k, 0) for k in ("added", "changed", "removed")}
            )
        else:
            what = ""
        rows.append(
            {
                "release": name,
                "data_date": date_text(r["data_date"], lang) if r.get("data_date") else "",
                "published": str(r.get("published_at") or "")[:10],
                "changes": what,
                "zip_href": outputs.release_href(name, r["zip"]["name"]),
                "zip_name": r["zip"]["name"],
                "zip_size": format_number(r["zip"]["bytes"], lang),
                "descriptor_href": outputs.release_href(name, DESCRIPTOR),
                "record_href": outputs.release_href(name, RELEASE_RECORD),
                "current": name == current,
            }
        )
    return rows
