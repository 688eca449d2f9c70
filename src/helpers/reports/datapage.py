"""The dataset as published beside the reports, and what changed in it since the last build.

Each build whose data differs from the data last published (by data version):

1. records what changed since the last publication in the manifest (see ``changes``);
2. publishes the data page: the whole dataset zipped (the CSVs, ``datapackage.json``, the READMEs
   and a licence note), a page listing the files with the licence and how to cite, and the new
   snapshot. Where these go is the :class:`~helpers.reports.outputs.Outputs` object's to say.

``changes.latest_changes`` is what the index shows; :func:`changes_html` renders it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import zipfile
from pathlib import Path

from .changes import latest_changes, record, snapshot, snapshot_figures

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same data gives the same bytes


# --- the changes, for the index and the data page ---------------------------------------------


def _figure(item: dict, lang: str) -> str:
    from ..present.locale import date_text

    when = date_text(item["date"], lang) if item.get("date") else str(item["year"])
    return f"{item['indicator']}, {item['entity']}, {when}"


def changes_view(changes: list[dict], lang: str) -> list[dict]:
    """The recorded data changes as a page lists them in ``lang``: each with its time and data
    version, the figures' count when it was the first publication (else the counts added, changed
    and removed), the figures listed (kind, figure, value or old and new, source) and how many more
    there are."""
    from ..present.locale import format_number

    def num(v) -> str:
        return format_number(float(v), lang)

    view = []
    for c in changes:
        n = c["counts"]
        item = {"at": c["at"][:16].replace("T", " "), "version": c["data_version"], "counts": n, "lines": []}
        item["first"] = num(n["added"]) if c.get("first") else None
        item["more"] = 0
        if not c.get("first"):
            item["lines"] = [
                {
                    "kind": "changed",
                    "figure": _figure(i, lang),
                    "old": num(i["old"]),
                    "new": num(i["new"]),
                    "source_id": i["source_id"],
                }  # fmt: skip
                for i in c["changed"]
            ] + [
                {
                    "kind": kind,
                    "figure": _figure(i, lang),
                    "value": num(i["value"]),
                    "source_id": i["source_id"],
                }
                for kind in ("added", "removed")
                for i in c[kind]
            ]
            item["more"] = n["added"] + n["changed"] + n["removed"] - len(item["lines"])
        view.append(item)
    return view


def changes_html(changes: list[dict], data_href: str | None = None, lang: str = "en") -> str:
    """A "Latest data changes" section for the index in ``lang``: one block per recorded change.
    Without a recorded change, only the link to the data page (when one is given)."""
    from .html import changes_html as render

    return render(changes_view(changes, lang), data_href, lang)


# --- the data page --------------------------------------------------------------------------------


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
    """What the zip holds: (path inside data/, description), the package's resources first; only
    files inside the data folder, as its validated descriptor names them (``helpers.data.folder``)."""
    from ..data.folder import published

    return published(data_dir, package)


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


def _write_pages(
    outputs, folder, package, files, zip_path, zip_size, version, date, manifest, site_url, covers
) -> None:
    """The data page in each language, each linking its twin, the index and the stylesheet, with the
    releases kept, the schema.org Dataset of the current one and how to cite it, written into
    ``folder`` (the data folder being staged; ``outputs`` sees the releases staged with it)."""
    from ..present.locale import text, twin
    from . import metadata, releases
    from .filewords import described
    from .html import data_page
    from .outputs import ASSETS, DESCRIPTOR, LANGS, STYLESHEET, address, index_name

    current = releases.current(outputs, manifest, site_url)
    kept = releases.listed(outputs)
    record = releases.read(outputs, current["release"]) if current["release"] else None
    for lang in LANGS:
        other = twin(lang)
        page = address(outputs.data_href_in(lang), site_url)
        cite = metadata.cite_facts(text("data_page_title", lang), version, date, page, current)
        meta = {
            "zip_name": zip_path.name,
            "zip_size": zip_size,
            "data_version": version,
            "date": date,
            "files": described(files, package, lang),
            "changes": changes_html(latest_changes(manifest.data), None, lang),
            "css_href": f"../{ASSETS}/{STYLESHEET}",
            "index_href": f"../{index_name(lang)}",
            "twin_href": index_name(other),
            "twin_lang": other,
            "cite": cite,
            "head_meta": metadata.head_meta(lang, cite, text("data_page_lead", lang)),
            "releases": releases.view(outputs, kept, current["release"], lang),
            "jsonld": "",
        }
        if record is not None:
            addresses = {
                "page": page,
                "twin": address(outputs.data_href_in(other), site_url),
                "zip": current["address"],
                "folder": current["folder"],
                "descriptor": address(outputs.release_path(record["release"], DESCRIPTOR), site_url),
                "first": min((str(r.get("published_at") or "") for r in kept), default=""),
            }
            meta["jsonld"] = metadata.json_ld(metadata.dataset(lang, package, covers, record, addresses))
        _write(folder / outputs.data_page_in(lang).name, data_page(lang, meta))


class DataPageError(OSError):
    """The data page could not be published (a full disk, a read-only folder): it names the file."""


def _write(path: Path, data: str | bytes) -> None:
    """Write one file of the staged data page; an error names the file."""
    from . import publish

    try:
        publish.write_atomic(path, data)
    except OSError as exc:
        raise OSError(exc.errno, f"writing {path.name}: {exc.strerror or exc}", str(path)) from exc


def _staged(outputs, folder: Path):
    """``outputs`` as seen from the staged data ``folder``: the releases kept so far are carried into
    it (hard links where the file system allows, else copies), so that the swap that publishes the
    folder keeps them, and the new release is written beside them."""
    import copy
    import os
    import shutil

    staged = copy.copy(outputs)
    staged.versions_dir = folder / outputs.versions_dir.name
    if outputs.versions_dir.is_dir() and not outputs.versions_dir.is_symlink():

        def link(src, dst):
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)

        shutil.copytree(outputs.versions_dir, staged.versions_dir, copy_function=link, symlinks=True)
    return staged


def is_current(outputs, version: str, manifest) -> bool:
    """Whether the data page published is that of data version ``version``, made by this code, with
    its release kept (nothing to do)."""
    from . import releases
    from .fingerprint import helpers_code

    release = manifest.data.get(releases.KEY)
    return (
        manifest.data.get("published_data_version") == version
        and manifest.data.get("published_data_code") == helpers_code()
        and outputs.data_page.exists()
        and isinstance(release, str)
        and release.endswith(f"-{version}")
        and releases.read(outputs, release) is not None
    )


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
            old = snapshot_figures(json.loads(outputs.data_snapshot.read_text(encoding="utf-8")))
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
    from . import metadata, releases
    from .fingerprint import helpers_code

    now = dt.datetime.now(dt.UTC)
    at = now.isoformat(timespec="seconds")
    change = record(manifest.data, old, new, version, at)
    package = ds.package  # checked by validation: a safe name, resource paths inside the folder
    name = package["name"]
    blob = make_zip(ds.path, package, name)
    files = [(p, (ds.path / p).stat().st_size, d) for p, d in files_of(ds.path, package)]
    files.append(("LICENSE.txt", len(licence_text(package).encode("utf-8")), "the licence"))
    date = now.strftime("%Y-%m-%d")
    covers = metadata.coverage(ds)
    # Every file of the data page is written into a staged folder, which then replaces outputs/data
    # in one step: a full disk leaves the old data page whole, on the version the manifest and the
    # reports are on, and the error names the file that could not be written. The releases kept go
    # with it (see _staged).
    staging = outputs.new_staging("data-page")
    try:
        folder = staging.out
        folder.mkdir()
        staged = _staged(outputs, folder)
        zip_path = folder / outputs.data_zip(name).name
        _write(zip_path, blob)
        kept = releases.keep(staged, ds, version, zip_path.name, blob, change, at)
        args = (package, files, zip_path, len(blob), version, date, manifest, site_url, covers)
        manifest.data[releases.KEY] = kept
        _write_pages(staged, folder, *args)
        snap = json.dumps({"data_version": version, "figures": new}, ensure_ascii=False, sort_keys=True)
        _write(folder / outputs.data_snapshot.name, snap)
        publish.swap_into_place(folder, outputs.data_dir)
    except OSError as exc:
        raise DataPageError(
            f"could not publish the data page: {exc}; the data page, the manifest, the index and the "
            "reports were left as they were (on the data version last published)"
        ) from exc
    finally:
        staging.remove()
    manifest.data["published_data_version"] = version
    manifest.data["published_data_code"] = helpers_code()  # a change of code rewrites the pages
    return change
