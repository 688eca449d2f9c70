"""Run the stale reports, ``jobs`` at a time, each in its own forked worker process and kernel.

The longest run first (by the last build's durations); a worker that outlives its report's deadline
is killed (hung beyond what the per-cell timeout can stop, e.g. in C code); each worker's end is
published or kept as a failure at once (``outcome.finish``) and noted in the journal, so that a
killed build loses nothing it published. Ctrl-C or SIGTERM stops the running workers and removes
their staging folders before the interruption goes on to the caller, who writes the manifest and
the index.
"""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection
import time

from . import publish, releases, worker
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
) -> None:
    """Build every report of ``todo`` from the data in ``data_path`` (data version ``version``),
    recording each one's (status, seconds, error) in ``outcomes`` and in ``manifest``."""
    # Longest first (durations of the last build), so no long report starts last on an idle machine.
    todo.sort(key=lambda p: -(manifest.good(p.report.name) or {}).get("duration_s", 0.0))
    ctx = mp.get_context("fork")
    reaper = publish.Reaper()  # old versions and staging folders are deleted off this process's path
    running: dict[int, tuple[mp.Process, Plan, Staging, float, float]] = {}  # ..., started, deadline
    timed_out: set[int] = set()
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
        job = {
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
        proc = ctx.Process(target=worker.run, args=(job,), name=f"report-{p.report.name}")
        proc.start()
        started = time.perf_counter()
        running[proc.sentinel] = (
            proc,
            p,
            staging,
            started,
            started + deadline_of(p.report, config.cell_timeout),
        )
        progress.start(p.report.name, "; ".join(p.reasons))

    try:
        if jobs > 1 and len(queue) > 1:
            start(queue.pop())  # the shortest runs (importing for itself) while this process warms up
        warm_started = time.perf_counter()
        worker.warm(config.kernel, data_path)
        book.warm_s = time.perf_counter() - warm_started
        while queue or running:
            while queue and len(running) < jobs:
                start(queue.pop(0))
            ready = mp.connection.wait(list(running), timeout=1.0)
            now = time.perf_counter()
            for sentinel, (proc, _p, _staging, _started, deadline) in list(running.items()):
                if sentinel not in ready and now > deadline:
                    proc.kill()  # hung beyond what the per-cell timeout can stop (e.g. in C code)
                    proc.join()
                    ready.append(sentinel)
                    timed_out.add(sentinel)
            for sentinel in ready:
                proc, p, staging, _started, _deadline_at = running.pop(sentinel)
                proc.join()
                with book.timed("publish"):
                    status, secs, err = finish(
                        outputs,
                        p,
                        staging,
                        proc.exitcode,
                        sentinel in timed_out,
                        manifest,
                        version,
                        reaper.discard,
                    )
                    outputs.journal(p.report.name, manifest)
                    book.published += 1
                outcomes[p.report.name] = (status, secs, err)
                progress.finish(p.report.name, status == BUILT, secs, err)
    except KeyboardInterrupt:
        progress.close()
        say(f"\nstopping {len(running)} running report(s)")
        for proc, *_ in running.values():
            proc.terminate()
        for proc, _p, staging, *_ in running.values():
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()
            staging.remove()
        raise
    finally:
        reaper.close()
    progress.close()
