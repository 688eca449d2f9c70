"""How to cite: one function, :func:`citation`, gives a page's, a chart's or the dataset's citation in
a language, as plain text or as a BibTeX entry, from the same facts. The words are the catalogues';
the BibTeX fields are BibTeX's.

What is cited (``kind``):

- ``page``   a report page (``title``), or the site's index (no title)
- ``chart``  a chart (``title``) within a page (``within``)
- ``data``   a release of the dataset (``title``: the dataset's): ``address`` is the release's zip

Every citation names the data release the page was built from (``release``, ``DATE-VERSION``),
the page's date and its address, and the date it was retrieved (``retrieved``; a page may fill in
the reader's own date).
"""

from __future__ import annotations

import re
import unicodedata

from .catalogue import cldr, t, text

KINDS = ("page", "chart", "data")


def citation(
    lang: str,
    title: str,
    version: str,
    data_version: str,
    date: str,
    address: str,
    release: str = "",
    data_address: str = "",
    retrieved: str = "",
    kind: str = "page",
    within: str = "",
    author: str = "",
    form: str = "text",
) -> str:
    """How to cite a page (the index when ``title`` is empty), a chart or a data release, in
    ``lang``: ``form`` ``"text"`` (one line) or ``"bibtex"`` (an entry). ``version`` is the
    software's, ``data_version`` the data's hash, ``release`` the data release (``DATE-VERSION``;
    the data version when none is given), ``date`` the page's (ISO), ``address`` what is cited,
    ``data_address`` the data release's zip, ``retrieved`` the date the reader retrieved it
    (default ``date``), ``author`` who made it (default: the site)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    site = t("site_title", lang)
    facts = {
        "site": site,
        "title": title,
        "within": within,
        "release": release or data_version,
        "date": date,
        "address": address,
        "retrieved": retrieved or date,
    }
    if form == "bibtex":
        return _bibtex(lang, facts, kind, version, data_address, author or site)
    if form != "text":
        raise ValueError(f"form must be 'text' or 'bibtex', not {form!r}")
    key = {
        "page": "citation" if title else "citation_site",
        "chart": "citation_chart",
        "data": "citation_data",
    }
    return text(key[kind], lang, **facts).strip()


# --- BibTeX ------------------------------------------------------------------------------------------

_SPECIAL = re.compile(r"([&%$#_{}])")


def bibtex_text(value: str) -> str:
    """``value`` safe inside a BibTeX field: its special characters escaped (UTF-8 stays as it is)."""
    value = value.replace("\\", r"\textbackslash{}").replace("~", r"\textasciitilde{}").replace("^", r"\^{}")
    return _SPECIAL.sub(r"\\\1", value)


def bibtex_key(*parts: str) -> str:
    """An ASCII citation key from ``parts`` (letters, digits and hyphens)."""
    joined = "-".join(p for p in parts if p).replace("đ", "d").replace("Đ", "D")
    ascii_ = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()[:80] or "citation"


def _bibtex(lang: str, facts: dict, kind: str, version: str, data_address: str, author: str) -> str:
    title = facts["title"] or facts["site"]
    if kind == "chart" and facts["within"]:
        title = f"{title} ({facts['within']})"
    note = text("citation_bibtex_note", lang, release=facts["release"], version=version)
    if data_address and kind != "data":
        note += f", {data_address}"
    fields = [
        ("author", "{" + bibtex_text(author) + "}"),
        ("title", "{" + bibtex_text(title) + "}"),
        ("howpublished", bibtex_text(facts["site"])),
        ("year", facts["date"][:4]),
        ("version", bibtex_text(facts["release"])),
        ("url", facts["address"]),
        ("urldate", facts["retrieved"]),
        ("note", bibtex_text(note)),
        ("language", cldr("en").languages.get(lang, lang).lower()),
    ]
    key = bibtex_key("vn-digital-gov", kind, title[:40], facts["release"][:10])
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{key},\n{body}\n}}"
