"""English and Vietnamese labels for charts and tables. Indicator names and units come from the data
dictionary (``indicators.csv``); this module holds only the words that are not data."""

from __future__ import annotations

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
}


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ("en" or "vi"); KeyError names a missing label."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return LABELS[key][lang]
