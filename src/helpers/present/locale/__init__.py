"""Everything that depends on ``lang``: the words of the pages, numbers, dates, an indicator's name
and unit in a language, values formatted for their kind, source lines and how to cite.

The words are in standard gettext catalogues, one per language, beside this file: ``en.po`` and
``vi.po``, read with Babel once per process. Numbers and dates follow each language's CLDR
conventions (Babel) where they are what the Vietnamese press writes (decimal comma, dot for
thousands); press phrasing CLDR does not know ("quý 1/2024", "tăng 15 bậc", "gấp 24 lần") is small
functions here whose words are the catalogues'. Nothing outside this package compares ``lang`` with
a language code: ask :func:`is_default`, :func:`twin` or :func:`language_name`.

Rooms, lower first: ``catalogue`` (the words, the languages), ``formats`` (numbers, values),
``dates``, ``phrases`` (ordinals, changes, chart sentences, claims' explanations), ``citing``
(how to cite, as text or BibTeX),
``sources`` (outlets and source lines), ``maintain`` (``python -m helpers.present.locale``).

How to add a word
-----------------
1. Pick a key: lower case with underscores, prefixed by where it is used (``ndxp_``, ``chart_``,
   ``status_``...). A report page's heading and paragraph are ``KEY_h`` and ``KEY_p``
   (``Page.section("KEY")``).
2. In ``en.po``, add the entry beside its neighbours, with a ``#. Where:`` comment saying where
   the words appear and what each ``{placeholder}`` holds::

       #. Where: Report page on NDXP: heading of the section on daily volumes.
       msgid "ndxp_daily_h"
       msgstr "Transactions per day"

3. Run ``.venv/bin/python -m helpers.present.locale sync``: it adds the entry to ``vi.po`` with the
   English text and your comment for the translator (and marks it for translation), and brings
   every ``#. English:`` comment of ``vi.po`` up to date after an English change.
4. Write the Vietnamese ``msgstr`` in ``vi.po`` (by hand or in Poedit) and remove the ``fuzzy``
   flag. ``{placeholders}`` must be the same in both languages.
5. Use it: ``text("ndxp_daily_h", lang)``, ``t(...)``, or ``pg.section("ndxp_daily")``.
   ``tests/test_catalogues.py`` fails on a key missing in a catalogue, on a key the code or a
   notebook uses that no catalogue has, on a catalogue entry nothing uses, on placeholders that
   differ between the languages and on an entry still marked for translation.

``python -m helpers.present.locale check`` runs the catalogue checks alone.
"""

from __future__ import annotations

from .catalogue import (
    DEFAULT,
    LANGS,
    check,
    cldr,
    has,
    is_default,
    language_name,
    load,
    plural,
    t,
    text,
    twin,
)
from .citing import bibtex_text, citation
from .dates import at, bracketed, date_text, month_year, since, when
from .formats import exact, fmt, format_number, meta, seconds, tick_format, value_text
from .phrases import (
    MINUS,
    MULTIPLE_FROM,
    alphabetical,
    change,
    change_phrase,
    change_short,
    change_value,
    chart_text,
    country,
    explain,
    namer,
    ordinal,
    place,
    places,
    short_instrument,
    territory_label,
    warm,
)
from .sources import cite, outlet, publisher_label, publisher_name, source_name

__all__ = [
    "DEFAULT",
    "LANGS",
    "MINUS",
    "alphabetical",
    "MULTIPLE_FROM",
    "at",
    "bracketed",
    "change",
    "change_phrase",
    "change_short",
    "change_value",
    "bibtex_text",
    "chart_text",
    "check",
    "citation",
    "cite",
    "cldr",
    "country",
    "date_text",
    "exact",
    "explain",
    "fmt",
    "format_number",
    "has",
    "is_default",
    "language_name",
    "load",
    "meta",
    "month_year",
    "namer",
    "ordinal",
    "place",
    "outlet",
    "places",
    "plural",
    "publisher_label",
    "publisher_name",
    "seconds",
    "short_instrument",
    "since",
    "source_name",
    "t",
    "territory_label",
    "text",
    "tick_format",
    "twin",
    "value_text",
    "warm",
    "when",
]
