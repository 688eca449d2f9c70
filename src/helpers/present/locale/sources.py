"""Sources as a page names them: the outlet, its publication date, a chart's source line.

Publishers are named as published. A publisher the data names in English ("Ministry of Public
Security", "Quảng Ngãi provincial portal") has its own Vietnamese name in ``sources.csv``
(``publisher_vi``), which pages in Vietnamese show; where none was confirmed, the name as published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ...data.validate import validate
from ...data.validate.sources import outlet_name
from .catalogue import is_default, t


def publisher_name(publisher: str) -> str:
    """The outlet's name as published, without the curators' English description of whom it cites
    ("Thanh Niên (citing C06, ...)" -> "Thanh Niên"; "SGGP News (English), citing ..." -> "SGGP News")."""
    return outlet_name(publisher)


def outlet(source: Mapping, lang: str) -> str:
    """A source's outlet in ``lang``: its name in that language where ``sources.csv`` gives one
    (``publisher_vi``), else its name as published (:func:`publisher_name`)."""
    own = None if is_default(lang) else source.get(f"publisher_{lang}")
    return (own.strip() if isinstance(own, str) else "") or publisher_name(str(source["publisher"]))


def publisher_label(source: Mapping, lang: str) -> str:
    """A source's publisher in a page's list of sources: with the curators' (English) description on
    pages in the default language (English), the :func:`outlet` alone on others."""
    return str(source["publisher"]) if is_default(lang) else outlet(source, lang)


def source_name(source_id: str, lang: str = "en", data_dir: str | Path | None = None) -> str:
    """A source as people cite it: its :func:`outlet` and publication date."""
    src = validate(data_dir).sources[source_id]
    publisher = outlet(src, lang)
    return f"{publisher}, {src['published']}" if src["published"] else publisher


def cite(source_ids: Iterable[str], lang: str = "en", data_dir: str | Path | None = None) -> str:
    """A source line built from sources.csv: publishers and dates, never typed by hand. Each outlet
    is named once, with the dates of its sources ("Lao Động" for two undated articles, "VnExpress,
    2023-12-29, 2025-10-21" for two dated ones), in the order the sources first appear."""
    ds = validate(data_dir)
    ids = list(dict.fromkeys(source_ids))
    un = sorted({ds.sources[s]["published"][:4] for s in ids if ds.sources[s]["kind"] == "un_survey"})
    dates: dict[str, list[str]] = {}
    for s in ids:
        src = ds.sources[s]
        if src["kind"] != "un_survey":
            named = dates.setdefault(outlet(src, lang), [])
            if src["published"] and src["published"] not in named:
                named.append(src["published"])
    parts = [t("un_survey", lang).format(years=", ".join(un))] if un else []
    parts += [", ".join([name, *when]) for name, when in dates.items()]
    return f"{t('sources' if len(parts) > 1 else 'source', lang)}: " + "; ".join(parts)
