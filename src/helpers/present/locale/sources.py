"""Sources as a page names them: the outlet, its publication date, a chart's source line.

Publishers are named as published. A publisher the data describes in English ("Quảng Nam
provincial portal") has its Vietnamese name in the catalogue (context ``publisher``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ...data.validate import validate
from .catalogue import is_default, t, word


def publisher_name(publisher: str) -> str:
    """The outlet's name as published, without the curators' English description of whom it cites
    ("Thanh Niên (citing C06, ...)" -> "Thanh Niên"; "SGGP News (English), citing ..." -> "SGGP News")."""
    return re.split(r" \(|, (?:citing|a copy|reporting) ", publisher, maxsplit=1)[0].strip()


def outlet(publisher: str, lang: str) -> str:
    """The outlet's name in ``lang``: as published, or as the catalogue of ``lang`` names a
    publisher the data describes in English."""
    return word("publisher", publisher_name(publisher), lang)


def publisher_label(publisher: str, lang: str) -> str:
    """A publisher in a page's list of sources: with the curators' (English) description on pages in
    the default language (English), the :func:`outlet` alone on others."""
    return publisher if is_default(lang) else outlet(publisher, lang)


def source_name(source_id: str, lang: str = "en", data_dir: str | Path | None = None) -> str:
    """A source as people cite it: its :func:`outlet` and publication date."""
    src = validate(data_dir).sources[source_id]
    publisher = outlet(src["publisher"], lang)
    return f"{publisher}, {src['published']}" if src["published"] else publisher


def cite(source_ids: Iterable[str], lang: str = "en", data_dir: str | Path | None = None) -> str:
    """A source line built from sources.csv: publishers and titles, never typed by hand."""
    ds = validate(data_dir)
    ids = list(dict.fromkeys(source_ids))
    un = sorted({ds.sources[s]["published"][:4] for s in ids if ds.sources[s]["kind"] == "un_survey"})
    parts = [t("un_survey", lang).format(years=", ".join(un))] if un else []
    parts += [source_name(s, lang, data_dir) for s in ids if ds.sources[s]["kind"] != "un_survey"]
    return f"{t('sources' if len(parts) > 1 else 'source', lang)}: " + "; ".join(parts)
