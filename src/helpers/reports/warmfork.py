"""The warm process the report workers fork from.

A build that runs reports pays a warm-up once (``worker.warm``: the imports, the data, the fonts)
so that each worker forks warm. Paid in the runner itself, it waited for the runner's own steps
before it (validating the data, the config, the plan, publishing the data page) while the second
core stood idle. Here a child forked as soon as a build is likely to run reports warms up while
the runner goes on with those steps; the runner then asks it to fork each report's worker, and it
tells the runner when each ends and with what exit code.

Messages, runner -> warm process: ``("start", job)``, ``("kill", name)``, ``("stop",)``; warm process
-> runner: ``("warm", seconds)``, ``("started", name, pid)``, ``("ended", name, exitcode)``,
``("failed", exception or None, text)`` when the warm-up raised (the runner raises it in turn).
A job asked for before the warm-up ends forks at the warm-up's next step, importing the rest itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import multiprocessing.connection
import os
import pickle
import signal
import time

from . import publish, worker


class Stop(Exception):
    """The runner asked the warm process to stop (or is gone)."""


class Warm:
    """The runner's side: start it, ask it to start or kill a worker, read what happened."""

    def __init__(self, kernel: str, data_dir: str):
        ctx = mp.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, kernel, data_dir, os.getpid()), name="warm-up")
        self._proc.start()
        child.close()
        self.warm_s: float | None = None  # how long its warm-up took, once it has said
        self.lost = False  # it ended (or broke its pipe) without being asked to
        self._started = False  # whether it was asked to start a worker
        self._pids: dict[str, int] = {}

    @property
    def ready(self) -> bool:
        return self.warm_s is not None

    @property
    def exitcode(self) -> int | None:
        return self._proc.exitcode

    def start(self, job: dict) -> None:
        self._started = True
        self._send(("start", job))

    def kill(self, name: str) -> None:
        self._send(("kill", name))

    def _send(self, msg) -> None:
        try:
            self._conn.send(msg)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.lost = True

    def events(self, timeout: float) -> list[tuple]:
        """What it said within ``timeout`` seconds (at least one message, unless none came):
        ``("warm", s)`` and ``("ended", name, exitcode)``; raises what its warm-up raised."""
        out: list[tuple] = []
        if self.lost:
            return out
        mp.connection.wait([self._conn, self._proc.sentinel], timeout)
        try:
            while self._conn.poll():
                msg = self._conn.recv()
                if msg[0] == "started":
                    self._pids[msg[1]] = msg[2]
                elif msg[0] == "failed":
                    raise _revived(msg[1], msg[2])
                else:
                    if msg[0] == "warm":
                        self.warm_s = msg[1]
                    out.append(msg)
        except (EOFError, OSError):
            self.lost = True
        if not out and not self._proc.is_alive():
            self.lost = True
        if self.lost:  # its workers die with it (PR_SET_PDEATHSIG): make sure before their files are read
            self._kill_workers()
        return out

    def _kill_workers(self) -> None:
        for pid in self._pids.values():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        self._pids.clear()

    def close(self) -> None:
        """Stop it: its running workers are stopped (terminated, killed after 5 s) before it ends."""
        if self._conn.closed:
            return
        if not self._started:  # nothing of its own to stop: not worth waiting for its next step
            self._proc.kill()
        self._send(("stop",))
        self._proc.join(10)
        if self._proc.is_alive():  # stuck: kill it, and the workers it said it started
            self._proc.kill()
            self._proc.join()
            self._kill_workers()
        self._conn.close()


def _revived(blob: bytes | None, text: str) -> BaseException:
    """The exception the warm-up raised, as the warm process sent it (its text when it cannot be
    rebuilt here)."""
    try:
        exc = pickle.loads(blob) if blob else None
    except Exception:
        exc = None
    return exc if isinstance(exc, Exception) else RuntimeError(text)


def _serve(conn, kernel: str, data_dir: str, runner: int) -> None:
    """In the warm process: warm up (forking any worker asked for meanwhile), then serve."""
    publish.forget_lock_in_child()  # the lock ends with the runner, never with this process
    publish.die_with_parent(runner)
    ctx = mp.get_context("fork")
    workers: dict[int, tuple[str, mp.Process]] = {}  # sentinel -> report name, its process

    def handle(msg) -> None:
        if msg[0] == "start":
            job = {**msg[1], "parent": os.getpid()}  # (the worker exits if this process died meanwhile)
            proc = ctx.Process(target=worker.run, args=(job,), name=f"report-{job['name']}")
            proc.start()
            workers[proc.sentinel] = (job["name"], proc)
            conn.send(("started", job["name"], proc.pid))
        elif msg[0] == "kill":
            for name, proc in workers.values():
                if name == msg[1]:
                    proc.kill()
        else:
            raise Stop

    def take() -> None:  # what the runner sent, handled; EOF: the runner is gone
        try:
            while conn.poll():
                handle(conn.recv())
        except (EOFError, OSError):
            raise Stop from None

    try:
        t0 = time.perf_counter()
        try:
            worker.warm(kernel, data_dir, between=take)
        except (Stop, KeyboardInterrupt):
            raise
        except Exception as exc:  # the runner raises it (a data folder that stopped validating, say)
            try:
                blob = pickle.dumps(exc)
            except Exception:  # not picklable: the runner raises its text
                blob = None
            conn.send(("failed", blob, f"the warm-up failed: {type(exc).__name__}: {exc}"))
            return
        conn.send(("warm", time.perf_counter() - t0))
        while True:
            take()
            for sentinel in mp.connection.wait([conn, *workers]):
                if sentinel in workers:
                    name, proc = workers.pop(sentinel)
                    proc.join()
                    conn.send(("ended", name, proc.exitcode))
    except (Stop, KeyboardInterrupt, BrokenPipeError):
        pass
    finally:
        for s in (signal.SIGINT, signal.SIGTERM):  # stopping: nothing interrupts that
            signal.signal(s, signal.SIG_IGN)
        _stop([proc for _name, proc in workers.values()])


def _stop(procs: list) -> None:
    for proc in procs:
        proc.terminate()
    deadline = time.monotonic() + 5
    for proc in procs:
        proc.join(max(0.0, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
            proc.join()
