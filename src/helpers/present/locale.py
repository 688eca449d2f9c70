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


# --- dates, ordinals and change in natural units ------------------------------------------------

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


def month_year(date: str, lang: str) -> str:
    """A date's month and year: "2023-12-31" -> "Dec 2023" / "12/2023"."""
    _check(lang)
    year, month = int(date[:4]), int(date[5:7])
    return f"{MONTHS_EN[month - 1]} {year}" if lang == "en" else f"{month:02d}/{year}"


def when(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time as a label: its year, or the month and year of its date; with the period it
    covers (``figures.period``), a quarter "Q1 2022" / "quý 1/2022", a half "H1 2025" /
    "6 tháng đầu 2025", a year to date "Jan–Sep 2022" / "1–9/2022"."""
    _check(lang)
    if not date:
        return str(int(year))
    y, m = int(date[:4]), int(date[5:7])
    if period == "quarter":
        q = (m - 1) // 3 + 1
        return f"Q{q} {y}" if lang == "en" else f"quý {q}/{y}"
    if period == "half":
        h = 1 if m <= 6 else 2
        return f"H{h} {y}" if lang == "en" else f"6 tháng {'đầu' if h == 1 else 'cuối'} {y}"
    if period == "year_to_date" and m > 1:
        return f"Jan–{MONTHS_EN[m - 1]} {y}" if lang == "en" else f"1–{m}/{y}"
    return month_year(date, lang)


def at(year: int, date: str, lang: str, period: str = "") -> str:
    """A figure's time in a sentence: "in 2024" / "năm 2024", "in Dec 2023" / "tháng 12/2023"."""
    _check(lang)
    label = when(year, date, lang, period)
    if lang == "en":
        return f"in {label}"
    if not date:
        return f"năm {label}"
    return label if period in ("quarter", "half", "year_to_date") else f"tháng {label}"


def since(year: int, date: str, lang: str, period: str = "") -> str:
    """The comparison named: "since 2022" / "so với năm 2022"."""
    _check(lang)
    if lang == "en":
        return f"since {when(year, date, lang, period)}"
    return f"so với {at(year, date, lang, period)}"


def ordinal(n: int, lang: str) -> str:
    """71 -> "71st" / "thứ 71"."""
    _check(lang)
    n = int(n)
    if lang == "vi":
        return f"thứ {n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def places(n: int, lang: str) -> str:
    """15 -> "15 places" / "15 bậc"; 1 -> "1 place"."""
    _check(lang)
    n = int(n)
    return f"{n} {'place' if n == 1 else 'places'}" if lang == "en" else f"{n} bậc"


MULTIPLE_FROM = 3.0  # a count that grew at least this many times is said as a multiple ("17x")
MINUS = "\u2212"


def _signed(text: str, d: float) -> str:
    return ("+" if d > 0 else MINUS if d < 0 else "") + text


def change_value(old: float, new: float, kind: str, lang: str) -> str:
    """The change from ``old`` to ``new`` in the natural unit of ``kind``, without its date:

    ranks in places ("up 15 places" / "tăng 15 bậc", 1 = best), shares and rates in percentage points
    ("+4.0 pp" / "+4,0 điểm %"), indices in index points ("+0.093"), counts as multiples when they
    grew ``MULTIPLE_FROM`` times or more ("17x" / "gấp 17 lần"), else in percent ("+57%")."""
    _check(lang)
    d = new - old
    if kind == "rank":
        moved = int(round(abs(d)))
        if not moved:
            return "unchanged" if lang == "en" else "không đổi"
        up = d < 0  # a smaller rank is better
        word = ("up" if up else "down") if lang == "en" else ("tăng" if up else "giảm")
        return f"{word} {places(moved, lang)}"
    if kind in ("share", "rate"):
        unit = "pp" if lang == "en" else "điểm %"
        return _signed(f"{format_number(abs(d), lang, decimals=1)} {unit}", d)
    if kind == "index":
        return _signed(format_number(abs(d), lang, decimals=3), d)
    if old > 0 and new / old >= MULTIPLE_FROM:
        r = new / old
        text = format_number(r, lang, decimals=0 if r >= 10 else 1)
        return f"{text}x" if lang == "en" else f"gấp {text} lần"
    if not old:
        return _signed(format_number(abs(d), lang), d)
    pct = d / old * 100
    return _signed(format_number(abs(pct), lang, percent=True, decimals=0 if abs(pct) >= 10 else 1), pct)


def change(old: float, new: float, kind: str, lang: str, year: int, date: str = "", period: str = "") -> str:
    """:func:`change_value` with the comparison date named: "up 15 places since 2022",
    "+4.0 pp since Dec 2022", "17x since 2021" / "tăng 15 bậc so với năm 2022"."""
    return f"{change_value(old, new, kind, lang)} {since(year, date, lang, period)}"


COUNTRIES: dict[str, dict[str, str]] = {
    "BRN": {"en": "Brunei", "vi": "Brunei"},
    "KHM": {"en": "Cambodia", "vi": "Campuchia"},
    "IDN": {"en": "Indonesia", "vi": "Indonesia"},
    "LAO": {"en": "Laos", "vi": "Lào"},
    "MYS": {"en": "Malaysia", "vi": "Malaysia"},
    "MMR": {"en": "Myanmar", "vi": "Myanmar"},
    "PHL": {"en": "Philippines", "vi": "Philippines"},
    "SGP": {"en": "Singapore", "vi": "Singapore"},
    "THA": {"en": "Thailand", "vi": "Thái Lan"},
    "TLS": {"en": "Timor-Leste", "vi": "Timor-Leste"},
    "VNM": {"en": "Viet Nam", "vi": "Việt Nam"},
}


def country(iso3: str, lang: str) -> str:
    """A country's short name in ``lang``; the UN's name for one not listed in :data:`COUNTRIES`."""
    _check(lang)
    if iso3 in COUNTRIES:
        return COUNTRIES[iso3][lang]
    return validate().un.countries.get(iso3, iso3)


# Chart sentences: titles that state the finding, subtitles with unit and period.
CHART_TEXT: dict[str, dict[str, str]] = {
    "rank_up": {
        "en": "{who} rose {places} to {ordinal} {at}",
        "vi": "{who} tăng {places}, lên {ordinal} {at}",
    },
    "rank_down": {
        "en": "{who} fell {places} to {ordinal} {at}",
        "vi": "{who} giảm {places}, xuống {ordinal} {at}",
    },
    "rank_same": {"en": "{who} held {ordinal} place {at}", "vi": "{who} giữ vị trí {ordinal} {at}"},
    "rank_one": {"en": "{who} ranked {ordinal} {at}", "vi": "{who} xếp {ordinal} {at}"},
    "rose": {
        "en": "{name} rose from {first} {t0} to {last} {t1}",
        "vi": "{name} tăng từ {first} ({t0}) lên {last} ({t1})",
    },
    "fell": {
        "en": "{name} fell from {first} {t0} to {last} {t1}",
        "vi": "{name} giảm từ {first} ({t0}) xuống {last} ({t1})",
    },
    "flat": {
        "en": "{name} stayed at {last} from {t0} to {t1}",
        "vi": "{name} giữ mức {last} từ {t0} đến {t1}",
    },
    "one": {"en": "{name}: {last} {t1}", "vi": "{name}: {last} ({t1})"},
    "crossed": {
        "en": "Viet Nam's EGDI reached 'very high' ({threshold} or more) {at}",
        "vi": "EGDI của Việt Nam đạt mức 'rất cao' (từ {threshold}) {at}",
    },
    "peers": {
        "en": "{at_cap} {who} ranked {ordinal} of {surveyed}, {position} of the {n} countries shown",
        "vi": "{at_cap}, {who} xếp {ordinal}/{surveyed}, {position} trong {n} nước được so sánh",
    },
    "improved": {
        "en": "{k} of {n} series improved on their previous figure",
        "vi": "{k}/{n} chuỗi số liệu cải thiện so với số liệu trước đó",
    },
    "one_best": {"en": "1 = best", "vi": "1 = cao nhất"},
    "survey_years": {"en": "UN survey years {t0}–{t1}", "vi": "các năm khảo sát LHQ {t0}–{t1}"},
    "period": {"en": "{t0}–{t1}", "vi": "{t0}–{t1}"},
    "components": {
        "en": "The EGDI is the mean of its three components; index from 0 to 1",
        "vi": "EGDI là trung bình của ba chỉ số thành phần; chỉ số từ 0 đến 1",
    },
    "very_high_line": {"en": "'very high' from {threshold}", "vi": "mức 'rất cao' từ {threshold}"},
    "target": {"en": "target {year}", "vi": "mục tiêu {year}"},
    "own_units_period": {
        "en": "each panel in its own unit, {t0}–{t1}",
        "vi": "mỗi ô một đơn vị riêng, {t0}–{t1}",
    },
    "no_figure": {"en": "no figure in the years shown", "vi": "không có số liệu trong các năm đã chọn"},
}


def chart_text(key: str, lang: str, **facts) -> str:
    """A chart sentence in ``lang`` with ``facts`` filled in."""
    _check(lang)
    return CHART_TEXT[key][lang].format(**facts)


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
