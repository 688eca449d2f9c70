"""What a data folder must hold before reports are built from it, beyond every row being valid: a
figure for every headline indicator, and the figures each claim is checked against. A folder that
lost them (a ``figures.csv`` saved with its header only, a deleted ``claims.csv``) would otherwise
validate and replace every published report with an empty one.

Also the number of rows per indicator, which the report runner compares with the last published
build to refuse data that shrank sharply (``--accept-shrink``).

Standard library only.
"""

from __future__ import annotations

from collections import Counter

from .problems import Problem


def problems(indicators: dict, curated: set[str], un, claims: list[dict]) -> list[Problem]:
    """A problem for each headline indicator without figures and each claim with nothing to check.

    ``curated``: the indicators that rows of figures.csv name."""
    have = curated | {u.indicator for u in un.figures}
    out = []
    for iid, rec in indicators.items():
        if rec.get("headline") and iid not in have:
            out.append(
                Problem(
                    "figures.csv",
                    0,
                    "(file)",
                    iid,
                    f"figures for every headline indicator (indicators.csv line {rec.get('line', 0)} "
                    "marks this one headline; it has none here nor in the UN tables)",
                )
            )
    for c in claims:
        ind = c["indicator"]
        if ind in indicators and ind not in have and not _recomputed(ind, indicators, have):
            out.append(
                Problem(
                    "figures.csv",
                    0,
                    "(file)",
                    ind,
                    f"figures to check claim {c['id']} (claims.csv line {c['line']}) against; "
                    "it has none here nor in the UN tables",
                )
            )
    return out


def _recomputed(indicator: str, indicators: dict, have: set[str]) -> bool:
    """A UN rank with no figure of its own is recomputed from the UN index it ranks."""
    stem = indicator.removesuffix("_rank")
    return indicators[indicator].get("kind") == "rank" and f"{stem}_value" in have


def rows_per_indicator(figures: list[dict], un) -> dict[str, int]:
    """How many rows (curated and UN) each indicator has."""
    counts = Counter(f["indicator"] for f in figures)
    counts.update(u.indicator for u in un.figures)
    return dict(sorted(counts.items()))
