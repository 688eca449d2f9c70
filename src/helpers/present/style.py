"""The house chart style as code: fonts, colours, titles, source lines and reproducible files.

- DejaVu Sans, shipped with matplotlib, renders every Vietnamese diacritic.
- Okabe-Ito colours (colour-blind safe); Viet Nam always in vermillion, peers in grey.
- Every chart has a title, a unit line and a source line at the bottom.
- Files are byte-reproducible: PNG and SVG carry no date or software version, and SVG ids come
  from a fixed hash salt, so a byte diff means the picture changed.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from . import locale

FONT = "DejaVu Sans"
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
VIET_NAM = "#D55E00"  # vermillion: Viet Nam in every chart
PEER = "#9E9E9E"
INK = "#222222"
MUTED = "#666666"
SVG_SALT = "vn-digital-gov"

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
    "figure.figsize": (8, 4.5),
    "svg.hashsalt": SVG_SALT,
    "svg.fonttype": "none",
    "legend.frameon": False,
}


def apply() -> None:
    """Set the house style for every chart that follows."""
    plt.rcParams.update(RC)
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


def new_chart(title: str, unit: str, nrows: int = 1, ncols: int = 1, figsize=None, **kw):
    """A figure with the house title (bold, left) and a unit line beneath it."""
    apply()
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or RC["figure.figsize"], **kw)
    fig.suptitle(
        title,
        x=0.01,
        y=1 - 0.12 / fig.get_figheight(),
        ha="left",
        va="top",
        fontsize=13,
        fontweight="bold",
        color=INK,
    )
    fig.text(0.01, 1 - 0.42 / fig.get_figheight(), unit, ha="left", va="top", fontsize=9.5, color=MUTED)
    return fig, axes


def finish(fig, source: str, note: str = "", grid: tuple[int, int] | None = None) -> None:
    """Add the source line (and an optional note) at the bottom and fit the layout around it.

    ``grid`` (rows, columns) lays out small multiples with fixed margins instead of measuring every
    tick label (tight_layout over many panels costs seconds)."""
    text = source if not note else f"{source}\n{note}"
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=8, color=MUTED, wrap=True)
    per_line = fig.get_figwidth() * 17  # characters of 8-point text per line, as wrap=True breaks them
    lines = sum(-(-len(part) // int(per_line)) or 1 for part in text.split("\n"))
    if grid:
        height = fig.get_figheight()
        fig.subplots_adjust(
            left=0.07,
            right=0.98,
            top=1 - 1.1 / height,
            bottom=(0.5 + 0.15 * lines) / height,
            hspace=0.75,
            wspace=0.3,
        )
    else:
        height = fig.get_figheight()
        fig.tight_layout(rect=(0, (0.2 + 0.14 * lines) / height, 1, 1 - 0.6 / height))


def number_formatter(lang: str = "en", percent: bool = False, decimals: int | None = None) -> FuncFormatter:
    """Axis ticks like "1.0 bn" / "1,0 tỷ" or "18.3%" / "18,3%"."""
    return FuncFormatter(lambda x, _pos: locale.format_number(x, lang, decimals=decimals, percent=percent))


def save(fig, output_dir: str | Path, name: str, data=None) -> list[Path]:
    """Write ``name``.png, ``name``.svg and (with ``data``) ``name``.csv, byte-reproducibly."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with plt.rc_context({"svg.hashsalt": SVG_SALT}):
        fig.savefig(paths[0], metadata={"Software": None})
        fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    if data is not None:
        paths.append(out / f"{name}.csv")
        data.to_csv(paths[2], index=False, lineterminator="\n")
    return paths
