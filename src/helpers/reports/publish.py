"""File-system steps that keep published reports whole: a lock against overlapping runs, atomic
file writes, and an atomic swap of a report's folder.

A report is built in a staging folder and swapped into its published folder in one
``renameat2(RENAME_EXCHANGE)`` call (Linux), so a reader, or a run killed at any moment, sees the old
folder or the new one, never a mix. Where the exchange is not available, two renames are used and
the window between them is recovered on the next run (see ``Outputs.clean_staging``). Which folders
these are is for ``outputs`` to say; this module knows no names.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import shutil
import signal
import sys
import time
from pathlib import Path

from ..data import atomic
from ..data.atomic import umask  # releases.py reads publish.umask too


class LockedError(Exception):
    """Another build holds the outputs folder."""


class LinkError(OSError):
    """A path the runner would write through is a symbolic link it did not make."""

    def __init__(self, path: Path):
        super().__init__(
            f"{path} is a symbolic link; the runner never follows a link inside the outputs folder that "
            "it did not make (remove the link, or put a real folder or file there) and nothing was written through it"
        )


FILE_MODE = 0o666 & ~umask()  # published files get the mode any other file written here would


_held: list[int] = []  # the lock's file descriptor while a build holds it


def forget_lock_in_child() -> None:
    """In a forked worker: drop the inherited lock descriptor, so that the lock ends with the parent
    (a flock belongs to every process holding the descriptor, orphaned workers included)."""
    for fd in _held:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


def die_with_parent(parent: int | None = None) -> None:
    """In a forked worker (Linux): be killed when the parent dies, even by SIGKILL. ``parent``, the
    pid of the process that forked this one: when it died before this was said, exit now."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    if parent is not None and os.getppid() != parent:
        os._exit(1)


@contextlib.contextmanager
def lock(path: Path, wait: bool):
    """Hold the lock file ``path`` for the whole build: wait for another build, or fail at once."""
    outputs = path.parent
    outputs.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LinkError(path) from None
        raise
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise LockedError(
                f"another build is running on {outputs} (pid {holder}); it was left alone. "
                "Run again with --wait to queue behind it."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _held.append(fd)
        yield
    finally:
        if fd in _held:
            _held.remove(fd)
        os.close(fd)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a published file so that readers see the old content or the new, never part of it:
    on disk before it replaces the old, with the mode any other file written here gets (a web
    server running as another user reads it)."""
    atomic.write_atomic(path, data, mode=FILE_MODE, sync=True)


_libc = None
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the system cannot."""
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    fn = getattr(_libc, "renameat2", None)
    if fn is None:
        return False
    rc = fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def swap_into_place(built: Path, final: Path, discard=shutil.rmtree) -> None:
    """Make ``built`` the published ``final`` folder in one step; the old one is then discarded
    (deleted, or handed to ``discard``, e.g. a :class:`Reaper`'s). A symbolic link at ``final`` is
    left alone (LinkError)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.is_symlink():
        raise LinkError(final)
    if not final.exists():
        os.rename(built, final)
        return
    if _exchange(built, final):
        discard(built)  # now holds the old version
        return
    old = final.parent / f".{final.name}.{os.getpid()}.{int(time.time())}{OLD}"
    os.rename(final, old)  # a kill from here to the next rename is undone by recover_swaps
    os.rename(built, final)
    discard(old)


def _not_deleted(_func, path, exc_info) -> None:
    """The reaper's errors: said, not raised (the build goes on; the next one cleans up)."""
    if not isinstance(exc_info[1], FileNotFoundError):
        print(f"warning: could not delete {path}: {exc_info[1]}", file=sys.stderr, flush=True)


class Reaper:
    """Deletes folders in a child process, off the build's path: deleting a report's old version
    and its staging folder costs milliseconds of file-system calls, which over thousands of
    reports would add up in the one process that schedules them all.

    What a killed reaper leaves is in ``.staging`` or is a ``reports/.*.old`` folder, both cleaned
    by the next build. Fork it before the workers (it holds nothing but the pipe)."""

    def __init__(self):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the reaper
            try:
                os.close(w)
                forget_lock_in_child()
                die_with_parent()
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: finish, then exit at EOF
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                pending = b""
                while chunk := os.read(r, 1 << 16):
                    *paths, pending = (pending + chunk).split(b"\0")
                    for path in paths:
                        shutil.rmtree(os.fsdecode(path), onerror=_not_deleted)
            finally:
                os._exit(0)
        os.close(r)
        self.pid, self._w = pid, w

    def discard(self, path: Path) -> None:
        os.write(self._w, os.fsencode(str(path)) + b"\0")

    def close(self) -> None:
        """Wait until everything handed over is deleted."""
        if self._w is not None:
            os.close(self._w)
            self._w = None
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)


OLD = ".old"


# The name a fallback swap gives the old version: .NAME.PID.TIME.old, NAME a report's name. Nothing
# else is the runner's: a person's own .X.old or .my-archive.old is left alone.
_SWAPPED = re.compile(r"\.(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]{0,99})\.[0-9]+\.[0-9]+" + re.escape(OLD))


def recover_swaps(folder: Path) -> list[str]:
    """Finish what a fallback swap interrupted between its two renames left in ``folder``: an old
    copy ``.NAME.PID.TIME.old`` whose ``NAME`` is missing is put back (the last good version), one
    whose ``NAME`` is there is deleted. Any other name is not the runner's and is left alone.
    Returns the names put back."""
    restored = []
    olds = sorted(folder.glob(f".*{OLD}"), key=lambda p: p.name, reverse=True) if folder.is_dir() else []
    for old in olds:
        m = _SWAPPED.fullmatch(old.name)
        if m is None:
            continue  # not a name a swap gives: a person's own
        name = m["name"]
        final = folder / name
        if old.is_symlink():
            continue  # not made by a swap: left alone
        if not os.path.lexists(final):
            os.rename(old, final)
            restored.append(name)
        else:
            shutil.rmtree(old, ignore_errors=True)
    return restored


def replace_file(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)
