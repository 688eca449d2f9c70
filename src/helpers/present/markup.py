"""Escaping, and HTML from templates: beneath ``page``, ``story``, ``tables`` and the cards.

- :func:`esc`: a value from data made safe inside Markdown (the page's prose is Markdown);
- :func:`render`: HTML from a Jinja2 template with autoescaping on, so that every value is escaped
  unless it is already HTML (``Markup``). The present layer's templates are in ``templates/``
  beside this module (a table, a number card, a chart's figure, the list of sources); the report
  pages' are in ``helpers/reports/templates/``. No HTML is assembled in Python outside them.

Each folder's environment is made once per process, and its templates compiled once
(:func:`warm` compiles them all, before the report runner forks its workers).
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")


def esc(value) -> str:
    """A value from data made safe inside Markdown: HTML escaped, Markdown's markup characters
    taken literally ('$' too: two of them would open a formula, inside which nothing is unescaped)."""
    s = escape(str(value), quote=False)
    for ch in "\\*_`[]#$":
        s = s.replace(ch, "\\" + ch)
    return s


@cache
def environment(folder: str | Path = TEMPLATES):
    """The Jinja2 environment of a folder of templates: autoescaping on, an undefined name an
    error, the templates never reloaded (they are part of the package)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_compiled(),
    )


def _compiled():
    """Where compiled templates are kept between processes (``helpers.data.contentcache``): a
    folder per version of Jinja2 and of this module (which sets the environment's options); Jinja2
    itself compiles a template again when its source changed. None when the cache is off."""
    import hashlib

    import jinja2

    from ..data import contentcache

    class Compiled(jinja2.BytecodeCache):
        """Compiled templates as files of the cache, each checked (SHA-256) before it is read: one
        truncated, altered or unreadable is compiled again and written again."""

        def __init__(self, where: Path):
            self.where = where

        def load_bytecode(self, bucket) -> None:
            body = contentcache.read(self.where / bucket.key)
            if body is None:
                return
            try:
                bucket.bytecode_from_string(body)
            except Exception:  # anything in a damaged file: compiled again
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            contentcache.write(self.where / bucket.key, bucket.bytecode_to_string())

    code = hashlib.sha256(jinja2.__version__.encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    where = contentcache.folder("jinja", code)
    return None if where is None else Compiled(where)


def render(template: str, folder: str | Path = TEMPLATES, /, **context):
    """The template named ``template`` of ``folder`` rendered with ``context``, as HTML
    (``Markup``, so that another template includes it as it is)."""
    from markupsafe import Markup

    return Markup(environment(folder).get_template(template).render(**context))


def warm(folder: str | Path = TEMPLATES) -> None:
    """Compile every template of ``folder`` now."""
    env = environment(folder)
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
