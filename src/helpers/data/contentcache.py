"""What checking a file's bytes found, kept on disk by content and shared by every copy of a data
folder on this machine (issue 24).

A fresh validation spent most of its time on two things whose result depends only on bytes that
rarely change: the text check of the published CSVs (``un_egdi.csv`` alone is 1.4 MB) and the
parse of the raw UN tables. Every ``helpers.reports build`` on a new copy of the data paid them
again: each runner test, each fuzz case. Here they are kept:

- **keyed by content**: an entry's name is the SHA-256 of the checking code (the ``helpers.data``
  modules and the project's data contract, :func:`code_key`), the kind of check, the file's name in
  the folder, and the file's bytes. Nothing is keyed on a path, a time or a size; a copy of the data
  anywhere shares the entry, and an edit of any byte, or of the code, misses it.
- **only clean results**: an entry says "these bytes gave no problem" (and, for the UN tables, what
  was read). A file with problems is checked again every time, so every message is the checker's
  own, with the copy's own paths.
- **never trusted blindly**: an entry holds the SHA-256 of its body. One that cannot be read, is
  truncated, altered, not JSON or of the wrong shape is ignored (as a miss) and written again.
- **compiled templates** (``present.markup``): :func:`folder` gives a folder per version of the
  compiling code, :func:`write` and :func:`read` files checked by their SHA-256.
- **where**: ``$HELPERS_CACHE_DIR``, else ``$XDG_CACHE_HOME/vn-digital-gov``, else
  ``~/.cache/vn-digital-gov``; ``HELPERS_CACHE_DIR=off`` turns it off. A folder that cannot be written
  only costs time; one that another user owns or may write to is not used. At most :data:`KEEP`
  entries of a kind are kept (the oldest go).

Standard library only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from .atomic import write_atomic

CACHE_ENV = "HELPERS_CACHE_DIR"
OFF = "off"
KEEP = {"text": 512, "un": 16, "po": 16}  # entries kept per kind; a UN entry weighs about 0.9 MB
KEEP_FILES = 256  # files kept in one such folder (the oldest go)
KEEP_FOLDERS = 8  # folders kept per kind (compiled templates: one per version of the code compiling them)
_FORMAT = 1  # the entries' own format: a change misses every older entry


def cache_dir() -> Path | None:
    """Where entries are kept; None when the cache is off, or its folder cannot be made or is not
    this user's alone (owned by another user, or writable by others: an entry there could claim a
    table clean that is not)."""
    env = os.environ.get(CACHE_ENV)
    if env == OFF:
        return None
    if env:
        return _private(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        base = Path(xdg) if xdg else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return _private(str(base / "vn-digital-gov"))


@functools.lru_cache(maxsize=8)
def _private(folder: str) -> Path | None:
    path = Path(folder)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.stat()
    except OSError:
        return None
    if not path.is_dir() or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        return None
    return path


@functools.cache
def code_key() -> str:
    """A hash of what decides a check's result: every module of ``helpers.data`` (its package
    included), the project's data contract (``schema.DESCRIPTOR``), the Python version."""
    from . import schema

    here = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{_FORMAT} {sys.version_info[:2]}".encode())
    for path in sorted(here.rglob("*.py")):
        h.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(schema.DESCRIPTOR.read_bytes())
    return h.hexdigest()


def key(kind: str, name: str, content: bytes) -> str:
    """The entry of check ``kind`` on the file ``name`` holding ``content``."""
    h = hashlib.sha256(f"{code_key()}\0{kind}\0{name}\0".encode())
    h.update(content)
    return h.hexdigest()


def _path(kind: str, entry: str) -> Path | None:
    base = cache_dir()
    return None if base is None else base / f"{kind}-{entry}.json"


def get(kind: str, entry: str):
    """The value stored for ``entry``; None when there is none or it cannot be trusted."""
    path = _path(kind, entry)
    return None if path is None else _value(kind, entry, read(path))


def _value(kind: str, entry: str, body: bytes | None):
    """The value in an entry's checked ``body``; None when it is not an entry of ``kind`` for ``entry``."""
    if body is None:
        return None  # missing, unreadable, truncated or altered
    try:
        value = json.loads(body)
    except ValueError:  # not UTF-8, not JSON
        return None
    if not isinstance(value, dict) or value.get("kind") != kind or value.get("key") != entry:
        return None
    return value.get("value")


_DECODED: dict[Path, tuple[bytes, object]] = {}  # an entry's file -> (hash of its bytes, decode's result)


def get_decoded(kind: str, entry: str, decode):
    """``decode(get(kind, entry))``, kept in this process while the entry's file holds the same bytes:
    a process that validates many copies of the data decodes an entry once (the file is still read
    and hashed each time, so an entry altered since is never answered from memory). None when there
    is no entry, it cannot be trusted, or ``decode`` refuses its value (gives None)."""
    path = _path(kind, entry)
    raw = None if path is None else _raw(path)
    if raw is None:
        return None
    seen = hashlib.sha256(raw).digest()
    kept = _DECODED.get(path)
    if kept is not None and kept[0] == seen:
        return kept[1]
    value = _value(kind, entry, _checked(raw))
    decoded = None if value is None else decode(value)
    if decoded is not None:
        _DECODED.clear()  # one kept: a process works on one state of the data at a time
        _DECODED[path] = (seen, decoded)
    return decoded


def put(kind: str, entry: str, value) -> None:
    """Store ``value`` (JSON) for ``entry``, atomically; an unwritable cache is passed over."""
    path = _path(kind, entry)
    if path is None:
        return
    body = json.dumps({"kind": kind, "key": entry, "value": value}, ensure_ascii=False).encode()
    if write(path, body):
        _prune(path.parent, kind)


def write(path: Path, body: bytes) -> bool:
    """``body`` written to ``path`` atomically, after the SHA-256 that :func:`read` checks; whether
    it was (an unwritable cache is passed over)."""
    text = hashlib.sha256(body).hexdigest().encode() + b"\n" + body
    try:
        write_atomic(path, text, mode=0o600)  # the cache's files are its user's alone
    except OSError:
        return False
    return True


def read(path: Path) -> bytes | None:
    """What :func:`write` wrote to ``path``; None when it is missing, unreadable, truncated or
    altered."""
    raw = _raw(path)
    return None if raw is None else _checked(raw)


def _raw(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _checked(raw: bytes) -> bytes | None:
    """The body of a file :func:`write` wrote; None when it does not match the SHA-256 before it."""
    digest, _, body = raw.partition(b"\n")
    return body if hashlib.sha256(body).hexdigest().encode() == digest else None


def folder(kind: str, key: str) -> Path | None:
    """A folder of the cache for files of ``kind`` made by code of hash ``key`` (the newest
    ``KEEP_FOLDERS`` of a kind are kept); None when the cache is off or cannot be written."""
    base = cache_dir()
    if base is None:
        return None
    path = base / f"{kind}-{key}"
    try:
        path.mkdir(parents=True, exist_ok=True)
        os.utime(path)  # the newest in use
        others = sorted((p.stat().st_mtime_ns, p) for p in base.glob(f"{kind}-*") if p.is_dir() and p != path)
        for _, old in others[: max(0, len(others) + 1 - KEEP_FOLDERS)]:
            shutil.rmtree(old, ignore_errors=True)
        files = sorted((p.stat().st_mtime_ns, p) for p in path.iterdir() if p.is_file())
        for _, old in files[: max(0, len(files) - KEEP_FILES)]:  # e.g. from checkouts long gone
            old.unlink(missing_ok=True)
    except OSError:
        return None
    return path


def _prune(folder: Path, kind: str) -> None:
    """Remove the oldest entries of ``kind`` beyond ``KEEP[kind]``."""
    entries = []
    for p in folder.glob(f"{kind}-*.json"):
        with contextlib.suppress(OSError):
            entries.append((p.stat().st_mtime_ns, p))
    for _, p in sorted(entries)[: max(0, len(entries) - KEEP[kind])]:
        with contextlib.suppress(OSError):
            p.unlink()
