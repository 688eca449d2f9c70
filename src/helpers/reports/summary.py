"""What the runner prints about a whole build and for ``list``: the table of reports with their
status and time, the runner's own time (:class:`Bookkeeping`), and every report's state."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

from .config import ConfigError
from .layout import BUILT, FAILED, UP_TO_DATE
from .outputs import Outputs
from .plan import Plan, plan
from .steps import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Options, claimed, load_config, say, validated

PARAMS_WIDTH = 40  # list: the parameters column, cut with "…" beyond it so the columns stay aligned


class Bookkeeping:
    """The runner's own time (planning, publishing, writing the manifest and the index), which
    must stay small per report however many reports there are."""

    def __init__(self):
        self.seconds = {"plan": 0.0, "publish": 0.0, "write": 0.0}
        self.published = 0
        self.warm_s: float | None = None  # the warm-up before the workers fork (none when nothing ran)

    @contextlib.contextmanager
    def timed(self, what: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[what] += time.perf_counter() - t

    def line(self, reports: int) -> str:
        total = sum(self.seconds.values())
        s = self.seconds
        return (
            f"bookkeeping: {total:.3f} s for {reports} report(s), {total / max(reports, 1) * 1000:.2f} ms a report "
            f"(plan {s['plan']:.3f} s, publish {s['publish']:.3f} s for {self.published}, "
            f"manifest and index {s['write']:.3f} s)"
        )


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def summary(
    plans: list[Plan], outcomes: dict, total: float, outputs: Outputs, book: Bookkeeping | None = None
) -> None:
    width = max([len(p.report.name) for p in plans] + [6])
    say("")
    say(f"{'report':<{width}}  {'status':<10}  {'time':>7}  detail")
    for p in plans:
        status, secs, err = outcomes[p.report.name]
        t = f"{secs:.1f} s" if status != UP_TO_DATE else "-"
        say(f"{p.report.name:<{width}}  {status:<10}  {t:>7}  {err}")
    counts = {s: sum(1 for o in outcomes.values() if o[0] == s) for s in (BUILT, UP_TO_DATE, FAILED)}
    say(f"\n{', '.join(f'{n} {s}' for s, n in counts.items())} in {total:.1f} s")
    if book is not None:
        say(book.line(len(plans)))
        if book.warm_s is not None:
            say(f"warm-up: {book.warm_s:.3f} s (once, before the workers fork)")
    say(f"open {_shown(outputs.index)} to see the reports")


def status(opts: Options) -> int:
    """``list``: every report, its parameters and state (up to date, stale and why, failed)."""
    ds = validated(opts)
    if ds is None:
        return EXIT_FAILED
    try:
        config = load_config(opts, ds)
    except ConfigError as exc:
        say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    outputs = Outputs(opts.outputs)
    if not claimed(outputs):
        return EXIT_USAGE
    manifest = outputs.read_manifest()
    plans, version = plan(config, outputs, ds, manifest, force=False)
    width = max((len(p.report.name) for p in plans), default=0)
    nb_width = max((len(p.report.notebook.name) for p in plans), default=0)
    say(f"data version {version}; outputs in {outputs.root}")
    for p in plans:
        params = ", ".join(f"{k}={v!r}" for k, v in p.report.parameters.items()) or "(defaults)"
        params = params if len(params) <= PARAMS_WIDTH else params[: PARAMS_WIDTH - 1] + "…"
        failed = manifest.failure(p.report.name)
        state = UP_TO_DATE if not p.reasons else "stale: " + "; ".join(p.reasons)
        if failed:
            state = f"{FAILED}: {failed.get('error')}"
        say(
            f"{p.report.name:<{width}}  {p.report.notebook.name:<{nb_width}}  {params:<{PARAMS_WIDTH}}  {state}"
        )
    return EXIT_OK
