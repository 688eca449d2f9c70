"""The words of a quote that hold a claim: the phrase around the stated number ("… (NDXP) tăng 57%"),
so that a table of claims shows what each row checks and the full quote once per sentence."""

from __future__ import annotations

import re
import unicodedata

from ..data.numbers import locate

ELLIPSIS = "…"
# Words after a number that say what kind of claim it makes, by the claim's kind.
_AFTER = {
    "rank_change": r"\s*(bậc|places?|positions?|spots?)",
    "pct_change": r"\s*%",
    "share_of": r"\s*%",
    "ratio": r"\s*(lần|times)",
    "ratio_to": r"\s*(lần|times)",
}
# Where a clause ends: a semicolon, a comma or a colon, or a sentence's end (not a decimal mark).
_STOP = re.compile(r"[;:!?]|[,.](?![0-9])")


def _best(spans: list[tuple[int, int]], text: str, kind: str) -> tuple[int, int] | None:
    """The place of the stated number: the first whose following words fit the claim's kind."""
    after = _AFTER.get(kind)
    if after:
        for start, end in spans:
            if re.match(after, text[end:], re.I):
                return start, end
    return spans[0] if spans else None


def claim_phrase(quote: str, stated: float, kind: str = "", words: int = 8) -> str:
    """The clause of ``quote`` that states ``stated``, cut to ``words`` words on either side of the
    number (an ellipsis where it is cut); the quote's first words when the number is not written
    in it (a claim such as "the first time above 0.75")."""
    text = unicodedata.normalize("NFC", quote).strip()
    place = _best(locate(stated, text), text, kind)
    if place is None:
        head = text.split()
        return " ".join(head[: 2 * words]) + (ELLIPSIS if len(head) > 2 * words else "")
    start, end = place
    stops = [m.start() for m in _STOP.finditer(text)]
    left = max([s + 1 for s in stops if s < start], default=0)
    right = min([s for s in stops if s >= end], default=len(text))
    opened = text.rfind("(", left, start)
    if opened >= 0 and ")" not in text[opened:start]:  # a number in brackets: the bracket's words
        left = opened
        closed = text.find(")", end)
        right = closed + 1 if 0 <= closed < right else right
    before = [m.start() for m in re.finditer(r"\S+", text[left:start])]
    after = [m.end() for m in re.finditer(r"\S+", text[end:right])]
    first = left + before[-words] if len(before) >= words else left
    last = end + after[words - 1] if len(after) > words else right
    cut_left = first > 0
    cut_right = text[last:].strip(" .!?") != ""
    phrase = text[first:last].strip(" ,;:")
    return (ELLIPSIS if cut_left else "") + phrase + (ELLIPSIS if cut_right else "")
