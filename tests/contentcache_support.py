"""What the content cache's tests share (tests/test_content_cache*.py): a private cache folder, and
forgetting what a process keeps in memory."""

from __future__ import annotations

from helpers.data import contentcache, folder
from helpers.data.validate import dataset


def forget(decoded: bool = True) -> None:
    """As a new process: nothing kept in memory, only what the cache folder holds (``decoded=False``:
    as the same process validating another copy, which keeps the decoded UN entry)."""
    dataset._validated.clear()
    folder._TEXT_CHECKED.clear()
    if decoded:
        contentcache._DECODED.clear()


def private_cache(tmp_path, monkeypatch):
    """The body of a ``cache`` fixture: the cache in a folder of the test's own, nothing kept in
    memory before or after."""
    where = tmp_path / "cache"
    monkeypatch.setenv(contentcache.CACHE_ENV, str(where))
    forget()
    yield where
    forget()
