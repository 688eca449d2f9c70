"""The words of the provinces page (notebook 04_provinces): its key findings and the paragraphs whose
numbers move with the data, the table of the other provincial series, and
the links to each province's profile. Numbers come from ``helpers.provinces``; every rank move a
sentence states comes from its ``moves`` (the one place the province pages compare ranks), which asks
``helpers.compare.state``; each move said is recorded for the page's ``statements.json``."""

from __future__ import annotations

import pandas as pd
from babel.lists import format_list

from .. import provinces as pv
from . import statements
from .locale import alphabetical, cldr, country, meta, namer, ordinal, places, t, text
from .page import esc
from .tables import Table

# The provincial indicators the province pages read, and the national ones they show beside them.
DTI = ["dti", "dti_rank", "dti_rank_merged", "dti_digital_government", "dti_digital_economy",
       "dti_digital_society", "dti_digital_government_rank", "dti_digital_economy_rank",
       "dti_digital_society_rank"]  # fmt: skip
OTHER = ["par_index", "par_index_rank", "sipas", "sipas_rank", "ict_index"]
NATIONAL = ["dti_national", "dti_provincial_mean", "par_index_provincial_mean", "sipas_mean",
            "papi_national_portal_users_share", "papi_provincial_portal_users_share",
            "papi_internet_at_home_share"]  # fmt: skip
INDICATORS = [*DTI, *OTHER, *NATIONAL]

# Where the reports are: a report's page is ../NAME/index.html beside this one (helpers.reports.layout);
# the names are reports.yaml's (tests/test_provinces_pages.py follows every link of the built site).
PAGE_NAME = "provinces-{lang}"
PROFILE_NAME = "province-{province}-{lang}"


def report_href(name: str) -> str:
    """The address of report ``name``'s page from another report's page."""
    return f"../{name}/index.html"


def listing(items: list[str], lang: str) -> str:
    """ "A, B and C" in ``lang`` (CLDR's list pattern)."""
    return format_list(list(items), locale=cldr(lang)) if items else ""


class Record:
    """What the provinces page states, computed once: the rank tables and the moves."""

    def __init__(self, df: pd.DataFrame):
        self.df = df
        self.table = pv.rank_table(df, "dti_rank")
        self.table34 = pv.rank_table(df, "dti_rank_merged")
        self.moves = pv.moves(df, "dti_rank", self.table)

    def best_year(self, table: pd.DataFrame) -> int | None:
        counts = table.groupby("year").size()
        year = pv.fullest(counts)
        return None if year is None else int(year)


def findings(r: Record, lang: str) -> list[str]:
    """The key findings: who led the fullest ranking, what the record holds, the biggest move, the
    merger."""
    out = []
    year = r.best_year(r.table)
    if year is not None:
        held = r.table[r.table["year"] == year].sort_values("value")
        first = held.iloc[0]
        out.append(text("provinces_f_first", lang, who=esc(country(first["entity"], lang)), year=year,
                        n=len(held), total=len(pv.population(year))))  # fmt: skip
        values = pv.values(r.df, "dti", year=year)
        out.append(text("provinces_f_values", lang, year=year, n=len(values), total=len(pv.population(year))))
    else:
        out.append(text("provinces_f_none", lang, total=len(pv.before())))
    year34 = r.best_year(r.table34)
    if year34 is not None:
        n34 = len(r.table34[r.table34["year"] == year34])
        out.append(text("provinces_f_merged", lang, n=n34, total=len(pv.after()), year=year34))
    pair = pv.mover_years(r.moves)
    if pair:
        shown = [m for m in r.moves if (m.y0, m.y1) == pair and m.places is not None]
        top = max(shown, key=lambda m: (m.places, -m.r1))
        if top.places > 0:
            said = text("provinces_f_mover", lang, who=esc(country(top.entity, lang)), y0=pair[0], y1=pair[1],
                        places=places(top.places, lang), ordinal=ordinal(top.r1, lang), n=len(shown))  # fmt: skip
            out.append(statements.keep(top.statement, said))
    return out


def other_table(df: pd.DataFrame, lang: str) -> Table:
    """The other provincial series (PAR Index, SIPAS, the ICT Index): how many provinces and which
    years the record holds, beside the national figures it holds."""
    rows = []
    for ind in OTHER:
        held = pv.values(df, ind)
        years = sorted(set(held["year"]))
        rows.append({t("indicator", lang): meta(ind, lang)["name"],
                     t("provinces_held", lang): str(held["entity"].nunique()),
                     t("provinces_years", lang): ", ".join(map(str, years)) or t("no_figure_found", lang)})  # fmt: skip
    cols = [t(k, lang) for k in ("indicator", "provinces_held", "provinces_years")]
    return Table(pd.DataFrame(rows, columns=cols), num=cols[1:2])


def profile_links(lang: str) -> str:
    """Each of the 34 provinces named and linked to its profile, in the order of their names."""
    named = namer(lang)
    codes = sorted(pv.after(), key=lambda c: alphabetical(named(c)))
    return " · ".join(
        f"[{esc(named(c))}]({report_href(PROFILE_NAME.format(province=c, lang=lang))})" for c in codes
    )
