"""Statements said in a page's language, and recorded as they are said.

Every sentence or table cell that compares, derives or judges is made here from a
:class:`helpers.compare.Statement` (what :func:`helpers.compare.state` gave): the words come from the
catalogues, the numbers from the statement, and the same call appends the entry of the page's
``statements.json`` (``{text, kind, figures, target, claim, verdict, reason}``), so the page and the
file cannot disagree. :class:`helpers.present.page.Page` starts a page's record and publishes it
at the end of the page.
"""

from __future__ import annotations

from ..compare import Figure, Reason, Statement
from .locale import (
    at,
    date_text,
    format_number,
    places,
    plural,
    t,
    text,
    value_text,
    when,
)

_RECORD: list[dict] = []
_SIGNS = {"exact": "", "lower": "> ", "upper": "< ", "approx": "≈ "}
MINUS = "\u2212"


def reset() -> None:
    """Start a page's record (a new :class:`Page` does)."""
    _RECORD.clear()


def recorded() -> list[dict]:
    """The statements said since the page started, in order."""
    return list(_RECORD)


def _keep(st: Statement, said: str) -> str:
    _RECORD.append(st.record(said))
    return said


# --- figures and reasons in words -------------------------------------------------------------------


def figure_value(f: Figure, lang: str) -> str:
    return value_text({"value": f.value, "indicator": f.indicator, "qualifier": f.qualifier}, lang)


def figure_when(f: Figure, lang: str) -> str:
    """When a figure holds, for a sentence ("in 2024", "in Jan 2022 (to 28 Jan 2022)")."""
    label = at(f.year, f.date, lang, f.period)
    if not f.complete and f.date:
        return text("compare_to_day", lang, label=label, day=date_text(f.date, lang))
    return label


def figure_label(f: Figure, lang: str) -> str:
    """When a figure holds, as a label ("2024", "Jan 2022 (to 28 Jan 2022)")."""
    label = when(f.year, f.date, lang, f.period)
    if not f.complete and f.date:
        return text("compare_to_day", lang, label=label, day=date_text(f.date, lang))
    return label


def window_text(window: str, lang: str) -> str:
    """What a per-day figure averages: a typical day, the days it names, or days not stated."""
    if window in ("typical", "unstated", ""):
        return t(f"compare_window_{window or 'unstated'}", lang)
    start, end = window.split("/")
    return text("compare_window_days", lang, start=date_text(start, lang), end=date_text(end, lang))


def window_label(window: str, lang: str) -> str:
    """What a per-day figure averages, in a few words ("a typical day", "average from 1 Jan 2022")."""
    if window == "typical":
        return t("compare_window_typical", lang)
    if window in ("unstated", ""):
        return t("compare_window_unstated_short", lang)
    return text("compare_window_from", lang, start=date_text(window.split("/")[0], lang))


def reason_text(why: Reason, lang: str, st: Statement | None = None) -> str:
    """Why a statement gives no number or no verdict, in ``lang``."""
    facts = dict(why.facts)
    a = st.facts.get("a") if st is not None else None
    b = st.facts.get("b") if st is not None else None
    if why.code in ("window", "window_unstated") and a is not None:
        facts.update(a=window_text(a.window, lang), b=window_text(b.window, lang))
    elif why.code == "partial" and a is not None:
        facts.update(a=figure_label(a, lang), b=figure_label(b, lang))
    elif why.code == "vintage":
        facts.update(
            a=_release(why.facts.get("a_vintage", ""), lang), b=_release(why.facts.get("b_vintage", ""), lang)
        )
    elif why.code == "bound":
        facts.update(
            a=t(why.facts.get("a_bound") or "compare_exact", lang),
            b=t(why.facts.get("b_bound") or "compare_exact", lang),
        )
    for key in ("day", "deadline", "judged_on"):
        if key in facts:
            facts[key] = date_text(str(facts[key]), lang)
    return text(f"compare_why_{why.code}", lang, **facts)


def not_computed(st: Statement, lang: str) -> str:
    """Why a table cell gives no number, in a few words ("not computed: other releases")."""
    return text("compare_not_computed", lang, why=t(f"compare_short_{st.reason.code}", lang))


def _release(vintage: str, lang: str) -> str:
    return date_text(vintage, lang) if vintage and vintage != "-" else t("compare_no_release", lang)


# --- changes ---------------------------------------------------------------------------------------


def _magnitude(st: Statement, lang: str) -> str:
    v = abs(st.value or 0.0)
    if st.measure == "pct":
        return format_number(v, lang, percent=True, decimals=0 if v >= 10 else 1)
    if st.measure == "multiple":
        return format_number(v, lang, decimals=0 if v >= 10 else 1)
    if st.measure == "pp":
        return format_number(v, lang, decimals=1)
    if st.measure == "points":
        return format_number(v, lang, decimals=3)
    return format_number(v, lang)


def _bounded(n: str, st: Statement, lang: str) -> str:
    return n if st.bound == "exact" else text(f"compare_bound_{st.bound}", lang, n=n)


def change_words(st: Statement, lang: str) -> str:
    """A computed change in a sentence: "up 57%", "up 15 places", "up about 75%", "up 3.6-fold"."""
    v = st.value or 0.0
    if st.measure == "places":
        moved = int(round(abs(v)))
        if not moved:
            return t("unchanged", lang)
        return text(
            "rank_up_by" if v > 0 else "rank_down_by", lang, places=_bounded(places(moved, lang), st, lang)
        )
    if not v and st.bound == "exact":
        return t("unchanged", lang)
    n = _bounded(_magnitude(st, lang), st, lang)
    if st.measure == "multiple":
        return text("times", lang, n=n)
    key = "up" if v > 0 else "down"
    suffix = {"pct": "pct", "pp": "points", "points": "by", "difference": "by"}[st.measure]
    return text(f"{key}_{suffix}", lang, n=n)


def change_cell(st: Statement, lang: str) -> str:
    """A computed change in a table cell: "+57%", "+15 places", "≈ +75%", "3.6×", "< +1.5%"."""
    v = st.value or 0.0
    sign = "+" if v > 0 else MINUS if v < 0 else ""
    if st.measure == "places":
        moved = int(round(abs(v)))
        body = plural("places_n", moved, lang, n=f"{sign}{moved}") if moved else "="
    elif st.measure == "multiple":
        body = text("times_short", lang, n=_magnitude(st, lang))
    elif st.measure == "pp":
        body = sign + text("points_n", lang, n=_magnitude(st, lang))
    elif not v:
        body = "="
    else:
        body = sign + _magnitude(st, lang)
    return _SIGNS[st.bound] + body


def _span(st: Statement) -> int:
    """Years between two figures of whole years (0: one period, or dated figures whose dates name it)."""
    a, b = st.facts.get("a"), st.facts.get("b")
    if a is None or a.period != "year":
        return 0
    years = b.year - a.year
    if years == 2 and a.producer == b.producer == "UN DESA":
        return 0  # the UN survey is biennial: two years apart is one survey to the next
    return years if years > 1 else 0


def say_change(st: Statement, lang: str, span: bool = True) -> str:
    """A change in a sentence, with its span when it is more than one year ("up 3.6-fold over 2
    years, 2021 to 2023"; ``span=False`` when the sentence names the earlier figure itself);
    recorded. A refusal says why."""
    if not st.ok:
        return _keep(st, text("compare_not_compared", lang, why=reason_text(st.reason, lang, st)))
    said = change_words(st, lang)
    years = _span(st) if span else 0
    if years:
        a, b = st.facts["a"], st.facts["b"]
        said = text("compare_span", lang, change=said, n=years, start=a.year, end=b.year)
    return _keep(st, said)


def change_in_cell(st: Statement, lang: str, since: bool = True) -> str:
    """A change in a table cell with the figure it starts from ("+57% (2023)", "3.6× over 2 years
    (2021–2023)"), or why none is computed; recorded."""
    if not st.ok:
        a = st.facts.get("a")
        if a is None:
            return _keep(st, not_computed(st, lang))
        why = t(f"compare_short_{st.reason.code}", lang)
        said = text(
            "compare_not_computed_against",
            lang,
            before=figure_value(a, lang),
            when=figure_label(a, lang),
            why=why,
        )
        return _keep(st, said)
    said = change_cell(st, lang)
    a, b = st.facts["a"], st.facts["b"]
    years = _span(st)
    if years:
        said = text("compare_span_short", lang, change=said, n=years, start=a.year, end=b.year)
    elif since:
        said = f"{said} ({figure_label(a, lang)})"
    return _keep(st, said)


def latest_sentence(st: Statement | None, last: Figure, lang: str, name: str = "") -> str:
    """The latest figure with its date and its change on the figure before (``st``), or, when the two
    may not be compared, both with their dates and why no change is computed; recorded."""
    facts = {"name": name, "value": figure_value(last, lang), "when": figure_when(last, lang)}
    named = bool(name)
    if st is None:
        return text("story_latest_one" if named else "story_value_one", lang, **facts)
    before = st.facts["a"]
    facts["since"] = figure_when(before, lang)
    if not st.ok:
        facts.update(before=figure_value(before, lang), why=reason_text(st.reason, lang, st))
        return _keep(st, text("story_latest_refused" if named else "story_value_refused", lang, **facts))
    facts["change"] = change_words(st, lang)  # "on the figure in 2021" names the span
    return _keep(st, text("story_latest" if named else "story_value", lang, **facts))


# --- ratios, positions, verdicts ---------------------------------------------------------------------


def ratio_cell(st: Statement, lang: str) -> str:
    if not st.ok:
        return _keep(st, not_computed(st, lang))
    return _keep(st, _SIGNS[st.bound] + format_number(st.value, lang, percent=True))


def keep(st: Statement, said: str) -> str:
    """Record ``said`` as what the page states for ``st`` (a position or a rate said by a template)."""
    return _keep(st, said)


def claim_cell(st: Statement, lang: str, explanation: str = "") -> str:
    """A claim's verdict ("consistent", "not checkable: ..."); recorded."""
    words = t(st.verdict or "not checkable", lang)
    if st.reason is not None:
        said = f"{words}: {reason_text(st.reason, lang, st)}"
    else:
        said = f"{words}: {explanation}" if explanation else words
    return _keep(st, said)


def bound_sign(st: Statement) -> str:
    """The mark of a number stated as a bound: "> ", "< ", "≈ " or nothing."""
    return _SIGNS[st.bound]
