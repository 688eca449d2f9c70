"""The house style: titles, units and source lines on every chart; reproducible files."""

import hashlib
import random

import matplotlib.pyplot as plt
import pytest

from helpers.data import ASEAN, load_figures
from helpers.present import charts, labels, style


@pytest.fixture(scope="module")
def df():
    return load_figures()


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts]


def _title(fig) -> str:
    return next(t.get_text() for t in fig.texts if t.get_gid() == "title")


CHARTS = [
    ("rank", lambda df, lang: charts.rank_chart(df, lang)),
    ("index", lambda df, lang: charts.index_chart(df, lang)),
    ("peers", lambda df, lang: charts.peer_rank_chart(df, ASEAN, lang)),
    ("series", lambda df, lang: charts.series_chart(df, "ndxp_transactions", lang)),
    (
        "multi",
        lambda df, lang: charts.multi_series_chart(
            df, ["cccd_cards_issued", "vneid_accounts_activated"], lang
        ),
    ),
    ("small", lambda df, lang: charts.small_multiples(df, ["egdi_rank", "ndxp_transactions"], lang)),
]


@pytest.mark.parametrize(("kind", "make"), CHARTS, ids=[c[0] for c in CHARTS])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_chart_has_title_unit_and_source_line_from_metadata(df, kind, make, lang):
    chart = make(df, lang)
    texts = _texts(chart.fig)
    source = next(t for t in texts if t.startswith(("Source", "Nguồn")))
    assert source.startswith("Source" if lang == "en" else "Nguồn")
    assert len([t for t in texts if t]) >= 3  # title, unit line, source line
    assert not chart.data.empty and {"indicator", "year", "value", "source_id"} <= set(chart.data.columns)
    plt.close(chart.fig)


def test_source_line_names_the_plotted_rows_sources(df):
    chart = charts.series_chart(df, "ndxp_transactions", "en")
    source = next(t for t in _texts(chart.fig) if t.startswith("Source"))
    assert "Báo Mới, 2025-02-06" in source and "VietNamNet" in source
    plt.close(chart.fig)


def test_vietnamese_titles_and_number_formats(df):
    chart = charts.series_chart(df, "ndxp_transactions", "vi")
    assert _title(chart.fig).startswith("Giao dịch qua Nền tảng")
    labels = [t.get_text() for t in chart.fig.axes[0].texts]
    assert "1,0 tỷ" in labels and "647 triệu" in labels
    plt.close(chart.fig)


def test_saved_files_are_byte_reproducible(df, tmp_path):
    hashes = []
    for run in ("a", "b"):
        chart = charts.rank_chart(df, "vi")
        chart.save(tmp_path / run)
        plt.close(chart.fig)
        hashes.append(
            {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((tmp_path / run).iterdir())}
        )
    assert hashes[0] == hashes[1]
    # the chart at column width, and again at a phone's width (``narrow.svg``), each reproducible
    assert set(hashes[0]) == {
        f"egdi_rank_VNM_vi.{ext}" for ext in ("png", "svg", "narrow.svg", "csv", "json")
    }
    svg = (tmp_path / "a" / "egdi_rank_VNM_vi.svg").read_text(encoding="utf-8")
    assert (
        "<dc:date>" not in svg and "Việt Nam tăng 15 bậc" in svg
    )  # no date; text kept as text (diacritics intact)


def test_csv_is_exactly_the_plotted_data(df, tmp_path):
    chart = charts.rank_chart(df, "en", start_year=2016)
    chart.save(tmp_path)
    text = (tmp_path / "egdi_rank_VNM_en.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "indicator,entity,year,date,value,source_id,selected"
    assert [line.split(",")[2] for line in text[1:]] == ["2016", "2018", "2020", "2022", "2024"]
    plt.close(chart.fig)


def test_style_choices():
    style.apply()
    assert plt.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert plt.rcParams["svg.hashsalt"] == style.SVG_SALT
    assert style.VIET_NAM in style.PALETTE  # Okabe-Ito vermillion
    from matplotlib import font_manager

    font = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
    assert font.endswith("DejaVuSans.ttf")
    assert style.number_formatter("vi")(76_500_000, 0) == "76,5 triệu"


def test_spread_keeps_a_gap_and_leaves_lone_labels_alone():
    assert labels.spread([3, 71, 73, 75, 120], [2, 2, 2, 2, 2], 0, 200, 2) == [3, 71, 75, 79, 120]
    # pushed back down from the top when they would leave the plot
    assert labels.spread([96, 97, 98], [2, 2, 2], 0, 100, 2) == [91, 95, 99]


def _greedy(text, width_px: float, renderer) -> str:
    """Word after word, a new line when the next word does not fit: what wrap_to must give."""
    lines = []
    for paragraph in text.get_text().split("\n"):
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}".strip()
            text.set_text(trial)
            if current and text.get_window_extent(renderer).width > width_px:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return "\n".join(lines)


@pytest.mark.parametrize("width", [40, 150, 333, 520, 2000])
def test_wrap_to_breaks_lines_as_word_after_word_would(width):
    rng = random.Random(width)
    words = [
        "Hà",
        "Nội",
        "xếp",
        "thứ",
        "1",
        "trong",
        "63",
        "tỉnh",
        "DTI",
        "2023",
        "the",
        "index",
        "rose",
        "from",
        "0.5123",
        "to",
        "0.6789",
        "in",
        "2024",
    ]
    fig = plt.figure(figsize=(7, 4))
    renderer = fig.canvas.get_renderer()
    try:
        for _ in range(12):
            paragraphs = [
                " ".join(rng.choices(words, k=rng.randint(0, 30))) for _ in range(rng.randint(1, 3))
            ]
            original = "\n".join(paragraphs)
            a = fig.text(0, 0, original, fontsize=rng.choice([8, 9.5, 14]))
            b = fig.text(0, 0, original, fontsize=a.get_fontsize())
            style.wrap_to(a, width, renderer)
            assert a.get_text() == _greedy(b, width, renderer)
            assert a.get_text().split() == original.split()  # every word kept, in order
    finally:
        plt.close(fig)
