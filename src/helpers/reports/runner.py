"""Build the reports: check everything first, rebuild only what changed, run in parallel, publish
atomically, and never replace a good report with a broken one.

Order of a build, each step able to stop it before any kernel starts:
1. the config and every report's parameters (names and types, against each notebook's typed
   parameters cell): exit status 2;
2. the data folder (every problem listed): exit status 1, ``outputs/`` untouched;
3. the parameters' values against the data (unknown indicator or country): exit status 2;
4. the lock on ``outputs/`` (another build is running): wait, or exit status 3.
Then stale reports run ``jobs`` at a time, each in its own process and kernel; a report that fails
keeps its last good version and lands in ``outputs/failed/``; the exit status is 1 if any failed.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import multiprocessing.connection
import os
import shutil
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import params as params_mod
from ..csvio import DataValidationError
from ..validate import validate
from . import fingerprint as fp
from . import publish
from .config import Config, ConfigError, Report, load

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
MANIFEST = "manifest.json"


@dataclass
class Plan:
    report: Report
    inputs: dict
    reasons: list[str] = field(default_factory=list)


def _say(msg: str, stream=None) -> None:
    print(msg, file=stream or sys.stdout, flush=True)


def read_manifest(outputs: Path) -> dict:
    path = outputs / MANIFEST
    if not path.exists():
        return {"reports": {}, "failed": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        _say(f"warning: {path} is unreadable ({exc}); every report will be rebuilt", sys.stderr)
        return {"reports": {}, "failed": {}}
    data.setdefault("reports", {})
    data.setdefault("failed", {})
    return data


def check_config(config: Config) -> dict[str, list[params_mod.Param]]:
    """Every notebook exists and every report's parameter names and types match its notebook."""
    declared: dict[Path, list[params_mod.Param]] = {}
    problems = []
    for r in config.reports:
        if r.notebook not in declared:
            if not r.notebook.exists():
                raise ConfigError(f"report {r.name}: notebook {r.notebook} does not exist")
            try:
                declared[r.notebook] = params_mod.declared(r.notebook)
            except ValueError as exc:
                raise ConfigError(f"report {r.name}: {r.notebook.name}: {exc}") from exc
        try:
            params_mod.check_types(
                r.parameters, declared[r.notebook], where=f"report {r.name} ({r.notebook.name})"
            )
        except params_mod.ParameterError as exc:
            problems.append(str(exc))
        if "output_dir" in r.parameters:
            problems.append(f"report {r.name}: output_dir is set by the runner; remove it from the config")
    if problems:
        raise ConfigError("\n".join(problems))
    return {r.name: declared[r.notebook] for r in config.reports}


def check_values(config: Config, ds) -> None:
    problems = []
    for r in config.reports:
        known = {
            k: v
            for k, v in r.parameters.items()
            if k in ("start_year", "end_year", "lang", "indicator", "peers")
        }
        try:
            params_mod.check(set(ds.indicators), set(ds.un.countries), where=f"report {r.name}", **known)
        except params_mod.ParameterError as exc:
            problems.append(str(exc))
    if problems:
        raise ConfigError("\n".join(problems))


def plan(
    config: Config, outputs: Path, data_dir: Path, manifest: dict, force: bool
) -> tuple[list[Plan], str]:
    per, common = fp.data_fingerprints(data_dir)
    version = fp.data_version(per, common)
    helpers_h = fp.helpers_code()
    packages = fp.package_versions()
    nb_h: dict[Path, str] = {}
    plans = []
    for r in config.reports:
        nb_h.setdefault(r.notebook, fp.notebook_code(r.notebook))
        inputs = {
            "notebook": nb_h[r.notebook],
            "parameters": fp.digest(r.parameters),
            "helpers": helpers_h,
            "packages": fp.digest(packages),
            "common": common,
        }
        p = Plan(r, {**inputs, "_per": per, "_version": version, "_packages": packages})
        old = manifest["reports"].get(r.name)
        if force:
            p.reasons.append("forced")
        elif not old:
            p.reasons.append("never built")
        elif not (outputs / "reports" / r.name / "index.html").exists():
            p.reasons.append("published files missing")
        else:
            was = old.get("inputs", {})
            labels = {
                "notebook": "notebook changed",
                "parameters": "parameters changed",
                "helpers": "helpers code changed",
                "packages": "package versions changed",
                "common": "sources.csv or country aliases changed",
            }
            p.reasons += [why for key, why in labels.items() if was.get(key) != inputs[key]]
            reads = old.get("reads") or ["*"]
            recorded = was.get("data", {})
            if "*" in reads:
                if recorded.get("*") != version:
                    p.reasons.append("data changed")
            else:
                changed = [i for i in reads if recorded.get(i) != per.get(i)]
                if changed:
                    p.reasons.append(f"data changed: {', '.join(changed)}")
        if not p.reasons and r.name in manifest["failed"]:
            p.reasons.append("failed last time")
        plans.append(p)
    return plans, version


def _data_inputs(reads: list[str], per: dict, version: str) -> dict:
    return {"*": version} if "*" in reads or not reads else {i: per.get(i) for i in reads}


def _index(outputs: Path, config: Config, manifest: dict, version: str) -> None:
    from .html import index_page

    entries = []
    for r in config.reports:
        good, bad = manifest["reports"].get(r.name), manifest["failed"].get(r.name)
        entry = {"name": r.name, "parameters": r.parameters, "title": r.name, "status": "not built yet"}
        if good:
            entry.update(
                title=good.get("title") or r.name,
                href=f"reports/{r.name}/index.html",
                status="ok",
                built_at=good.get("built_at"),
                duration=f"{good.get('duration_s', 0):.1f} s",
            )
        if bad:
            entry.update(status="failed", error=bad.get("error") or "", failed_href=f"failed/{r.name}.html")
            entry["status"] = "failed" + (" (last good version kept)" if good else "")
        entries.append(entry)
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    publish.write_atomic(outputs / "index.html", index_page(entries, version, now))


def _save_manifest(outputs: Path, manifest: dict, version: str) -> None:
    manifest["data_version"] = version
    manifest["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    publish.write_atomic(
        outputs / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _on_signal(signum, _frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def build(
    config_path: Path,
    outputs: Path,
    data_dir: Path,
    names: list[str] | None = None,
    force: bool = False,
    jobs: int | None = None,
    wait: bool = False,
    cell_timeout: int | None = None,
    kernel: str | None = None,
) -> int:
    """Build the stale reports; returns the exit status. SIGINT and SIGTERM stop it cleanly (130)."""
    t0 = time.perf_counter()
    old_handlers = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _build(config_path, outputs, data_dir, names, force, jobs, wait, cell_timeout, kernel, t0)
    except KeyboardInterrupt as exc:
        _say(f"interrupted ({exc or 'SIGINT'}): published reports are intact", sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        for s, h in old_handlers.items():
            signal.signal(s, h)


def _build(config_path, outputs, data_dir, names, force, jobs, wait, cell_timeout, kernel, t0) -> int:
    try:
        config = load(config_path, data_dir)
        if names:
            unknown = [n for n in names if n not in {r.name for r in config.reports}]
            if unknown:
                raise ConfigError(
                    f"unknown report(s) {unknown}; reports in {config_path.name}: "
                    + ", ".join(r.name for r in config.reports)
                )
            config.reports = [r for r in config.reports if r.name in names]
        check_config(config)
    except ConfigError as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    try:
        ds = validate(data_dir)
    except DataValidationError as exc:
        _say(
            f"error: the data does not validate; no report was built and outputs/ is unchanged.\n{exc}",
            sys.stderr,
        )
        return EXIT_FAILED
    try:
        check_values(config, ds)
    except ConfigError as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    if cell_timeout:
        config.cell_timeout = cell_timeout
    if kernel:
        config.kernel = kernel
    try:
        with publish.lock(outputs, wait):
            return _build_locked(config, outputs, data_dir, force, jobs or os.cpu_count() or 1, t0)
    except publish.LockedError as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_LOCKED


def _build_locked(config: Config, outputs: Path, data_dir: Path, force: bool, jobs: int, t0: float) -> int:
    leftovers = publish.clean_staging(outputs)
    if leftovers:
        _say(f"cleaned {len(leftovers)} staging folder(s) left by an interrupted run")
    manifest = read_manifest(outputs)
    plans, version = plan(config, outputs, data_dir, manifest, force)
    todo = [p for p in plans if p.reasons]
    outcomes: dict[str, tuple[str, float, str]] = {p.report.name: ("up to date", 0.0, "") for p in plans}
    if not todo:
        if not (outputs / "index.html").exists():
            _index(outputs, config, manifest, version)
        _summary(plans, outcomes, time.perf_counter() - t0)
        return EXIT_OK

    from . import worker

    # Longest first (durations of the last build), so no long report starts last on an idle machine.
    todo.sort(key=lambda p: -(manifest["reports"].get(p.report.name) or {}).get("duration_s", 0.0))
    ctx = mp.get_context("fork")
    running: dict[int, tuple[mp.Process, Plan, Path, float, float]] = {}  # ..., started, deadline
    queue = list(todo)
    n, done = len(todo), 0

    def start(p: Plan) -> None:
        staging = publish.new_staging(outputs, p.report.name)
        job = {
            "name": p.report.name,
            "notebook": str(p.report.notebook),
            "parameters": p.report.parameters,
            "staging": str(staging),
            "data_dir": str(data_dir),
            "data_version": version,
            "cell_timeout": config.cell_timeout,
            "kernel": config.kernel,
        }
        proc = ctx.Process(target=worker.run, args=(job,), name=f"report-{p.report.name}")
        proc.start()
        started = time.perf_counter()
        running[proc.sentinel] = (
            proc,
            p,
            staging,
            started,
            started + _deadline(p.report, config.cell_timeout),
        )
        _say(f"[{done + len(running):>2}/{n}] start   {p.report.name}  ({'; '.join(p.reasons)})")

    try:
        if jobs > 1 and len(queue) > 1:
            start(queue.pop())  # the shortest runs (importing for itself) while this process warms up
        worker.warm(config.kernel, str(data_dir))
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
            for sentinel in ready:
                proc, p, staging, _started, _deadline_at = running.pop(sentinel)
                proc.join()
                done += 1
                status, secs, err = _finish(outputs, p, staging, proc.exitcode, manifest, version)
                outcomes[p.report.name] = (status, secs, err)
                _save_manifest(outputs, manifest, version)
                _index(outputs, config, manifest, version)
                mark = "built  " if status == "built" else "FAILED "
                _say(f"[{done:>2}/{n}] {mark} {p.report.name}  {secs:.1f} s" + (f"  {err}" if err else ""))
    except KeyboardInterrupt:
        _say(f"\nstopping {len(running)} running report(s)")
        for proc, *_ in running.values():
            proc.terminate()
        for proc, _p, staging, *_ in running.values():
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()
            shutil.rmtree(staging, ignore_errors=True)
        raise
    _summary(plans, outcomes, time.perf_counter() - t0)
    return EXIT_FAILED if any(o[0] == "failed" for o in outcomes.values()) else EXIT_OK


def _deadline(report: Report, cell_timeout: int) -> float:
    """The longest a report may run: every code cell at its timeout, plus start-up and export."""
    nb = json.loads(report.notebook.read_text(encoding="utf-8"))
    cells = sum(1 for c in nb.get("cells", []) if c.get("cell_type") == "code") + 1  # + injected parameters
    return cells * cell_timeout + 60


def _finish(outputs: Path, p: Plan, staging: Path, exitcode, manifest: dict, version: str):
    name = p.report.name
    result_file = staging / "result.json"
    if result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
    else:
        why = "killed after exceeding its time limit" if exitcode == -9 else f"died (exit code {exitcode})"
        result = {"status": "failed", "error": f"worker process {why}", "duration_s": 0.0}
    secs = float(result.get("duration_s") or 0.0)
    out = staging / "out"
    if result["status"] == "ok":
        final = outputs / "reports" / name
        reads = result.get("reads") or ["*"]
        manifest["reports"][name] = {
            "name": name,
            "notebook": p.report.notebook.name,
            "parameters": p.report.parameters,
            "title": result.get("title"),
            "status": "ok",
            "built_at": result.get("built_at"),
            "duration_s": secs,
            "timings": result.get("timings", {}),
            "data_version": version,
            "reads": reads,
            "inputs": {
                **{k: v for k, v in p.inputs.items() if not k.startswith("_")},
                "data": _data_inputs(reads, p.inputs["_per"], p.inputs["_version"]),
            },
            "packages": p.inputs["_packages"],
            "files": _files(out),
        }
        publish.swap_into_place(out, final)
        manifest["failed"].pop(name, None)
        for ext in ("ipynb", "html"):
            (outputs / "failed" / f"{name}.{ext}").unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        return "built", secs, ""
    failed = outputs / "failed"
    for src, ext in ((out / "notebook.ipynb", "ipynb"), (out / "index.html", "html")):
        if src.exists():
            publish.replace_file(src, failed / f"{name}.{ext}")
    manifest["failed"][name] = {
        "error": result.get("error"),
        "cell": result.get("cell"),
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "duration_s": secs,
        "traceback": result.get("traceback"),
    }
    shutil.rmtree(staging, ignore_errors=True)
    return "failed", secs, result.get("error") or "failed"


def _summary(plans: list[Plan], outcomes: dict, total: float) -> None:
    width = max([len(p.report.name) for p in plans] + [6])
    _say("")
    _say(f"{'report':<{width}}  {'status':<10}  {'time':>7}  detail")
    for p in plans:
        status, secs, err = outcomes[p.report.name]
        t = f"{secs:.1f} s" if status != "up to date" else "-"
        _say(f"{p.report.name:<{width}}  {status:<10}  {t:>7}  {err}")
    counts = {s: sum(1 for o in outcomes.values() if o[0] == s) for s in ("built", "up to date", "failed")}
    _say(
        f"\n{counts['built']} built, {counts['up to date']} up to date, {counts['failed']} failed "
        f"in {total:.1f} s"
    )


def status(config_path: Path, outputs: Path, data_dir: Path) -> int:
    """``list``: every report, its parameters and state (up to date, stale and why, failed)."""
    try:
        config = load(config_path, data_dir)
        check_config(config)
    except ConfigError as exc:
        _say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    manifest = read_manifest(outputs)
    plans, version = plan(config, outputs, data_dir, manifest, force=False)
    width = max(len(p.report.name) for p in plans)
    _say(f"data version {version}; outputs in {outputs}")
    for p in plans:
        params = ", ".join(f"{k}={v!r}" for k, v in p.report.parameters.items()) or "(defaults)"
        failed = manifest["failed"].get(p.report.name)
        state = "up to date" if not p.reasons else "stale: " + "; ".join(p.reasons)
        if failed:
            state = f"failed: {failed.get('error')}"
        _say(f"{p.report.name:<{width}}  {p.report.notebook.name:<30} {params:<40} {state}")
    return EXIT_OK
