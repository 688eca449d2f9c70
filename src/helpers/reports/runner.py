"""Build the reports: check everything first, rebuild only what changed, run in parallel, publish
atomically, and never replace a good report with a broken one. Orchestration only: the steps are
``steps``' (shared with ``merge``), what is stale is ``plan``'s to say, where files go ``outputs``',
how the reports run ``pool``'s, ``worker``'s and ``engine``'s.

Order of a build, each step able to stop it before any kernel starts:
1. the data folder (every problem listed): exit status 1, ``outputs/`` untouched. It comes first
   because the config is expanded from the validated dataset (``from: headline_indicators``);
2. the config and every report's parameters (names and types, against each notebook's typed
   parameters cell): exit status 2;
3. the parameters' values against the data (unknown indicator or country): exit status 2;
4. the lock on ``outputs/`` (another build is running): wait, or exit status 3;
5. with the lock held: the data again (it may have changed while ``--wait`` queued), no symbolic
   link where the build writes in ``outputs/`` (exit status 1), and whether the data shrank sharply
   against the last published build (exit status 1, unless ``--accept-shrink``).
Then stale reports run ``jobs`` at a time, each in its own process and kernel; a report that fails
keeps its last good version and is kept among the failed runs; the exit status is 1 if any failed.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from ..data import Dataset, DataValidationError
from ..data.record import RecordedDataset
from . import fingerprint as fp
from . import freshness, publish
from .catalogue import write_index
from .config import Config, ConfigError
from .layout import FAILED, UP_TO_DATE
from .outcome import fail, shrinkage
from .outputs import Outputs
from .plan import check_values, plan
from .steps import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
    Options,
    claimed,
    indexed,
    judge_freshness,
    load_config,
    publish_data,
    say,
    validated,
    write_batch,
)
from .steps import rows as rows_of
from .summary import Bookkeeping, summary


def _on_signal(signum, _frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def build(opts: Options) -> int:
    """Build the stale reports; returns the exit status. SIGINT and SIGTERM stop it cleanly (130)."""
    t0 = time.perf_counter()
    old_handlers = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _build(opts, t0)
    except KeyboardInterrupt as exc:
        say(f"interrupted ({exc or 'SIGINT'}): published reports are intact", sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        for s, h in old_handlers.items():
            signal.signal(s, h)


class Warming:
    """The process the workers fork from (``warmfork``): started as soon as reports are likely to
    run (the data changed, or --force), so that it warms up while this process takes the lock,
    plans and publishes the data page; otherwise once the plan finds work. Stopped when the build
    ends (``close``)."""

    def __init__(self, kernel: str, data_path: str, now: bool):
        self.kernel, self.data_path, self.warm = kernel, data_path, None
        if now:
            self.start()

    def start(self):
        if self.warm is None:
            from .warmfork import Warm  # multiprocessing: not for a no-op build

            self.warm = Warm(self.kernel, self.data_path)
        return self.warm

    def close(self) -> None:
        if self.warm is not None:
            self.warm.close()


def _build(opts: Options, t0: float) -> int:
    ds = validated(opts)
    if ds is None:
        return EXIT_FAILED
    try:
        config = _build_config(opts, ds)
    except ConfigError as exc:
        say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    outputs = Outputs(opts.outputs)
    if not claimed(outputs):
        return EXIT_USAGE
    warming = Warming(config.kernel, str(ds.path), opts.force or not isinstance(ds, RecordedDataset))
    try:
        with outputs.lock(opts.wait):
            return _checked_again(config, outputs, ds, opts, t0, warming)
    except publish.LockedError as exc:
        say(f"error: {exc}", sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:  # a symbolic link, a read-only or full outputs folder: nothing more was done
        say(f"error: {exc}", sys.stderr)
        return EXIT_FAILED
    except DataValidationError as exc:  # read again during the build (steps.publish_data): edited since
        say(f"error: the data changed during the build and no longer validates.\n{exc}", sys.stderr)
        return EXIT_FAILED
    finally:
        warming.close()


def _build_config(opts: Options, ds: Dataset | RecordedDataset) -> Config:
    """The config to build, its parameters' values checked against ``ds`` and the command line's
    settings applied; raises ConfigError."""
    config = load_config(opts, ds)
    check_values(config, ds)
    if opts.cell_timeout:
        config.cell_timeout = opts.cell_timeout
    if opts.kernel:
        config.kernel = opts.kernel
    return config


def _checked_again(
    config: Config,
    outputs: Outputs,
    ds: Dataset | RecordedDataset,
    opts: Options,
    t0: float,
    warming: Warming,
) -> int:
    """With the lock held, before anything is written: the data again (it may have changed while
    this build waited for the lock), the outputs folder's links, and how much the data shrank."""
    now = validated(opts)
    if now is None:
        return EXIT_FAILED
    if now is not ds and fp.data_fingerprints(now) != fp.data_fingerprints(ds):  # the data changed
        try:
            config = _build_config(opts, now)
        except ConfigError as exc:
            say(f"error: {exc}", sys.stderr)
            return EXIT_USAGE
    outputs.check_safe()
    manifest = outputs.read_manifest()
    rows = rows_of(now)
    lost = shrinkage(manifest.rows(), rows)
    if lost and not opts.accept_shrink:
        say(
            f"error: the data shrank sharply against the last published build: {'; '.join(lost)}.\n"
            "No report was built and outputs/ is unchanged. If the loss is intended, run again with "
            "--accept-shrink.",
            sys.stderr,
        )
        return EXIT_FAILED
    jobs = opts.jobs or os.cpu_count() or 1
    return _build_locked(config, outputs, now, manifest, rows, opts.force, jobs, t0, warming)


def _build_locked(
    config,
    outputs: Outputs,
    ds: Dataset | RecordedDataset,
    manifest,
    rows,
    force: bool,
    jobs: int,
    t0,
    warming,
) -> int:
    leftovers, restored = outputs.clean_staging()
    if restored:
        say(
            f"recovered {len(restored)} report folder(s) left mid-swap by an interrupted run: {', '.join(restored)}"
        )
    if leftovers:
        say(f"cleaned {len(leftovers)} staging folder(s) left by an interrupted run")
    book = Bookkeeping()
    replayed = outputs.replay_journal(manifest)
    with book.timed("plan"):
        plans, version = plan(config, outputs, ds, manifest, force)
    if replayed:
        say(f"recorded {replayed} report(s) that an interrupted run published")
        with book.timed("write"):
            write_batch(config, outputs, manifest, version, rows)
    todo = [p for p in plans if p.reasons]
    outcomes: dict[str, tuple[str, float, str]] = {p.report.name: (UP_TO_DATE, 0.0, "") for p in plans}
    linked = outputs.linked_reports()
    for p in [p for p in todo if p.report.name in linked]:  # never replaced, never followed
        todo.remove(p)
        outcomes[p.report.name] = (
            FAILED,
            0.0,
            f"not replaced: {publish.LinkError(outputs.report_dir(p.report.name))}",
        )
        fail(manifest, p.report.name, outcomes[p.report.name][2])
    if todo:
        warming.start()  # warms up while the data page is published
    published_before = manifest.data.get("published_data_version")
    publish_data(outputs, ds, version, manifest, config.site_url)
    # the data page was published again (the figures, or only its documents, changed)
    data_change = manifest.data.get("published_data_version") != published_before
    judged = judge_freshness(ds, version, manifest)
    sharded = bool(config.shard) and manifest.data.get("shard") != list(config.shard)
    if sharded:  # an empty shard too says which part it is, for merge
        manifest.data["shard"] = list(config.shard)
    if not todo:
        warming.close()  # started for nothing: its core is free again
        with book.timed("write"):
            if data_change or judged or sharded or linked or manifest.rows() != rows:
                outputs.save_manifest(manifest, version, rows)
            write_index(outputs, indexed(config), manifest, version, config.site_url, if_changed=True)
        for line in freshness.lines(manifest):
            say(line)
        summary(plans, outcomes, time.perf_counter() - t0, outputs, book)
        return EXIT_FAILED if any(o[0] == FAILED for o in outcomes.values()) else EXIT_OK
    try:
        from . import pool  # multiprocessing, the workers and the progress bar: not for a no-op build

        pool.run(
            todo, config, outputs, str(ds.path), manifest, version, jobs, outcomes, book, warming.start()
        )
    finally:
        # Once per batch (and on Ctrl-C or SIGTERM): the manifest and the index, then the journal
        # that held the batch's reports meanwhile. A SIGKILL leaves the journal for the next run.
        with book.timed("write"):
            write_batch(config, outputs, manifest, version, rows)
    for line in freshness.lines(manifest):
        say(line)
    summary(plans, outcomes, time.perf_counter() - t0, outputs, book)
    return EXIT_FAILED if any(o[0] == FAILED for o in outcomes.values()) else EXIT_OK
