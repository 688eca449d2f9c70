"""Parse and format number phrases in Vietnamese and English.

Vietnamese writes ``.`` to group thousands and ``,`` as the decimal mark ("1.013 triệu" is
1,013 million, "76,5 triệu" is 76.5 million); English the other way round ("1,013 million").
A bare "1.013" or "1,013" is ambiguous, so :func:`find_numbers` returns every reading and
:func:`is_stated` accepts a value when any reading of any phrase in a text matches it.

Each language's way of writing numbers (:data:`CONVENTIONS`) is kept here, beside the parser that
reads it; :mod:`helpers.present.locale` chooses the reader's convention when formatting.

Standard library only: the data validation and the report runner use it without pandas.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

from .textdates import date_like, dates_in, is_date


@dataclass(frozen=True)
class Convention:
    """How a language writes numbers: thousands separator, decimal mark, and the suffixes of large
    numbers, largest first."""

    group: str
    decimal: str
    scales: tuple[tuple[float, str], ...]


CONVENTIONS: dict[str, Convention] = {
    "en": Convention(",", ".", ((1e9, " bn"), (1e6, " m"))),
    "vi": Convention(".", ",", ((1e9, " tỷ"), (1e6, " triệu"))),
}
SCALES: dict[str, float] = {
    "tỷ": 1e9,
    "tỉ": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "triệu": 1e6,
    "million": 1e6,
    "m": 1e6,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "thousand": 1e3,
    "k": 1e3,
}
QUALIFIERS: dict[str, str] = {
    "trên": "over",
    "hơn": "over",
    "vượt": "over",
    "over": "over",
    "more than": "over",
    "gần": "nearly",
    "nearly": "nearly",
    "almost": "nearly",
    "khoảng": "about",
    "ước đạt": "about",
    "ước": "about",
    "about": "about",
    "around": "about",
    "approximately": "about",
}

_NUM = r"[0-9]{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
_SCALE = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_PHRASE = re.compile(
    rf"(?:(?<!\w)(?P<qual>{_QUAL})\s+)?(?<![0-9.,])(?P<num>{_NUM})(?![0-9])"
    rf"(?:\s*(?P<pct>%)|\s*(?P<scale>{_SCALE})(?![\w]))?",
    re.IGNORECASE,
)
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # an unsigned plain number, as the data writes values
_DIGITS = frozenset("0123456789")
_TAIL = re.compile(rf"\s*(?:%|(?P<scale>{_SCALE})(?![\w]))", re.IGNORECASE)  # _PHRASE's, after the number
# The first letters of the scale words: an ASCII character matches one of them, ignoring case, only
# if its lower case is one (with non-ASCII first letters, such as 'ſ' for 's', this would not hold).
_INITIALS = frozenset(s[0] for s in SCALES)
assert all(c.isascii() and c.islower() for c in _INITIALS), _INITIALS
_WHOLE = re.compile(
    rf"^\s*(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s*(?:(?P<pct>%)|(?P<scale>{_SCALE}))?\s*$", re.I
)


@dataclass(frozen=True)
class NumberPhrase:
    """One reading of a number phrase: its value in base units (percentages as 0-100)."""

    text: str
    value: float
    qualifier: str | None  # "over", "nearly", "about" or None
    percent: bool


def _readings(token: str) -> list[float]:
    """Every plausible value of a bare numeric token such as '1.013', '76,5' or '1.234,5'
    (none for a malformed token such as '1.234.5')."""
    try:
        return _parse_readings(token)
    except ValueError:
        return []


def _parse_readings(token: str) -> list[float]:
    if "." in token and "," in token:
        # The last separator is the decimal mark, the other groups thousands.
        dec = "." if token.rfind(".") > token.rfind(",") else ","
        grp = "," if dec == "." else "."
        return [float(token.replace(grp, "").replace(dec, "."))]
    for sep in (".", ","):
        if sep in token:
            grouped = re.fullmatch(rf"[0-9]{{1,3}}(?:\{sep}[0-9]{{3}})+", token)
            out = []
            if grouped:
                out.append(float(token.replace(sep, "")))
            if token.count(sep) == 1:
                out.append(float(token.replace(sep, ".")))
            return out
    return [float(token)]


def _phrases(match: re.Match[str]) -> list[NumberPhrase]:
    scale = SCALES[match["scale"].lower()] if match["scale"] else 1.0
    qual = QUALIFIERS[match["qual"].lower()] if match["qual"] else None
    return [
        NumberPhrase(match.group(0).strip(), _clean(v * scale), qual, bool(match["pct"]))
        for v in _readings(match["num"])
    ]


def _clean(x: float) -> float:
    """Round away float noise from scaling (76.5 * 1e6 is 76499999.99999999)."""
    return float(f"{x:.12g}")


def find_numbers(text: str) -> list[NumberPhrase]:
    """Every reading of every number phrase in ``text`` (NFC-normalised)."""
    text = unicodedata.normalize("NFC", text)
    out: list[NumberPhrase] = []
    for m in _PHRASE.finditer(text):
        out.extend(_phrases(m))
    return out


def parse_number(text: str, lang: str = "vi") -> NumberPhrase:
    """Parse one number phrase such as "1.013 triệu", "hơn 2,6 triệu", "1,013 million" or "45%".

    An ambiguous bare token ("1.013") is read in ``lang``'s convention. Raises ``ValueError``.
    """
    m = _WHOLE.match(unicodedata.normalize("NFC", text))
    if not m:
        raise ValueError(f"not a number phrase: {text!r}")
    readings = _phrases(m)
    if not readings:
        raise ValueError(f"not a well-formed number: {text!r}")
    if len(readings) == 1:
        return readings[0]
    # Ambiguous: "1.013" is 1013 in Vietnamese and 1.013 in English; "1,013" the reverse.
    sep = "." if "." in m["num"] else ","
    grouped_first = sep == CONVENTIONS.get(lang, CONVENTIONS["en"]).group
    return readings[0] if grouped_first else readings[1]


def _matches(m: re.Match[str], value: float, lang: str | None = None) -> bool:
    """Whether a reading of the phrase ``m`` is ``value`` (what :func:`find_numbers` would give);
    with ``lang``, an ambiguous number ("1.013") only in that language's reading."""
    scale = SCALES[m["scale"].lower()] if m["scale"] else 1.0
    readings = _readings(m["num"])
    if lang in CONVENTIONS and len(readings) == 2:  # "1.013" or "1,013": grouped, or a decimal
        grouped = ("." if "." in m["num"] else ",") == CONVENTIONS[lang].group
        readings = readings[:1] if grouped else readings[1:]
    return any(math.isclose(_clean(v * scale), value, rel_tol=1e-9, abs_tol=1e-9) for v in readings)


@functools.lru_cache(maxsize=4096)  # a copy of the data asks again of the same quotes; bounded memory
def is_stated(
    value: float, text: str, written: str | None = None, lang: str | None = None, years: bool = True
) -> bool:
    """Whether ``value`` (base units) is written in ``text`` in any reading of any phrase.

    The same answer as comparing every reading of :func:`find_numbers`, without building them, and
    stopping at the first match. ``written`` (the value as the data writes it, e.g. "1013000000") is
    looked up first: where it stands in ``text`` as a number phrase of its own, one match at that
    place answers; otherwise every phrase is tried. With ``lang`` (the source's language), a number
    that reads two ways ("1.013") is read as that language writes it only. With ``years=False``, a
    year ("in 2021") or a part of a date ("31/12/2023", "ngày 15") is never the value."""
    if not unicodedata.is_normalized("NFC", text):
        text, written = unicodedata.normalize("NFC", text), None
    dates = None if years or not date_like(value) else dates_in(text)

    def ok(m: re.Match[str]) -> bool:
        return _matches(m, value, lang) and (dates is None or not is_date(m, dates))

    if written:
        pos = text.find(written)
        while pos >= 0:
            if pos == 0 or text[pos - 1] not in "0123456789.,":
                m = _PHRASE.match(text, pos)
                # A match here is the one finditer meets: nothing before pos can run into it.
                if m is not None and m.start("num") == pos and ok(m):
                    return True
            pos = text.find(written, pos + 1)
    return any(ok(m) for m in _PHRASE.finditer(text))


def locate(value: float, text: str) -> list[tuple[int, int]]:
    """Where ``value`` is written in ``text`` (NFC-normalised): the start and end of every number
    phrase one of whose readings is ``value``, in order (the qualifier and the scale word included)."""
    text = unicodedata.normalize("NFC", text)
    return [(m.start(), m.end()) for m in _PHRASE.finditer(text) if _matches(m, value)]


def stated_as_written(text: str, written: str) -> bool:
    """Whether the plain number ``written`` ("1013000000", "76.5") stands in ``text`` as the number
    of a phrase of its own, unscaled: then :func:`is_stated` is true of ``float(written)`` and
    ``text``. False says nothing (the value may be written another way): ask is_stated.

    Why: at such a place _PHRASE's number is ``written`` itself. It starts there, as the character
    before it is no digit, '.' or ',', and it ends where ``written`` does, as no digit, nor '.' or ','
    before a digit, follows (written holds one '.' at most, so a number ending inside it would end
    before a digit). No phrase met earlier covers the place, as none ends in a digit it could run
    into, so finditer meets this number (after a qualifier or not). With no scale word after it,
    one of its readings is float(written), exactly as the value is read."""
    return _PLAIN.fullmatch(written) is not None and _stands_alone(text, written)


def _stands_alone(text: str, written: str) -> bool:
    """:func:`stated_as_written` for a ``written`` known to be an unsigned plain number."""
    pos = text.find(written)
    while pos >= 0:
        end = pos + len(written)
        if (
            (pos == 0 or text[pos - 1] not in "0123456789.,")
            and text[end : end + 1] not in _DIGITS
            and not (text[end : end + 1] in (".", ",") and text[end + 1 : end + 2] in _DIGITS)
        ):
            # After one space at most, an ASCII character that no scale word starts with: no scale
            # word follows (this spares the regular expression in most texts).
            after = text[end + 1 : end + 2] if text[end : end + 1] == " " else text[end : end + 1]
            plain = not after or (after.isascii() and not after.isspace() and after.lower() not in _INITIALS)
            if plain or (tail := _TAIL.match(text, end)) is None or tail["scale"] is None:
                return unicodedata.is_normalized("NFC", text)
        pos = text.find(written, pos + 1)
    return False


def qualifier_for(value: float, text: str) -> str | None:
    """The qualifier ("over", "nearly", "about") written before ``value`` in ``text``, if any."""
    for p in find_numbers(text):
        if math.isclose(p.value, value, rel_tol=1e-9, abs_tol=1e-9):
            return p.qualifier
    return None


# --- writing --------------------------------------------------------------------------------


def _group(x: float, decimals: int, conv: Convention) -> str:
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", conv.decimal).replace("\x00", conv.group)


def write(value: float, conv: Convention, decimals: int | None = None, percent: bool = False) -> str:
    """``value`` written in convention ``conv``: large numbers scaled ("1.0 bn"), thousands grouped,
    percentages with "%". Which convention a reader gets is decided in ``helpers.present.locale``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if percent:
        d = 1 if decimals is None else decimals
        return _group(value, d, conv) + "%"
    for size, suffix in conv.scales:
        if abs(value) >= size:
            d = decimals if decimals is not None else (0 if float(value / size).is_integer() else 1)
            return _group(value / size, d, conv) + suffix
    if decimals is None:
        decimals = 0 if float(value).is_integer() or abs(value) >= 1000 else (2 if abs(value) >= 1 else 3)
    return _group(value, decimals, conv)
