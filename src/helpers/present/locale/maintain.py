"""Keeping the catalogues in step: ``python -m helpers.present.locale sync`` and ``check``.

``en.po`` is the reference. :func:`sync` gives every other catalogue each entry of ``en.po``, in
its order, with the English text and its ``Where:`` comment for the translator; a new entry is
left empty and marked ``fuzzy`` (Poedit's "needs work"). :func:`problems` lists what makes a
catalogue unfit to publish; ``tests/test_catalogues.py`` fails on any of them.
"""

from __future__ import annotations

import io
import string

from .catalogue import DEFAULT, LANGS, path
from .formats import SCALES

ENGLISH = "English: "


def read(lang: str):
    """The full catalogue of ``lang`` (a ``babel.messages.Catalog``: comments and flags too)."""
    from babel.messages.pofile import read_po

    with path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def write(cat, lang: str) -> None:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=False, include_previous=False)
    path(lang).write_bytes(buf.getvalue())


def _entries(cat) -> dict:
    """(context, key) -> message, the header left out."""
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in cat if m.id}


def _forms(m) -> tuple[str, ...]:
    return tuple(m.string) if isinstance(m.string, tuple | list) else (m.string,)


def english(m) -> str:
    """An English entry's text as the comment of another language's entry gives it."""
    return " / ".join(_forms(m))


def fields(s: str) -> set[str]:
    """The names of the ``{placeholders}`` of ``s`` (ValueError when it is no valid template)."""
    return {
        name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(s) if name is not None
    }


def problems() -> list[str]:
    """Everything that makes the catalogues unfit to publish, one line each."""
    cats = {lang: _entries(read(lang)) for lang in LANGS}
    ref = cats[DEFAULT]
    out = []
    for lang, entries in cats.items():
        name = path(lang).name
        for key in sorted(set(ref) - set(entries), key=str):
            out.append(f"{name}: no entry {_show(key)} (run python -m helpers.present.locale sync)")
        for key in sorted(set(entries) - set(ref), key=str):
            out.append(f"{name}: entry {_show(key)} is not in {path(DEFAULT).name}")
        for key, m in entries.items():
            forms = _forms(m)
            if not all(forms):
                out.append(f"{name}: {_show(key)} has no text")
            if m.fuzzy:
                out.append(
                    f"{name}: {_show(key)} is marked fuzzy (needs review): check it, then remove the flag"
                )
            try:
                mine = [fields(f) for f in forms]
                theirs = [fields(f) for f in _forms(ref[key])] if key in ref else mine
            except ValueError as exc:
                out.append(f"{name}: {_show(key)} is not a valid template: {exc}")
                continue
            if any(f != theirs[-1] for f in mine) and all(forms):
                out.append(
                    f"{name}: {_show(key)} has placeholders {sorted(set().union(*mine))}, "
                    f"{path(DEFAULT).name} {sorted(set().union(*theirs))}"
                )
            if (
                lang != DEFAULT
                and key in ref
                and _bare(ENGLISH + english(ref[key])) not in _bare(m.auto_comments)
            ):
                out.append(
                    f"{name}: {_show(key)}: its '#. English:' comment is not the English text (run sync)"
                )
        for _, key in SCALES:
            m = entries.get((None, key))
            if m and not m.string.startswith("{n}"):
                out.append(f"{name}: {key} must start with {{n}} (the scale word follows the number)")
    return out


def _bare(text: str | list[str]) -> str:
    """Text without its white space: comments are wrapped when written (at spaces or hyphens)."""
    return "".join("".join(text).split())


def _show(key: tuple) -> str:
    context, msgid = key
    return f"{msgid!r}" + (f" (context {context!r})" if context else "")


def sync() -> list[str]:
    """Give every other catalogue each entry of the English one (see the module's docstring);
    returns what it did, one line per change."""
    from babel.messages.catalog import Catalog

    ref_cat = read(DEFAULT)
    ref = _entries(ref_cat)
    done = []
    for lang in LANGS:
        if lang == DEFAULT:
            continue
        old_cat = read(lang)
        old = _entries(old_cat)
        cat = Catalog(locale=lang, domain=old_cat.domain, header_comment=old_cat.header_comment, fuzzy=False)
        cat.mime_headers = old_cat.mime_headers
        for key, m in ref.items():
            where = [c for c in m.auto_comments if not c.startswith(ENGLISH)]
            comments = [ENGLISH + english(m), *where]
            mine = old.get(key)
            if mine is None:
                empty = ("",) * cat.num_plurals if isinstance(m.id, tuple) else ""
                new = cat.add(m.id, empty, auto_comments=comments, context=m.context)
                new.flags.add("fuzzy")
                done.append(f"{path(lang).name}: added {_show(key)}: translate it")
            else:
                new = cat.add(m.id, mine.string, auto_comments=comments, context=m.context)
                new.flags.update(mine.flags)
                if _bare(mine.auto_comments) != _bare(comments):
                    done.append(f"{path(lang).name}: comments of {_show(key)} brought up to date")
            if "{" in english(m):
                new.flags.add("python-brace-format")
        for key in set(old) - set(ref):
            done.append(f"{path(lang).name}: {_show(key)} is not in {path(DEFAULT).name}: removed")
        write(cat, lang)
    return done
