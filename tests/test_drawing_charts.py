"""The province charts' cheaper steps give what the plain ones give (as tests/test_drawing.py does for
the house style): names resolved once per chart, seaborn's heatmap without its measuring draw. Each
compares the chart's SVG bytes, drawn both ways."""

from __future__ import annotations

import contextlib
import io

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.data import load_figures, validate  # noqa: E402
from helpers.present import charts, drawing, style  # noqa: E402
from helpers.present.charts import tilemap  # noqa: E402
from helpers.present.locale import country, namer  # noqa: E402


def _svg(fig) -> bytes:
    out = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": style.SVG_SALT}):
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_namer_names_every_place_as_country_does(lang):
    ds = validate()
    codes = [*ds.places.by_code, *ds.un.countries, "VNM", "XYZ"]
    named = namer(lang)
    assert [named(c) for c in codes] == [country(c, lang) for c in codes]


def test_a_namer_reads_the_data_once_and_a_new_one_sees_a_changed_folder(monkeypatch):
    import importlib
    import sys

    calls = []
    real = validate

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    importlib.import_module("helpers.data.validate.dataset")
    monkeypatch.setattr(sys.modules["helpers.data.validate"], "validate", counted)  # as namer imports it
    named = namer("en")
    assert not calls  # nothing read until a name needs the data
    codes = [c for c, p in real().places.by_code.items() if p.level == "province"][:20]
    [named(c) for c in codes]
    assert len(calls) == 1
    namer("en")(codes[0])
    assert len(calls) == 2  # each namer looks at the folder: a changed folder is seen


def _heatmap(rows: int, cols: int, size: tuple, cheap: bool, label: str) -> tuple[bytes, list, list]:
    rng = np.random.default_rng(rows * 100 + cols)
    data = pd.DataFrame(
        rng.integers(1, 64, (rows, cols)).astype(float),
        index=[f"{label}{i:02d}" for i in range(rows)],
        columns=range(2000, 2000 + cols),
    )
    data.iloc[0, 0] = np.nan
    import seaborn as sns

    style.apply()
    fig, ax = plt.subplots(figsize=size)
    with drawing.heatmap_undrawn() if cheap else contextlib.nullcontext():
        sns.heatmap(data, ax=ax, mask=data.isna(), cbar=False, annot=True, fmt=".0f", linewidths=0.6)
    turned = [
        [t.get_rotation() for t in ax.get_xticklabels()],
        [t.get_rotation() for t in ax.get_yticklabels()],
    ]
    return _svg(fig), *turned


@pytest.mark.parametrize(
    ("rows", "cols", "size", "label", "x_turned", "y_turned"),
    [
        (63, 5, (7.5, 15.2), "VN-", 0.0, 0.0),  # the provinces' shape: names too tall to stand turned
        (4, 3, (7.5, 4.5), "a", 0.0, 90.0),  # seaborn leaves short labels turned
        (30, 12, (3.75, 5.4), "VN-", 90.0, 0.0),  # years too many for a phone: turned upright
    ],
)
def test_a_heatmap_undrawn_is_the_heatmap_seaborn_draws(rows, cols, size, label, x_turned, y_turned):
    plain = _heatmap(rows, cols, size, False, label)
    cheap = _heatmap(rows, cols, size, True, label)
    assert cheap == plain
    _, xs, ys = cheap
    assert set(xs) == {x_turned} and set(ys) == {y_turned}  # both of seaborn's decisions are tested


@pytest.mark.slow
@pytest.mark.parametrize("narrow", [False, True])
def test_the_rank_heatmap_is_the_same_drawn_as_seaborn_would_alone(monkeypatch, narrow):
    """The chart names its rows itself (seaborn labels none, so it measures none) and keeps seaborn
    from drawing: the same SVG as seaborn labelling every row by its code, drawing the figure to
    turn the codes level (they always overlap upright, a row being 0.2 in), then renamed."""
    import seaborn as sns

    df = load_figures()
    with style.narrow() if narrow else contextlib.nullcontext():
        cheap = _svg(charts.rank_heatmap(df, "vi").fig)
        real = sns.heatmap

        def seaborn_alone(*args, yticklabels=None, **kwargs):
            assert yticklabels is False
            return real(*args, **kwargs)

        monkeypatch.setattr(sns, "heatmap", seaborn_alone)
        monkeypatch.setattr(drawing, "heatmap_undrawn", contextlib.nullcontext)
        plain = _svg(charts.rank_heatmap(df, "vi").fig)
    assert cheap == plain


def _fit_every_width(ax, room: float = 0.9) -> None:
    """The plain way to fit tile names: every width of the list tried, measured each time."""
    import textwrap

    renderer = ax.figure.canvas.get_renderer()
    tile = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
    for t in ax.texts:
        if not str(t.get_gid()).startswith("tile-name"):
            continue
        label = " ".join(t.get_text().split())
        for width in (12, 10, 9, 8, 7, 6, 5):
            lines = textwrap.wrap(label, width, break_long_words=False)
            t.set_text("\n".join(lines))
            if len(lines) <= 2 and t.get_window_extent(renderer).width <= room * tile:
                break
        else:
            t.set_text(tilemap.short_name(label))


@pytest.mark.parametrize(("lang", "narrow"), [("en", False), ("vi", True)])
def test_tile_names_fit_as_trying_every_width_fits_them(monkeypatch, lang, narrow):
    df = load_figures()
    with style.narrow() if narrow else contextlib.nullcontext():
        cheap = charts.tile_map(df, lang).fig
        monkeypatch.setattr(tilemap, "fit_names", _fit_every_width)
        plain = charts.tile_map(df, lang).fig
    names = [[t.get_text() for t in ax.texts] for fig in (cheap, plain) for ax in fig.axes]
    assert names[: len(cheap.axes)] == names[len(cheap.axes) :]
    assert any("\n" in n for n in names[0])  # some names wrapped
    assert _svg(cheap) == _svg(plain)


def test_a_tile_name_close_to_its_limit_is_measured_as_drawn():
    style.apply()
    fig, ax = plt.subplots()
    text = ax.text(0.5, 0.5, "", ha="center", va="top", fontsize=8, linespacing=1.0)
    renderer = fig.canvas.get_renderer()
    lines = ["Bà Rịa -", "Vũng Tàu"]
    text.set_text("\n".join(lines))
    drawn = text.get_window_extent(renderer).width
    text.set_text("")
    assert tilemap._fits(text, lines, drawn, renderer)
    assert not tilemap._fits(text, lines, drawn - 1e-6, renderer)
    assert tilemap._fits(text, lines, drawn + 1, renderer)
    assert not tilemap._fits(text, lines, drawn - 1, renderer)
    plt.close(fig)


def test_moves_read_the_dictionary_once_and_state_what_each_state_call_states(monkeypatch):
    import helpers.data
    from helpers import provinces as pv
    from helpers.compare import state
    from helpers.provinces.moves import _rank_figure

    df = load_figures()
    table = pv.rank_table(df, "dti_rank")
    calls = []
    real = validate
    monkeypatch.setattr(helpers.data, "validate", lambda *a, **k: calls.append(1) or real(*a, **k))
    found = pv.moves(df, table=table)
    assert len(calls) == 1 and found and any(m.places is not None for m in found)
    rows = {r.id: r for r in table.itertuples()}
    for m in found:
        alone = state("change", [_rank_figure(rows[i]) for i in m.ids])  # the dictionary looked up itself
        assert m.statement == alone
