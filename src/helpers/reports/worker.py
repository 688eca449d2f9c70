"""Build one report in its own process: papermill in a fresh kernel, then the HTML page, all inside
the report's staging folder (its own working directory). The parent publishes the result.

Layout of a staging folder::

    STAGING/out/notebook.ipynb   executed notebook
    STAGING/out/index.html       code-free page (inputs hidden, images embedded)
    STAGING/out/charts/          PNG, SVG and CSV files the notebook saved
    STAGING/reads.txt            indicator ids the notebook's loads recorded
    STAGING/result.json          status, duration, error
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import sys
import time
import traceback
from pathlib import Path

from ..paths import DATA_DIR_ENV, READ_LOG_ENV
from . import html

_exporters: dict[bool, object] = {}
# What the notebooks import, loaded once in the parent so that forked workers inherit it.
STACK = (
    "pandas",
    "matplotlib.pyplot",
    "helpers.data",
    "helpers.charts",
    "helpers.tables",
    "helpers.claims",
    "helpers.analysis",
    "helpers.params",
)


class CellTimeout(Exception):
    """A cell ran longer than the report's cell timeout."""


def warm(kernel: str = "inprocess", data_dir: str | None = None) -> None:
    """Pay once, in the parent before worker processes fork, for what every report would otherwise
    pay again: imports (papermill, nbconvert; with the in-process kernel also pandas, matplotlib and
    helpers), the HTML templates (one export of an empty notebook), and with the in-process kernel
    the validated data and matplotlib's fonts and file writers (one small figure saved)."""
    import importlib
    import io

    import nbformat
    import papermill  # noqa: F401

    empty = nbformat.v4.new_notebook()
    _exporter(True).from_notebook_node(empty)
    _exporter(False).from_notebook_node(empty)
    if kernel != "inprocess":
        return
    for name in STACK:
        importlib.import_module(name)
    _inprocess_manager_class()
    from .. import style
    from ..data import load_dataset

    load_dataset(data_dir)  # cached by file stamps: workers reading the same files reuse it
    fig, ax = style.new_chart("Warm-up ạ", "unit")
    ax.plot([0, 1], [0, 1])
    style.finish(fig, "Source")
    for fmt in ("png", "svg"):
        fig.savefig(io.BytesIO(), format=fmt)
    import gc

    import matplotlib.pyplot as plt

    plt.close(fig)
    gc.collect()
    gc.freeze()  # what workers inherit is never collected: their collections skip it


_km_class = None


def _inprocess_manager_class():
    """A kernel manager whose kernel runs inside this (forked, per-report) worker process.

    It adapts ipykernel's in-process manager to what nbclient calls, turns on the inline
    matplotlib backend as a separate kernel would, and enforces the per-cell timeout with SIGALRM,
    since a cell running in this process cannot be timed out by nbclient's message polling."""
    global _km_class
    if _km_class is not None:
        return _km_class
    import signal

    from ipykernel.inprocess.blocking import BlockingInProcessKernelClient
    from ipykernel.inprocess.manager import InProcessKernelManager

    class Client(BlockingInProcessKernelClient):
        def wait_for_ready(self, timeout=None):
            # ipykernel's version drains IOPub with a blocking 0.2 s wait (and prints each message);
            # nbclient ignores messages of other requests anyway, so drain without waiting.
            self.kernel_info()
            while True:
                msg = self.shell_channel.get_msg(block=True, timeout=timeout or 60)
                if msg["msg_type"] == "kernel_info_reply":
                    self._handle_kernel_info_reply(msg)
                    break
            while True:
                try:
                    self.iopub_channel.get_msg(block=False)
                except queue.Empty:
                    break

    class Manager(InProcessKernelManager):
        cell_timeout = 300

        def start_kernel(self, **kwargs):
            super().start_kernel(**kwargs)
            shell = self.kernel.shell
            shell.enable_matplotlib("inline")
            limit = self.cell_timeout

            def on_alarm(_signum, _frame):
                raise CellTimeout(f"cell timed out after {limit} s")

            def after_cell(_result):
                signal.alarm(0)
                # Publish printed text before the kernel reports idle, or nbclient never sees it.
                sys.stdout.flush()
                sys.stderr.flush()

            kernel = self.kernel

            def before_cell(_info):
                # Tag printed text with the request being executed; nbclient drops stream messages
                # whose parent is not the current request.
                for stream in (sys.stdout, sys.stderr):
                    if hasattr(stream, "set_parent"):
                        stream.set_parent(kernel.get_parent())
                signal.alarm(limit)

            signal.signal(signal.SIGALRM, on_alarm)
            shell.events.register("pre_run_cell", before_cell)
            shell.events.register("post_run_cell", after_cell)

        def shutdown_kernel(self, now=False, restart=False):
            return super().shutdown_kernel()

        def client(self, **kwargs):
            kwargs.setdefault("kernel", self.kernel)
            return Client(parent=self, session=self.session, **kwargs)

    _km_class = Manager
    return Manager


def _exporter(hide_code: bool):
    if hide_code not in _exporters:
        from nbconvert import HTMLExporter

        _exporters[hide_code] = HTMLExporter(
            exclude_input=hide_code, exclude_input_prompt=hide_code, exclude_output_prompt=hide_code
        )
    return _exporters[hide_code]


def title_of(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def run(job: dict) -> None:
    """Entry point in the child process; writes ``result.json`` and never raises."""
    from . import publish

    publish.forget_lock_in_child()
    publish.die_with_parent()
    os.setpgrp()  # a signal the kernel machinery sends to its process group stays in this worker
    staging = Path(job["staging"])
    started = time.perf_counter()
    result: dict = {"status": "failed", "error": None}
    try:
        os.chdir(staging)
        # The kernel's own chatter goes to a log in the staging folder, not the build's progress lines.
        log = os.open(staging / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.environ[READ_LOG_ENV] = str(staging / "reads.txt")
        # Figures must be embedded whatever MPLBACKEND the caller's shell has set.
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
        os.environ[DATA_DIR_ENV] = job["data_dir"]
        result = _build(job, staging, started)
    except BaseException as exc:  # the parent must learn of every failure
        result = {
            "status": "failed",
            "error": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(),
        }
    result["duration_s"] = round(time.perf_counter() - started, 3)
    (staging / "result.json").write_text(json.dumps(result), encoding="utf-8")


def _build(job: dict, staging: Path, started: float) -> dict:
    import nbformat
    import papermill as pm

    out = staging / "out"
    out.mkdir()
    nb_path = out / "notebook.ipynb"
    params = {**job["parameters"], "output_dir": str(out / "charts")}
    error = cell = nb = None
    kernel = {}
    if job.get("kernel", "inprocess") == "inprocess":
        km = _inprocess_manager_class()()
        km.cell_timeout = job["cell_timeout"]
        kernel = {"km": km}
    try:
        nb = pm.execute_notebook(
            job["notebook"],
            nb_path,
            parameters=params,
            kernel_name="python3",
            cwd=str(staging),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=job["cell_timeout"],
            **kernel,
        )
    except pm.PapermillExecutionError as exc:
        cell, error = exc.exec_count, f"{exc.ename}: {exc.evalue}"
    except CellTimeout as exc:
        error = str(exc)
    except Exception as exc:  # timeout, dead kernel, missing kernel
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        if "timed out" in str(exc).lower() or "Timeout" in type(exc).__name__:
            error = f"cell timed out after {job['cell_timeout']} s ({type(exc).__name__})"
    executed = time.perf_counter()
    if nb is None:  # failed: read what papermill saved, error cell included
        nb = nbformat.read(nb_path, as_version=4) if nb_path.exists() else nbformat.v4.new_notebook()
    meta = {
        "name": job["name"],
        "title": title_of(nb) or job["name"],
        "parameters": job["parameters"],
        "data_version": job["data_version"],
        "built_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "duration_s": time.perf_counter() - started,
        "error": None if error is None else (f"cell {cell}: " if cell else "") + error,
        "index_href": "../index.html" if error else "../../index.html",
    }
    body, _ = _exporter(error is None).from_notebook_node(nb)
    (out / "index.html").write_text(html.with_header(body, html.report_header(meta)), encoding="utf-8")
    exported = time.perf_counter()
    reads = []
    log = staging / "reads.txt"
    if log.exists():
        reads = sorted(
            {line.strip() for line in log.read_text(encoding="utf-8").splitlines() if line.strip()}
        )
    return {
        "status": "failed" if error else "ok",
        "error": meta["error"],
        "cell": cell,
        "title": meta["title"],
        "built_at": meta["built_at"],
        "reads": reads,
        "timings": {"execute_s": round(executed - started, 3), "export_s": round(exported - executed, 3)},
    }
