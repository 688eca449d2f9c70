"""The house chart style as code: fonts, colours, titles, source lines and reproducible files.

- DejaVu Sans, shipped with matplotlib, renders every Vietnamese diacritic.
- Okabe-Ito colours (colour-blind safe); Viet Nam always in vermillion, peers in grey.
- Every chart has a title, a unit line and a source line at the bottom.
- Files are byte-reproducible: PNG and SVG carry no date or software version, and SVG ids come
  from a fixed hash salt, so a byte diff means the picture changed.
- No text under 8 points (:func:`pt`): 10 px or more as the pages draw a chart.
- Phones: each chart is drawn a second time, narrow (:func:`narrow`: 3.75 in, 360 px), and saved
  as SVG only (``NAME.narrow.svg``); a page shows it on a narrow screen, where the wide chart's
  text would shrink to half its size.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from . import drawing, locale

FONT = "DejaVu Sans"
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
VIET_NAM = "#D55E00"  # vermillion: Viet Nam in every chart
PEER = "#9E9E9E"
INK = "#222222"
MUTED = "#666666"
SVG_SALT = "vn-digital-gov"
# Seconds this process spent laying charts out and writing their PNG and SVG, and how many charts it
# saved: the report runner records them per report (benchmarks/bench_reports.py prints time per chart).
SPENT = {"charts": 0, "layout_s": 0.0, "png_s": 0.0, "svg_s": 0.0}
WIDE = (7.5, 4.5)  # inches: 720 px at 1:1 in the pages' 720 px column

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 10,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelcolor": INK,
    "axes.edgecolor": "#BBBBBB",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#E5E5E5",
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.figsize": WIDE,  # 720 px at 1:1 in the pages' 720 px column (SVG, 96 px per inch)
    "svg.hashsalt": SVG_SALT,
    "svg.fonttype": "none",
    "legend.frameon": False,
    "text.parse_math": False,  # text from data is drawn literally: "$" prints as "$"
}


NARROW = (3.75, 5.4)  # inches: 360 px, a phone's column (390 px less the page's margins) at 1:1
NARROW_SUFFIX = ".narrow"  # the narrow rendering's file: NAME.narrow.svg
SMALLEST = 8.0  # points: the smallest text of any chart, 10.7 px at 1:1 (10 px in a 686 px column)
_narrow = False


@contextlib.contextmanager
def narrow():
    """Draw the charts made inside at a phone's width (:data:`NARROW`)."""
    global _narrow
    was, _narrow = _narrow, True
    try:
        yield
    finally:
        _narrow = was


def is_narrow() -> bool:
    return _narrow


def width() -> float:
    """The width of the charts drawn now, in inches."""
    return NARROW[0] if _narrow else WIDE[0]


def pt(size: float) -> float:
    """A font size in points, raised to :data:`SMALLEST` (no chart text is smaller)."""
    return max(size, SMALLEST)


def apply() -> None:
    """Set the house style for every chart that follows."""
    plt.rcParams.update(RC)
    drawing.share_text_metrics()
    _inline_as_laid_out()


_inline_done = False


def _inline_as_laid_out() -> None:
    """In a notebook, show figures exactly as laid out and saved: the inline backend's default
    bbox_inches="tight" re-measures every figure (a second full draw) and crops our margins."""
    global _inline_done
    if _inline_done or "inline" not in matplotlib.get_backend():
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", bbox_inches=None)
    _inline_done = True


MARGIN = 0.15  # inches of white around everything drawn


def new_chart(title: str, subtitle: str, nrows: int = 1, ncols: int = 1, figsize=None, **kw):
    """A figure with the house title (bold, left: the finding) and a subtitle (unit and period)
    beneath it. Both are wrapped to the figure's width by :func:`finish`."""
    apply()
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (NARROW if _narrow else WIDE), **kw)
    w, h = fig.get_figwidth(), fig.get_figheight()
    fig.text(
        MARGIN / w,
        1 - MARGIN / h,
        title,
        ha="left",
        va="top",
        fontsize=13,
        fontweight="bold",
        color=INK,
        gid="title",
    )
    fig.text(MARGIN / w, 0.5, subtitle, ha="left", va="top", fontsize=9.5, color=MUTED, gid="subtitle")
    return fig, axes


def wrap_to(text, width_px: float, renderer) -> None:
    """Break ``text`` (a Text artist) into lines no wider than ``width_px``, at spaces: each line
    takes as many words as fit (a word wider than the line stands alone; :func:`.drawing.lines_of`
    finds them in a few measurements a line). Each width comes from matplotlib's cached metrics
    (measuring text is most of a chart's layout)."""
    dpi = text.get_figure(root=True).dpi if hasattr(text, "get_figure") else text.figure.dpi
    rotated = text.get_rotation() % 360 != 0

    def width(line: str) -> float:
        if rotated:
            text.set_text(line)
            return text.get_window_extent(renderer).width
        return drawing.text_width(renderer, text, line, dpi)

    lines = [
        line for p in text.get_text().split("\n") for line in drawing.lines_of(p.split(), width, width_px)
    ]
    text.set_text("\n".join(lines))


def _by_gid(fig, gid: str):
    return next(t for t in fig.texts if t.get_gid() == gid)


def _texts_block(fig, source: str) -> tuple[float, float]:
    """Place title, subtitle and source line (wrapped to the figure's width) and return the inches
    they take at the top and at the bottom. Safe to call again after a change of figure size."""
    w, h = fig.get_figwidth(), fig.get_figheight()
    src = next((t for t in fig.texts if t.get_gid() == "source"), None)
    if src is None:
        src = fig.text(0, 0, source, ha="left", va="bottom", fontsize=8, color=MUTED, gid="source")
    title, subtitle = _by_gid(fig, "title"), _by_gid(fig, "subtitle")
    title.set_position((MARGIN / w, 1 - MARGIN / h))
    src.set_position((MARGIN / w, MARGIN / h))
    renderer = fig.canvas.get_renderer()
    for t in (title, subtitle, src):
        wrap_to(t, (w - 2 * MARGIN) * fig.dpi, renderer)
    pt = fig.dpi / 72
    subtitle.set_position((MARGIN / w, (title.get_window_extent(renderer).y0 - 4 * pt) / fig.bbox.height))
    top = (fig.bbox.height - subtitle.get_window_extent(renderer).y0 + 12 * pt) / fig.dpi
    bottom = (src.get_window_extent(renderer).y1 + 8 * pt) / fig.dpi
    return top, bottom


def finish(fig, source: str, note: str = "") -> None:
    """Add the source line (and an optional note) at the bottom, wrap title, subtitle and source to
    the figure's width, and lay the plot out between them (measured: nothing overlaps)."""
    t = time.perf_counter()
    w, h = fig.get_figwidth(), fig.get_figheight()
    top, bottom = _texts_block(fig, source if not note else f"{source}\n{note}")
    with drawing.tightbbox_once(fig):  # its second pass (rect) measures the same Axes again
        fig.tight_layout(rect=(MARGIN / w * 0.5, bottom / h, 1 - MARGIN / w, 1 - top / h), pad=0.3)
    drawing.laid_out(fig)
    SPENT["layout_s"] += time.perf_counter() - t


def finish_grid(fig, source: str, panel_titles: list, rows: int, panel_height: float = 1.15) -> None:
    """Lay small multiples out: panel titles wrapped to their panel's width, the figure as tall as
    ``rows`` panels of ``panel_height`` inches need, with room for every panel's title and ticks
    (fixed spacing: tight_layout over many panels costs seconds)."""
    t = time.perf_counter()
    w = fig.get_figwidth()
    left, right, wspace = 0.65, MARGIN + (0.2 if _narrow else 0.05), 0.45
    fig.subplots_adjust(left=left / w, right=1 - right / w, wspace=wspace)
    renderer = fig.canvas.get_renderer()
    for ax, title in zip(fig.axes, panel_titles, strict=False):
        wrap_to(title, ax.get_window_extent(renderer).width, renderer)
    title_h = max((t.get_window_extent(renderer).height for t in panel_titles), default=0) / fig.dpi
    above = title_h + 0.12  # panel title and its pad
    below = 0.3  # tick labels
    top, bottom = _texts_block(fig, source)
    height = top + rows * (panel_height + above + below) - below + bottom + 0.15
    fig.set_figheight(height)
    top, bottom = _texts_block(fig, source)
    fig.subplots_adjust(
        top=1 - (top + above) / height,
        bottom=(bottom + below) / height,
        hspace=(above + below) / panel_height,
    )
    SPENT["layout_s"] += time.perf_counter() - t


def finish_stack(fig, source: str, sizes: list[tuple[float, float]], gap: float = 0.2) -> None:
    """Lay the figure's panels out one above the other, each at its own size (width, height, in
    inches) under its title, from the left margin; the figure as tall as they need. For panels
    that must keep their shape (tile maps): tight_layout gives each a slot of its share of the
    height, and a map narrower than its slot's shape leaves a gap under it."""
    t = time.perf_counter()
    w = fig.get_figwidth()
    renderer = fig.canvas.get_renderer()
    heads = [(ax.title.get_window_extent(renderer).height + 8 * fig.dpi / 72) / fig.dpi for ax in fig.axes]
    top, bottom = _texts_block(fig, source)
    height = top + sum(heads) + sum(h for _, h in sizes) + gap * (len(sizes) - 1) + bottom
    fig.set_figheight(height)
    top, bottom = _texts_block(fig, source)  # placed again for the new height
    y = height - top
    for ax, head, (pw, ph) in zip(fig.axes, heads, sizes, strict=True):
        y -= head + ph
        ax.set_position((MARGIN / w, y / height, pw / w, ph / height))
        y -= gap
    SPENT["layout_s"] += time.perf_counter() - t


def number_formatter(lang: str = "en", percent: bool = False, decimals: int | None = None) -> FuncFormatter:
    """Axis ticks like "1.0 bn" / "1,0 tỷ" or "18.3%" / "18,3%"."""
    return FuncFormatter(lambda x, _pos: locale.format_number(x, lang, decimals=decimals, percent=percent))


def save(fig, output_dir: str | Path, name: str, data=None, meta: dict | None = None) -> list[Path]:
    """Write ``name``.png, ``name``.svg, (with ``data``) ``name``.csv and (with ``meta``) ``name``.json,
    byte-reproducibly. Returns the paths written."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with plt.rc_context({"svg.hashsalt": SVG_SALT}):
        t0 = time.perf_counter()
        drawing.write_png(fig, paths[0], plt.rcParams["savefig.dpi"])
        t1 = time.perf_counter()
        fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
        SPENT["png_s"] += t1 - t0
        SPENT["svg_s"] += time.perf_counter() - t1
        SPENT["charts"] += 1
    if data is not None:
        paths.append(out / f"{name}.csv")
        data.to_csv(paths[-1], index=False, lineterminator="\n")
    if meta is not None:
        paths.append(out / f"{name}.json")
        write_json(paths[-1], meta)
    return paths


def save_narrow(fig, output_dir: str | Path, name: str) -> Path:
    """Write a narrow rendering (drawn inside :func:`narrow`) as ``name``.narrow.svg, byte-reproducibly."""
    path = Path(output_dir) / f"{name}{NARROW_SUFFIX}.svg"
    t = time.perf_counter()
    with plt.rc_context({"svg.hashsalt": SVG_SALT}):
        fig.savefig(path, metadata={"Date": None, "Creator": None})
    SPENT["svg_s"] += time.perf_counter() - t  # the benchmark counts the narrow drawing's writing too
    return path


def write_json(path: Path, meta: dict) -> None:
    """``meta`` as stable JSON: sorted keys, UTF-8, a final newline."""
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
