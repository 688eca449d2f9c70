"""The cheaper drawing steps (helpers.present.drawing) give what the plain matplotlib calls give:
the same line breaks, widths, layout and pixels."""

from __future__ import annotations

import io
import random

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from helpers.present import drawing, style  # noqa: E402


def _bisected(words, width, width_px):
    """The plain way: the whole rest, then bisection for the most words that fit."""
    lines, start = [], 0
    while True:
        if len(words) - start <= 1 or width(" ".join(words[start:])) <= width_px:
            lines.append(" ".join(words[start:]))
            return lines
        lo, hi = start + 1, len(words) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if width(" ".join(words[start:mid])) <= width_px:
                lo = mid
            else:
                hi = mid - 1
        lines.append(" ".join(words[start:lo]))
        start = lo


@pytest.mark.parametrize("seed", range(40))
def test_lines_of_breaks_where_bisection_breaks(seed):
    rng = random.Random(seed)
    words = ["w" * rng.randint(1, 14) for _ in range(rng.randint(0, 40))]
    widths = {c: rng.uniform(4, 12) for c in "w "}

    def width(line):
        return sum(widths[c] for c in line)

    for width_px in (5, 40, 90, 160, 400, 5000):
        assert drawing.lines_of(words, width, width_px) == _bisected(words, width, width_px)


def test_lines_of_keeps_a_word_wider_than_the_line_alone():
    assert drawing.lines_of(["a", "enormous", "b"], len, 3) == ["a", "enormous", "b"]
    assert drawing.lines_of([], len, 10) == [""]


def test_text_width_is_the_window_extent_width():
    style.apply()
    fig = plt.figure(figsize=style.WIDE)
    renderer = fig.canvas.get_renderer()
    text = fig.text(0.1, 0.5, "", fontsize=13, fontweight="bold")
    for line in ("Rank of Viet Nam", "Xếp hạng chỉ số chuyển đổi số của Hà Nội", "$5 bn, 18.3%", "x"):
        text.set_text(line)
        assert drawing.text_width(renderer, text, line, fig.dpi) == text.get_window_extent(renderer).width
    assert drawing.text_width(renderer, text, "", fig.dpi) == 0.0
    plt.close(fig)


def _chart():
    fig, ax = style.new_chart("A title long enough to be wrapped onto a second line of the chart", "unit")
    ax.plot([2020, 2021, 2022], [1, 5, 3], label="Viet Nam")
    ax.set_ylabel("index")
    ax.legend()
    return fig


def test_tight_layout_measured_once_gives_the_same_layout(monkeypatch):
    style.apply()
    plain, once = _chart(), _chart()
    rect = (0.05, 0.1, 0.95, 0.8)
    plain.tight_layout(rect=rect, pad=0.3)
    calls = []
    cls = type(once.axes[0])
    measure = cls.get_tightbbox

    def counted(self, *args, **kwargs):
        calls.append(self)
        return measure(self, *args, **kwargs)

    monkeypatch.setattr(cls, "get_tightbbox", counted)
    with drawing.tightbbox_once(once):
        once.tight_layout(rect=rect, pad=0.3)
    assert vars(once.subplotpars) == vars(plain.subplotpars)
    assert len(calls) == 1  # matplotlib asks twice
    assert "get_tightbbox" not in vars(once.axes[0])
    plt.close(plain)
    plt.close(once)


def _pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))


def test_png_has_matplotlibs_pixels_as_rgb_reproducibly(tmp_path):
    style.apply()
    fig = _chart()
    style.finish(fig, "Source: test")
    ours, again = tmp_path / "a.png", tmp_path / "b.png"
    drawing.write_png(fig, ours, 150)
    drawing.write_png(fig, again, 150)
    plain = io.BytesIO()
    fig.savefig(plain, format="png", dpi=150, metadata={"Software": None})
    assert ours.read_bytes() == again.read_bytes()
    with Image.open(ours) as im:
        assert im.mode == "RGB" and im.size == (1125, 675)
        assert [round(v) for v in im.info["dpi"]] == [150, 150]
        assert "Software" not in im.info
    assert np.array_equal(_pixels(ours.read_bytes()), _pixels(plain.getvalue()))
    assert drawing.png_image(again) is drawing.png_image(again)  # the last one written, in memory
    assert np.array_equal(np.asarray(drawing.png_image(ours).convert("RGBA")), _pixels(plain.getvalue()))
    plt.close(fig)


def test_png_of_a_transparent_figure_keeps_its_alpha(tmp_path):
    fig = plt.figure(figsize=(2, 1))
    fig.patch.set_alpha(0.0)
    fig.text(0.1, 0.5, "see-through")
    drawing.write_png(fig, tmp_path / "t.png", 100)
    plain = io.BytesIO()
    fig.savefig(plain, format="png", dpi=100)
    with Image.open(tmp_path / "t.png") as im:
        assert im.mode == "RGBA"
    assert np.array_equal(_pixels((tmp_path / "t.png").read_bytes()), _pixels(plain.getvalue()))
    plt.close(fig)


@pytest.mark.parametrize(
    ("group", "thumbnail"), [("topic", True), ("overview", True), ("province", False), ("profile", False)]
)
def test_a_page_makes_a_thumbnail_only_in_a_group_whose_index_entries_show_one(
    tmp_path, monkeypatch, group, thumbnail
):
    from helpers.data import load_figures
    from helpers.present import charts, page

    monkeypatch.setattr(page, "_show", lambda *args, **kwargs: None)
    df = load_figures(["ndxp_transactions"])
    pg = page.Page("en", tmp_path, group=group)
    pg.chart(charts.series_chart(df, "ndxp_transactions", "en"))
    thumbs = sorted(p.name for p in tmp_path.rglob("*.thumb.png"))
    assert bool(thumbs) == thumbnail, thumbs
    assert (pg.thumb is not None) == thumbnail
    assert list(tmp_path.rglob("*.png")) and list(tmp_path.rglob("*.narrow.svg"))  # the chart itself, always


def test_a_laid_out_chart_is_drawn_once_a_file_and_the_same(monkeypatch):
    """style.finish leaves no layout engine (drawing.laid_out): savefig draws the figure once, not a
    second time for a placeholder engine's pass, and the PNG and SVG are the bytes they were."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    def files(fig) -> tuple[bytes, bytes]:
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
        with plt.rc_context({"svg.hashsalt": style.SVG_SALT}):
            fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        return png.getvalue(), svg.getvalue()

    style.apply()
    fig = _chart()
    style.finish(fig, "Source: test", "a note")
    assert fig.get_layout_engine() is None
    draws = []
    real = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: draws.append(1) or real(self, renderer))
    once = files(fig)
    assert len(draws) == 2  # one a file
    fig.set_layout_engine(PlaceHolderLayoutEngine(True, True))  # as tight_layout leaves it
    assert files(fig) == once
    assert len(draws) == 6  # the placeholder's pass: a second draw a file
    plt.close(fig)


def test_text_metrics_shared_between_renderers_are_what_each_renderer_measures():
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    style.apply()
    shared = RendererAgg.get_text_width_height_descent
    plain = shared.__wrapped__
    drawing._METRICS.clear()
    for dpi in (72, 100, 150):
        for size, weight in ((8, "normal"), (13, "bold"), (9.5, "normal")):
            prop = FontProperties(family="sans-serif", size=size, weight=weight)
            for s in ("Hà Nội", "Thành phố Hồ Chí Minh", "2024", "71st of 193", "–", "lp"):
                expected = plain(RendererAgg(10, 10, dpi), s, prop, False)
                assert shared(RendererAgg(10, 10, dpi), s, prop, False) == expected  # measured
                assert shared(RendererAgg(20, 20, dpi), s, prop, False) == expected  # remembered
    assert len(drawing._METRICS) == 3 * 3 * 6
    style.apply()  # installed once
    assert RendererAgg.get_text_width_height_descent is shared


def test_a_chart_drawn_with_shared_text_metrics_is_the_same(monkeypatch):
    from matplotlib.backends.backend_agg import RendererAgg

    def files() -> tuple[bytes, bytes]:
        fig = _chart()
        style.finish(fig, "Nguồn: Bộ Thông tin và Truyền thông; Liên Hợp Quốc, 2024", "a note")
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
        with plt.rc_context({"svg.hashsalt": style.SVG_SALT}):
            fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
        return png.getvalue(), svg.getvalue()

    style.apply()
    drawing._METRICS.clear()
    cold, warm = files(), files()
    monkeypatch.setattr(
        RendererAgg, "get_text_width_height_descent", RendererAgg.get_text_width_height_descent.__wrapped__
    )
    monkeypatch.setattr(drawing, "share_text_metrics", lambda: None)
    assert cold == warm == files()
