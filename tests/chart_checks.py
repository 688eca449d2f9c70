"""Measure a drawn matplotlib figure for collisions: no eyeballing.

``layout_problems(fig)`` lays the figure out as a draw does (``draw_without_rendering``: no pixels)
and returns one line per problem:

- two texts overlap (titles, subtitles, source lines, axis and tick labels, annotations, legend texts);
- a text lies over a plotted line, a marker, a bar or a visible spine (the path segments are tested
  against the text's box, grown by a small padding);
- a text touches or crosses the figure's edge;
- a text would be parsed as mathtext (two unescaped ``$``), so data would not print literally.

Only what is actually drawn counts: the texts are recorded while the figure draws (so tick labels
outside the view limits, empty strings and hidden texts are ignored), and the lines are those the axes
plot (``ax.lines``: ``plot``, ``axhline``...), their markers, the offsets of collections (``scatter``)
and the rectangles of bars. Grid lines and tick marks are not obstacles.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

import numpy as np
from matplotlib.collections import Collection
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from helpers.present.labels import clip_segment, grow, hits_segment
from helpers.present.labels import segments as line_segments

PAD_POINTS = 1.5  # the clearance every text needs from another text, a line or the edge


@dataclass
class Obstacle:
    """A plotted thing, in display pixels: polyline segments and marker boxes."""

    what: str
    segments: np.ndarray  # (n, 2, 2): n segments of two (x, y) points
    boxes: list[Bbox]


@contextlib.contextmanager
def _recording_texts():
    drawn: list[Text] = []
    original = Text.draw

    def draw(self, renderer):
        original(self, renderer)
        # Text.draw returns early (drawing nothing) for hidden or empty texts.
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def _label(artist: Text) -> str:
    s = " ".join(artist.get_text().split())
    return repr(s if len(s) <= 40 else s[:37] + "...")


def _clip_box(artist) -> Bbox | None:
    return artist.get_clip_box() if artist.get_clip_on() else None


def _obstacles(fig, px_per_pt: float) -> list[Obstacle]:
    out: list[Obstacle] = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for line in ax.lines:
            if not line.get_visible():
                continue
            xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
            segments = line_segments(xy) if line.get_linestyle() not in ("None", " ", "", "none") else None
            clip = _clip_box(line)
            if segments is not None and clip is not None:
                inside = [c for c in (clip_segment(s, clip) for s in segments) if c is not None]
                segments = np.array(inside).reshape(-1, 2, 2)
            boxes = []
            marker = line.get_marker()
            if marker not in (None, "None", "none", " ", "", ","):
                r = line.get_markersize() * px_per_pt / 2
                for x, y in xy[np.isfinite(xy).all(axis=1)]:
                    if clip is None or clip.contains(x, y):
                        boxes.append(Bbox([[x - r, y - r], [x + r, y + r]]))
            name = line.get_label() if not str(line.get_label()).startswith("_") else "a line"
            if segments is None:
                segments = np.empty((0, 2, 2))
            out.append(Obstacle(f"line {name!r}", segments, boxes))
        for coll in ax.collections:
            if not coll.get_visible() or not isinstance(coll, Collection):
                continue
            offsets = coll.get_offsets()
            if offsets is None or len(offsets) == 0:
                continue
            xy = coll.get_offset_transform().transform(np.asarray(offsets, dtype=float))
            sizes = coll.get_sizes() if hasattr(coll, "get_sizes") else np.array([])
            boxes = []
            for i, (x, y) in enumerate(xy):
                if not np.isfinite([x, y]).all():
                    continue
                s = sizes[i % len(sizes)] if len(sizes) else 36.0
                r = np.sqrt(s) * px_per_pt / 2
                boxes.append(Bbox([[x - r, y - r], [x + r, y + r]]))
            out.append(Obstacle("markers", np.empty((0, 2, 2)), boxes))
        for patch in ax.patches:
            if isinstance(patch, Rectangle) and patch.get_visible():
                out.append(Obstacle("a bar", np.empty((0, 2, 2)), [patch.get_window_extent()]))
        for name, spine in ax.spines.items():
            if not spine.get_visible():
                continue
            path = spine.get_transform().transform_path(spine.get_path())
            out.append(Obstacle(f"the {name} axis line", line_segments(path.vertices), []))
    return out


def _extents(boxes) -> np.ndarray:
    """Boxes as an (n, 4) array of x0, y0, x1, y1, each interval in order (as Bbox.overlaps takes it)."""
    a = np.array([b.extents for b in boxes], dtype=float).reshape(-1, 4)
    return np.concatenate([np.minimum(a[:, :2], a[:, 2:]), np.maximum(a[:, :2], a[:, 2:])], axis=1)


def _overlapping(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(len(a), len(b)): whether each box of ``a`` overlaps each of ``b`` (edges touching count)."""
    a, b = a[:, None, :], b[None, :, :]
    return (
        (a[..., 0] <= b[..., 2])
        & (b[..., 0] <= a[..., 2])
        & (a[..., 1] <= b[..., 3])
        & (b[..., 1] <= a[..., 3])
    )


_MATH = re.compile(r"(?<!\\)\$.*(?<!\\)\$", re.S)


def layout_problems(fig, pad_points: float = PAD_POINTS) -> list[str]:
    """Draw ``fig`` and list every collision; an empty list means the layout is clean."""
    # Laid out as a draw lays it out, without painting pixels: what a problem depends on (the texts
    # drawn and where, the lines' transforms) is decided before anything is painted.
    with _recording_texts() as drawn:
        fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    px_per_pt = fig.dpi / 72
    pad = pad_points * px_per_pt
    problems: list[str] = []
    texts = list(dict.fromkeys(drawn))  # drawn once each, in drawing order
    boxes = [t.get_window_extent(renderer) for t in texts]
    edge = fig.bbox
    for t, b in zip(texts, boxes, strict=True):
        if b.x0 < edge.x0 + pad or b.y0 < edge.y0 + pad or b.x1 > edge.x1 - pad or b.y1 > edge.y1 - pad:
            problems.append(f"text {_label(t)} touches or crosses the figure's edge")
        if getattr(t, "_parse_math", True) and _MATH.search(t.get_text()):
            problems.append(f"text {_label(t)} is parsed as mathtext; its '$' would not print")
    # Every pair at once (Bbox.overlaps on arrays: closed intervals), in the order of the pairs.
    half = _extents([grow(b, pad / 2) for b in boxes])
    for i, j in np.argwhere(np.triu(_overlapping(half, half), 1)):
        problems.append(f"text {_label(texts[i])} overlaps text {_label(texts[j])}")
    grown = [grow(b, pad) for b in boxes]
    near = _extents(grown)
    for ob in _obstacles(fig, px_per_pt):
        hit = _overlapping(near, _extents(ob.boxes)).any(axis=1)
        if len(ob.segments):  # only a segment whose own box meets the text's can cross it
            spans = np.concatenate([ob.segments.min(axis=1), ob.segments.max(axis=1)], axis=1)
            meets = _overlapping(near, spans)
            for k in np.flatnonzero(~hit & meets.any(axis=1)):
                hit[k] = any(hits_segment(grown[k], s) for s in ob.segments[meets[k]])
        problems += [f"text {_label(texts[k])} lies over {ob.what}" for k in np.flatnonzero(hit)]
    return problems


def small_text(fig) -> list[str]:
    """Every visible text of ``fig`` under the smallest size a chart may use (``style.SMALLEST``)."""
    from helpers.present import style

    return [
        f"text {_label(t)} is {t.get_fontsize()} pt, under {style.SMALLEST} pt"
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < style.SMALLEST
    ]
