"""style.finish_stack: panels one above the other at their own sizes (the tile maps on a phone),
with no gap under a map and no title over the map above it."""

import matplotlib.pyplot as plt
import pytest

from helpers.data import load_figures
from helpers.present import charts, style
from helpers.present.charts import tilemap


def _boxes(fig):
    """Each panel's box and its title's box, in pixels, as drawn."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(ax.get_window_extent(renderer), ax.title.get_window_extent(renderer)) for ax in fig.axes]


def test_stacked_panels_take_their_sizes_in_order_without_overlap():
    with style.narrow():
        fig, axes = style.new_chart("A finding", "unit", 2, 1, figsize=(style.width(), 20))
    for ax, head in zip(axes, ("First", "Second"), strict=True):
        ax.set_title(head, loc="left")
        ax.plot([0, 1], [0, 1])
    sizes = [(3.0, 6.0), (2.0, 4.0)]
    style.finish_stack(fig, "Source: a test", sizes, gap=0.2)
    (first, head1), (second, head2) = _boxes(fig)
    dpi = fig.dpi
    for box, (w, h) in zip((first, second), sizes, strict=True):
        assert box.width == pytest.approx(w * dpi, rel=1e-3) and box.height == pytest.approx(
            h * dpi, rel=1e-3
        )
    assert head2.y1 < first.y0  # the second title sits under the first panel, not on it
    assert first.y0 - second.y1 < head2.height + 0.2 * dpi + 12  # and no more room than title and gap
    texts = {t.get_gid(): t.get_window_extent() for t in fig.texts}
    assert texts["subtitle"].y0 > head1.y1 and texts["source"].y1 < second.y0  # nothing overlaps
    assert fig.get_figheight() < 6 + 4 + 2.5  # as tall as the panels need, not the 20 inches asked
    plt.close(fig)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_phone_tile_map_has_no_gap_under_the_first_map(lang):
    """At a phone's width the two maps stand one above the other with tiles of one size and their
    own shape, the second map's title just under the first map (it once left 2 inches empty)."""
    with style.narrow():
        chart = charts.tile_map(load_figures(), lang)
    (first, _), (second, head2) = _boxes(chart.fig)
    cols = [max(c for _, c in tilemap.layout(p).values()) + 1 for p in tilemap.PERIODS]
    rows = [max(r for r, _ in tilemap.layout(p).values()) + 1 for p in tilemap.PERIODS]
    tile = first.width / cols[0]
    assert second.width / cols[1] == pytest.approx(tile, rel=1e-3)
    assert first.height / rows[0] == pytest.approx(tile * tilemap.TALL, rel=1e-3)
    assert 0 < first.y0 - head2.y1 < 0.3 * chart.fig.dpi
    plt.close(chart.fig)
