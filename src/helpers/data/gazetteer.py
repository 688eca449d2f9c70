"""The places figures are about: the country and its provinces, each with its lifetime.

``places.csv`` lists them; ``place_crosswalk.csv`` maps each of the 63 provinces before 1 July 2025
to the province it became (itself for the 11 whose territory did not change). A figure names its
place by code, and the place must exist in the figure's year (or on its date): see
:meth:`Places.outside`. :meth:`Places.lookup` finds a province by the name a source writes ("TP.HCM",
"Thừa Thiên Huế", "Hoà Bình") as it was on a given day, for tables that name provinces.

Standard library only. The table rules that check the two files are in ``validate/places``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

_TONE = (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỳ", "ùy"), ("uý", "úy"),
         ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"))  # fmt: skip
_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s*")


@functools.lru_cache(maxsize=4096)  # pure; the DTI tables ask about the same names thousands of times
def name_key(name: str) -> str:
    """A province's name compared loosely: composed, lower case, one placement of the tone mark
    ("Hoà" and "Hòa"), spaces for hyphens, without "tỉnh", "thành phố" or "TP." in front."""
    s = unicodedata.normalize("NFC", name).lower().replace("-", " ").replace("–", " ")
    for old, new in _TONE:
        s = s.replace(old, new)
    s = re.sub(r"\s+", " ", s).strip()
    return _PREFIX.sub("", s).strip()


@dataclass(frozen=True)
class Place:
    code: str
    name_vi: str
    name_en: str
    level: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    iso_3166_2: str = ""
    gso_code: str = ""
    gso_code_2025: str = ""
    aliases: tuple[str, ...] = ()
    source_id: str = ""

    def lifetime(self) -> str:
        """The place's period as a phrase: "from 2025-07-01", "to 2025-06-30" or "always"."""
        start = f"from {self.valid_from.isoformat()}" if self.valid_from else ""
        end = f"to {self.valid_to.isoformat()}" if self.valid_to else ""
        return " ".join(filter(None, (start, end))) or "always"

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def exists_in(self, year: int) -> bool:
        """Whether the place existed on some day of ``year``."""
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or year <= self.valid_to.year
        )


@dataclass(frozen=True)
class Places:
    """The places by code and the crosswalk (old province -> the province it became)."""

    by_code: dict[str, Place] = field(default_factory=dict)
    successor: dict[str, str] = field(default_factory=dict)
    crosswalk: tuple[dict, ...] = ()

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str) -> Place | None:
        return self.by_code.get(code)

    def bounded(self) -> dict[str, tuple[dt.date | None, dt.date | None]]:
        """(valid_from, valid_to) of every place with a start or an end: the others always exist."""
        return {c: (p.valid_from, p.valid_to) for c, p in self.by_code.items() if p.valid_from or p.valid_to}

    def predecessors(self, code: str) -> list[str]:
        """The provinces that became ``code`` (itself for a province that did not change)."""
        return [old for old, new in self.successor.items() if new == code]

    def formed(self, code: str) -> dt.date | None:
        """The day province ``code`` was formed from others (its ``valid_from``, when the crosswalk
        gives it predecessors other than itself); None for any other place. Before that day a
        producer may still publish a value for its territory: a figure marked territory
        ``successor`` (see ``validate.territory``)."""
        p = self.by_code.get(code)
        if p is None or p.valid_from is None or not [o for o in self.predecessors(code) if o != code]:
            return None
        return p.valid_from

    def successors(self) -> dict[str, dt.date]:
        """Every province formed from others, with the day it was formed (:meth:`formed`)."""
        return {c: day for c in self.by_code if (day := self.formed(c)) is not None}

    def on(self, day: dt.date, level: str = "province") -> list[Place]:
        """The places of ``level`` that existed on ``day``, by code."""
        return [p for c, p in sorted(self.by_code.items()) if p.level == level and p.exists_on(day)]

    def outside(self, code: str, year: int | None, day: dt.date | None) -> str | None:
        """None when place ``code`` existed on ``day`` (or, without a day, in ``year``); else what a
        figure of that place needs, naming the place's lifetime and where its territory was then."""
        p = self.by_code.get(code)
        if (
            p is None
            or (day is not None and p.exists_on(day))
            or (day is None and (year is None or p.exists_in(year)))
        ):
            return None
        when = day.isoformat() if day is not None else str(year)
        if p.valid_to and (day or dt.date(year, 1, 1)) > p.valid_to:
            then = self.successor.get(code)
            hint = (
                f"; from {self.by_code[then].valid_from or p.valid_to} it is part of {then}" if then else ""
            )
        else:
            olds = self.predecessors(code)
            hint = f"; before, its territory was {', '.join(olds)}" if olds else ""
            if self.formed(code):
                hint += " (a value its producer published for this territory after the merger: territory successor)"
        return (
            f"a place that existed on the figure's {'date' if day else 'year'} ({when}): "
            f"{code} ({p.name_en}) exists {p.lifetime()}{hint}"
        )

    def lookup(self, name: str, day: dt.date, level: str = "province") -> str | None:
        """The code of the place of ``level`` called ``name`` (its name or an alias) on ``day``."""
        key = name_key(name)
        hits = [
            p.code
            for p in self.on(day, level)
            if key in {name_key(p.name_vi), name_key(p.name_en), *map(name_key, p.aliases)}
        ]
        return hits[0] if len(hits) == 1 else None
