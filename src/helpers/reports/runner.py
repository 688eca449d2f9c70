"""Build the reports: check everything first, rebuild only what changed, run in parallel, publish
atomically, and never replace a good report with a broken one. Orchestration only: what is stale is
``plan``'s to say, where files go ``outputs``', how a notebook runs ``worker``'s and ``engine``'s.

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

import contextlib
import multiprocessing as mp
import multiprocessing.connection
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Dataset, DataValidationError, validate
from ..data.coverage import rows_per_indicator
from ..data.record import Record, RecordedDataset, Snapshot, facts_of, sha256
from . import fingerprint as fp
from . import publish
from .catalogue import write_index
from .config import Config, ConfigError, Report, load
from .outcome import deadline as deadline_of
from .outcome import fail, finish, shrinkage
from .outputs import BUILT, FAILED, UP_TO_DATE, Outputs, Staging
from .plan import Plan, check_config, check_values, plan, twins
from .progress import Progress

PARAMS_WIDTH = 40  # list: the parameters column, cut with "…" beyond it so the columns stay aligned
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


@dataclass
class Options:
    """What the command line asks of a build (or a listing)."""

    config: Path
    outputs: Path
    data_dir: Path
    names: list[str] = field(default_factory=list)
    force: bool = False
    jobs: int | None = None
    wait: bool = False
    cell_timeout: int | None = None
    kernel: str | None = None
    accept_shrink: bool = False
    shard: tuple[int, int] | None = None  # (K, N): build only the K-th of N shards (see shard.py)


def _say(msg: str, stream=None) -> None:
    print(msg, file=stream or sys.stdout, flush=True)


def _on_signal(signum, _frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _validated(opts: Options) -> Dataset | RecordedDataset | None:
    """The validated data folder; None (after saying why) when it does not validate.

    A folder whose files are provably those that validated last time (the record in the outputs
    folder, see ``helpers.data.record``) is not read at all: a build with nothing to do costs the
    same with a million rows as with a hundred."""
    record = Record(Outputs(opts.outputs).record_path, _validating_code())
    facts = record.lookup(opts.data_dir)
    if facts is not None:
        return RecordedDataset(opts.data_dir, facts)
    snapshot = Snapshot(opts.data_dir)
    try:
        ds = validate(opts.data_dir)
    except DataValidationError as exc:
        _say(
            f"error: the data does not validate; no report was built and outputs/ is unchanged.\n{exc}",
            sys.stderr,
        )
        return None
    record.store(snapshot, facts_of(ds, fp.data_fingerprints(ds)))
    return ds


def _validating_code() -> str:
    """What decides whether a folder validates: the helpers' code and the data contract."""
    from ..data import schema

    return fp.digest([fp.helpers_code(), sha256(schema.DESCRIPTOR)])


def _config(opts: Options, ds: Dataset) -> Config:
    """The config, only the reports named, checked against the notebooks; raises ConfigError."""
    config = load(opts.config, ds)
    if opts.names:
        known = [r.name for r in config.reports]
        unknown = [n for n in opts.names if n not in known]
        if unknown:
            raise ConfigError(unknown_names(unknown, known, opts.config.name))
    if opts.shard:
        from .shard import select

        config.reports = select(config.reports, *opts.shard)
        config.shard = opts.shard
    if opts.names:
        config.reports = [r for r in config.reports if r.name in opts.names]
    check_config(config)
    return config


def unknown_names(unknown: list[str], known: list[str], config_name: str) -> str:
    """``unknown report 'x' (did you mean y?)``, one line per name, then the known names wrapped."""
    import difflib
    import textwrap

    lines = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        lines.append(f"unknown report '{name}'" + (f" (did you mean {', '.join(close)}?)" if close else ""))
    listing = textwrap.fill(
        ", ".join(known), width=100, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
    )
    lines.append(f"the {len(known)} reports in {config_name}:\n{listing}")
    return "\n".join(lines)


def build(opts: Options) -> int:
    """Build the stale reports; returns the exit status. SIGINT and SIGTERM stop it cleanly (130)."""
    t0 = time.perf_counter()
    old_handlers = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _build(opts, t0)
    except KeyboardInterrupt as exc:
        _say(f"interrupted ({exc or 'SIGINT'}): published reports are intact", sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        for s, h in old_handlers.items():
            signal.signal(s, h)


def _build(opts: Options, t0: float) -> int:
    ds = _validated(opts)
    if ds is None:
        return EXIT_FAILED
    try:
        config = _build_config(opts, ds)
    except ConfigError as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    outputs = Outputs(opts.outputs)
    try:
        with outputs.lock(opts.wait):
            return _checked_again(config, outputs, ds, opts, t0)
    except publish.LockedError as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:  # a symbolic link, a read-only or full outputs folder: nothing more was done
        _say(f"error: {exc}", sys.stderr)
        return EXIT_FAILED
    except DataValidationError as exc:  # read again during the build (see _publish_data): edited since
        _say(f"error: the data changed during the build and no longer validates.\n{exc}", sys.stderr)
        return EXIT_FAILED


def _build_config(opts: Options, ds: Dataset | RecordedDataset) -> Config:
    """The config to build, its parameters' values checked against ``ds`` and the command line's
    settings applied; raises ConfigError."""
    config = _config(opts, ds)
    check_values(config, ds)
    if opts.cell_timeout:
        config.cell_timeout = opts.cell_timeout
    if opts.kernel:
        config.kernel = opts.kernel
    return config


def _checked_again(
    config: Config, outputs: Outputs, ds: Dataset | RecordedDataset, opts: Options, t0: float
) -> int:
    """With the lock held, before anything is written: the data again (it may have changed while
    this build waited for the lock), the outputs folder's links, and how much the data shrank."""
    now = _validated(opts)
    if now is None:
        return EXIT_FAILED
    if now is not ds and fp.data_fingerprints(now) != fp.data_fingerprints(ds):  # the data changed
        try:
            config = _build_config(opts, now)
        except ConfigError as exc:
            _say(f"error: {exc}", sys.stderr)
            return EXIT_USAGE
    outputs.check_safe()
    manifest = outputs.read_manifest()
    rows = _rows(now)
    lost = shrinkage(manifest.rows(), rows)
    if lost and not opts.accept_shrink:
        _say(
            f"error: the data shrank sharply against the last published build: {'; '.join(lost)}.\n"
            "No report was built and outputs/ is unchanged. If the loss is intended, run again with "
            "--accept-shrink.",
            sys.stderr,
        )
        return EXIT_FAILED
    jobs = opts.jobs or os.cpu_count() or 1
    return _build_locked(config, outputs, now, manifest, rows, opts.force, jobs, t0)


def _rows(ds: Dataset | RecordedDataset) -> dict[str, int]:
    """Rows per indicator (curated and UN), from the record when the data was not read."""
    if isinstance(ds, RecordedDataset):
        return ds.rows
    return rows_per_indicator(ds.figures, ds.un)


def _build_locked(
    config, outputs: Outputs, ds: Dataset | RecordedDataset, manifest, rows, force: bool, jobs: int, t0
) -> int:
    leftovers, restored = outputs.clean_staging()
    if restored:
        _say(
            f"recovered {len(restored)} report folder(s) left mid-swap by an interrupted run: {', '.join(restored)}"
        )
    if leftovers:
        _say(f"cleaned {len(leftovers)} staging folder(s) left by an interrupted run")
    book = Bookkeeping()
    replayed = outputs.replay_journal(manifest)
    with book.timed("plan"):
        plans, version = plan(config, outputs, ds, manifest, force)
    if replayed:
        _say(f"recorded {replayed} report(s) that an interrupted run published")
        with book.timed("write"):
            _write_batch(config, outputs, manifest, version, rows)
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
    data_change = _publish_data(outputs, ds, version, manifest, config.site_url)
    if not todo:
        with book.timed("write"):
            if data_change or linked or manifest.rows() != rows:
                outputs.save_manifest(manifest, version, rows)
            write_index(outputs, _indexed(config), manifest, version, config.site_url, if_changed=True)
        _summary(plans, outcomes, time.perf_counter() - t0, outputs, book)
        return EXIT_FAILED if any(o[0] == FAILED for o in outcomes.values()) else EXIT_OK

    from . import worker

    # Longest first (durations of the last build), so no long report starts last on an idle machine.
    todo.sort(key=lambda p: -(manifest.good(p.report.name) or {}).get("duration_s", 0.0))
    ctx = mp.get_context("fork")
    reaper = publish.Reaper()  # old versions and staging folders are deleted off this process's path
    running: dict[int, tuple[mp.Process, Plan, Staging, float, float]] = {}  # ..., started, deadline
    timed_out: set[int] = set()
    queue = list(todo)
    progress = Progress(len(todo))

    twin_of = twins(config.all_reports or config.reports)

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
            "data_dir": str(ds.path),
            "data_version": version,
            "cell_timeout": config.cell_timeout,
            "kernel": config.kernel,
            "twin": twin_of.get(p.report.name),
            "site_url": config.site_url,
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
        worker.warm(config.kernel, str(ds.path))
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
        _say(f"\nstopping {len(running)} running report(s)")
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
        # Once per batch (and on Ctrl-C or SIGTERM): the manifest and the index, then the journal
        # that held the batch's reports meanwhile. A SIGKILL leaves the journal for the next run.
        reaper.close()
        with book.timed("write"):
            _write_batch(config, outputs, manifest, version, rows)
    progress.close()
    _summary(plans, outcomes, time.perf_counter() - t0, outputs, book)
    return EXIT_FAILED if any(o[0] == FAILED for o in outcomes.values()) else EXIT_OK


def _write_batch(config: Config, outputs: Outputs, manifest, version: str, rows: dict[str, int]) -> None:
    """The manifest and the index (of every report, not only those named), then the journal goes."""
    if config.shard:
        manifest.data["shard"] = list(config.shard)  # for merge: which part of the config this is
    outputs.save_manifest(manifest, version, rows)
    write_index(outputs, _indexed(config), manifest, version, config.site_url)
    outputs.clear_journal()


def _indexed(config: Config) -> list[Report]:
    """What the index lists: every report of the config, even when only some are built; a shard's
    own reports on a shard (its twins in the other language may be on another shard)."""
    if config.shard:
        from .shard import select

        return select(config.all_reports, *config.shard)
    return config.all_reports


class Bookkeeping:
    """The runner's own time (planning, publishing, writing the manifest and the index), which
    must stay small per report however many reports there are."""

    def __init__(self):
        self.seconds = {"plan": 0.0, "publish": 0.0, "write": 0.0}
        self.published = 0

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


def _publish_data(
    outputs: Outputs, ds: Dataset | RecordedDataset, version: str, manifest, site_url: str
) -> dict | None:
    """The data page and the data changelog, when the data differs from the data last published."""
    from .datapage import is_current, publish_data

    if is_current(outputs, version, manifest):
        return None
    if isinstance(ds, RecordedDataset):
        ds = ds.load()  # the changelog compares every figure: read them (the record holds none)
    change = publish_data(outputs, ds, version, manifest, site_url)
    if change and not change.get("first"):
        n = change["counts"]
        _say(f"data changed: {n['added']} figure(s) added, {n['changed']} changed, {n['removed']} removed")
    return change


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _summary(
    plans: list[Plan], outcomes: dict, total: float, outputs: Outputs, book: Bookkeeping | None = None
) -> None:
    width = max([len(p.report.name) for p in plans] + [6])
    _say("")
    _say(f"{'report':<{width}}  {'status':<10}  {'time':>7}  detail")
    for p in plans:
        status, secs, err = outcomes[p.report.name]
        t = f"{secs:.1f} s" if status != UP_TO_DATE else "-"
        _say(f"{p.report.name:<{width}}  {status:<10}  {t:>7}  {err}")
    counts = {s: sum(1 for o in outcomes.values() if o[0] == s) for s in (BUILT, UP_TO_DATE, FAILED)}
    _say(f"\n{', '.join(f'{n} {s}' for s, n in counts.items())} in {total:.1f} s")
    if book is not None:
        _say(book.line(len(plans)))
    _say(f"open {_shown(outputs.index)} to see the reports")


def status(opts: Options) -> int:
    """``list``: every report, its parameters and state (up to date, stale and why, failed)."""
    ds = _validated(opts)
    if ds is None:
        return EXIT_FAILED
    try:
        config = _config(opts, ds)
    except ConfigError as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    outputs = Outputs(opts.outputs)
    manifest = outputs.read_manifest()
    plans, version = plan(config, outputs, ds, manifest, force=False)
    width = max(len(p.report.name) for p in plans)
    nb_width = max(len(p.report.notebook.name) for p in plans)
    _say(f"data version {version}; outputs in {outputs.root}")
    for p in plans:
        params = ", ".join(f"{k}={v!r}" for k, v in p.report.parameters.items()) or "(defaults)"
        params = params if len(params) <= PARAMS_WIDTH else params[: PARAMS_WIDTH - 1] + "…"
        failed = manifest.failure(p.report.name)
        state = UP_TO_DATE if not p.reasons else "stale: " + "; ".join(p.reasons)
        if failed:
            state = f"{FAILED}: {failed.get('error')}"
        _say(
            f"{p.report.name:<{width}}  {p.report.notebook.name:<{nb_width}}  {params:<{PARAMS_WIDTH}}  {state}"
        )
    return EXIT_OK
