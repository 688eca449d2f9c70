"""A build's progress: one number per report, from its start to its end.

In a log (cron, CI, a pipe) every event is one plain line::

    [ 6/18] start   ndxp-en  (data changed: ndxp_transactions)
    [ 6/18] built   ndxp-en  12.3 s  (5 of 18 done)

On a terminal the finished reports scroll by as lines and one bar below them shows how many are
done and which are running, redrawn in place.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None):
        self.total = total
        self.stream = stream or sys.stdout
        self.bar = self._is_terminal() if bar is None else bar
        self.numbers: dict[str, int] = {}
        self.running: list[str] = []
        self.done = 0
        self._drawn = False

    def _is_terminal(self) -> bool:
        try:
            return self.stream.isatty() and os.environ.get("TERM", "") != "dumb"
        except (AttributeError, ValueError):
            return False

    def _tag(self, name: str) -> str:
        w = len(str(self.total))
        return f"[{self.numbers[name]:>{w}}/{self.total}]"

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def _clear(self) -> None:
        if self._drawn:
            self._write("\r\033[K")
            self._drawn = False

    def _draw(self) -> None:
        if not self.bar or self.done >= self.total:
            return
        cols = shutil.get_terminal_size((80, 24)).columns
        width = 20
        filled = width * self.done // max(self.total, 1)
        head = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} done"
        tail = f"; running: {', '.join(self.running)}" if self.running else ""
        line = (head + tail)[: max(cols - 1, 10)]
        self._write("\r\033[K" + line)
        self._drawn = True

    def start(self, name: str, why: str = "") -> None:
        self.numbers[name] = len(self.numbers) + 1
        self.running.append(name)
        if self.bar:
            self._draw()
        else:
            self._write(f"{self._tag(name)} start   {name}" + (f"  ({why})" if why else "") + "\n")

    def finish(self, name: str, ok: bool, secs: float, error: str = "") -> None:
        if name in self.running:
            self.running.remove(name)
        self.done += 1
        mark = "built  " if ok else "FAILED "
        self._clear()
        self._write(
            f"{self._tag(name)} {mark} {name}  {secs:.1f} s"
            + (f"  {error}" if error else "")
            + f"  ({self.done} of {self.total} done)\n"
        )
        self._draw()

    def close(self) -> None:
        self._clear()
