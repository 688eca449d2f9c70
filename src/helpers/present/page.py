"""What a notebook puts on its published page, in the page's language.

Each call shows its block in the notebook (Markdown or HTML, so JupyterLab shows what the page will)
and tags the output with ``{"page": {"role": ...}}``; the report runner places blocks by role: the
title once, the lead and the key findings first, method notes and sources in the footer, the summary
on the index. Words come from :mod:`helpers.present.locale` by key; values from data are escaped
before they enter Markdown (:func:`esc`)::

    pg = Page(P.lang, P.output_dir)
    pg.title("egov_title")
    pg.section("egov_rank", **story.rank(df, "egdi_rank", P.lang))  # egov_rank_h, egov_rank_p
    pg.chart(charts.rank_chart(df, P.lang))
    pg.table(tables.claims(check_claims(["egdi_rank"]), P.lang))
    pg.end(df, headline="egdi_rank")  # sources in the footer, the index's summary
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from . import statements
from .blocks import chart_extras, facts_html, facts_table, know_html, source_access, source_ids
from .groups import THUMBNAILS
from .locale import date_text, has, meta, t, text, value_text
from .markup import esc, render

CHART_FILES = ("png", "svg", "csv", "json")


def _show(data: dict, role: str, **extra) -> None:
    from IPython.display import display

    display(data, raw=True, metadata={"page": {"role": role, **extra}})


def _md(markdown: str, role: str, **extra) -> None:
    _show({"text/markdown": markdown, "text/plain": markdown}, role, **extra)


class Page:
    """The blocks of one report page in ``lang``; chart files go to ``output_dir`` when it is set.
    ``group`` places the report in the index: ``overview``, ``topic`` or ``profile``."""

    def __init__(self, lang: str, output_dir: str | Path = "", group: str = "topic"):
        self.lang = lang
        self.output_dir = str(output_dir or "")
        self.group = group
        self.thumb: str | None = None
        self.shown: list[str] = []  # the sources of the figures the page's charts and tables show
        statements.reset()  # what this page compares, derives or judges: statements.json

    def _text(self, key: str, **facts) -> str:
        return text(key, self.lang, **facts)

    # --- prose ----------------------------------------------------------------------------------------

    def title(self, key: str = "", *, text: str = "") -> None:
        """The page's title (once): the string ``key``, or ``text`` taken from data."""
        title = text or self._text(key)
        _md(f"# {esc(title)}", "title", text=title)

    def lead(self, key: str, **facts) -> None:
        _md(self._text(key, **facts), "lead")

    def findings(self, sentences: list[str]) -> None:
        """The key findings, shown first: sentences from :mod:`helpers.present.story`."""
        md = "\n".join(f"- {s}" for s in sentences if s)
        if md:
            _md(md, "findings")

    def section(self, key: str, paragraph: str | None = None, **facts) -> None:
        """A heading (``KEY_h``) and its paragraph (``KEY_p`` with ``facts``, or the string
        ``paragraph`` names, or none)."""
        md = f"## {esc(self._text(key + '_h'))}"
        para = paragraph if paragraph is not None else key + "_p"
        if para and has(para, self.lang):
            md += "\n\n" + self._text(para, **facts)
        _md(md, "section")

    def say(self, key: str, **facts) -> None:
        """A paragraph."""
        _md(self._text(key, **facts), "text")

    def note(self, key: str, **facts) -> None:
        """A method note, shown in the page's footer under "About these figures"."""
        _md(self._text(key, **facts), "note")

    # --- blocks ---------------------------------------------------------------------------------------

    def table(self, table) -> None:
        """A table from :mod:`helpers.present.tables`; an empty one shows nothing."""
        if len(table) == 0:
            return
        self.shown += source_ids(table)
        _show({"text/html": table._repr_html_(), "text/plain": repr(table)}, "table")

    def chart(self, chart) -> None:
        """Show a chart or a number card. In a report build (``output_dir`` set) its files are saved
        there (a chart: PNG, SVG, CSV and metadata JSON; a card: CSV and JSON) and the page shows the
        chart's SVG at column width, or the card, with the downloads beneath; otherwise the figure is
        shown inline. What is neither is displayed as it is."""
        from IPython.display import display

        fig = getattr(chart, "fig", None)
        if fig is None and not hasattr(chart, "_repr_html_"):
            display(chart)
            return
        title = chart_title(chart)
        self.shown += source_ids(chart)
        if not self.output_dir:
            if fig is None:
                _show({"text/html": chart._repr_html_(), "text/plain": repr(chart)}, "chart", name=chart.name)
            else:
                import matplotlib.pyplot as plt

                display(fig)
                plt.close(fig)
            return
        chart.save(self.output_dir)
        folder = Path(self.output_dir)
        meta_json = folder / f"{chart.name}.json"
        if not meta_json.exists():  # charts that write no metadata of their own
            meta_json.write_text(
                json.dumps(chart_metadata(chart, title, self.lang), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )

        labels = {
            "png": "PNG",
            "svg": "SVG",
            "csv": f"CSV ({self._text('data_csv')})",
            "json": f"JSON ({self._text('metadata')})",
        }
        figure = {
            "download": self._text("download"),
            "downloads": [
                (f"{folder.name}/{chart.name}.{e}", labels[e])
                for e in CHART_FILES
                if (folder / f"{chart.name}.{e}").exists()
            ],
            "card": None,
            **chart_extras(chart, self.lang),
        }
        thumb = None
        if fig is None:
            figure["card"] = Markup(chart._repr_html_())
        else:
            import matplotlib.pyplot as plt

            if self.thumb is None and self.group in THUMBNAILS and (folder / f"{chart.name}.png").exists():
                thumb = self.thumb = f"{folder.name}/{chart.name}.thumb.png"
                _thumbnail(folder / f"{chart.name}.png", folder / f"{chart.name}.thumb.png")
            width, height = (round(v * 72) for v in fig.get_size_inches())
            plt.close(fig)
            figure.update(src=f"{folder.name}/{chart.name}.svg", alt=title, width=width, height=height)
            from .style import NARROW_SUFFIX

            narrow = folder / f"{chart.name}{NARROW_SUFFIX}.svg"
            if narrow.exists():  # the same chart drawn at a phone's width, for narrow screens
                figure["narrow"] = f"{folder.name}/{narrow.name}"
        html = str(render("figure.html.j2", **figure))
        _show({"text/html": html, "text/plain": title}, "chart", name=chart.name, thumb=thumb)

    def facts(self, df: pd.DataFrame, indicator: str | list[str], named: bool = False) -> None:
        """An indicator's key facts (``named``: folded under its name, as beside a chart on a page
        of several indicators), with a sentence when no newer figure was found when one was due;
        for a list of indicators, one table of the facts of each."""
        if isinstance(indicator, str):
            html = facts_html(df, indicator, self.lang, named)
        else:
            html = facts_table(df, indicator, self.lang)
        _show({"text/html": html, "text/plain": str(indicator)}, "facts")

    def know(self, df: pd.DataFrame, indicators: list[str]) -> None:
        """What a reader should know about the figures of ``indicators`` (:mod:`.know`)."""
        html = know_html(df, indicators, self.lang)
        if html:
            _show({"text/html": html, "text/plain": ""}, "know")

    # --- the end of a page ----------------------------------------------------------------------------

    def end(self, df: pd.DataFrame, headline: str | None = None) -> None:
        """The sources of the figures the page showed (footer; all of ``df``'s when it showed no
        chart or table), and what the index says about this report: its group, the latest value of
        ``headline`` with its date, its first chart as thumbnail; and every statement the page made
        (the report's ``statements.json``)."""
        from ..data import latest

        last = latest(df, headline) if headline else None
        shown = self.shown + ([last["source_id"]] if last is not None else [])
        used = pd.DataFrame({"source_id": list(dict.fromkeys(shown))}) if self.shown else df
        _show({"text/html": sources_list(used, self.lang), "text/plain": ""}, "sources")
        summary = {"group": self.group, "thumb": self.thumb}
        if last is not None:
            summary.update(
                label=meta(headline, self.lang)["name"],
                value=value_text(last, self.lang),
                date=date_text(last["date"], self.lang) if last["date"] else str(int(last["year"])),
            )
        _show({"text/plain": ""}, "statements", statements=statements.recorded())
        _show({"text/plain": ""}, "summary", summary=summary)


def _thumbnail(png: Path, dst: Path, size: tuple[int, int] = (256, 160)) -> None:
    """A small copy of a chart's PNG for the index (its top, where the title and the lines are)."""
    from .drawing import png_image

    im = png_image(png)  # the chart's PNG, just written: still in memory
    width, height = im.size
    crop = im.crop((0, 0, width, min(height, round(width * size[1] / size[0]))))
    crop.thumbnail(size)
    crop.save(dst, optimize=True)


def sources_list(df: pd.DataFrame, lang: str = "en") -> str:
    """Every source of the figures in ``df``: publisher and title as published, date, address. The
    curators' description of a publisher (whom it cites, which edition) is English, so a page in
    another language names the outlet only."""
    from ..data import sources
    from .locale import publisher_label

    src = sources()
    ids = [s for s in dict.fromkeys(df["source_id"]) if s in src.index] if len(df) else []
    items = [
        {
            "publisher": publisher_label(row, lang),
            "title": row["title"],
            "lang": row.get("language", "") or "",  # the title as published, in its own language
            "address": row["address"],
            "published": row["published"],
            **source_access(row, lang),
        }
        for row in (
            src.loc[s] for s in sorted(ids, key=lambda i: (src.loc[i]["published"] or "", i), reverse=True)
        )
    ]
    words = {k: t(f"source_{k}", lang) for k in ("retrieved", "retrieved_from", "no_title")}
    return str(render("sources.html.j2", items=items, **words))


def chart_title(chart) -> str:
    """A chart's title (its ``title``, or as drawn: the suptitle or first axes title), for alt text
    and metadata."""
    if getattr(chart, "title", None):
        return str(chart.title)
    fig = getattr(chart, "fig", None)
    if fig is None:
        return str(getattr(chart, "label", "") or chart.name)
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text():
        return sup.get_text()
    for ax in fig.axes:
        if ax.get_title():
            return ax.get_title()
    return chart.name


def chart_metadata(chart, title: str, lang: str) -> dict:
    """What a downloaded chart needs to be reused: title, indicators and units, sources with their
    addresses and licences, the files. The report runner adds the data version and the citation."""
    from ..data import sources

    data = chart.data
    src = sources()
    ids = list(dict.fromkeys(data["indicator"])) if "indicator" in data else []
    used = list(dict.fromkeys(data["source_id"])) if "source_id" in data else []
    return {
        "title": title,
        "language": lang,
        "indicators": [{"id": i, "name": meta(i, lang)["name"], "unit": meta(i, lang)["unit"]} for i in ids],
        "sources": [
            {
                "id": s,
                **{k: str(src.loc[s][k]) for k in ("publisher", "title", "published", "address", "licence")},
            }
            for s in used
            if s in src.index
        ],
        "files": {ext: f"{chart.name}.{ext}" for ext in ("png", "svg", "csv")},
    }
