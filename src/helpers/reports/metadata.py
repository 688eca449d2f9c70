"""What the pages say to machines and to re-users, as data for the templates:

- :func:`citations`   a page's "how to cite" block: the page and the data release it was built from,
                      each as plain text and BibTeX (``locale.citation``)
- :func:`head_meta`   citation meta tags (Highwire Press ``citation_*``, read by reference managers
                      and Google Scholar) and Dublin Core (``DC.*``) for a page's head
- :func:`reuse`       per chart: lines that load its CSV in pandas and in R from its address, and
                      the chart's citation beside the data's
- :func:`dataset`     the data page's schema.org ``Dataset`` (JSON-LD), as dataset search engines read it

Addresses are made absolute with the site's address (see ``project``) when one is known.
"""

from __future__ import annotations

import json

from .. import __version__
from ..present import locale
from . import project

RETRIEVED = "\u2063retrieved\u2063"  # stands for the reader's date in a citation; a page fills it in
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def cite_facts(title: str, data_version: str, date: str, address: str, release: dict) -> dict:
    """The facts every citation of a page is made of (``locale.citation``'s keywords): ``release`` is
    ``releases.current``'s (the data release the page was built from)."""
    return {
        "title": title,
        "version": __version__,
        "data_version": data_version,
        "date": date,
        "address": address,
        "release": release.get("release") or "",
        "data_address": release.get("address") or "",
        "author": ", ".join(project.authors()),
    }


def citations(lang: str, cite: dict, retrieved: str = RETRIEVED) -> dict:
    """A page's "how to cite" block: ``page`` and ``data`` (the release), each ``text`` and
    ``bibtex``; the retrieval date is :data:`RETRIEVED` for the page to fill in (or ``retrieved``)."""
    data = {
        **cite,
        "title": package_title(),
        "address": cite.get("data_address") or "",
        "kind": "data",
    }
    out = {"page": {}, "data": {}}
    for form in ("text", "bibtex"):
        out["page"][form] = locale.citation(lang, **cite, retrieved=retrieved, form=form)
        if data["address"]:
            out["data"][form] = locale.citation(lang, **data, retrieved=retrieved, form=form)
    # what a page shows as published, untranslated: the addresses, and the dataset's (English) title
    out["page"]["verbatim"] = [(cite.get("address") or "", "")]
    if data["address"]:
        out["data"]["verbatim"] = [(data["address"], ""), (data["title"], locale.DEFAULT)]
    return out


def package_title() -> str:
    """The dataset's title, as ``datapackage.json`` (and ``CITATION.cff``) give it."""
    return str(project.cff().get("title") or locale.t("site_title", locale.DEFAULT))


def head_meta(lang: str, cite: dict, description: str = "") -> list[tuple[str, str]]:
    """(name, content) of a page's citation and Dublin Core meta tags."""
    title = cite.get("title") or locale.t("site_title", lang)
    date = cite["date"]
    authors = project.authors() or [locale.t("site_title", lang)]
    tags = [("citation_title", title)]
    tags += [("citation_author", a) for a in authors]
    tags += [
        ("citation_publication_date", date.replace("-", "/")),
        ("citation_date", date.replace("-", "/")),
        ("citation_online_date", date.replace("-", "/")),
        ("citation_publisher", locale.t("site_title", lang)),
        ("citation_language", lang),
    ]
    if cite.get("address"):
        tags.append(("citation_public_url", cite["address"]))
    kws = project.keywords()
    if kws:
        tags.append(("citation_keywords", "; ".join(kws)))
    tags += [("DC.title", title)]
    tags += [("DC.creator", a) for a in authors]
    tags += [
        ("DC.date", date),
        ("DC.language", lang),
        ("DC.publisher", locale.t("site_title", lang)),
        ("DC.rights", LICENCE_URL),
        ("DC.type", "Text"),
    ]
    if cite.get("address"):
        tags.append(("DC.identifier", cite["address"]))
    if description:
        tags.append(("DC.description", description))
    return tags


def reuse(lang: str, csv_address: str, chart_cite: dict) -> dict:
    """The "reuse this chart" block of a chart: ``python`` and ``r`` (lines that load its CSV from
    ``csv_address``), and ``chart``, the chart's citation (``text`` and ``bibtex``; :func:`citations`'
    retrieval date). The data release's citation is the page's (its "How to cite")."""
    url = json.dumps(csv_address, ensure_ascii=False)  # a quoted string both languages read
    both = citations(lang, {**chart_cite, "kind": "chart"})
    return {
        "csv": csv_address,
        "python": f"import pandas as pd\n\ndf = pd.read_csv({url})",
        "r": f'df <- read.csv({url}, encoding = "UTF-8")',
        "chart": both["page"],
    }


def coverage(ds) -> dict:
    """What the dataset covers, for :func:`dataset`: ``temporal`` (an ISO 8601 interval of years)
    and ``variables`` (the indicators' English names)."""
    years = [int(f["year"]) for f in ds.figures] + [int(u.year) for u in ds.un.figures]
    temporal = f"{min(years)}/{max(years)}" if years else ""
    return {
        "temporal": temporal,
        "variables": sorted({str(i.get("name_en") or k) for k, i in ds.indicators.items()}),
    }


def dataset(lang: str, package: dict, covers: dict, release: dict, addresses: dict) -> dict:
    """The data page's schema.org ``Dataset`` in ``lang``: what Google's Dataset Search requires
    (name, description) and recommends (url, sameAs, identifier, license, creator, distribution,
    temporal and spatial coverage, version, keywords, variables measured...). ``release`` is the
    release's record (``releases.read``); ``addresses``: ``page`` (this data page), ``twin`` (the
    page in the other language), ``zip`` (the release's zip), ``descriptor`` (its
    ``datapackage.json``), ``folder`` (the release's folder), ``current_zip`` and ``first`` (the
    first release's publication time)."""
    authors = project.authors() or [package.get("title", "")]
    creator = [{"@type": "Organization", "name": a} for a in authors]
    site = project.site_address("")  # the project's published address, when CITATION.cff gives one
    licences = [lic.get("path") for lic in package.get("licenses", []) if lic.get("path")]
    cite = {
        "title": package_title(),
        "version": __version__,
        "data_version": release["data_version"],
        "date": release["data_date"],
        "address": addresses["zip"],
        "release": release["release"],
        "kind": "data",
    }
    out = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": package.get("title") or package.get("name"),
        "description": package.get("description", ""),
        "url": addresses["page"],
        "sameAs": [a for a in (addresses.get("twin"), site) if a],
        "identifier": [addresses["folder"], f"{package.get('name', 'dataset')}@{release['release']}"],
        "version": release["release"],
        "license": licences[0] if licences else LICENCE_URL,
        "isAccessibleForFree": True,
        "creator": creator,
        "publisher": creator[0],
        "inLanguage": list(locale.LANGS),
        "keywords": project.keywords(),
        "temporalCoverage": covers["temporal"],
        "spatialCoverage": {
            "@type": "Country",
            "name": locale.country("VNM", locale.DEFAULT),
            "identifier": "VNM",
        },
        "variableMeasured": covers["variables"],
        "dateModified": release["data_date"],
        "datePublished": (addresses.get("first") or release["published_at"])[:10],
        "citation": locale.citation(lang, **cite, retrieved=release["published_at"][:10]),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": release["zip"]["name"],
                "contentUrl": addresses["zip"],
                "encodingFormat": "application/zip",
                "contentSize": f"{release['zip']['bytes']} B",
                "sha256": release["zip"].get("sha256", ""),
            },
            {
                "@type": "DataDownload",
                "name": "datapackage.json",
                "contentUrl": addresses["descriptor"],
                "encodingFormat": "application/vnd.datapackage+json",
            },
        ],
    }
    return {k: v for k, v in out.items() if v not in ("", [], None)}


def json_ld(data: dict) -> str:
    """``data`` as JSON safe inside a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
