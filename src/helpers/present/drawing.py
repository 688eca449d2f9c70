"""Cheaper ways to the same pictures: the matplotlib steps the house style (:mod:`.style`) repeats for
every chart, done once or without the parts it does not need. Each gives the bytes or the layout the
plain call gives (tests/test_drawing.py compares them).

- :func:`text_width`: a line's width from matplotlib's cached text metrics, without a Text artist's
  full layout (wrapping a title measures a dozen candidate lines).
- :func:`lines_of`: the most words a line holds, found from a guess in proportion to the width
  and checked, then by bisection: about three measurements a line.
- :func:`tightbbox_once`: ``tight_layout`` with a ``rect`` measures every Axes twice, the second time
  with nothing moved; the second answer is the first.
- :func:`heatmap_undrawn`: seaborn's ``heatmap`` draws the whole figure to see whether its tick labels
  overlap; they stand where ``set_ticklabels`` put them before any draw, so they are measured there.
- :func:`share_text_metrics`: a text's size measured once in the process, not once a renderer (each
  figure, and each size of it, has its own renderer).
- :func:`write_png`: the PNG of an opaque chart as RGB (its alpha is 255 everywhere), at a lower zlib
  level: the same pixels, a file no larger, a third of the encoding time; the image stays in memory
  for the page's thumbnail (:func:`png_image`).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

PNG_COMPRESS_LEVEL = 3  # zlib level: RGB at 3 is as small as RGBA at PIL's default 6, and faster
_last_png: tuple[str, object] | None = None  # (path, PIL image) of the last PNG written


def text_width(renderer, text, line: str, dpi: float) -> float:
    """The width in pixels of ``line`` drawn as ``text`` (an unrotated Text artist of a figure at
    ``dpi``) would draw it: what ``text.get_window_extent(renderer).width`` gives after
    ``text.set_text(line)``."""
    from matplotlib.text import _get_text_metrics_with_cache

    clean, ismath = text._preprocess_math(line)
    if not clean:
        return 0.0
    return _get_text_metrics_with_cache(renderer, clean, text.get_fontproperties(), ismath, dpi)[0]


def lines_of(words: list[str], width, width_px: float) -> list[str]:
    """``words`` broken into lines no wider than ``width_px`` (``width(line)`` measures a line):
    each line takes as many words as fit; a word wider than the line stands alone. A line's width
    grows with its words, so the answer is the one plain bisection finds: the first guess, in
    proportion to the whole rest's width, and its neighbour usually settle it."""
    lines: list[str] = []
    start = 0
    while True:
        rest = len(words) - start
        whole = width(" ".join(words[start:])) if rest > 1 else 0.0
        if rest <= 1 or whole <= width_px:  # the rest: one word, or all that fit
            lines.append(" ".join(words[start:]))
            return lines

        def fits(end: int, start: int = start) -> bool:
            return width(" ".join(words[start:end])) <= width_px

        lo, hi = start + 1, len(words) - 1  # words[start:lo] is a line; words[start:hi + 1] is too wide
        guess = min(max(start + int(rest * width_px / whole), lo), hi)
        if fits(guess):
            lo = guess
            if lo < hi:
                if fits(lo + 1):
                    lo += 1
                else:
                    hi = lo
        else:
            hi = guess - 1
            if lo < hi:
                if fits(hi):
                    lo = hi
                else:
                    hi -= 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid - 1
        lines.append(" ".join(words[start:lo]))
        start = lo


@contextlib.contextmanager
def tightbbox_once(fig):
    """Inside, each Axes of ``fig`` measures its tight bounding box once per question: the same
    renderer and arguments get the first answer (nothing may move the Axes meanwhile)."""
    patched = []
    for ax in fig.axes:
        if "get_tightbbox" in vars(ax):
            continue
        measure, memo = ax.get_tightbbox, {}

        def once(*args, _measure=measure, _memo=memo, **kwargs):
            key = (args, tuple(sorted(kwargs.items(), key=lambda kv: kv[0])))
            try:
                return _memo[key]
            except KeyError:
                _memo[key] = found = _measure(*args, **kwargs)
                return found
            except TypeError:  # an argument that cannot be a key: measure as usual
                return _measure(*args, **kwargs)

        ax.get_tightbbox = once
        patched.append(ax)
    try:
        yield
    finally:
        for ax in patched:
            del ax.get_tightbbox


@contextlib.contextmanager
def heatmap_undrawn():
    """Inside, ``seaborn.heatmap`` decides whether its tick labels overlap (and turns them) without
    drawing the whole figure first: ``Axis.set_ticklabels`` has placed each label at its tick, and
    a label's extent needs only the canvas's renderer. The decision and the figure are the same;
    the draw, a third of a big heatmap's cost, is not made."""
    from seaborn import matrix

    draw = matrix._draw_figure
    matrix._draw_figure = lambda fig: None
    try:
        yield
    finally:
        matrix._draw_figure = draw


def laid_out(fig) -> None:
    """Say that ``fig`` is laid out for good. ``Figure.tight_layout`` leaves a placeholder layout
    engine behind, which makes every ``savefig`` draw the whole figure once more, with nothing
    rendered, before it draws it (a pass that lays nothing out: the placeholder does nothing); with
    no engine, each file is drawn once, and drawn the same."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        fig.set_layout_engine(None)


_METRICS: dict = {}  # (text, font, size, dpi, hinting) -> (width, height, descent), every Agg renderer's
_METRICS_MOST = 50_000  # entries kept before the memo starts again


def share_text_metrics() -> None:
    """Make every Agg renderer of this process measure a text once: matplotlib keeps a text's
    width, height and descent per renderer, and a chart's narrow drawing, a figure resized (a new
    renderer) and the next chart measure the same names, ticks and numbers again. The answer depends
    only on the text, the font files, its size, the dpi and the hinting settings, which make the
    key; mathtext and TeX are measured as before. Idempotent."""
    from matplotlib.backends.backend_agg import RendererAgg

    measure = RendererAgg.get_text_width_height_descent
    if getattr(measure, "shared", False):
        return

    def shared(self, s, prop, ismath):
        if ismath is not False:
            return measure(self, s, prop, ismath)
        key = _metrics_key(s, prop, self.dpi)
        found = _METRICS.get(key)
        if found is None:
            if len(_METRICS) >= _METRICS_MOST:
                _METRICS.clear()
            found = _METRICS[key] = measure(self, s, prop, ismath)
        return found

    shared.shared = True
    shared.__wrapped__ = measure
    RendererAgg.get_text_width_height_descent = shared


def _metrics_key(s: str, prop, dpi: float) -> tuple:
    import matplotlib
    from matplotlib.font_manager import fontManager

    rc = matplotlib.rcParams
    return (
        s,
        tuple(str(f) for f in fontManager._find_fonts_by_props(prop)),
        prop.get_size_in_points(),
        dpi,
        rc["text.hinting"],
        rc["text.hinting_factor"],
        rc["text.kerning_factor"],
    )


def write_png(fig, path: Path, dpi: float) -> None:
    """Write ``fig`` as PNG at ``dpi``, byte-reproducibly (no software, no date): RGB when every pixel
    is opaque, else RGBA as matplotlib writes it."""
    global _last_png
    from PIL import Image

    dpi = fig.dpi if dpi == "figure" else float(dpi)
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)
    width, height = int(fig.get_figwidth() * dpi), int(fig.get_figheight() * dpi)
    data = raw.getbuffer()
    if len(data) != width * height * 4:  # not the size expected: let matplotlib write it
        fig.savefig(path, dpi=dpi, metadata={"Software": None})
        _last_png = None
        return
    image = Image.frombuffer("RGBA", (width, height), data, "raw", "RGBA", 0, 1)
    opaque = image.getextrema()[3][0] == 255
    image = image.convert("RGB") if opaque else image.copy()  # either way off the buffer, released below
    del data
    image.save(path, format="png", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    _last_png = (str(path), image)


def png_image(path: Path):
    """The PNG at ``path`` as a PIL image: the one just written when it is that file, else read."""
    from PIL import Image

    if _last_png is not None and _last_png[0] == str(path):
        return _last_png[1]
    with Image.open(path) as im:
        im.load()
        return im
