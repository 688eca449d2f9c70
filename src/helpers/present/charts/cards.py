"""A series of one or two figures shown as a number (:class:`Card`): value, date, source, change."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ...compare import Figure, state
from .. import statements, style
from ..locale import change_value, chart_text, cite, date_text, meta, since, t, text
from ..markup import render
from .bundle import chart_meta, plotted_data, value_text
from .titles import finding


@dataclass
class Card:
    """One or two figures shown as a number: value, date, source and the change in natural units."""

    data: pd.DataFrame
    name: str
    label: str
    value: str
    when: str
    source: str
    change: str = ""
    lang: str = "en"
    meta: dict = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.meta.get("title", "")

    def save(self, output_dir: str | Path | None) -> Card:
        """Write CSV and metadata JSON into ``output_dir`` (nothing when it is empty). Returns the
        card, so that a notebook cell ending in ``card.save(...)`` shows it."""
        if output_dir:
            out = Path(output_dir)
            out.mkdir(parents=True, exist_ok=True)
            csv, js = out / f"{self.name}.csv", out / f"{self.name}.json"
            self.data.to_csv(csv, index=False, lineterminator="\n")
            style.write_json(js, self.meta)
            self.files = [csv, js]
        return self

    def __repr__(self) -> str:
        lines = [self.label, f"{self.value} ({self.when})"]
        if self.change:
            lines.append(self.change)
        lines.append(self.source)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        # The source line ("Source: Báo Nghệ An, 2022-12-25"): its publishers stay as published.
        head, sep, names = self.source.partition(": ")
        facts = {"lang": self.lang, "label": self.label, "value": self.value, "when": self.when}
        facts.update(change=self.change, head=head if sep else self.source, names=names if sep else "")
        return str(render("card.html.j2", **facts))


def _delta(first, last, kind: str, lang: str) -> str:
    """The change from the first figure to the last, with the first named (and the part of its
    period it covers: "24x since Jan 2021 (to 28 Jan 2021)"), or why none is computed; recorded."""
    st = state("change", [first, last])
    if not st.ok:
        return statements.keep(
            st, text("compare_not_computed", lang, why=statements.reason_text(st.reason, lang, st))
        )
    a = st.facts["a"]
    since_ = since(a.year, a.date, lang, a.period)
    if not a.complete and a.date:
        since_ = text("compare_to_day", lang, label=since_, day=date_text(a.date, lang))
    if st.bound == "exact":
        said = text(
            "change_since", lang, change=change_value(first["value"], last["value"], kind, lang), since=since_
        )
    else:
        said = text("change_since", lang, change=statements.change_cell(st, lang), since=since_)
    return statements.keep(st, said)


def number_card(rows: pd.DataFrame, indicator: str, lang: str, name: str) -> Card:
    """A card for one or two figures: the latest value, its date and source, and with two figures the
    change in natural units with the earlier date named."""
    m = meta(indicator, lang)
    if rows.empty:  # nothing in the years shown: say so instead of failing
        card = Card(plotted_data(rows), name, m["name"], "–", chart_text("no_figure", lang), "", "", lang)
        card.meta = chart_meta(
            f"{m['name']}: {chart_text('no_figure', lang)}", m["unit"], rows, lang, kind="card"
        )
        return card
    last = rows.iloc[-1]
    delta = ""
    if len(rows) > 1:
        delta = _delta(rows.iloc[0], last, m["kind"], lang)
    q = last.get("qualifier", "") if hasattr(last, "get") else ""
    value = value_text(last, lang)
    value = f"{t(q, lang)} {value}" if q else value
    source = cite(rows["source_id"], lang)
    when = statements.figure_label(Figure.of(last), lang)  # a partial month says up to when
    card = Card(plotted_data(rows), name, m["name"], value, when, source, delta, lang)
    card.meta = chart_meta(finding(rows, indicator, lang, record=False), m["unit"], rows, lang, kind="card")
    return card
