"""Place chart labels where they touch nothing: no other text, no plotted line or marker, no edge.

Labels are measured, not guessed: the figure is drawn once, every plotted line, marker and bar is
taken in display pixels, and each label tries a few positions around its point until one is clear.
End labels of lines sit in the margin right of the plot and are spread vertically so none overlap.
"""

from __future__ import annotations

import numpy as np
from matplotlib.transforms import Bbox, ScaledTranslation, blended_transform_factory

PAD = 2.0  # points of clearance around every label

# Offsets (points) and alignments tried in turn for a label at a point: above, below, right, left,
# the corners, then the same farther out.
AROUND = [
    ((0, 7), "center", "bottom"),
    ((0, -7), "center", "top"),
    ((7, 0), "left", "center"),
    ((-7, 0), "right", "center"),
    ((6, 6), "left", "bottom"),
    ((-6, 6), "right", "bottom"),
    ((6, -6), "left", "top"),
    ((-6, -6), "right", "top"),
    ((0, 16), "center", "bottom"),
    ((-8, 14), "right", "bottom"),
    ((8, 14), "left", "bottom"),
    ((0, -16), "center", "top"),
    ((-8, -14), "right", "top"),
    ((8, -14), "left", "top"),
]


def segments(xy: np.ndarray) -> np.ndarray:
    """Consecutive pairs of finite points as segments (a NaN breaks the line, as matplotlib draws it)."""
    if len(xy) < 2:
        return np.empty((0, 2, 2))
    a, b = xy[:-1], xy[1:]
    ok = np.isfinite(a).all(axis=1) & np.isfinite(b).all(axis=1)
    return np.stack([a[ok], b[ok]], axis=1)


def _crossing(seg: np.ndarray, box: Bbox) -> tuple[float, float] | None:
    """Where segment ``seg`` runs inside ``box``, as fractions ``(t0, t1)`` of its length
    (Liang-Barsky), or None when it misses the box."""
    (x0, y0), (x1, y1) = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        r = q / p
        if p < 0:
            if r > t1:
                return None
            t0 = max(t0, r)
        else:
            if r < t0:
                return None
            t1 = min(t1, r)
    return t0, t1


def hits_segment(box: Bbox, seg: np.ndarray) -> bool:
    """Whether segment ``seg`` crosses ``box``."""
    return _crossing(seg, box) is not None


def clip_segment(seg: np.ndarray, box: Bbox) -> np.ndarray | None:
    """The part of segment ``seg`` inside ``box``, or None."""
    span = _crossing(seg, box)
    if span is None:
        return None
    (x0, y0), (x1, y1) = seg
    (t0, t1), dx, dy = span, x1 - x0, y1 - y0
    return np.array([[x0 + t0 * dx, y0 + t0 * dy], [x0 + t1 * dx, y0 + t1 * dy]])


class Obstacles:
    """What a label must not touch, in display pixels: segments and boxes."""

    def __init__(self) -> None:
        self.segments: list[np.ndarray] = []
        self.boxes: list[Bbox] = []

    @classmethod
    def of(cls, ax) -> Obstacles:
        fig = ax.figure
        px = fig.dpi / 72
        ob = cls()
        clip = ax.bbox
        for line in ax.lines:
            if not line.get_visible():
                continue
            xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
            if line.get_linestyle() not in ("None", " ", "", "none"):
                ob.segments.extend(segments(xy))
            if line.get_marker() not in (None, "None", "none", " ", ""):
                r = line.get_markersize() * px / 2 + line.get_markeredgewidth() * px / 2
                ob.boxes.extend(
                    Bbox([[x - r, y - r], [x + r, y + r]])
                    for x, y in xy
                    if np.isfinite([x, y]).all() and clip.contains(x, y)
                )
        for coll in ax.collections:
            offsets = coll.get_offsets()
            if not coll.get_visible() or offsets is None or not len(offsets):
                continue
            xy = coll.get_offset_transform().transform(np.asarray(offsets, dtype=float))
            sizes = coll.get_sizes() if len(coll.get_sizes()) else np.array([36.0])
            for i, (x, y) in enumerate(xy):
                r = np.sqrt(sizes[i % len(sizes)]) * px / 2 + px
                ob.boxes.append(Bbox([[x - r, y - r], [x + r, y + r]]))
        for patch in ax.patches:
            if patch.get_visible():
                ob.boxes.append(patch.get_window_extent())
        renderer = fig.canvas.get_renderer()
        for text in ax.texts:  # labels placed before
            if text.get_visible() and text.get_text():
                ob.boxes.append(text.get_window_extent(renderer))
        return ob

    def hit(self, box: Bbox) -> int:
        """How many obstacles ``box`` touches."""
        return sum(box.overlaps(b) for b in self.boxes) + sum(hits_segment(box, s) for s in self.segments)


def grow(box: Bbox, by: float) -> Bbox:
    return Bbox([[box.x0 - by, box.y0 - by], [box.x1 + by, box.y1 + by]])


def place(ax, labels: list[dict], obstacles: Obstacles | None = None, required: int = 0) -> list:
    """Annotate ``ax`` with ``labels`` (dicts: ``x``, ``y`` in data coordinates, ``text``,
    optionally ``around`` (offsets to try) and ``anchors`` (other points to try), and Text
    keywords), each at the first position of :data:`AROUND` that stays inside the plot and
    touches no line, marker, bar or label placed before it. Labels are placed in the order given;
    the first ``required`` are always drawn (at their least-bad position), the others are dropped
    when no position is clear. Returns the annotations drawn."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72
    pad = PAD * px
    obstacles = obstacles or Obstacles.of(ax)
    inside = ax.bbox
    drawn = []
    for i, spec in enumerate(labels):
        spec = dict(spec)
        x, y, text = spec.pop("x"), spec.pop("y"), spec.pop("text")
        anchors = spec.pop("anchors", [(x, y)])
        around = spec.pop("around", AROUND)
        best = None
        for (x, y), ((dx, dy), ha, va) in ((a, o) for a in anchors for o in around):
            ann = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, **spec)
            box = ann.get_window_extent(renderer)
            g = grow(box, pad)
            out = not (g.x0 >= inside.x0 and g.x1 <= inside.x1 and g.y0 >= inside.y0 and g.y1 <= inside.y1)
            cost = obstacles.hit(g) + 10 * out
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, ann, box)
            else:
                ann.remove()
            if cost == 0:
                break
        if best[0] and i >= required:
            best[1].remove()
            continue
        obstacles.boxes.append(best[2])
        drawn.append(best[1])
    return drawn


def spread(wanted: list[float], heights: list[float], lo: float, hi: float, gap: float) -> list[float]:
    """Centres for labels that want ``wanted`` (display y, any order) with ``heights``, at least
    ``gap`` apart, kept within ``lo``..``hi`` where they fit."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    ys = [wanted[i] for i in order]
    hs = [heights[i] for i in order]
    for k in range(len(ys)):  # push up
        low = lo + hs[k] / 2 if k == 0 else ys[k - 1] + (hs[k - 1] + hs[k]) / 2 + gap
        ys[k] = max(ys[k], low)
    for k in range(len(ys) - 1, -1, -1):  # then down from the top
        high = hi - hs[k] / 2 if k == len(ys) - 1 else ys[k + 1] - (hs[k + 1] + hs[k]) / 2 - gap
        ys[k] = min(ys[k], high)
    out = [0.0] * len(ys)
    for k, i in enumerate(order):
        out[i] = ys[k]
    return out


def end_texts(ax, ends: list[dict]) -> list:
    """Labels in the margin right of the plot, level with the last point of their lines (dicts:
    ``y`` in data coordinates, ``text``, Text keywords). Draw them before the layout (so it keeps
    room for them) and call :func:`spread_end_texts` after it."""
    fig = ax.figure
    trans = blended_transform_factory(ax.transAxes, ax.transData) + ScaledTranslation(
        6 / 72, 0, fig.dpi_scale_trans
    )
    texts = []
    for spec in ends:
        spec = dict(spec)
        y, text = spec.pop("y"), spec.pop("text")
        t = ax.text(1.0, y, text, transform=trans, ha="left", va="center", clip_on=False, **spec)
        t._wanted_y = y
        texts.append(t)
    return texts


def spread_end_texts(ax, texts: list, gap_points: float = 3.0) -> None:
    """Move the end labels apart vertically (as little as possible) so that none overlap, keeping
    them within the plot's height."""
    if not texts:
        return
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72
    heights = [t.get_window_extent(renderer).height for t in texts]
    wanted = [ax.transData.transform((0, t._wanted_y))[1] for t in texts]
    lo, hi = ax.bbox.y0 - 6 * px, ax.bbox.y1 + 6 * px
    ys = spread(wanted, heights, lo, hi, gap_points * px)
    inv = ax.transData.inverted()
    for t, yd in zip(texts, ys, strict=True):
        t.set_y(inv.transform((0, yd))[1])
