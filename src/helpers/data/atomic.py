"""Files written whole: a reader sees the old content or the new, never part of one (standard library
only). The data layer's record and content cache and the runner's published files all write through
:func:`write_atomic`."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes, mode: int | None = None, sync: bool = False) -> None:
    """``data`` (text as UTF-8) written to ``path`` through a temporary file beside it, renamed over
    it. ``mode``: the file's permissions; None gives the mode any other file written here gets (from
    the umask; the temporary file alone would be 0600). ``sync``: the bytes reach the disk before
    the rename (published files). A failure leaves ``path`` as it was and no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~umask() if mode is None else mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # the cleanup never hides what went wrong
            os.unlink(tmp)
        raise
