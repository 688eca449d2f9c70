"""The words: one gettext catalogue per language (``en.po``, ``vi.po`` beside this module), read
with Babel once per process, on first use, and kept.

An entry's ``msgid`` is a symbolic key (``site_title``); its ``msgstr`` is the text, with ``{name}``
placeholders filled by :func:`text`. A plural entry (``msgid_plural``) is chosen by the catalogue's
own ``Plural-Forms`` (:func:`plural`). Names that are data, such as a publisher's Vietnamese name, are
not here: they are columns of the data (``sources.csv``, ``publisher_vi``).

This is the only module that knows which languages exist (:data:`LANGS`) and which one is the
default; the rest of the code asks it (:func:`check`, :func:`twin`, :func:`language_name`).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LANGS = ("en", "vi")  # the pages' languages: English first, the default
DEFAULT = LANGS[0]
FOLDER = Path(__file__).parent


def check(lang: str) -> str:
    """``lang`` itself when it is one of :data:`LANGS`; ValueError otherwise."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def twin(lang: str) -> str:
    """The other language of a page (each page in one language links its twin in the other)."""
    check(lang)
    return next(other for other in LANGS if other != lang)


def is_default(lang: str) -> bool:
    """Whether ``lang`` is the default language (whose pages need no language in their name)."""
    return check(lang) == DEFAULT


def path(lang: str) -> Path:
    """The catalogue file of ``lang``."""
    return FOLDER / f"{check(lang)}.po"


@dataclass(frozen=True)
class Catalogue:
    """A language's entries: ``words`` by key (a plural entry holds a tuple of forms), ``named`` by
    (context, msgid), and the plural rule (a count -> the index of its form)."""

    lang: str
    words: dict[str, str | tuple[str, ...]]
    named: dict[tuple[str, str], str]
    plural: Callable[[int], int]


@cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue of ``lang``, parsed once per process (forked workers inherit it). The parse is
    kept in the content cache (``helpers.data.contentcache``) by the file's bytes, Babel's version and
    this module's code: another process reading the same catalogue does not parse it again."""
    from ...data import contentcache

    content = path(lang).read_bytes()
    entry = contentcache.key(KIND, lang, _parser() + content)
    kept = _decode(contentcache.get(KIND, entry))
    if kept is None:
        kept = _parse(lang, content)
        contentcache.put(
            KIND, entry, {"words": kept[0], "named": [[*k, v] for k, v in kept[1].items()], "plural": kept[2]}
        )
    words, named, plural = kept
    return Catalogue(lang, words, named, gettext.c2py(plural))


KIND = "po"


def _parser() -> bytes:
    import babel

    return babel.__version__.encode() + b"\0" + Path(__file__).read_bytes() + b"\0"


def _parse(lang: str, content: bytes) -> tuple[dict, dict, str]:
    import io

    from babel.messages.pofile import read_po

    cat = read_po(io.BytesIO(content), locale=lang)
    words: dict[str, str | tuple[str, ...]] = {}
    named: dict[tuple[str, str], str] = {}
    for m in cat:
        if not m.id:
            continue  # the header
        if m.context:
            named[(m.context, m.id)] = m.string
        elif isinstance(m.id, tuple):
            words[m.id[0]] = tuple(m.string)
        else:
            words[m.id] = m.string
    return words, named, cat.plural_expr


def _decode(value) -> tuple[dict, dict, str] | None:
    """What :func:`_parse` gave, from a cache entry; None when the entry is not of that shape."""
    try:
        words = {k: v if isinstance(v, str) else tuple(v) for k, v in value["words"].items()}
        named = {(c, i): v for c, i, v in value["named"]}
        plural = value["plural"]
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    texts = [*words, *(w for v in words.values() for w in (v if isinstance(v, tuple) else (v,)))]
    texts += [x for k, v in named.items() for x in (*k, v)]
    if not isinstance(plural, str) or not all(isinstance(x, str) for x in texts):
        return None
    return words, named, plural


def load() -> None:
    """Parse every catalogue now (the report runner calls this before it forks its workers)."""
    for lang in LANGS:
        catalogue(lang)


def _missing(key: str, lang: str) -> KeyError:
    return KeyError(f"no word {key!r} in {path(lang).name} (helpers/present/locale/{path(lang).name})")


def t(key: str, lang: str) -> str:
    """The word or sentence ``key`` in ``lang``, as written (placeholders unfilled). KeyError names
    the catalogue that lacks it."""
    s = catalogue(check(lang)).words.get(key)
    if not isinstance(s, str) or not s:
        raise _missing(key, lang)
    return s


def text(key: str, lang: str, **facts) -> str:
    """The string ``key`` in ``lang`` with ``facts`` filled in (``{name}`` placeholders)."""
    s = t(key, lang)
    return s.format(**facts) if facts else s


def plural(key: str, count: int, lang: str, **facts) -> str:
    """The form of the plural entry ``key`` for ``count`` ("1 place", "15 places"; one form in
    Vietnamese), with ``facts`` filled in (``n`` is ``count`` unless given)."""
    cat = catalogue(check(lang))
    forms = cat.words.get(key)
    if not isinstance(forms, tuple) or not all(forms):
        raise _missing(key, lang)
    form = forms[min(cat.plural(int(count)), len(forms) - 1)]
    return form.format(**{"n": count, **facts})


def has(key: str, lang: str = DEFAULT) -> bool:
    """Whether the catalogue of ``lang`` has the word ``key``."""
    return key in catalogue(check(lang)).words


@cache
def cldr(lang: str):
    """The CLDR data of ``lang`` (a ``babel.Locale``): number symbols, month names, ordinal rules."""
    from babel import Locale

    return Locale.parse(check(lang))


def language_name(lang: str) -> str:
    """A language's name in that language, from CLDR: "English", "Tiếng Việt"."""
    return cldr(lang).get_display_name(lang)
