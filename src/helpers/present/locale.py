"""Everything that depends on ``lang``, in one place: labels, number formats, an indicator's name and
unit in a language, values formatted for their kind, source lines, and the report pages' chrome.

Indicator names and units come from the data dictionary (``indicators.csv``); the words that are not
data are in :data:`LABELS`. Standard library only (the report runner's pages use it without pandas).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..data import numbers
from ..data.validate import validate

LANGS = ("en", "vi")

LABELS: dict[str, dict[str, str]] = {
    "year": {"en": "Year", "vi": "Năm"},
    "date": {"en": "Date", "vi": "Ngày"},
    "value": {"en": "Value", "vi": "Giá trị"},
    "source": {"en": "Source", "vi": "Nguồn"},
    "quote": {"en": "Quote", "vi": "Trích dẫn"},
    "note": {"en": "Note", "vi": "Ghi chú"},
    "indicator": {"en": "Indicator", "vi": "Chỉ số"},
    "latest": {"en": "Latest", "vi": "Mới nhất"},
    "previous": {"en": "Previous", "vi": "Trước đó"},
    "change": {"en": "Change", "vi": "Thay đổi"},
    "growth": {"en": "Growth on the year before", "vi": "Tăng so với năm trước"},
    "selected": {"en": "Used in charts", "vi": "Dùng trong biểu đồ"},
    "status": {"en": "Status", "vi": "Kết quả"},
    "stated": {"en": "Stated", "vi": "Công bố"},
    "computed": {"en": "Computed", "vi": "Tính lại"},
    "claim": {"en": "Claim", "vi": "Nhận định"},
    "country": {"en": "Country", "vi": "Quốc gia"},
    "position": {"en": "Position in South-East Asia", "vi": "Vị trí trong Đông Nam Á"},
    "very_high": {"en": "'Very high' EGDI (0.75)", "vi": "EGDI mức 'Rất cao' (0,75)"},
    "rank_axis": {"en": "Rank (1 = best)", "vi": "Thứ hạng (1 = cao nhất)"},
    "peers_title": {
        "en": "UN E-Government rank: Viet Nam and South-East Asia",
        "vi": "Xếp hạng Chính phủ điện tử LHQ: Việt Nam và Đông Nam Á",
    },
    "subindices_title": {
        "en": "EGDI and its components, Viet Nam",
        "vi": "EGDI và các chỉ số thành phần, Việt Nam",
    },
    "identity_title": {
        "en": "Chip-based ID cards and VNeID accounts",
        "vi": "Thẻ căn cước công dân gắn chip và tài khoản VNeID",
    },
    "activation_rate": {
        "en": "VNeID accounts activated per chip-based ID card issued",
        "vi": "Tài khoản VNeID kích hoạt trên số thẻ CCCD đã cấp",
    },
    "percent": {"en": "percent", "vi": "phần trăm"},
    "consistent": {"en": "consistent", "vi": "khớp"},
    "inconsistent": {"en": "inconsistent", "vi": "không khớp"},
    "not checkable": {"en": "not checkable", "vi": "không kiểm tra được"},
    "over": {"en": "over", "vi": "trên"},
    "nearly": {"en": "nearly", "vi": "gần"},
    "about": {"en": "about", "vi": "khoảng"},
    "VNM": {"en": "Viet Nam", "vi": "Việt Nam"},
    "places": {"en": "places", "vi": "bậc"},
    "points": {"en": "pts", "vi": "điểm %"},
    "sources": {"en": "Sources", "vi": "Nguồn"},
    "un_survey": {
        "en": "UN E-Government Survey {years} (UN DESA)",
        "vi": "Khảo sát Chính phủ điện tử LHQ {years}",
    },
    "all_series_title": {
        "en": "Viet Nam's digital government: every series",
        "vi": "Chính phủ số Việt Nam: các chuỗi số liệu",
    },
    "own_units": {"en": "each panel in its own unit", "vi": "mỗi ô một đơn vị riêng"},
    "no_disagreement": {"en": "No disagreement between sources.", "vi": "Các nguồn không khác nhau."},
    # The report pages' chrome (helpers.reports.html)
    "report": {"en": "Report", "vi": "Báo cáo"},
    "parameters": {"en": "Parameters", "vi": "Tham số"},
    "defaults": {"en": "(defaults)", "vi": "(mặc định)"},
    "data_version": {"en": "Data version", "vi": "Phiên bản dữ liệu"},
    "built": {"en": "Built", "vi": "Tạo lúc"},
    "built_in": {"en": "{at} in {secs:.1f} s", "vi": "{at}, mất {secs:.1f} giây"},
    "error": {"en": "Error", "vi": "Lỗi"},
    "all_reports": {"en": "All reports", "vi": "Mọi báo cáo"},
    "run_time": {"en": "Run time", "vi": "Thời gian chạy"},
    "failed_run": {"en": "failed run", "vi": "lần chạy lỗi"},
    "site_title": {
        "en": "Viet Nam's digital government in figures",
        "vi": "Chính phủ số Việt Nam qua các con số",
    },
    "reports": {"en": "reports", "vi": "báo cáo"},
}


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ("en" or "vi"); KeyError names a missing label."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return LABELS[key][lang]


# --- numbers ----------------------------------------------------------------------------------


def format_number(value: float, lang: str = "en", decimals: int | None = None, percent: bool = False) -> str:
    """Format for people: 1013000000 -> "1.0 bn" / "1,0 tỷ"; 76500000 -> "76.5 m" / "76,5 triệu";
    45500 -> "45,500" / "45.500"; 18.3 with ``percent`` -> "18.3%" / "18,3%"."""
    if lang not in numbers.CONVENTIONS:
        raise ValueError(f"lang must be 'en' or 'vi', not {lang!r}")
    return numbers.write(value, numbers.CONVENTIONS[lang], decimals=decimals, percent=percent)


def meta(indicator: str, lang: str) -> dict:
    """An indicator's name, unit, short unit and kind in ``lang``, from the data dictionary."""
    row = validate().indicators[indicator]
    return {
        "name": row[f"name_{lang}"],
        "unit": row[f"unit_{lang}"],
        "short": row[f"short_unit_{lang}"],
        "kind": row["kind"],
    }


def fmt(value: float, indicator: str, lang: str) -> str:
    """A value formatted for its indicator's kind: ranks whole, indices 3 decimals, shares in %."""
    kind = meta(indicator, lang)["kind"]
    if kind == "rank":
        return f"{value:.0f}"
    if kind == "index":
        return format_number(value, lang, decimals=3)
    if kind in ("share", "rate"):
        return format_number(value, lang, percent=True, decimals=None if value % 1 else 0)
    return format_number(value, lang)


def tick_format(indicator: str, lang: str) -> Callable[[float], str]:
    """How an axis of ``indicator`` labels its ticks."""
    kind = meta(indicator, lang)["kind"]
    if kind in ("share", "rate"):
        return lambda v: format_number(v, lang, percent=True, decimals=0 if float(v).is_integer() else 1)
    decimals = {"index": 2, "rank": 0}.get(kind)
    return lambda v: format_number(v, lang, decimals=decimals)


# --- sources ----------------------------------------------------------------------------------


def source_name(source_id: str, data_dir: str | Path | None = None) -> str:
    """A source as people cite it: its publisher (without the parenthesis) and publication date."""
    src = validate(data_dir).sources[source_id]
    publisher = src["publisher"].split(" (")[0]
    return f"{publisher}, {src['published']}" if src["published"] else publisher


def cite(source_ids: Iterable[str], lang: str = "en", data_dir: str | Path | None = None) -> str:
    """A source line built from sources.csv: publishers and titles, never typed by hand."""
    ds = validate(data_dir)
    ids = list(dict.fromkeys(source_ids))
    un = sorted({ds.sources[s]["published"][:4] for s in ids if ds.sources[s]["kind"] == "un_survey"})
    parts = [t("un_survey", lang).format(years=", ".join(un))] if un else []
    parts += [source_name(s, data_dir) for s in ids if ds.sources[s]["kind"] != "un_survey"]
    return f"{t('sources' if len(parts) > 1 else 'source', lang)}: " + "; ".join(parts)
