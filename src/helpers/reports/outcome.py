"""What a build does when a report's worker ends: read its result (or say how it died), publish the
report or keep its failure, and record either in the manifest. An error while publishing (a folder
that cannot be replaced, a full disk, a symbolic link) stays with that report: it is recorded as the
report's failure, its last good version stays published, and the build goes on.

Also the data-shrink guard: a build whose data lost many rows since the last published build stops
before anything is written, unless told the loss is intended (``--accept-shrink``).
"""

from __future__ import annotations

import datetime as dt
import json
import signal

from .layout import BUILT, FAILED
from .manifest import Manifest
from .outputs import Outputs
from .plan import Plan, data_inputs
from .staging import Staging


def death(exitcode: int | None, timed_out: bool) -> str:
    """Why a worker ended without writing its result."""
    if timed_out:
        return "worker process killed after exceeding its time limit"
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        why = f"worker process killed by signal {name}"
        if -exitcode == signal.SIGKILL:
            why += " before its deadline: most likely out of memory (the system's out-of-memory killer)"
        return why
    return f"worker process died (exit code {exitcode})"


_code_cells: dict = {}  # notebook path -> its code cells


def deadline(report, cell_timeout: int) -> float:
    """The longest a report may run: every code cell at its timeout, plus start-up and export."""
    if report.notebook not in _code_cells:  # read each notebook once, not once per report
        nb = json.loads(report.notebook.read_text(encoding="utf-8"))
        _code_cells[report.notebook] = sum(1 for c in nb.get("cells", []) if c.get("cell_type") == "code")
    return (_code_cells[report.notebook] + 1) * cell_timeout + 60  # + the injected parameters cell


def finish(
    outputs: Outputs,
    p: Plan,
    staging: Staging,
    exitcode,
    timed_out: bool,
    manifest: Manifest,
    version,
    discard=None,
    died: str | None = None,
):
    """Publish a report's build, or keep its failure; record either in the manifest. Returns the
    report's state, its duration and the error shown for it. ``discard`` (a publish.Reaper's)
    deletes the old version and the staging folder off the caller's path; without it they are
    deleted here. ``died``: why the worker ended without a result, when its caller knows better."""
    name = p.report.name
    why = died or death(exitcode, timed_out)
    result = staging.read_result() or {"ok": False, "error": why, "duration_s": 0.0}
    secs = float(result.get("duration_s") or 0.0)
    keep_pages = True
    if result["ok"]:
        reads = result.get("reads") or ["*"]
        record = {
            "name": name,
            "notebook": p.report.notebook.name,
            "parameters": p.report.parameters,
            "title": result.get("title"),
            "summary": result.get("summary") or {},
            "built_at": result.get("built_at"),
            # when it was published, precisely: a merge never replaces a page by an older one
            "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
            "duration_s": secs,
            "timings": result.get("timings", {}),
            "data_version": result.get("data_version") or version,  # of the data it loaded
            "reads": reads,
            "inputs": {
                **{k: v for k, v in p.inputs.items() if not k.startswith("_")},
                "data": data_inputs(p, reads),
            },
            "packages": p.inputs["_packages"],
            "files": staging.files(),
        }
        try:
            if discard is None:
                outputs.publish(name, staging)
            else:
                outputs.publish(name, staging, discard)
        except OSError as exc:  # the last good version stays; the build goes on
            result, keep_pages = {**result, "error": f"could not publish: {exc}"}, False
        else:
            manifest.record_good(name, record)
            _remove(staging, discard)
            return BUILT, secs, ""
    error = result.get("error") or FAILED
    try:
        if keep_pages:
            outputs.keep_failure(name, staging)
    except OSError as exc:
        error += f" (its failed run could not be kept: {exc})"
    fail(manifest, name, error, secs, result)
    _remove(staging, discard)
    return FAILED, secs, error


def _remove(staging: Staging, discard) -> None:
    if discard is None:
        staging.remove()
    else:
        discard(staging.path)


def fail(manifest: Manifest, name: str, error: str, secs: float = 0.0, result: dict | None = None) -> None:
    result = result or {}
    manifest.record_failure(
        name,
        {
            "error": error,
            "cell": result.get("cell"),
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "duration_s": secs,
            "traceback": result.get("traceback"),
        },
    )


def shrinkage(before: dict, after: dict) -> list[str]:
    """The indicators that lost rows ("ndxp_transactions 3 → 1 rows") when the data shrank sharply
    against ``before`` (rows per indicator of the last published build): an indicator lost all its
    rows, or at least half of three or more, or the whole folder lost more than a tenth of its rows.
    Empty when it did not (or when nothing was published yet)."""
    lost = {i: (n, after.get(i, 0)) for i, n in before.items() if after.get(i, 0) < n}
    sharp = any(m == 0 or (n >= 3 and m <= n / 2) for n, m in lost.values())
    sharp = sharp or sum(after.values()) < 0.9 * sum(before.values())
    return [f"{i} {n:,} → {m:,} rows" for i, (n, m) in sorted(lost.items())] if sharp and lost else []
