"""The content cache's files besides validation's (issue 24, ``helpers.data.contentcache``): compiled
Jinja2 templates and parsed catalogues are kept and read back as they were made, a damaged or edited
one is made again, and a folder of compiled files keeps only the newest."""

from __future__ import annotations

import os

import pytest

from contentcache_support import private_cache
from helpers.data import contentcache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A private cache folder, and no validation kept in memory."""
    yield from private_cache(tmp_path, monkeypatch)


def _render_all():
    """Every template of both folders compiled in a new environment, as a new process would."""
    from helpers.paths import PACKAGE_DIR
    from helpers.present import markup

    markup.environment.cache_clear()
    out = {}
    for where in (markup.TEMPLATES, PACKAGE_DIR / "reports" / "templates"):
        env = markup.environment(where)
        for name in env.list_templates(extensions=["j2"]):
            out[(str(where), name)] = env.get_template(name)
    markup.environment.cache_clear()
    return out


def test_compiled_templates_are_kept_and_a_damaged_one_compiled_again(cache, monkeypatch):
    import jinja2

    compiled = []
    real = jinja2.Environment.compile

    def counting(self, source, *args, **kwargs):
        compiled.append(args[0] if args else kwargs.get("name"))
        return real(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    first = _render_all()
    assert len(compiled) == len(first) > 5
    (folder,) = cache.glob("jinja-*")
    files = sorted(folder.iterdir())
    assert len(files) == len(first)
    compiled.clear()
    again = _render_all()
    assert compiled == []  # loaded, not compiled
    assert again.keys() == first.keys()
    files[0].write_bytes(files[0].read_bytes()[:40])  # truncated
    files[1].write_bytes(b"")
    files[2].write_bytes(files[2].read_bytes().replace(b"j2", b"J2", 1))  # altered
    compiled.clear()
    _render_all()
    assert len(compiled) == 3  # those three compiled again...
    compiled.clear()
    _render_all()
    assert compiled == []  # ...and written again


def test_a_template_edit_is_compiled_again(tmp_path, cache):
    from helpers.present import markup

    (tmp_path / "t.j2").write_text("a {{ x }}", encoding="utf-8")
    markup.environment.cache_clear()
    assert markup.render("t.j2", tmp_path, x=1) == "a 1"
    (tmp_path / "t.j2").write_text("b {{ x }}", encoding="utf-8")
    markup.environment.cache_clear()
    assert markup.render("t.j2", tmp_path, x=1) == "b 1"
    markup.environment.cache_clear()


def test_a_catalogue_from_the_cache_is_the_parsed_one(cache, monkeypatch):
    from helpers.present.locale import catalogue as cat

    parsed = []
    real = cat._parse
    monkeypatch.setattr(cat, "_parse", lambda *a: parsed.append(a[0]) or real(*a))
    seen = {}
    for round_ in range(2):
        for setting in (contentcache.OFF, str(cache)):
            monkeypatch.setenv(contentcache.CACHE_ENV, setting)
            cat.catalogue.cache_clear()
            seen[(round_, setting)] = {lang: cat.catalogue(lang) for lang in cat.LANGS}
    cat.catalogue.cache_clear()
    assert parsed.count("en") == 3  # cache off twice, and the first time with the cache on
    first = seen[(0, contentcache.OFF)]
    for got in seen.values():
        for lang in cat.LANGS:
            assert got[lang].words == first[lang].words and got[lang].named == first[lang].named
            assert [got[lang].plural(n) for n in range(30)] == [first[lang].plural(n) for n in range(30)]
    assert any(isinstance(v, tuple) for v in first["en"].words.values())  # plural forms kept as such


def test_a_folder_of_compiled_files_keeps_the_newest(cache, monkeypatch):
    monkeypatch.setattr(contentcache, "KEEP_FILES", 3)
    where = contentcache.folder("jinja", "k")
    for i in range(5):
        contentcache.write(where / f"f{i}", b"x")
        os.utime(where / f"f{i}", ns=(i * 10**9, i * 10**9))
    contentcache.folder("jinja", "k")
    assert sorted(p.name for p in where.iterdir()) == ["f2", "f3", "f4"]
