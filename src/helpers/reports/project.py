"""The project as ``CITATION.cff`` describes it: its authors, keywords, licence and the address where
its site is published, for the pages' citations and machine-readable metadata.

The site's address, against which every citation, download line and metadata address is made
absolute, is ``settings.site_url`` in ``reports.yaml`` when it is set, else ``CITATION.cff``'s ``url``
(the project's published site); with neither, addresses are paths within ``outputs/``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..paths import CITATION_FILE


@functools.cache
def _read(path: Path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def cff(path: Path | None = None) -> dict:
    """``CITATION.cff`` as a mapping (empty when it is missing or unreadable)."""
    return _read(Path(path or CITATION_FILE))


def authors(path: Path | None = None) -> list[str]:
    """The authors' names: a person's given and family names, an entity's name."""
    out = []
    for a in cff(path).get("authors") or []:
        if isinstance(a, dict):
            name = a.get("name") or " ".join(str(a[k]) for k in ("given-names", "family-names") if a.get(k))
            if name:
                out.append(str(name))
    return out


def keywords(path: Path | None = None) -> list[str]:
    return [str(k) for k in cff(path).get("keywords") or [] if isinstance(k, str | int)]


def published_url(path: Path | None = None) -> str:
    """Where the project's site is published (``CITATION.cff``'s ``url``), "" when it says none."""
    url = cff(path).get("url")
    return url if isinstance(url, str) and re.match(r"https?://[^\s]+$", url) else ""


def site_address(site_url: str, path: Path | None = None) -> str:
    """The site's address: ``settings.site_url`` when it is set, else ``CITATION.cff``'s ``url``."""
    return site_url or published_url(path)
