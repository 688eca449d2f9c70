"""The report runner's command line run in a process forked from a warm server, for the tests that
check what the runner does rather than how Python starts.

A ``python -m helpers.reports build`` spends about 3 of its 4 seconds on a tiny config importing
pandas, matplotlib, IPython and papermill before it starts: the same imports for each of the
hundreds of builds the runner tests start. Here a ``multiprocessing`` fork server (one per pytest
process) imports them once; each run is a fresh process forked from it that runs the package's
``__main__`` exactly as ``python -m helpers.reports ARGS`` does (argument parsing, the SIGTERM
handler, the warm-up, the build, ``os._exit`` with the status), with its own environment, working
directory and ``sys.argv``, its output written to files read back as a ``CompletedProcess``. The
process is a real one (its own pid, signals, exit status; the build's workers fork from it).

What this path does not exercise - the interpreter's start-up, ``-X`` flags, ``sitecustomize``
faults on ``PYTHONPATH``, a ``preexec_fn`` - goes through :func:`subprocess.run`: :func:`run`
falls back to it for those, and a few tests call the true command line on purpose
(``forked=False``). ``python -m helpers.data`` (``make validate``) is forked the same way; the server
has validated the project's data, so a copy of the same bytes is checked from what it kept.
``RUNNER_FORK=0`` runs every command as a new process (to compare).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

TESTS_DIR = str(Path(__file__).resolve().parent)
# The commands run forked: the report runner, and the data's validation (``make validate``), whose
# tests check what it says of a copy of the data, not how the interpreter starts.
MODULES = ("helpers.reports", "helpers.data")
# What the server warms: "all" (the stack a build runs, about 2 s of a core) or "data" (the data
# validated and the runner's command line: what a command that stops before any report needs, about
# 0.15 s). Either gives the same results; "data" only makes a build's imports its own. conftest sets
# "data" for a run that selects no slow test (make test-fast builds nothing).
WARM = "all"
_CTX: list = []


def _context():
    """The fork server's context: the server warms up once (tests/runner_fork_server.py)."""
    if not _CTX:
        from multiprocessing import forkserver

        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["runner_fork_server", "runner_fork"])
        # The server finds its preload on PYTHONPATH (it does not receive this process's sys.path).
        old = {name: os.environ.get(name) for name in ("PYTHONPATH", "RUNNER_FORK_WARM")}
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (TESTS_DIR, old["PYTHONPATH"]) if p)
        os.environ["RUNNER_FORK_WARM"] = WARM  # read by the server's preload, not by the commands
        try:
            forkserver.ensure_running()
        finally:
            for name, value in old.items():
                if value is None:
                    del os.environ[name]
                else:
                    os.environ[name] = value
        _CTX.append(ctx)
    return _CTX[0]


def _child(module: str, argv: list[str], env: dict, cwd: str, out: str, err: str) -> None:
    """In the forked process: become ``python -m MODULE ARGV`` and never return."""
    try:
        if "runner_fork_server" not in sys.modules:  # the server could not import it: say so
            raise RuntimeError("the fork server did not warm up (tests/runner_fork_server.py not imported)")
        for fd, path in ((1, out), (2, err)):
            target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        # the streams of a new process (UTF-8 as C.UTF-8 gives; stderr line-buffered)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", 1, encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        # As a command started from a shell: Ctrl-C raises KeyboardInterrupt, SIGTERM and SIGCHLD
        # at their defaults (the package's __main__ installs its own SIGTERM handler first thing).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        sys.path[:] = [cwd, *(p for p in sys.path if p not in ("", TESTS_DIR, cwd))]
        sys.argv = [str(Path(sys.executable).parent / "helpers-reports"), *argv]
        import runpy

        runpy.run_module(module, run_name="__main__", alter_sys=True)  # helpers.reports ends in os._exit
    except SystemExit as exc:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exc.code if isinstance(exc.code, int) else 1)
    except BaseException:  # noqa: BLE001  (a traceback, as the interpreter would print it)
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    sys.stdout.flush()  # a module that returned: as the interpreter ends, its output written out
    sys.stderr.flush()
    os._exit(0)


class Forked:
    """A running ``python -m helpers.reports ARGS`` (or another module of :data:`MODULES`) forked
    from the warm server (see the module)."""

    def __init__(
        self,
        argv: list[str],
        env: dict | None = None,
        cwd: str | None = None,
        module: str = "helpers.reports",
    ):
        self.args = [sys.executable, "-m", module, *argv]
        self._dir = tempfile.TemporaryDirectory(prefix="runner-fork-")
        self._out = os.path.join(self._dir.name, "stdout")
        self._err = os.path.join(self._dir.name, "stderr")
        env = dict(os.environ if env is None else env)
        self._proc = _context().Process(
            target=_child, args=(module, argv, env, cwd or os.getcwd(), self._out, self._err), daemon=False
        )
        self._proc.start()
        self.pid = self._proc.pid

    def poll(self) -> int | None:
        return self._proc.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._proc.join(timeout)
        if self._proc.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout)
        return self._proc.exitcode

    def kill(self) -> None:
        if self._proc.exitcode is None:
            self._proc.kill()
            self._proc.join(10)

    def result(self) -> subprocess.CompletedProcess:
        def read(path: str) -> str:
            with open(path, "rb") as fh:
                return fh.read().decode("utf-8", errors="backslashreplace")

        try:
            return subprocess.CompletedProcess(self.args, self.wait(), read(self._out), read(self._err))
        finally:
            self._dir.cleanup()


def run(
    cmd: list[str], timeout: float = 600, env: dict | None = None, cwd=None
) -> subprocess.CompletedProcess:
    """Run ``cmd`` to its end like ``subprocess.run(cmd, capture_output=True, text=True)``: forked
    from the warm server when it is ``python -m MODULE ARGS`` (:data:`MODULES`) and nothing must happen at the
    interpreter's start-up (no ``-X`` flag, the same ``PYTHONPATH``); a process still running after
    ``timeout`` seconds is killed and :class:`subprocess.TimeoutExpired` raised."""
    cmd = [str(c) for c in cmd]
    runner = cmd[:2] == [sys.executable, "-m"] and len(cmd) > 2 and cmd[2] in MODULES
    same_path = env is None or env.get("PYTHONPATH") == os.environ.get("PYTHONPATH")
    if not (runner and same_path) or os.environ.get("RUNNER_FORK") == "0":
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd, errors="backslashreplace"
        )
    proc = Forked(cmd[3:], env=env, cwd=str(cwd) if cwd else None, module=cmd[2])
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return proc.result()
