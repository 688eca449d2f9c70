"""The content cache of validation (issue 24, ``helpers.data.contentcache``): a fresh copy of the
data folder is not checked again where its bytes were checked clean before (the published tables'
text, the parse of the raw UN tables), in another process as much as in this one; and the cache
never changes a result or a message: an edit misses it, a table with problems is never stored, and
an entry that is damaged, of another shape or unreadable is ignored and written again. The compiled
templates and catalogues it also keeps: tests/test_content_cache_files.py."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from contentcache_support import forget as _forget
from contentcache_support import private_cache
from helpers.data import contentcache, csvparts, folder, uncache
from helpers.data.csvio import DataValidationError
from helpers.data.validate import dataset

ZWSP = "\u200b"  # an invisible character: the text check's problem


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A private cache folder, and no validation kept in memory."""
    yield from private_cache(tmp_path, monkeypatch)


@pytest.fixture
def checks(monkeypatch):
    """The work the cache saves, counted: cells text-checked and UN tables parsed."""
    counts = {"text": 0, "un": 0}
    real_text, real_un = csvparts.check_text, uncache.load_un

    def text(*args):
        counts["text"] += 1
        return real_text(*args)

    def un(*args):
        counts["un"] += 1
        return real_un(*args)

    monkeypatch.setattr(csvparts, "check_text", text)
    monkeypatch.setattr(uncache, "load_un", un)
    return counts


def _copy(data_copy, tmp_path, name):
    dst = tmp_path / name
    shutil.copytree(data_copy, dst)
    return dst


def _same(a, b):
    assert a.un.figures == b.un.figures
    assert a.un.countries == b.un.countries and a.un.surveyed == b.un.surveyed
    assert a.figures == b.figures and a.indicators == b.indicators and a.documents == b.documents


def test_another_copy_is_not_checked_again(data_copy, tmp_path, cache, checks):
    first = dataset.validate(data_copy)
    assert checks["text"] > 10_000 and checks["un"] == 1
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()).count("un") == 1
    _forget()
    checks.update(text=0, un=0)
    second = dataset.validate(_copy(data_copy, tmp_path, "elsewhere"))
    assert checks == {"text": 0, "un": 0}
    _same(first, second)


def test_one_process_decodes_an_entry_once_and_never_answers_an_altered_one_from_memory(
    data_copy, tmp_path, cache, checks, monkeypatch
):
    decoded = []
    real = uncache._decode
    monkeypatch.setattr(uncache, "_decode", lambda value: (decoded.append(1), real(value))[1])
    first = dataset.validate(data_copy)  # parsed and stored
    copies = []
    for name in ("second", "third", "fourth"):
        _forget(decoded=False)
        copies.append(dataset.validate(_copy(data_copy, tmp_path, name)))
        _same(first, copies[-1])
    assert checks["un"] == 1 and len(decoded) == 1  # read from the cache once, then kept
    copies[0].un.figures.clear()  # each copy's lists are its own
    _same(first, copies[1])
    (entry,) = cache.glob("un-*.json")
    DAMAGE["altered"](entry)  # the same size, other bytes
    _forget(decoded=False)
    again = dataset.validate(_copy(data_copy, tmp_path, "fifth"))
    assert checks["un"] == 2  # the altered entry is not trusted: parsed again
    _same(first, again)


def test_another_process_reuses_the_cache(data_copy, tmp_path, cache):
    dataset.validate(data_copy)
    entries = sorted(cache.iterdir())
    probe = (
        "import sys\n"
        "from helpers.data import csvparts, uncache\n"
        "from helpers.data.validate import validate\n"
        "def no(*a): raise SystemExit('checked again')\n"
        "csvparts.check_text = no\n"
        "uncache.load_un = no\n"
        "print(len(validate(sys.argv[1]).un.figures))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(_copy(data_copy, tmp_path, "other"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 10_000
    assert sorted(cache.iterdir()) == entries


def test_results_and_messages_are_those_without_the_cache(data_copy, tmp_path, cache, monkeypatch):
    dataset.validate(data_copy)  # every table cached clean
    broken = _copy(data_copy, tmp_path, "broken")
    un_table = broken / "un_egdi.csv"
    un_table.write_text(
        un_table.read_text(encoding="utf-8").replace("VNM", "VN" + ZWSP + "M", 1), encoding="utf-8"
    )
    aliases = broken / "country_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "Atlantis,ATL\n", encoding="utf-8")
    messages = []
    for setting in (str(cache), contentcache.OFF):
        monkeypatch.setenv(contentcache.CACHE_ENV, setting)
        _forget()
        with pytest.raises(DataValidationError) as exc:
            dataset.validate(broken)
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    assert "\nun_egdi.csv:" in messages[0].replace("  ", "")  # the edited table's own problem
    on, off = None, None
    for setting in (str(cache), contentcache.OFF):
        monkeypatch.setenv(contentcache.CACHE_ENV, setting)
        _forget()
        if on is None:
            on = dataset.validate(data_copy)
        else:
            off = dataset.validate(data_copy)
    _same(on, off)


def test_a_table_with_problems_is_never_stored(data_copy, cache):
    claims = data_copy / "claims.csv"
    lines = claims.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",", "," + ZWSP, 1)
    claims.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError):
        dataset.validate(data_copy)
    stored = {contentcache.get("text", p.name[5:-5]) for p in cache.glob("text-*.json")}
    assert stored == {folder.CLEAN}
    claims_key = contentcache.key("text", "claims.csv", claims.read_bytes())
    assert not (cache / f"text-{claims_key}.json").exists()


def _entries(cache):
    return sorted(cache.glob("*.json"))


DAMAGE = {
    "garbage": lambda p: p.write_bytes(b"\x00\xff not an entry"),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "altered": lambda p: p.write_bytes(p.read_bytes().replace(b'"', b"'", 3)),
    "empty": lambda p: p.write_bytes(b""),
    "a folder": lambda p: (p.unlink(), p.mkdir()),
}


# Every damage but a folder fails the entry's checksum: the fast subset takes one of those, and the folder.
FAST_DAMAGE = {"altered", "a folder"}


@pytest.mark.parametrize(
    "damage", [pytest.param(d, marks=() if d in FAST_DAMAGE else pytest.mark.slow) for d in DAMAGE]
)
def test_a_damaged_entry_is_ignored_and_written_again(data_copy, tmp_path, cache, checks, damage):
    first = dataset.validate(data_copy)
    for p in _entries(cache):
        DAMAGE[damage](p)
    _forget()
    checks.update(text=0, un=0)
    again = dataset.validate(_copy(data_copy, tmp_path, "again"))
    assert checks["un"] == 1 and checks["text"] > 10_000  # checked again, not trusted
    _same(first, again)
    if damage != "a folder":  # a folder in the way is passed over; the others are rewritten
        _forget()
        checks.update(text=0, un=0)
        dataset.validate(_copy(data_copy, tmp_path, "third"))
        assert checks == {"text": 0, "un": 0}


def test_an_entry_of_another_shape_is_ignored(data_copy, tmp_path, cache, checks):
    first = dataset.validate(data_copy)
    (un_entry,) = cache.glob("un-*.json")
    entry = un_entry.name[3:-5]
    for wrong in (
        {"strings": 5},
        {"strings": [], "figures": [[0] * 9], "countries": {}, "surveyed": []},
        [1, 2],
        None,
    ):
        contentcache.put("un", entry, wrong)  # a valid checksum over a body of the wrong shape
        _forget()
        checks.update(un=0)
        again = dataset.validate(_copy(data_copy, tmp_path, f"copy{checks['text']}-{id(wrong)}"))
        assert checks["un"] == 1
        _same(first, again)


def test_an_unwritable_or_disabled_cache_only_costs_time(data_copy, tmp_path, monkeypatch, cache):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("x", encoding="utf-8")
    monkeypatch.setenv(contentcache.CACHE_ENV, str(in_the_way))
    first = dataset.validate(data_copy)
    _forget()
    monkeypatch.setenv(contentcache.CACHE_ENV, contentcache.OFF)
    _same(first, dataset.validate(data_copy))
    assert not cache.exists()


def test_the_key_is_the_code_the_name_and_the_bytes():
    keys = {
        contentcache.key("text", "a.csv", b"x,y\n1,2\n"),
        contentcache.key("text", "b.csv", b"x,y\n1,2\n"),
        contentcache.key("text", "a.csv", b"x,y\n1,3\n"),
        contentcache.key("un", "a.csv", b"x,y\n1,2\n"),
    }
    assert len(keys) == 4
    assert contentcache.key("text", "a.csv", b"x") == contentcache.key("text", "a.csv", b"x")


def test_the_oldest_entries_go(cache, monkeypatch):
    monkeypatch.setitem(contentcache.KEEP, "text", 3)
    for i in range(5):
        contentcache.put("text", f"k{i}", "clean")
    assert sorted(p.name for p in cache.glob("text-*.json")) == [f"text-k{i}.json" for i in (2, 3, 4)]


def test_a_folder_others_may_write_to_is_not_used(data_copy, tmp_path, monkeypatch, cache):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # anyone could plant an entry saying a table is clean
    monkeypatch.setenv(contentcache.CACHE_ENV, str(shared))
    assert contentcache.cache_dir() is None
    dataset.validate(data_copy)
    assert list(shared.iterdir()) == []
