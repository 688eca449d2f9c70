"""Every chart of every report, in both languages, is measured for collisions (tests/chart_checks.py),
wide as a screen shows it and narrow as a phone does (drawn again at 360 px: ``style.narrow``), and
for text under 8 points (10 px as drawn).

- The reports of ``reports.yaml``: measured while the tests' one build of the site saves them
  (tests/layout_hook: each chart as its files are written, both widths); the test reads what was
  found and checks that every chart published was measured.
- Each notebook with its default parameters, in each language (in the fast subset, in one language
  each, taken in turn): its code cells run in this process (no kernel): the parameters cell, then the
  report's parameters, then the rest; every figure left open is measured, wide, and each chart the
  page shows is drawn again narrow as a build draws it (``Chart.narrow``: its recipe under
  ``style.narrow``). One run of the cells gives both widths, and the fast subset catches a layout
  problem without a build.
- The profile of every indicator of the dictionary that ``reports.yaml`` does not build (it can
  build them all with ``{from: all_indicators}``), in English, in this process as above.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from chart_checks import layout_problems, small_text
from helpers.data import validate
from helpers.paths import DEFAULT_DATA_DIR
from helpers.reports import config

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "vi")


def _site_runs() -> list[pytest.param]:
    """Each report of reports.yaml as (notebook, parameters), in each language, once."""
    runs, seen = [], set()
    for report in config.load(ROOT / "reports.yaml", validate(DEFAULT_DATA_DIR)).reports:
        for lang in LANGS:
            params = {**report.parameters, "lang": lang}
            key = (report.notebook, json.dumps(params, sort_keys=True))
            if key in seen:
                continue
            seen.add(key)
            name = report.name if report.parameters.get("lang") == lang else f"{report.name}~{lang}"
            runs.append(pytest.param(report.notebook, params, id=name))
    return runs


def _kind_runs() -> list[pytest.param]:
    """Each notebook of reports.yaml with its own default parameters (the case its author chose to
    show, e.g. a profile of an indicator with a long series), in each language. The fast subset
    measures each notebook in one of them, the languages taken in turn (the full suite, and its site
    build, measure both): every notebook is run, as its property tests draw fewer examples."""
    notebooks = dict.fromkeys(run.values[0] for run in _site_runs())
    return [
        pytest.param(
            nb, {"lang": lang}, id=f"{nb.stem}-{lang}", marks=() if j == i % len(LANGS) else pytest.mark.slow
        )
        for i, nb in enumerate(notebooks)
        for j, lang in enumerate(LANGS)
    ]


def _other_profiles() -> list[pytest.param]:
    """The profile of every indicator of the dictionary that reports.yaml does not build, in English."""
    profile = ROOT / "notebooks" / "10_indicator_profile.ipynb"
    seen = {(run.values[0], json.dumps(run.values[1], sort_keys=True)) for run in _site_runs()}
    runs = []
    for indicator in validate(DEFAULT_DATA_DIR).indicators:
        params = {"indicator": indicator, "lang": "en"}
        if (profile, json.dumps(params, sort_keys=True)) not in seen:
            runs.append(pytest.param(profile, params, id=f"profile-{indicator}-en"))
    return runs


def figures_of(notebook: Path, params: dict) -> tuple[list, list]:
    """Run ``notebook``'s code cells here with ``params`` injected: every figure they made (wide), and
    each chart the page showed drawn again narrow, as a build saves it for phones. Pages close a
    figure once shown, so closing is suspended while the cells run."""
    from helpers.present.page import Page

    plt.close("all")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    ns: dict = {"__name__": "__main__"}
    shown: list = []
    show = Page.chart
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(plt, "close", lambda *a, **k: None)
        mp.setattr(Page, "chart", lambda page, chart: (shown.append(chart), show(page, chart))[1])
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            exec(compile("".join(cell["source"]), f"{notebook.name}[{i}]", "exec"), ns)  # noqa: S102
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                ns.update(params)
        wide = [plt.figure(n) for n in plt.get_fignums()]
        narrow = [c.narrow() for c in shown if getattr(c, "fig", None) is not None]
    return wide, [f for f in narrow if f is not None]


def _title(fig) -> str:
    title = next((t.get_text() for t in fig.texts if t.get_gid() == "title"), "")
    return " ".join(title.split()) or "(untitled figure)"


def _measure(notebook: Path, params: dict) -> None:
    wide, narrow = figures_of(notebook, params)
    charted = {"00_overview", "01_egov_ranking", "02_ndxp_transactions", "03_identity_cccd_vneid"}
    if notebook.stem in charted:  # a profile of a short series shows a number card, not a chart
        assert wide, f"{notebook.name} made no figure to measure"
    try:
        # each figure is a chart the page shows, and has its narrow rendering (as Chart.save draws it
        # for a report): a figure drawn otherwise would go to phones unmeasured
        assert len(narrow) == len(wide), f"{len(wide)} figures, {len(narrow)} of them drawn narrow"
        problems = [
            f"{width} {_title(fig)}: {p}"
            for width, figs in (("wide", wide), ("narrow", narrow))
            for fig in figs
            for p in layout_problems(fig) + small_text(fig)
        ]
    finally:
        plt.close("all")
    assert not problems, f"{len(problems)} layout problem(s):\n" + "\n".join(problems)


@pytest.mark.parametrize(("notebook", "params"), _kind_runs())
def test_no_text_overlaps_text_line_or_edge(notebook, params):
    """Each notebook as its author left it, in each language: wide and narrow, no collision, no text
    under 8 pt."""
    _measure(notebook, params)


@pytest.mark.slow
@pytest.mark.parametrize(("notebook", "params"), _other_profiles())
def test_no_text_overlaps_in_the_profile_of_any_indicator(notebook, params):
    _measure(notebook, params)


@pytest.mark.slow
def test_every_chart_the_site_build_saved_was_measured_and_is_clean(site):
    """What tests/layout_hook found while the site was built: one measurement of each published chart
    at each width (``NAME.svg`` wide, ``NAME.narrow.svg`` narrow), none with a problem."""
    from pages_support import layout_log

    log = layout_log(site)
    if not log.is_dir():
        pytest.skip("PAGES_OUTPUTS names a build made without measuring its charts; unset it to measure")
    found = [
        json.loads(line) for path in sorted(log.glob("*.jsonl")) for line in path.read_text().splitlines()
    ]
    measured = {(m["report"], m["file"]) for m in found}
    published = {(p.parts[-3], p.name) for p in (site / "reports").glob("*/charts/*.svg")}
    assert published, "the site publishes no chart"
    assert measured == published, {
        "not measured": published - measured,
        "not published": measured - published,
    }
    assert {m["width"] for m in found if m["file"].endswith(".narrow.svg")} == {"narrow"}
    problems = [f"{m['report']} {m['width']} {m['file']}: {p}" for m in found for p in m["problems"]]
    assert not problems, f"{len(problems)} layout problem(s):\n" + "\n".join(problems)


# The checker itself, on figures whose problems are known.


def _fig():
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([0, 1], [0, 1], marker="o")
    ax.set_xlim(-0.2, 1.2)
    ax.set_ylim(-0.2, 1.2)
    ax.set_xticks([0, 0.5, 1])
    ax.set_yticks([0, 0.5, 1])
    return fig, ax


def test_checker_passes_a_clean_figure():
    fig, ax = _fig()
    ax.text(0.0, 1.0, "clear of the line")
    fig.subplots_adjust(left=0.15, bottom=0.15)
    assert layout_problems(fig) == []
    plt.close(fig)


def test_checker_finds_text_over_a_line_a_marker_and_another_text():
    fig, ax = _fig()
    ax.text(0.5, 0.5, "on the line", ha="center", va="center")
    ax.text(0.5, 0.5, "on the line too", ha="center", va="center")
    ax.text(1.0, 1.0, "marker", ha="center", va="center")
    fig.subplots_adjust(left=0.15, bottom=0.15)
    problems = layout_problems(fig)
    assert "text 'on the line' overlaps text 'on the line too'" in problems
    assert any(p.startswith("text 'on the line' lies over line") for p in problems)
    assert any(p.startswith("text 'marker' lies over line") for p in problems)
    plt.close(fig)


def test_checker_finds_text_at_the_edge_and_mathtext():
    fig, ax = _fig()
    fig.text(0.0, 0.5, "at the edge")
    fig.text(0.3, 0.95, "costs $5 and $6", parse_math=True)
    fig.subplots_adjust(left=0.15, bottom=0.15)
    problems = layout_problems(fig)
    assert "text 'at the edge' touches or crosses the figure's edge" in problems
    assert any("mathtext" in p for p in problems)
    plt.close(fig)


def test_checker_finds_text_over_scatter_markers_and_bars():
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.bar([0, 1], [1, 2])
    ax.scatter([3], [1], s=100)
    ax.text(0, 0.5, "in a bar", ha="center")
    ax.text(3, 1, "dot", ha="center", va="center")
    fig.subplots_adjust(left=0.15, bottom=0.15)
    problems = layout_problems(fig)
    assert "text 'in a bar' lies over a bar" in problems
    assert "text 'dot' lies over markers" in problems
    plt.close(fig)
