"""What changed in the data between two publications, as the manifest records it.

Each build whose data differs from the data last published compares every figure (curated rows and
the UN tables' rows, one per indicator, entity, year, date and source) with the snapshot the last
publication left, and records the figures added, changed (old value -> new value) and removed in
the manifest's ``data_changes`` (newest first, at most :data:`HISTORY` builds, at most :data:`ITEMS`
figures listed per kind and build). ``datapage`` publishes the data and calls :func:`record`;
``outputs.Manifest`` checks the section with :func:`changes_problem`; the index and the data page
show :func:`latest_changes`. Standard library only.
"""

from __future__ import annotations

import re

HISTORY = 30  # builds whose data changes the manifest keeps
ITEMS = 100  # figures listed per kind (added, changed, removed) and build; the counts are complete
CHANGES = "data_changes"  # the manifest's section
SEP = "|"
_KEY = ("indicator", "entity", "year", "date", "source_id")


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


def snapshot_figures(snap) -> dict[str, float] | None:
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
    """What makes a manifest's ``data_changes`` unusable by ``datapage.changes_html`` (None when it is
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


def record(
    data: dict, old: dict[str, float] | None, new: dict[str, float], version: str, at: str
) -> dict | None:
    """Record in the manifest's JSON object ``data`` what changed from the figures last published
    (``old``; None: none, this is the data's first publication) to ``new``, at time ``at`` (ISO
    8601), as data version ``version``. Returns the change recorded, or None when nothing changed."""
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
            "at": at,
            "data_version": version,
            "previous_version": data.get("published_data_version"),
            **change,
        }
        data[CHANGES] = [change, *(data.get(CHANGES) or [])][:HISTORY]
    return change
