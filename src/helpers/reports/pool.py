"""Run the stale reports, ``jobs`` at a time, each in its own worker process and kernel, forked from
the warm process (``warmfork``) that warmed up while the runner planned.

The longest run first (by the last build's durations); a worker that outlives its report's deadline
is killed (hung beyond what the per-cell timeout can stop, e.g. in C code); each worker's end is
published or kept as a failure at once (``outcome.finish``) and noted in the journal, so that a
killed build loses nothing it published. Ctrl-C or SIGTERM stops the running workers and removes
their staging folders before the interruption goes on to the caller, who writes the manifest and
the index.
"""

from __future__ import annotations

import time

from . import publish, releases
from .config import Config
from .layout import BUILT, FAILED
from .manifest import Manifest
from .outcome import deadline as deadline_of
from .outcome import fail, finish
from .outputs import Outputs
from .plan import Plan, twins
from .progress import Progress
from .staging import Staging
from .steps import say
from .summary import Bookkeeping
from .warmfork import Warm


def run(
    todo: list[Plan],
    config: Config,
    outputs: Outputs,
    data_path: str,
    manifest: Manifest,
    version: str,
    jobs: int,
    outcomes: dict[str, tuple[str, float, str]],
    book: Bookkeeping,
    warm: Warm | None = None,
) -> None:
    """Build every report of ``todo`` from the data in ``data_path`` (data version ``version``),
    recording each one's (status, seconds, error) in ``outcomes`` and in ``manifest``. The workers
    fork from ``warm`` (started here when not given); it is stopped before this returns."""
    # Longest first (durations of the last build), so no long report starts last on an idle machine.
    todo.sort(key=lambda p: -(manifest.good(p.report.name) or {}).get("duration_s", 0.0))
    warm = warm or Warm(config.kernel, data_path)  # forked before the reaper: it holds none of its pipe
    reaper = publish.Reaper()  # old versions and staging folders are deleted off this process's path
    running: dict[str, tuple[Plan, Staging, float]] = {}  # name -> plan, staging, deadline
    timed_out: set[str] = set()
    queue = list(todo)
    progress = Progress(len(todo))

    twin_of = twins(config.all_reports or config.reports)
    release = releases.current(outputs, manifest, config.site_url)

    def start(p: Plan) -> None:
        try:
            staging = outputs.new_staging(p.report.name)
        except OSError as exc:  # contained to this report
            outcomes[p.report.name] = (FAILED, 0.0, f"could not start: {exc}")
            fail(manifest, p.report.name, outcomes[p.report.name][2])
            progress.start(p.report.name, "; ".join(p.reasons))
            progress.finish(p.report.name, False, 0.0, outcomes[p.report.name][2])
            return
        warm.start(
            {
                "name": p.report.name,
                "notebook": str(p.report.notebook),
                "parameters": p.report.parameters,
                "staging": str(staging.path),
                "data_dir": data_path,
                "data_version": version,
                "cell_timeout": config.cell_timeout,
                "kernel": config.kernel,
                "twin": twin_of.get(p.report.name),
                "site_url": config.site_url,
                "release": release,  # the data release the page cites (see releases)
            }
        )
        running[p.report.name] = (
            p,
            staging,
            time.perf_counter() + deadline_of(p.report, config.cell_timeout),
        )
        progress.start(p.report.name, "; ".join(p.reasons))

    def ended(name: str, exitcode, died: str | None = None) -> None:
        p, staging, _deadline = running.pop(name)
        with book.timed("publish"):
            status, secs, err = finish(
                outputs, p, staging, exitcode, name in timed_out, manifest, version, reaper.discard, died
            )
            outputs.journal(name, manifest)
            book.published += 1
        outcomes[name] = (status, secs, err)
        progress.finish(name, status == BUILT, secs, err)

    try:
        warm.events(timeout=0)  # warm already? (it may have warmed up while this process planned)
        if jobs > 1 and len(queue) > 1 and not warm.ready:
            start(queue.pop())  # the shortest runs (importing for itself) while the rest warms up
        while queue or running:
            while queue and len(running) < jobs and warm.ready:
                start(queue.pop(0))
            for event in warm.events(timeout=1.0):
                if event[0] == "ended" and event[1] in running:
                    ended(event[1], event[2])
            now = time.perf_counter()
            for name, (_p, _staging, deadline) in running.items():
                if now > deadline and name not in timed_out:
                    warm.kill(name)  # hung beyond what the per-cell timeout can stop (e.g. in C code)
                    timed_out.add(name)
            if warm.lost:  # the process the workers fork from died (killed, out of memory): so did they
                lost = f"the process the workers fork from died (exit code {warm.exitcode})"
                for name in list(running):
                    ended(name, None, f"worker process stopped: {lost}")
                for p in queue:
                    why = f"not run: {lost}"
                    outcomes[p.report.name] = (FAILED, 0.0, why)
                    fail(manifest, p.report.name, why)
                    progress.start(p.report.name, "; ".join(p.reasons))
                    progress.finish(p.report.name, False, 0.0, why)
                queue.clear()
    except KeyboardInterrupt:
        progress.close()
        say(f"\nstopping {len(running)} running report(s)")
        warm.close()  # its workers stopped first
        for _p, staging, _deadline in running.values():
            staging.remove()
        raise
    finally:
        book.warm_s = warm.warm_s
        warm.close()
        reaper.close()
    progress.close()
