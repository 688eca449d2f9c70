"""The grammar of facts that no library knows: ordinals ("71st" / "thứ 71", by CLDR's ordinal
categories), places in a ranking ("up 15 places" / "tăng 15 bậc"), changes in their natural unit
("+4.0 pp", "gấp 24 lần"), chart sentences, countries, targets' instruments, why a claim could not
be checked. Every word is the catalogue's.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata

from .catalogue import check, cldr, plural, t, text
from .dates import since
from .formats import format_number, meta

MULTIPLE_FROM = 3.0  # a count that grew at least this many times is said as a multiple ("17x")
MINUS = "\u2212"


def ordinal(n: int, lang: str) -> str:
    """71 -> "71st" / "thứ 71": the catalogue's form for CLDR's ordinal category of ``n``."""
    n = int(n)
    form = cldr(lang).ordinal_form(n)
    key = f"ordinal_{form}"
    return text(key if key in _ORDINALS else "ordinal_other", lang, n=n)


_ORDINALS = ("ordinal_one", "ordinal_two", "ordinal_few", "ordinal_other")


def places(n: int, lang: str) -> str:
    """15 -> "15 places" / "15 bậc"; 1 -> "1 place"."""
    return plural("places_n", int(n), lang)


def _signed(text: str, d: float) -> str:
    return ("+" if d > 0 else MINUS if d < 0 else "") + text


def _multiple(old: float, new: float, lang: str) -> str | None:
    """The multiple ``new / old`` written for people when it is ``MULTIPLE_FROM`` or more."""
    if old > 0 and new / old >= MULTIPLE_FROM:
        r = new / old
        return format_number(r, lang, decimals=0 if r >= 10 else 1)
    return None


def change_value(old: float, new: float, kind: str, lang: str) -> str:
    """The change from ``old`` to ``new`` in the natural unit of ``kind``, without its date:

    ranks in places ("up 15 places" / "tăng 15 bậc", 1 = best), shares and rates in percentage points
    ("+4.0 pp" / "+4,0 điểm %"), indices in index points ("+0.093"), counts as multiples when they
    grew ``MULTIPLE_FROM`` times or more ("17x" / "gấp 17 lần"), else in percent ("+57%")."""
    check(lang)
    d = new - old
    if kind == "rank":
        moved = int(round(abs(d)))
        if not moved:
            return t("unchanged", lang)
        return text("rank_up_by" if d < 0 else "rank_down_by", lang, places=places(moved, lang))
    if kind in ("share", "rate"):
        return _signed(text("points_n", lang, n=format_number(abs(d), lang, decimals=1)), d)
    if kind == "index":
        return _signed(format_number(abs(d), lang, decimals=3), d)
    multiple = _multiple(old, new, lang)
    if multiple:
        return text("times_x", lang, n=multiple)
    if not old:
        return _signed(format_number(abs(d), lang), d)
    pct = d / old * 100
    return _signed(format_number(abs(pct), lang, percent=True, decimals=0 if abs(pct) >= 10 else 1), pct)


def change(old: float, new: float, kind: str, lang: str, year: int, date: str = "", period: str = "") -> str:
    """:func:`change_value` with the comparison date named: "up 15 places since 2022",
    "+4.0 pp since Dec 2022", "17x since 2021" / "tăng 15 bậc so với năm 2022"."""
    return text(
        "change_since", lang, change=change_value(old, new, kind, lang), since=since(year, date, lang, period)
    )


def change_phrase(kind: str, before: float, after: float, lang: str) -> str:
    """A change in a sentence, in its natural unit: places for ranks ("up 15 places"), percentage
    points for shares, the difference for indices, a multiple for large ratios ("up 17-fold") and
    percent otherwise."""
    if kind == "rank":
        gained = round(before - after)
        if gained == 0:
            return t("unchanged", lang)
        return text("rank_up_by" if gained > 0 else "rank_down_by", lang, places=places(abs(gained), lang))
    diff = after - before
    if diff == 0:
        return t("unchanged", lang)
    key = "up" if diff > 0 else "down"
    if kind in ("share", "rate"):
        return text(f"{key}_points", lang, n=format_number(abs(diff), lang, decimals=1))
    if kind == "index":
        return text(f"{key}_by", lang, n=format_number(abs(diff), lang, decimals=3))
    multiple = _multiple(before, after, lang)
    if multiple:
        return text("times", lang, n=multiple)
    if before == 0:
        return text(f"{key}_by", lang, n=format_number(abs(diff), lang))
    pct = abs(diff / before * 100)
    return text(f"{key}_pct", lang, n=format_number(pct, lang, decimals=0 if pct >= 10 else 1, percent=True))


def change_short(kind: str, before: float, after: float, lang: str) -> str:
    """A change for a table cell, in its natural unit: "+15 places", "+1.8 pp", "+57%", "17×"."""
    if kind == "rank":
        gained = round(before - after)
        return plural("places_n", abs(gained), lang, n=_signed(str(abs(gained)), gained)) if gained else "="
    diff = after - before
    if diff == 0:
        return "="
    if kind in ("share", "rate"):
        return _signed(text("points_n", lang, n=format_number(abs(diff), lang, decimals=1)), diff)
    if kind == "index":
        return _signed(format_number(abs(diff), lang, decimals=3), diff)
    multiple = _multiple(before, after, lang)
    if multiple:
        return text("times_short", lang, n=multiple)
    if before == 0:
        return _signed(format_number(abs(diff), lang), diff)
    pct = abs(diff / before * 100)
    return _signed(format_number(pct, lang, decimals=0 if pct >= 10 else 1, percent=True), diff)


def country(code: str, lang: str) -> str:
    """A place's short name in ``lang``: a country's (``country_ISO3`` in the catalogue, else the UN's
    name) or a province's (``places.csv``: "Hà Giang" / "Ha Giang" for VN-03)."""
    return namer(lang)(code)


def namer(lang: str):
    """:func:`country` for many places: ``names = namer(lang)``, then ``names(code)``. The data folder
    is validated at most once, at the first name the catalogue does not hold (a chart of 63
    provinces looks at the folder once, not once a name); a new namer sees a folder changed since."""
    from ...data.validate import validate
    from .catalogue import has

    lang = check(lang)
    seen = []  # the validated dataset, once asked for

    def name(code: str) -> str:
        key = f"country_{code}"
        if has(key, lang):
            return t(key, lang)
        if not seen:
            seen.append(validate())
        ds = seen[0]
        place = ds.places.get(code)
        if place is None:
            return ds.un.countries.get(code, code)
        return getattr(place, f"name_{lang}")  # places.csv has name_vi and name_en

    return name


place = country  # a province is a place as a country is


def territory_label(territory: str, lang: str) -> str:
    """How a chart labels a figure by its ``territory`` (the loader's column): "as published for the
    merged province" for a producer's value for a province formed after the figure's period
    (``successor``: DTI 2024 for the 34 provinces); empty for a place as it existed."""
    return text("territory_successor", lang) if territory == "successor" else ""


def alphabetical(name: str) -> str:
    """A name as an alphabetical list orders it: its letters without their marks, Đ after D
    ("Đà Nẵng" after "Dak Lak", "Hà Nội" before "Huế")."""
    base = unicodedata.normalize("NFD", name.replace("Đ", "D~").replace("đ", "d~"))
    return "".join(ch for ch in base if not unicodedata.combining(ch)).lower()


def chart_text(key: str, lang: str, **facts) -> str:
    """A chart sentence (``chart_KEY`` in the catalogue) in ``lang`` with ``facts`` filled in."""
    return text(f"chart_{key}", lang, **facts)


# How the data names a target's instrument -> the catalogue's short name for a chart label.
_INSTRUMENTS = (
    (r"^MIC action plan for Decision (\d+)", "instrument_mic_plan"),
    (r"^Decision (\d+)/QĐ-TTg", "instrument_decision"),
    (r"^Resolution (\d+)/NQ-CP", "instrument_resolution"),
    (r"^National Committee on Digital Transformation", "instrument_committee"),
)


def short_instrument(instrument: str, lang: str) -> str:
    """A target's instrument as a chart label names it: "Decision 749/QĐ-TTg (2020)" ->
    "Decision 749" / "QĐ 749"; "" for one the table does not know (no English on a vi chart)."""
    for pattern, key in _INSTRUMENTS:
        m = re.match(pattern, instrument)
        if m:
            return t(key, lang).format(*m.groups())
    return ""


# Why a claim could not be checked, as the claims module says it (in English, with indicator ids)
# -> the catalogue's sentence.
_EXPLAIN = (
    (r"no (\w+) figure for (.+)", "why_no_figure"),
    (r"already (.+) in (\d{4})", "why_already"),
    (r"no UN (.+) table for (\d{4})", "why_no_table"),
    (r"the quantity it is a share of is not in the data", "why_share_of"),
    (r"division by zero", "why_zero"),
    (r"within 10% of the stated number \(press rounding\)", "why_loose"),
    (r"no (\w+) target of (.+) in targets\.csv", "why_no_target"),
    (r"a position in a ranking whose data \(the other countries' values\) is not held", "why_external"),
)


def explain(why: str, lang: str) -> str:
    """Why a claim could not be checked, or failed, in ``lang`` (the claims module states it in
    English with indicator ids; people get the indicator's name)."""
    for pattern, key in _EXPLAIN:
        m = re.fullmatch(pattern, why)
        if m:
            args = list(m.groups())
            if key in ("why_no_figure", "why_no_target"):
                with contextlib.suppress(KeyError):
                    args[0] = meta(args[0], lang)["name"]
                args[1] = args[1].replace(" and ", " " + t("and", lang) + " ")
            return t(key, lang).format(*args)
    return why


def warm() -> None:
    """Parse every catalogue and load CLDR's data for every language now: the report runner calls
    this before it forks its workers, which then inherit them."""
    from .catalogue import LANGS, language_name, load
    from .dates import date_text

    load()
    for lang in LANGS:
        format_number(1.5, lang)
        date_text("2000-01-31", lang)
        ordinal(1, lang)
        language_name(lang)
