"""The indicators whose newest figure is older than their release cadence allows, as a build reports
them: in the runner's output and, through ``manifest.json`` (``freshness``), in the index's build
details.

The judgement is the data's (``helpers.data.cadence``): it is made on the newest retrieval date of
``sources.csv``, never on the clock of the machine that builds, so it changes only when the data (or
the code that judges) changes. It is recorded with the data version and the code it was made with,
and made again only when either differs: a build that reads no data (the validation record vouches
for it) reads the list from the manifest.
"""

from __future__ import annotations

import dataclasses
import textwrap

from ..data import cadence
from ..data.record import RecordedDataset
from .manifest import Manifest

KEY = "freshness"


def record(ds, version: str, manifest: Manifest, code: str) -> bool:
    """Judge the data's freshness into ``manifest.data["freshness"]`` unless it is already there
    for this data version and code; whether it was (re)made."""
    known = manifest.data.get(KEY)
    if isinstance(known, dict) and known.get("data_version") == version and known.get("code") == code:
        return False
    if isinstance(ds, RecordedDataset):
        ds = ds.load()
    judged = cadence.judgement_date(ds)
    manifest.data[KEY] = {
        "data_version": version,
        "code": code,
        "judged_on": judged.isoformat() if judged else "",
        "stale": [
            {k: v for k, v in dataclasses.asdict(f).items() if k != "judged_on"} | _words(ds, f.indicator)
            for f in cadence.stale(ds, judged)
        ],
    }
    return True


def _words(ds, indicator: str) -> dict:
    """What the index needs to say it without reading the data again: the indicator's names."""
    info = ds.indicators[indicator]
    return {
        "names": {k[5:]: v for k, v in info.items() if k.startswith("name_")},
    }


def items(manifest: Manifest, lang: str) -> list[dict]:
    """The index's list in ``lang``: each stale indicator's name, release cadence, last update (the
    newest figure's first publication) and the month its next release was due."""
    from ..present.datewords import cadence_phrase, on_date

    known = manifest.data.get(KEY)
    words = {s.get("indicator"): s for s in known["stale"] if isinstance(s, dict)} if stale(manifest) else {}
    return [
        {
            "name": (words[f.indicator].get("names") or {}).get(lang) or f.indicator,
            "cadence": cadence_phrase(f.cadence, f.release_month, lang),
            "updated": on_date(f.published or _year(f.newest), lang),
            "due": on_date(f.expected, lang),
            "judged": on_date(f.judged_on.isoformat(), lang) if f.judged_on else "",
        }
        for f in stale(manifest)
    ]


def stale(manifest: Manifest) -> list[cadence.Freshness]:
    """The stale indicators the manifest records, as :class:`~helpers.data.cadence.Freshness`."""
    import datetime as dt

    known = manifest.data.get(KEY)
    if not isinstance(known, dict) or not isinstance(known.get("stale"), list):
        return []  # none recorded, or not of its shape (the next build with data records it again)
    try:
        judged = dt.date.fromisoformat(known.get("judged_on") or "")
    except (TypeError, ValueError):
        judged = None
    fields = {f.name for f in dataclasses.fields(cadence.Freshness)} - {"judged_on"}
    return [
        cadence.Freshness(**{k: v for k, v in s.items() if k in fields}, judged_on=judged)
        for s in known["stale"]
        if isinstance(s, dict) and fields <= set(s)
    ]


def lines(manifest: Manifest) -> list[str]:
    """What the runner says about them: how many, on which date, and each with its expected release."""
    found = stale(manifest)
    if not found:
        return []
    judged = found[0].judged_on
    head = (
        f"stale: {len(found)} indicator(s) with no figure as recent as their release cadence allows "
        f"(judged on {judged}, the newest retrieval date in sources.csv):"
    )
    items = ", ".join(
        f"{f.indicator} ({f.cadence}, last {f.published or _year(f.newest)}, due {f.expected})" for f in found
    )
    return [head, *textwrap.wrap(items, width=100, initial_indent="  ", subsequent_indent="  ")]


def _year(day: str) -> str:
    """A period's last day as people say it: a year's end is the year."""
    return day[:4] if day.endswith("-12-31") else day
