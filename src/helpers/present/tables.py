"""Tables for people: localized headers, numbers and dates, sources named, quotes kept verbatim.

Each function returns a :class:`Table`: the DataFrame of strings (``.df``) and how its columns read.
Its HTML has no index column; numbers and dates are right-aligned or kept on one line; text is left;
quotes and publisher names are marked verbatim (``translate="no"`` and their language), so a
Vietnamese page's checks and translators leave them as published. Every cell is escaped.
"""

from __future__ import annotations

import pandas as pd

from .. import analysis
from ..compare import state
from ..data import latest, load_dataset, series, sources
from . import statements
from .locale import date_text, explain, fmt, format_number, meta, source_name, t, value_text
from .quotes import claim_phrase
from .table import Table

__all__ = ["Table", "claims", "figures", "growth", "headline", "positions", "ratio", "year_end"]


def _when(row, lang: str) -> str:
    return date_text(row["date"], lang) if row["date"] else str(int(row["year"]))


def _source_langs(source_ids) -> list[str]:
    src = sources()
    return [str(src.loc[s]["language"]) if s in src.index else "" for s in source_ids]


def headline(df: pd.DataFrame, indicator_ids: list[str], lang: str = "en") -> Table:
    """Latest value of each indicator with its date and source, and the change on the figure before
    in its natural unit (places, percentage points, percent or a multiple)."""
    out, used = [], []
    for ind in indicator_ids:
        last = latest(df, ind)
        if last is None:
            continue
        used.append(last["source_id"])
        s = series(df, ind)
        change = statements.change_in_cell(state("change", [s.iloc[-2], last]), lang) if len(s) > 1 else ""
        out.append(
            {
                t("indicator", lang): meta(ind, lang)["name"],
                t("latest", lang): value_text(last, lang),
                t("date", lang): _when(last, lang),
                t("change", lang): change,
                t("source", lang): source_name(last["source_id"], lang),
            }
        )
    frame = pd.DataFrame(
        out, columns=[t(k, lang) for k in ("indicator", "latest", "date", "change", "source")]
    )
    return Table(
        frame,
        num=[t("latest", lang)],  # a change may be a reason, which wraps
        date=[t("date", lang)],
        verbatim=[t("source", lang)],
        sources=used,
    )


def figures(df: pd.DataFrame, indicator: str, lang: str = "en", entity: str = "VNM") -> Table:
    """Every figure of an indicator with its source, quote and whether charts use it."""
    rows = series(df, indicator, entity, selected=False)
    quote_langs = [
        lg if o == "curated" else ""
        for lg, o in zip(_source_langs(rows["source_id"]), rows["origin"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            t("date", lang): [_when(r, lang) for _, r in rows.iterrows()],
            t("value", lang): [value_text(r, lang) for _, r in rows.iterrows()],
            t("selected", lang): ["✓" if s else "" for s in rows["selected"]],
            t("source", lang): [source_name(s, lang) for s in rows["source_id"]],
            t("quote", lang): [
                q if o == "curated" else f"{f}:{ln}"
                for q, o, f, ln in zip(rows["quote"], rows["origin"], rows["file"], rows["line"], strict=True)
            ],
        }
    )
    daily = bool(len(rows)) and bool((rows["period"] == "day").all())
    if daily:  # what each per-day figure is the average of, beside its date
        frame[t("date", lang)] = [
            f"{d} ({statements.window_label(w, lang)})"
            for d, w in zip(frame[t("date", lang)], rows["window"], strict=True)
        ]
    return Table(
        frame,
        num=[t("value", lang)],
        date=[] if daily else [t("date", lang)],
        verbatim=[t("source", lang), t("quote", lang)],
        wide=[t("quote", lang)],
        mark=[t("selected", lang)],
        langs={t("quote", lang): quote_langs},
        sources=rows["source_id"],
    )


def growth(df: pd.DataFrame, indicator: str, lang: str = "en") -> Table:
    """Each year's end value (``analysis.year_end``: the figure nearest the year's end, dated) and
    its change on the one before, in natural units, with the span named when it is more than a year;
    or why no change is computed (``helpers.compare``)."""
    ends = analysis.year_end(df, [indicator])
    rows = [r for _, r in ends.iterrows()]
    changes = [""] + [
        statements.change_in_cell(state("change", [a, b]), lang) for a, b in zip(rows, rows[1:], strict=False)
    ]
    frame = pd.DataFrame(
        {
            t("year", lang): ends["end_of"].astype(str),
            t("date", lang): [_when(r, lang) for r in rows],
            t("value", lang): [value_text(r, lang) for r in rows],
            t("change_on_previous", lang): changes[: len(rows)],
        }
    )
    if not (ends["date"] != "").any():  # whole years: the year says when
        frame = frame.drop(columns=t("date", lang))
    return Table(frame, num=[t("value", lang)], date=[t("year", lang), t("date", lang)])


def _decimals(value: float) -> int:
    """How many decimals a stated number was written with (0.75 -> 2)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def claims(results: pd.DataFrame, lang: str = "en") -> Table:
    """Checked claims: what the source said, what the data gives (to the stated precision, one
    decimal at least when not whole), the gap and the verdict."""
    stated, computed, gaps = [], [], []
    for s, c in zip(results["stated"], results["computed"], strict=True):
        places = _decimals(s)
        stated.append(format_number(s, lang, decimals=places))
        if pd.isna(c):
            computed.append("")
            gaps.append("")
            continue
        places_c = 0 if float(c).is_integer() else max(places, 1)
        computed.append(format_number(c, lang, decimals=places_c))
        gap = round(c - s, max(places_c, places) + 1)
        gaps.append(
            "0" if gap == 0 else format_number(gap, lang, decimals=max(places_c, places, 1)).replace("-", "−")
        )
    quotes = list(results["quote"])
    frame = pd.DataFrame(
        {
            t("claim", lang): [
                claim_phrase(q, s, k)
                for q, s, k in zip(quotes, results["stated"], results["kind"], strict=True)
            ],
            t("stated", lang): stated,
            t("computed", lang): computed,
            t("gap", lang): gaps,
            t("status", lang): _verdicts(results, lang),
            # the full quote once per sentence, on the first of its rows
            t("quote", lang): [q if q not in quotes[:i] else "" for i, q in enumerate(quotes)],
        }
    )
    langs = _source_langs(results["source_id"])
    return Table(
        frame,
        num=[t("stated", lang), t("computed", lang), t("gap", lang)],
        verbatim=[t("claim", lang), t("quote", lang)],
        wide=[t("claim", lang)],
        langs={t("claim", lang): langs, t("quote", lang): langs},
        folded=[t("quote", lang)],
        fold=t("quote_full", lang),
        sources=results["source_id"],
    )


def _verdicts(results: pd.DataFrame, lang: str) -> list[str]:
    """Each claim's verdict, through ``helpers.compare`` (recorded for ``statements.json``)."""
    rows = load_dataset()[1].set_index("id", drop=False)
    out = []
    for r in results.to_dict("records"):
        ids = [i for i in (r.get("figures") or []) if i in rows.index]
        st = state("claim", [rows.loc[i] for i in ids], claim=r)
        out.append(
            statements.claim_cell(st, lang, explain(r["explanation"], lang) if r["explanation"] else "")
        )
    return out


def positions(df: pd.DataFrame, indicator: str, group, entity: str = "VNM", lang: str = "en") -> Table:
    """An entity's position within a group per year, computed from every member's figure."""
    rows = df[(df["indicator"] == indicator) & df["entity"].isin(group) & df["selected"]]
    years, values, places = [], [], []
    for year, g in rows.groupby("year", sort=True):
        st = state("position", [r for _, r in g.iterrows()], entity=entity)
        if not st.ok:
            continue
        years.append(str(year))
        values.append(fmt(st.facts["figure"].value, indicator, lang))
        places.append(statements.keep(st, f"{int(st.value)}/{st.facts['of']}"))
    col = meta(indicator, lang)["short"].capitalize()
    frame = pd.DataFrame({t("year", lang): years, col: values, t("position", lang): places})
    return Table(frame, num=[col, t("position", lang)], date=[t("year", lang)])


def year_end(df: pd.DataFrame, indicator_ids: list[str], lang: str = "en") -> Table:
    """The figure nearest each year's end (``analysis.year_end``), per indicator, with the date it
    was measured (which may fall early in the next year) and its source; a year with no figure near
    its end has no row."""
    ends = analysis.year_end(df, indicator_ids)
    frame = pd.DataFrame(
        {
            t("indicator", lang): [meta(i, lang)["name"] for i in ends["indicator"]],
            t("year", lang): ends["end_of"].astype(str),
            t("date", lang): [_when(r, lang) for _, r in ends.iterrows()],
            t("value", lang): [value_text(r, lang) for _, r in ends.iterrows()],
            t("source", lang): [source_name(s, lang) for s in ends["source_id"]],
        }
    )
    return Table(
        frame,
        num=[t("value", lang)],
        date=[t("year", lang), t("date", lang)],
        verbatim=[t("source", lang)],
        sources=ends["source_id"],
    )


def ratio(df: pd.DataFrame, numerator: str, denominator: str, lang: str = "en") -> Table:
    """numerator / denominator in percent on each date both are reported."""
    r = analysis.ratio(df, numerator, denominator)
    rows = df.set_index("id", drop=False)
    rates = [
        statements.ratio_cell(state("ratio", [rows.loc[a], rows.loc[b]]), lang)
        for a, b in zip(r["id_num"], r["id_den"], strict=True)
    ]
    num, den = meta(numerator, lang)["name"], meta(denominator, lang)["name"]
    frame = pd.DataFrame(
        {
            t("date", lang): [
                date_text(d, lang) if d else str(y) for d, y in zip(r["date"], r["year"], strict=True)
            ],
            num: [value_text(rows.loc[i], lang) for i in r["id_num"]],
            den: [value_text(rows.loc[i], lang) for i in r["id_den"]],
            "%": rates,
        }
    )
    return Table(frame, num=[num, den, "%"], date=[t("date", lang)])
