"""Build one report in its own process: papermill with one of the ``engine``s, then the HTML page,
all inside the report's staging folder (its own working directory; ``outputs.Staging`` says where
each file goes). The parent publishes the result."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
import traceback

from ..paths import DATA_DIR_ENV
from ..present.locale.catalogue import DEFAULT, twin
from . import html, metadata
from .staging import Staging

# nbformat imports jsonschema, which imports rfc3987_syntax when it is installed (jupyter-events
# brings it) to check one string format, and that module builds a parser at import: about 1 s, the
# largest part of a build's fixed start-up. Nothing in a build validates that format, so this
# process does without it (a notebook run by the in-process kernel cannot import it either).
sys.modules.setdefault("rfc3987_syntax", None)
INJECTED_ID = "injected-parameters"
# What the notebooks import, loaded once in the parent so that forked workers inherit it.
STACK = (
    "pandas",
    "matplotlib.pyplot",
    "helpers.data.load",
    "helpers.present.charts",
    "helpers.present.tables",
    "helpers.claims",
    "helpers.analysis",
    "helpers.params",
    "helpers.notebook",
    "helpers.present.page",
    "helpers.present.story",
)
# What each worker would otherwise import for itself on its way to the first cell (measured: about
# 250 modules, 0.3 s a report): the in-process kernel (IPython's shell, ipykernel's kernel and the
# debugger it imports), the inline backend, the publisher, the CSV and string writers of pandas.
KERNEL_STACK = (
    "ipykernel.inprocess.ipkernel",
    "ipykernel.debugger",  # debugpy and pydevd: imported by every kernel's start, never used here
    "IPython.core.application",
    "IPython.core.completerlib",
    "IPython.core.crashhandler",
    "IPython.core.logger",
    "IPython.core.magics.execution",
    "IPython.core.oinspect",
    "matplotlib_inline.backend_inline",
    "helpers.reports.publish",
    "pandas.io.formats.csvs",
    "pandas.io.formats.string",
    "sqlite3",
)


def warm_drawing() -> None:
    """matplotlib's fonts (the Vietnamese glyphs too) and file writers: one small figure laid out in
    the house style and saved as PNG and SVG."""
    import io

    import matplotlib.pyplot as plt

    from ..present import style

    fig, ax = style.new_chart("Warm-up ạ", "unit")
    ax.plot([0, 1], [0, 1])
    style.finish(fig, "Source")
    for fmt in ("png", "svg"):
        fig.savefig(io.BytesIO(), format=fmt)
    plt.close(fig)


def warm(kernel: str = "inprocess", data_dir: str | None = None, between=lambda: None) -> None:
    """Pay once, in the process the workers fork from, what every report would pay again: imports
    (papermill, the Markdown renderer; with the in-process kernel also pandas, matplotlib, helpers),
    the validated data and matplotlib's fonts and file writers. ``between()`` runs between steps."""
    import importlib

    import nbformat

    from . import engine  # noqa: F401  (papermill and the kernel machinery)

    between()  # (warmfork: a worker asked for meanwhile forks now, importing the rest itself)
    html.collect(nbformat.v4.new_notebook(), "en", False)
    html.markdown("*warm*")  # the Markdown renderer
    html.warm()  # the templates, the catalogues and CLDR's data
    if kernel != "inprocess":
        return
    # pydevd (imported with the debugger) warns about frozen modules on stderr at import otherwise;
    # in a worker that went to its log, here it would reach the user's terminal
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    for name in (*STACK, *KERNEL_STACK):
        between()
        importlib.import_module(name)
    from ..data import load_dataset
    from ..data.version import version_of

    ds, _ = load_dataset(data_dir)  # cached by file stamps: workers reading the same files reuse it
    version_of(ds)  # its hashes, once: a worker notes the version of the data it loads
    warm_drawing()
    import gc

    gc.collect()
    gc.freeze()  # what workers inherit is never collected: their collections skip it


def _finish_chart_metadata(staging: Staging, lang: str, cite: dict) -> None:
    """Add what only the runner knows to each chart's metadata: the data version and release, and
    how to cite the chart and the data (plain and BibTeX)."""
    for path in sorted(staging.charts.glob("*.json")) if staging.charts.exists() else []:
        info = json.loads(path.read_text(encoding="utf-8"))
        chart = {**cite, "title": info.get("title") or cite["title"], "within": cite["title"]}
        both = metadata.citations(lang, {**chart, "kind": "chart"}, retrieved=cite["date"])
        info["data_version"] = cite["data_version"]
        info["data_release"] = cite.get("release") or ""
        info["licence"] = "CC-BY-4.0"
        info["citation"] = both["page"]["text"]
        info["citation_bibtex"] = both["page"]["bibtex"]
        if both["data"]:
            info["data_citation"] = both["data"]["text"]
            info["data_citation_bibtex"] = both["data"]["bibtex"]
        info["page"] = cite["address"]
        path.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _charts_spent() -> dict:
    """What charts have cost this process so far (``helpers.present.style.SPENT``; empty before
    the style is imported)."""
    return dict(getattr(sys.modules.get("helpers.present.style"), "SPENT", None) or {})


def _chart_timings(before: dict) -> dict:
    """What the report's charts cost (the in-process kernel shares this process): how many were
    saved, and the seconds of layout, PNG and SVG; nothing with a kernel of its own."""
    spent = _charts_spent()
    n = spent.get("charts", 0) - before.get("charts", 0)
    if n <= 0:
        return {}
    return {
        "charts": n,
        **{f"chart_{k}": round(v - before.get(k, 0.0), 3) for k, v in spent.items() if k != "charts"},
    }


def run(job: dict) -> None:
    """Entry point in the child process; writes ``result.json`` and never raises."""
    from . import publish

    publish.forget_lock_in_child()
    publish.die_with_parent(job.get("parent"))
    os.setpgrp()  # a signal the kernel machinery sends to its process group stays in this worker
    staging = Staging(job["staging"])
    started = time.perf_counter()
    result: dict = {"ok": False, "error": None}
    try:
        os.chdir(staging.path)
        # The kernel's own chatter goes to a log in the staging folder, not the build's progress lines.
        log = os.open(staging.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        # Figures must be embedded whatever MPLBACKEND the caller's shell has set.
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
        os.environ[DATA_DIR_ENV] = job["data_dir"]
        result = _build(job, staging, started)
    except BaseException as exc:  # the parent must learn of every failure
        result = {
            "ok": False,
            "error": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(),
        }
    result["duration_s"] = round(time.perf_counter() - started, 3)
    staging.result.write_text(json.dumps(result), encoding="utf-8")


def _reads(staging: Staging) -> tuple[list[str], list[str]]:
    """What the notebook's loads noted (``helpers.data.reads``): the indicator ids read, and the
    versions of the data loaded (one, unless the data changed while the report ran)."""
    from ..data.reads import VERSION_MARK

    lines = staging.reads.read_text(encoding="utf-8").splitlines() if staging.reads.exists() else []
    versions = sorted({ln[len(VERSION_MARK) :].strip() for ln in lines if ln.startswith(VERSION_MARK)})
    reads = sorted({ln.strip() for ln in lines if ln.strip() and not ln.startswith(VERSION_MARK)})
    return reads, versions


def _build(job: dict, staging: Staging, started: float) -> dict:
    import nbformat
    import papermill as pm

    from . import engine

    staging.out.mkdir()
    charts_before = _charts_spent()
    # Paths relative to the staging folder (the working directory of the worker and the kernel):
    # the published notebook records them, and must not name a temporary folder, so that two builds
    # of the same inputs (on two shards, say) publish the same bytes.
    params = {**job["parameters"], "output_dir": os.path.relpath(staging.charts, staging.path)}
    error = cell = nb = None
    try:
        nb = pm.execute_notebook(
            job["notebook"],
            os.path.relpath(staging.notebook, staging.path),
            parameters=params,
            engine_name=engine.ENGINES[job["kernel"]],
            kernel_name="python3",
            cwd=str(staging.path),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=job["cell_timeout"],
            reads_file=str(staging.reads),
        )
    except pm.PapermillExecutionError as exc:
        cell, error = exc.exec_count, f"{exc.ename}: {exc.evalue}"
    except engine.CellTimeout as exc:
        error = str(exc)
    except Exception as exc:  # timeout, dead kernel, missing kernel
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        if "timed out" in str(exc).lower() or "Timeout" in type(exc).__name__:
            error = f"cell timed out after {job['cell_timeout']} s ({type(exc).__name__})"
    executed = time.perf_counter()
    if nb is None:  # failed: read what papermill saved, error cell included
        nb = (
            nbformat.read(staging.notebook, as_version=4)
            if staging.notebook.exists()
            else nbformat.v4.new_notebook()
        )
    # papermill gives the cell it injects a random id: a fixed one, so that two builds of the same
    # inputs publish the same notebook (shards merged equal an unsharded build, byte for byte).
    for c in nb.cells:
        if "injected-parameters" in c.get("metadata", {}).get("tags", []) and c.get("id") != INJECTED_ID:
            c["id"] = INJECTED_ID
            if staging.notebook.exists():
                nbformat.write(nb, staging.notebook)
            break
    reads, versions = _reads(staging)
    data_version = versions[0] if len(versions) == 1 else job["data_version"]
    if len(versions) > 1 and error is None:
        error = (
            f"the data changed while this report ran (it read data versions {' and '.join(versions)}); "
            "its last good version is kept: build again"
        )
    failed = error is not None
    lang = job["parameters"].get("lang", DEFAULT)
    built_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = html.collect(nb, lang, failed)
    title = parts["title"] or job["name"]
    address = Staging.address(job["name"], job.get("site_url", ""))
    # data_version: of the data the notebook loaded, which may have changed since the build planned;
    # a release of other data is not cited (the page then names the data version alone)
    release = job.get("release") or {}
    if not str(release.get("release") or "").endswith(f"-{data_version}"):
        release = {}
    cite = metadata.cite_facts(title, data_version, built_at[:10], address, release)
    meta = {
        "name": job["name"],
        "lang": lang,
        "title": title,
        "parameters": job["parameters"],
        "data_version": data_version,
        "built_at": built_at,
        "duration_s": time.perf_counter() - started,
        "error": None if error is None else (f"cell {cell}: " if cell else "") + error,
        "index_href": staging.index_href(failed, lang),
        "css_href": staging.css_href(failed),
        "cite": cite,
        "charts": {  # each chart's CSV at its address, for the lines that load it (reuse this chart)
            f[: -len(".csv")]: Staging.chart_address(job["name"], f, job.get("site_url", ""))
            for f in staging.chart_files(".csv")
        },
    }
    if job.get("twin"):
        meta["twin_href"] = staging.report_href(job["twin"], failed)
        meta["twin_lang"] = twin(lang)
    staging.page.write_text(html.report_page(parts, meta), encoding="utf-8")
    # nbconvert's template (helpers.reports.nbtemplate) gives the same page from the notebook
    html.record(nb, meta, staging.notebook if staging.notebook.exists() else None)
    if not failed:  # every sentence and cell that compares, derives or judges, with its figures
        text = json.dumps(parts["statements"], ensure_ascii=False, indent=1)
        staging.statements.write_text(text + "\n", encoding="utf-8")
    _finish_chart_metadata(staging, lang, cite)
    exported = time.perf_counter()
    return {
        "ok": error is None,
        "error": meta["error"],
        "cell": cell,
        "title": meta["title"],
        "summary": parts["summary"] or {},
        "built_at": meta["built_at"],
        "reads": reads,
        "data_version": data_version,
        "timings": {
            "execute_s": round(executed - started, 3),
            "export_s": round(exported - executed, 3),
            **_chart_timings(charts_before),
        },
    }
