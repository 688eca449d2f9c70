"""The data's hashes: per indicator (and per indicator and entity), what every report reads (the
sources, the UN countries), the documents the data page publishes, and the data version that names
them all. Computed once per dataset (kept on it). The report runner's plan compares them; a report's
kernel notes the version of the data it loaded (``reads.note_version``), so that a page is stamped
with the data it was built from. Standard library only."""

from __future__ import annotations

import contextlib
import hashlib
import json

DOCUMENTS = "(documents)"  # the key of the published documents' hash among the per-indicator hashes


def digest(obj) -> str:
    data = (
        obj
        if isinstance(obj, bytes)
        else json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode()
    )
    return hashlib.sha256(data).hexdigest()[:16]


def _json(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)


def _without_line(record) -> dict:
    """A record without its line number: moving a row in its file changes nothing it shows."""
    d = record if isinstance(record, dict) else vars(record)
    return {k: v for k, v in d.items() if k != "line"}


def data_fingerprints(ds) -> tuple[dict[str, str], str]:
    """Per-indicator hashes, and the hash of what every report reads (sources, UN countries).

    The per-indicator table also holds one hash per indicator and entity, keyed ``IND@ENTITY``: a
    report that read one country's figures (``load_figures(ind, entities=[...])`` notes such keys)
    is rebuilt when that country's rows change, not when another country's do. Such a hash covers
    the indicator's rows for that entity (figures, UN figures, claims, targets) and its dictionary row.

    Computed once per dataset (kept on it); a dataset taken from the validation record (see
    ``helpers.data.record``) brings its own."""
    recorded = getattr(ds, "fingerprints", None)
    if recorded is not None:
        return recorded
    groups: dict[str, hashlib._Hash] = {i: hashlib.sha256() for i in ds.indicators}
    order: dict[tuple, tuple] = {}  # a record type's keys -> its fields in a fixed order, line left out
    for f in [*ds.figures, *ds.un.figures, *ds.claims, *ds.targets]:
        d = f if isinstance(f, dict) else vars(f)
        keys = tuple(d)
        fields = order.get(keys)
        if fields is None:
            fields = order[keys] = tuple(sorted(k for k in keys if k != "line"))
        row = repr(tuple((k, d[k]) for k in fields)).encode() + b"\n"
        ind = d["indicator"]
        h = groups.get(ind)
        if h is None:
            h = groups[ind] = hashlib.sha256()
        h.update(row)
        key = f"{ind}@{d['entity']}"
        h = groups.get(key)
        if h is None:
            h = groups[key] = hashlib.sha256()
        h.update(row)
    # digest([hash, record]) with each indicator's record serialised once, not once per entity: the
    # same bytes as json.dumps([hash, record], sort_keys=True, ensure_ascii=False, default=str)
    records: dict[str, str] = {}
    per = {}
    for key, h in groups.items():
        ind = key.split("@", 1)[0]
        rec = records.get(ind)
        if rec is None:
            rec = records[ind] = _json(_without_line(ds.indicators.get(ind, {})))
        per[key] = digest(f'["{h.hexdigest()}", {rec}]'.encode())
    common = digest([[_without_line(s) for s in ds.sources.values()], ds.un.countries])
    # The descriptor and READMEs the data page publishes: part of the data version (a report that
    # read everything is rebuilt; one that read some indicators is not).
    per[DOCUMENTS] = getattr(ds, "documents", "")
    result = (per, common)
    with contextlib.suppress(AttributeError):  # a dataset that takes no new attribute: computed again
        ds.fingerprints = result
    return result


def data_version(per: dict[str, str], common: str) -> str:
    """One short hash naming the state of the whole data folder."""
    return digest([sorted(per.items()), common])[:12]


def version_of(ds) -> str:
    """The data version of a validated dataset."""
    return data_version(*data_fingerprints(ds))
