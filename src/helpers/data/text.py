"""Text from a data file as a terminal, a browser and a spreadsheet would take it.

- :func:`shown`: a value for a message, with every invisible or control character written as an
  escape (``\\ufeff``, ``\\x1b``), so a terminal neither hides nor runs what a file holds.
- :func:`hidden`: the first character a text field may not hold: controls (but tab and line
  breaks), direction overrides and isolates, zero-width and other format characters, a byte-order
  mark inside the text, private-use and unassigned code points. They make a publisher's name or a quote read differently from what it is.
- :func:`formula`: whether a cell would be run as a formula by a spreadsheet opening the published
  CSV (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and is not a plain
  number).

Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

# Controls but tab, line feed and carriage return; format characters (Cf: bidi marks, overrides and
# isolates, zero-width space, joiners, word joiner, BOM, soft hyphen, ...); surrogates, private use
# and unassigned code points. (Line and paragraph separators are line breaks: they are seen.)
_REFUSED = {"Cc", "Cf", "Cs", "Co", "Cn"}
_ALLOWED = frozenset("\t\n\r")
FORMULA_START = tuple("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def hidden(value: str) -> str | None:
    """The first character of ``value`` a text field may not hold, or None."""
    if value.isprintable():
        return None
    for ch in value:
        if ch not in _ALLOWED and unicodedata.category(ch) in _REFUSED:
            return ch
    return None


def hidden_problem(value: str) -> str | None:
    """What a field holding such a character is expected to be, naming it; None when it holds none."""
    ch = hidden(value)
    if ch is None:
        return None
    name = unicodedata.name(ch, "a control character")
    return (
        f"text without invisible or direction-changing characters: U+{ord(ch):04X} {name} at character "
        f"{value.index(ch) + 1} (delete it; it makes the text read differently from what it is)"
    )


def formula(value: str) -> bool:
    """Whether a spreadsheet would evaluate ``value`` as a formula."""
    return value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


FORMULA_EXPECTED = (
    "text that does not start with '=', '+', '-' or '@' (a spreadsheet opening the published CSV would "
    "run it as a formula; reword it, e.g. put the sign after a word)"
)


def shown(value) -> str:
    """``value`` for a message: invisible and control characters escaped, everything else as is."""
    if isinstance(value, bytes):
        return "".join(f"\\x{b:02x}" if b >= 0x80 or b < 0x20 else chr(b) for b in value)
    text = str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, f"\\x{ord(ch):02x}"))
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
    return "".join(out)
