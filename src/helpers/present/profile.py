"""The words of a province's profile (notebook 11_province_profile): its title and lead (what the
merger of 1 July 2025 did to it), its key findings, the tables of its DTI figures and of its other
series (PAR Index, SIPAS, the ICT Index), and the claims the sources made about it. Ranks come from
``helpers.provinces``, rank moves from its ``moves`` (the one place the province pages compare
ranks)."""

from __future__ import annotations

import pandas as pd

from .. import provinces as pv
from ..claims import check_claims
from ..data import load_figures
from .charts.province import rank_title
from .charts.provincial import label_of
from .locale import at, country, fmt, source_name, t, text, value_text
from .page import esc
from .provinces import DTI, INDICATORS, NATIONAL, OTHER, PAGE_NAME, listing, report_href
from .tables import Table, _source_langs

# The other series, each with the indicators it is shown by.
SERIES = {
    "par_index": ("par_index", "par_index_rank"),
    "sipas": ("sipas", "sipas_rank"),
    "ict_index": ("ict_index",),
}


# What a profile reads for every province: the DTI and its ranks (a rank is computed from the whole
# table of a year) and the national series (the country's rows). The pillars and the other series it
# reads for the province and its predecessors alone, so that a change of another province's figures
# does not rebuild this province's pages.
EVERY_PROVINCE = ["dti", "dti_rank", "dti_rank_merged", *NATIONAL]


def figures(P) -> pd.DataFrame:
    """The figures a province's profile shows (``P.province``, the notebook's checked parameters):
    :data:`EVERY_PROVINCE` for every province, the rest for the province and its predecessors."""
    return load_figures(INDICATORS, entities=places_of(P.province), everywhere=EVERY_PROVINCE)


def short(indicator: str, lang: str) -> str:
    """An indicator's short name in a province's tables and sentences ("DTI rank among the 63")."""
    return t(f"province_ind_{indicator}", lang)


def places_of(code: str) -> list[str]:
    """The province and, for one formed on 1 July 2025, its predecessors: whose figures it shows."""
    return list(dict.fromkeys([code, *pv.predecessors(code)]))


def lead(code: str, lang: str) -> tuple[str, dict]:
    """The lead's key and facts: a province that did not change, one formed on 1 July 2025 (and
    from which), or one of the 63 that ended then (and what it became part of)."""
    who, page = esc(country(code, lang)), report_href(PAGE_NAME.format(lang=lang))
    olds = pv.predecessors(code)
    if pv.is_new(code):
        names = listing([esc(country(o, lang)) for o in olds], lang)
        return "province_lead_new", {"who": who, "olds": names, "n": len(olds), "page": page}
    if olds == [code]:
        return "province_lead_same", {"who": who, "page": page}
    return "province_lead_old", {
        "who": who,
        "then": esc(country(pv.successor(code) or code, lang)),
        "page": page,
    }


def findings(df: pd.DataFrame, code: str, lang: str) -> list[str]:
    """The key findings: its rank (or its predecessors'), its latest DTI beside the national DTI of
    that year, and which other series the record holds for it."""
    out = []
    table, table34 = pv.rank_table(df, "dti_rank"), pv.rank_table(df, "dti_rank_merged")
    ranked = rank_title(df, code, lang, table, table34)
    out.append(ranked + "." if ranked else text("province_f_no_rank", lang, who=esc(country(code, lang))))
    mine = pv.values(df, "dti", [code]).sort_values("year")
    if len(mine):
        last = mine.iloc[-1]
        nat = df[(df["indicator"] == "dti_national") & df["selected"] & (df["year"] == last["year"])]
        facts = {"who": esc(country(code, lang)), "value": fmt(last["value"], "dti", lang),
                 "at": at(int(last["year"]), "", lang)}  # fmt: skip
        if len(nat):
            out.append(
                text(
                    "province_f_dti_national", lang, national=fmt(nat.iloc[-1]["value"], "dti", lang), **facts
                )
            )
        else:
            out.append(text("province_f_dti", lang, **facts))
    held = [i for i in SERIES if any(len(pv.values(df, j, places_of(code))) for j in SERIES[i])]
    names = listing([short(i, lang) for i in held], lang)
    out.append(text("province_f_other", lang, names=names) if held else text("province_f_no_other", lang))
    return out


def _quotes(rows: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """Each row's source and the sentence it was quoted from (for a value read from the ministry's
    table, the table's file and line), given once: a row whose source and quote are the row above's
    says so. With the language of each cell's text (a quote's own, else none)."""
    out, langs, before = [], [], None
    for s, q, o, f, ln, lg in zip(rows["source_id"], rows["quote"], rows["origin"], rows["file"], rows["line"],
                                  _source_langs(rows["source_id"]), strict=True):  # fmt: skip
        where = (
            q
            if o == "curated"
            else text("province_table_line", lang, file=str(f).rpartition("/")[2], line=ln)
        )
        cell = f"{source_name(s, lang)}: {where}"
        out.append(t("province_same_quote", lang) if cell == before else cell)
        langs.append(lg if o == "curated" and cell != before else "")
        before = cell
    return out, langs


def _table(rows: pd.DataFrame, code: str, lang: str) -> Table:
    rows = rows.sort_values(["year", "entity", "source_id", "indicator"])
    quotes, quote_langs = _quotes(rows, lang)
    frame = pd.DataFrame(
        {
            t("year", lang): rows["year"].astype(int).astype(str).tolist(),
            t("province", lang): [label_of(e, lang, code) for e in rows["entity"]],
            t("indicator", lang): [
                (lambda s: s[:1].upper() + s[1:])(short(i, lang)) for i in rows["indicator"]
            ],
            t("value", lang): [value_text(r, lang) for _, r in rows.iterrows()],
            t("province_source_quote", lang): quotes,
        }
    )
    if places_of(code) == [code]:  # the page's province alone: no column to name it
        frame = frame.drop(columns=t("province", lang))
    cols = list(frame.columns)
    return Table(frame, num=[t("value", lang)], date=[cols[0]], verbatim=cols[-1:], wide=cols[-1:],
                 langs={cols[-1]: quote_langs})  # fmt: skip


def _rows(df: pd.DataFrame, indicators: list[str], code: str) -> pd.DataFrame:
    return df[df["indicator"].isin(indicators) & df["selected"] & df["entity"].isin(places_of(code))]


def dti_table(df: pd.DataFrame, code: str, lang: str) -> Table:
    """Every DTI figure of the province and its predecessors the charts use: value, rank and pillars,
    with source and quote (a table's line for a value read from the ministry's table)."""
    return _table(_rows(df, DTI, code), code, lang)


def other_table(df: pd.DataFrame, code: str, lang: str) -> Table:
    """The province's (and its predecessors') PAR Index, SIPAS and ICT Index figures."""
    return _table(_rows(df, OTHER, code), code, lang)


def other_facts(df: pd.DataFrame, code: str, lang: str) -> dict:
    """The series of the other table the record holds no figure of for this province."""
    missing = [
        short(i, lang) for i in SERIES if not any(len(pv.values(df, j, places_of(code))) for j in SERIES[i])
    ]
    return {"missing": listing(missing, lang) or t("none", lang)}


def claims(code: str) -> pd.DataFrame:
    """The sources' claims about the province's (or its predecessors') DTI, checked."""
    return check_claims(DTI, entities=places_of(code))
