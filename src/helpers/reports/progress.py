"""A build's progress: one number per report, from its start to its end.

In a log (cron, CI, a pipe) every event is one plain line::

    [ 6/18] start   ndxp-en  (data changed: ndxp_transactions)
    [ 6/18] built   ndxp-en  12.3 s  (5 of 18 done)

On a terminal the finished reports scroll by as lines and one bar below them (tqdm's) shows how
many are done and which are running, redrawn in place.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TextIO

from tqdm import tqdm


class _Bar(tqdm):
    # No monitor thread: the runner forks its workers while the bar is up, and a process that forks
    # should hold no thread but its own.
    monitor_interval = 0


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None):
        self.total = total
        self.stream = stream or sys.stdout
        self.numbers: dict[str, int] = {}
        self.running: list[str] = []
        self.done = 0
        self.bar = self._is_terminal() if bar is None else bar  # else plain lines
        self._bar = (
            _Bar(
                total=total,
                file=self.stream,
                bar_format="[{bar:20}] {n}/{total} done{postfix}",
                ascii=".#",  # the same characters in every terminal and log viewer
                ncols=self._columns(),
                nrows=max(shutil.get_terminal_size((80, 24)).lines, 2),  # tqdm hides the bar below it
                mininterval=0,  # reports end seconds apart: show each change at once
                leave=False,
            )
            if self.bar
            else None
        )

    def _is_terminal(self) -> bool:
        try:
            return self.stream.isatty() and os.environ.get("TERM", "") != "dumb"
        except (AttributeError, ValueError):
            return False

    @staticmethod
    def _columns() -> int:
        """The bar's width: the terminal's, less one (80 when the terminal does not say its size:
        tqdm's own measure gives 0 there, and no bar)."""
        return max(shutil.get_terminal_size((80, 24)).columns - 1, 10)

    def _tag(self, name: str) -> str:
        w = len(str(self.total))
        return f"[{self.numbers[name]:>{w}}/{self.total}]"

    def _line(self, text: str) -> None:
        """A line above the bar (tqdm clears the bar, writes the line and draws the bar again)."""
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            self.stream.write(text + "\n")
            self.stream.flush()

    def _running(self) -> str:
        return f"running: {', '.join(self.running)}" if self.running else ""  # after "3/18 done, "

    def start(self, name: str, why: str = "") -> None:
        self.numbers[name] = len(self.numbers) + 1
        self.running.append(name)
        if self._bar is not None:
            self._bar.ncols = self._columns()  # never wider than the terminal, resized or not
            self._bar.set_postfix_str(self._running())
        else:
            self._line(f"{self._tag(name)} start   {name}" + (f"  ({why})" if why else ""))

    def finish(self, name: str, ok: bool, secs: float, error: str = "") -> None:
        if name in self.running:
            self.running.remove(name)
        self.done += 1
        mark = "built  " if ok else "FAILED "
        self._line(
            f"{self._tag(name)} {mark} {name}  {secs:.1f} s"
            + (f"  {error}" if error else "")
            + f"  ({self.done} of {self.total} done)"
        )
        if self._bar is not None:
            self._bar.ncols = self._columns()
            self._bar.set_postfix_str(self._running(), refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
