"""Benchmark report regeneration: the report runner against a naive papermill + nbconvert loop.

Run from anywhere (paths are anchored on this file, never on the working directory)::

    .venv/bin/python benchmarks/bench_reports.py [--runs N] [--runs-naive N] [--jobs N]
                                                 [--only NAME ...] [--json FILE] [--keep]

Everything runs on scratch copies in a temporary folder (a copy of data/ and a scratch outputs
folder); the project's data/ and outputs/ are never read for writing. Five measurements, each the
median (with min and max) of several wall-clock runs of whole commands:

1. naive loop: per report, the papermill CLI then the nbconvert CLI, one report after the other;
2. floor: per report, one Python process that only imports the notebooks' stack, --jobs at a time;
3. cold build: ``python -m helpers.reports ... build --force --jobs N``;
4. no-op build: the same without --force, nothing changed (plus a one-off ``-X importtime`` check
   that neither pandas nor matplotlib is imported);
5. one indicator changed: the note of one ``ndxp_transactions`` row edited in the scratch data,
   then a build without --force; the reports rebuilt are compared with those whose manifest entry
   reads ``ndxp_transactions`` or ``*``.

See benchmarks/README.md for what the numbers mean and the targets.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "reports.yaml"
DATA = ROOT / "data"
_VENV_BIN = ROOT / ".venv" / "bin"
BIN = _VENV_BIN if (_VENV_BIN / "python").exists() else Path(sys.executable).parent
PYTHON = BIN / "python"
PAPERMILL = BIN / "papermill"
JUPYTER = BIN / "jupyter"

CHANGED_INDICATOR = "ndxp_transactions"
FLOOR_IMPORTS = "import pandas, matplotlib, matplotlib.pyplot, helpers.data.load, helpers.present.charts"
SUMMARY = re.compile(r"^(\d+) built, (\d+) up to date, (\d+) failed in ([\d.]+) s\s*$", re.MULTILINE)
BUILT_LINE = re.compile(r"^\[\s*\d+/\d+\] built\s+(\S+)", re.MULTILINE)
START_LINE = re.compile(r"^\[\s*\d+/\d+\] start\s+(\S+)\s+\((.*)\)\s*$", re.MULTILINE)
WARM_LINE = re.compile(r"^warm-up: ([\d.]+) s", re.MULTILINE)
# Reasons that mean the project's code changed while the benchmark ran (someone editing src/ or notebooks/).
CODE_REASONS = ("helpers code changed", "notebook changed", "package versions changed")

# Targets (see README.md; issues 15 and 24).
COLD_VS_NAIVE = 0.08
COLD_VS_FLOOR = 1.2
NOOP_SECONDS = 0.25
VS_WORK = 1.15  # cold build / work floor; a changed build / (its share + one warm-up)
PROVINCE = "VN-HN"  # the changed-province check edits this province's rows (--province)

sys.path.insert(0, str(ROOT / "src"))  # helpers.reports.config / fingerprint: stdlib + yaml only
from helpers.data import validate  # noqa: E402
from helpers.reports.config import load  # noqa: E402
from helpers.reports.fingerprint import data_fingerprints, digest  # noqa: E402


class BenchError(RuntimeError):
    pass


# ---------------------------------------------------------------------------------------------------
# running and timing commands


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["HELPERS_DATA_DIR"] = str(data_dir)
    # What `make` exports for every target, so a direct run matches `make bench`.
    env.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    # Python caches the helpers' bytecode as on any machine: with PYTHONDONTWRITEBYTECODE set (some
    # sandboxes set it) every command compiles about 80 modules again, 0.1 s of a no-op build.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The content cache (parsed UN tables, checked tables, compiled templates, catalogues) starts
    # empty in each scratch folder, as on a machine that never built: the first build pays for
    # filling it, the later ones reuse it, as a user's later builds do.
    env.setdefault("HELPERS_CACHE_DIR", str(data_dir.parent / "content-cache"))
    return env


def _run(cmd: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + "\n" + proc.stderr).strip().splitlines()[-25:])
        raise BenchError(f"command failed with status {proc.returncode}: {' '.join(cmd)}\n{tail}")
    return proc


def _timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = _run(cmd, env, cwd)
    return time.perf_counter() - t0, proc


def _stats(times: list[float]) -> dict:
    return {
        "runs": len(times),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "times_s": times,
    }


def _say(msg: str = "") -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------------
# the five measurements


def _papermill_args(parameters: dict) -> list[str]:
    """Scalars with -p (strings with -r, so papermill does not turn "2024" into a number), lists and
    mappings with -y as YAML."""
    out: list[str] = []
    for key, value in parameters.items():
        if isinstance(value, str):
            out += ["-r", key, value]
        elif isinstance(value, bool | int | float):
            out += ["-p", key, str(value)]
        else:
            out += ["-y", json.dumps({key: value})]  # JSON is YAML
    return out


def naive_loop(reports, scratch: Path, env: dict) -> float:
    """Each report: papermill CLI, then nbconvert CLI, sequentially."""
    folder = scratch / "naive"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    t0 = time.perf_counter()
    for r in reports:
        out = folder / r.name
        out.mkdir()
        nb = out / "notebook.ipynb"
        pm = [str(PAPERMILL), str(r.notebook), str(nb), *_papermill_args(r.parameters)]
        pm += ["-r", "output_dir", str(out / "charts"), "-k", "python3", "--cwd", str(out)]
        _run(pm, env, out)
        _run([str(JUPYTER), "nbconvert", "--to", "html", "--no-input", str(nb)], env, out)
        if not (out / "notebook.html").exists():
            raise BenchError(f"naive loop: nbconvert wrote no {out / 'notebook.html'}")
    return time.perf_counter() - t0


def floor(n_reports: int, jobs: int, scratch: Path, env: dict) -> float:
    """One process per report that only imports the notebooks' stack, `jobs` at a time."""
    cmd = [str(PYTHON), "-c", FLOOR_IMPORTS]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda _: _run(cmd, env, scratch), range(n_reports)))
    return time.perf_counter() - t0


def _build_cmd(outputs: Path, data_dir: Path, names: list[str], jobs: int, force: bool, importtime=False):
    cmd = [str(PYTHON)] + (["-X", "importtime"] if importtime else []) + ["-m", "helpers.reports"]
    cmd += ["--config", str(CONFIG), "--outputs", str(outputs), "--data-dir", str(data_dir), "build", *names]
    return cmd + (["--force"] if force else []) + ["--jobs", str(jobs)]


def _summary(proc: subprocess.CompletedProcess) -> dict:
    m = SUMMARY.search(proc.stdout)
    if not m:
        raise BenchError(f"no summary line in the build's output:\n{proc.stdout[-2000:]}")
    built, current, failed = (int(m.group(i)) for i in (1, 2, 3))
    if failed:
        raise BenchError(f"{failed} report(s) failed; timings would be meaningless:\n{proc.stdout[-3000:]}")
    return {
        "built": built,
        "up_to_date": current,
        "failed": failed,
        "names": sorted(BUILT_LINE.findall(proc.stdout)),
        "reasons": dict(START_LINE.findall(proc.stdout)),
        "warm_s": float(w.group(1)) if (w := WARM_LINE.search(proc.stdout)) else 0.0,
    }


def _unexpected(what: str, summary: dict) -> BenchError:
    """A build rebuilt what it should not have: say why, and whether the code moved under us."""
    why = "; ".join(f"{n}: {r}" for n, r in sorted(summary["reasons"].items()))
    msg = f"{what} rebuilt {summary['names']} ({why})"
    if any(code in r for r in summary["reasons"].values() for code in CODE_REASONS):
        msg += (
            "\nthe project's code (src/helpers, notebooks or installed packages) changed while the benchmark ran;"
            " run it again when nobody is editing"
        )
    return BenchError(msg)


def _manifest(outputs: Path) -> dict:
    return json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))


def importtime_check(build_cmd: list[str], env: dict, cwd: Path) -> dict:
    """Run the no-op build under -X importtime; which top-level packages did it import?"""
    proc = _run(build_cmd, env, cwd)
    summary = _summary(proc)
    if summary["built"]:
        raise _unexpected("the -X importtime no-op build", summary)
    modules = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":  # the header line
                modules.add(name)
    top = {m.split(".")[0] for m in modules}
    return {
        "modules_imported": len(modules),
        "pandas": "pandas" in top,
        "matplotlib": "matplotlib" in top,
        "built": summary["built"],
    }


def _edit_notes(figures: Path, wanted, what: str) -> tuple[bytes, list[str]]:
    """Change the note of the rows for which ``wanted(indicator, entity)`` holds (values and quotes
    untouched; only the first when ``wanted`` says "first"); return the original bytes, so that
    the caller can restore them, and the indicators of the rows edited."""
    original = figures.read_bytes()
    text = original.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    ind, ent, note = header.index("indicator"), header.index("entity"), header.index("note")
    edited: list[str] = []
    for row in rows[1:]:
        if row and wanted(row[ind], row[ent]):
            row[note] = (row[note] + " " if row[note] else "") + "(benchmark edit)"
            edited.append(row[ind])
            if getattr(wanted, "first", False):
                break
    if not edited:
        raise BenchError(f"no row of {what} in {figures}")
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator=newline).writerows(rows)
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    figures.write_bytes((bom + buf.getvalue()).encode("utf-8"))
    return original, sorted(set(edited))


def _edit_note(figures: Path, indicator: str) -> bytes:
    """Change the note of the first row of `indicator` (value and quote untouched); return the
    original bytes so the caller can restore them."""

    def wanted(i, _e):
        return i == indicator

    wanted.first = True
    return _edit_notes(figures, wanted, indicator)[0]


def changed_indicator_run(outputs: Path, data_dir: Path, names, jobs: int, env: dict, cwd: Path) -> dict:
    """One timed run of measurement 5, leaving the scratch data and outputs as they were."""
    _summary(_run(_build_cmd(outputs, data_dir, names, jobs, force=False), env, cwd))  # warm, untimed
    manifest = _manifest(outputs)
    expected = sorted(
        name
        for name, entry in manifest["reports"].items()
        if (not names or name in names)
        and ({CHANGED_INDICATOR, "*"} & set(entry.get("reads") or ["*"]))  # no reads recorded: "*"
    )
    figures = data_dir / "figures.csv"
    before, common_before = data_fingerprints(validate(data_dir))
    original = _edit_note(figures, CHANGED_INDICATOR)
    try:
        after, common_after = data_fingerprints(validate(data_dir))
        moved = sorted(
            i for i in set(before) | set(after) if "@" not in i and before.get(i) != after.get(i)
        )  # per indicator; the IND@ENTITY hashes of the edited row's country move with it
        if moved != [CHANGED_INDICATOR] or common_before != common_after:
            raise BenchError(f"the edit changed the fingerprints of {moved}, not only {CHANGED_INDICATOR}")
        secs, proc = _timed(_build_cmd(outputs, data_dir, names, jobs, force=False), env, cwd)
        summary = _summary(proc)
    finally:
        figures.write_bytes(original)
    if any(code in r for r in summary["reasons"].values() for code in CODE_REASONS):
        raise _unexpected("the changed-indicator build", summary)
    _summary(_run(_build_cmd(outputs, data_dir, names, jobs, force=False), env, cwd))  # back to up to date
    return {"seconds": secs, "expected": expected, **summary}


def _affected(entry: dict, indicators: list[str], entity: str | None) -> bool:
    """Does a report whose manifest entry is ``entry`` read what the edit changed: one of
    ``indicators`` whole, or (with ``entity``) its rows of that entity, or everything ("*")?"""
    reads = set(entry.get("reads") or ["*"])  # no reads recorded: "*"
    wanted = {"*", *indicators}
    if entity:
        wanted |= {f"{i}@{entity}" for i in indicators}
    return bool(wanted & reads)


def changed_province_run(
    outputs: Path, data_dir: Path, names, jobs: int, env: dict, cwd: Path, province: str, profiles: dict
) -> dict:
    """One timed run of the changed-province check: the note of every figures.csv row of
    ``province`` edited, then a build; scratch data and outputs left as they were. ``profiles``:
    report name -> the province its page profiles (reports with a ``province`` parameter)."""
    _summary(_run(_build_cmd(outputs, data_dir, names, jobs, force=False), env, cwd))  # warm, untimed
    # Indicators the other provinces' pages read for every province (ranks computed from the whole
    # table, the provinces' mean): a change there rebuilds every such page, as it must. The check
    # edits the province's other rows: those only its own pages and the all-province pages read.
    reads = {n: set(e.get("reads") or ["*"]) for n, e in _manifest(outputs)["reports"].items()}
    shared = set().union(*[reads.get(n, set()) for n, p in profiles.items() if p != province])
    if "*" in shared:
        raise BenchError("the province pages read every indicator ('*'): no change is one province's alone")
    figures = data_dir / "figures.csv"
    before, common_before = data_fingerprints(validate(data_dir))
    original, indicators = _edit_notes(
        figures,
        lambda i, e: e == province and i not in shared,
        f"province {province} read by its pages alone",
    )
    try:
        after, common_after = data_fingerprints(validate(data_dir))
        moved = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        allowed = {*indicators, *(f"{i}@{province}" for i in indicators)}
        if not set(moved) <= allowed or common_before != common_after:
            raise BenchError(f"the edit of {province}'s rows changed the fingerprints of {moved}")
        manifest = _manifest(outputs)
        expected = sorted(
            n
            for n, entry in manifest["reports"].items()
            if (not names or n in names) and _affected(entry, indicators, province)
        )
        everyone = sorted(
            n
            for n, entry in manifest["reports"].items()
            if (not names or n in names)
            and _affected(entry, indicators, None)
            and profiles.get(n) != province
        )
        secs, proc = _timed(_build_cmd(outputs, data_dir, names, jobs, force=False), env, cwd)
        summary = _summary(proc)
    finally:
        figures.write_bytes(original)
    if any(code in r for r in summary["reasons"].values() for code in CODE_REASONS):
        raise _unexpected("the changed-province build", summary)
    _summary(_run(_build_cmd(outputs, data_dir, names, jobs, force=False), env, cwd))  # back to up to date
    own = sorted(n for n, p in profiles.items() if p == province and (not names or n in names))
    others = sorted(n for n in summary["names"] if n in profiles and profiles[n] != province)
    return {
        "seconds": secs,
        "indicators": indicators,
        "read_by_all_profiles": sorted(i for i in shared if "@" not in i),
        "expected": expected,
        "own": own,
        "every_province": everyone,
        "other_profiles_rebuilt": others,
        **summary,
    }


# ---------------------------------------------------------------------------------------------------
# scale scenarios: many figure rows (--rows), many reports (--reports)

SYNTH_INDICATOR = "vneid_public_service_logins_daily"  # a non-headline daily flow: no report reads it
ROWS_REPORT = "profile-egdi_rank-en"  # built once; it must not read SYNTH_INDICATOR (checked)
BOOKKEEPING = re.compile(
    r"^bookkeeping: ([\d.]+) s for \d+ report\(s\).*\(plan ([\d.]+) s, publish ([\d.]+) s for (\d+), "
    r"manifest and index ([\d.]+) s\)",
    re.MULTILINE,
)
VALIDATE_MODULE = "helpers.data"  # what `make validate` runs: python -m helpers.data [DATA_DIR]

# Targets of issue 15.
VALIDATE_1M_S, VALIDATE_1M_MB = 10.0, 1024
NOOP_TODAY_S, NOOP_1M_S = 0.25, 0.5
BOOKKEEPING_MS = 5.0
PREVIEW_S = 2.0


def _measured(cmd: list[str], env: dict, cwd: Path) -> dict:
    """Run ``cmd``; its wall time and the peak resident memory of that process (not its children)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        tail = "\n".join((stdout + "\n" + stderr).strip().splitlines()[-25:])
        raise BenchError(f"command failed with status {proc.returncode}: {' '.join(cmd)}\n{tail}")
    return {
        "seconds": secs,
        "peak_mb": usage.ru_maxrss / 1024,  # Linux: kilobytes
        "stdout": stdout,
        "stderr": stderr,
    }


def _countries(data_dir: Path) -> list[str]:
    """ISO3 codes of the UN tables (the entities a figure may name)."""
    codes: set[str] = set()
    for path in sorted((data_dir / "raw" / "un-egdi").glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            col = next(
                (
                    c
                    for c in reader.fieldnames or []
                    if c.strip().lower() in ("country-code", "country code", "iso3")
                ),
                None,
            )
            if col:
                codes.update(r[col].strip() for r in reader if re.fullmatch(r"[A-Z]{3}", r[col].strip()))
    if not codes:
        raise BenchError(f"no ISO3 country codes found in {data_dir / 'raw' / 'un-egdi'}")
    return sorted(codes)


def append_rows(data_dir: Path, n: int, indicator: str = SYNTH_INDICATOR) -> None:
    """Append ``n`` valid figure rows of ``indicator``: one per (country, day), each value stated in
    its quote, so the data still validates and every key is unique."""
    import datetime as dt

    figures = data_dir / "figures.csv"
    with open(data_dir / "sources.csv", encoding="utf-8-sig", newline="") as fh:
        source = next(r["id"] for r in csv.DictReader(fh) if r["kind"] != "un_survey")
    countries = _countries(data_dir)
    text = figures.read_bytes().decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    header = next(csv.reader(io.StringIO(text)))
    day0 = dt.date(1990, 1, 1)
    if (dt.date.today() - day0).days * len(countries) < n:
        raise BenchError(f"--rows {n}: more rows than (country, day) pairs")
    # Written in chunks: this process stays small, and so does the peak memory that the processes it
    # starts inherit from it at fork (Linux counts it in their ru_maxrss).
    with open(figures, "a", encoding="utf-8", newline="") as fh:
        if not text.endswith(("\n", "\r")):
            fh.write(newline)
        del text
        w = csv.writer(fh, lineterminator=newline)
        for k in range(n):
            day = day0 + dt.timedelta(days=k // len(countries))
            # written plainly in its quote, never a number that reads as a year (1900-2100: a year
            # in a quote is never the value)
            value = k + 1 if k + 1 < 1900 else k + 202
            row = {
                "id": f"bench{k + 1}",  # a namespace of its own, never a curated id
                "indicator": indicator,
                "entity": countries[k % len(countries)],
                "year": str(day.year),
                "date": day.isoformat(),
                "value": str(value),
                "source_id": source,
                "quote": f"Ứng dụng ghi nhận {value} lượt tải trong ngày (synthetic benchmark row).",
                "note": "",
                "derived": "",
                "preferred": "",
                "period": "day",
                "window": "unstated",  # a per-day figure says what it averages (as the curated rows do)
                "date_basis": "stated",
                "status": "final",
                "producer": "unknown",
            }
            w.writerow([row.get(col, "") for col in header])


def _stats_mb(results: list[dict]) -> dict:
    out = _stats([r["seconds"] for r in results])
    out["peak_mb"] = max(r["peak_mb"] for r in results)
    return out


def scale_rows(args, scratch: Path) -> dict:
    """--rows N: validation and the no-op build with N more figure rows, time and peak memory."""
    data_dir = scratch / "data"
    outputs = scratch / "outputs-rows"
    env = _env(data_dir)
    jobs = args.jobs
    _say(f"rows: building {ROWS_REPORT} on the project's data (untimed) ...")
    _summary(_run(_build_cmd(outputs, data_dir, [ROWS_REPORT], jobs, force=True), env, scratch))
    reads = set(_manifest(outputs)["reports"][ROWS_REPORT].get("reads") or ["*"])
    if reads & {"*", SYNTH_INDICATOR}:
        raise BenchError(
            f"{ROWS_REPORT} reads {sorted(reads)}; pick a report that does not read {SYNTH_INDICATOR}"
        )
    noop_cmd = _build_cmd(outputs, data_dir, [ROWS_REPORT], jobs, force=False)
    base = [_measured(noop_cmd, env, scratch) for _ in range(args.runs)]
    _say(f"rows: appending {args.rows:,} rows of {SYNTH_INDICATOR} to figures.csv ...")
    t0 = time.perf_counter()
    append_rows(data_dir, args.rows)
    size = (data_dir / "figures.csv").stat().st_size
    _say(f"      {size / 1e6:.0f} MB written in {time.perf_counter() - t0:.1f} s")
    validate_cmd = [str(PYTHON), "-m", VALIDATE_MODULE, str(data_dir)]
    _say(f"rows: validating ({' '.join(validate_cmd[1:3])} DATA), {args.runs} run(s) ...")
    val = [_measured(validate_cmd, env, scratch) for _ in range(args.runs)]
    _say("rows: no-op builds (the first one after the append, then the others) ...")
    noops = []
    for _ in range(args.runs + 1):
        m = _measured(noop_cmd, env, scratch)
        s = _summary(subprocess.CompletedProcess(noop_cmd, 0, m["stdout"], m["stderr"]))
        if s["built"]:
            raise _unexpected(f"the no-op build with {args.rows} more rows", s)
        noops.append(m)
    return {
        "rows": args.rows,
        "figures_csv_mb": size / 1e6,
        "noop_before": _stats_mb(base),
        "validate": _stats_mb(val),
        "noop_first": _stats_mb(noops[:1]),
        "noop": _stats_mb(noops[1:]),
    }


TRIVIAL_NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# Synthetic report"},
        {
            "cell_type": "code",
            "metadata": {"tags": ["parameters"]},
            "execution_count": None,
            "outputs": [],
            "source": 'i: int = 0  # report number\noutput_dir: str = ""  # chart folder (unused)',
        },
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": 'from helpers.data import load_figures\nprint(i, len(load_figures(["egdi_rank"])))',
        },
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def synthetic_config(folder: Path, n: int) -> Path:
    """A config of ``n`` reports of one trivial notebook (one data read, no chart)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, cell in enumerate(TRIVIAL_NOTEBOOK["cells"]):
        cell["id"] = f"cell-{k}"
    (folder / "trivial.ipynb").write_text(json.dumps(TRIVIAL_NOTEBOOK, indent=1), encoding="utf-8")
    config = folder / "reports.yaml"
    config.write_text(
        "settings:\n  cell_timeout: 60\nreports:\n  - name: synthetic-{i}\n    notebook: trivial.ipynb\n"
        f"    matrix:\n      i: [{', '.join(str(k) for k in range(n))}]\n",
        encoding="utf-8",
    )
    return config


def _bookkeeping(stdout: str) -> dict:
    m = BOOKKEEPING.search(stdout)
    if not m:
        raise BenchError(f"no bookkeeping line in the build's output:\n{stdout[-1500:]}")
    total, plan_s, publish_s, published, write_s = m.groups()
    return {
        "total_s": float(total),
        "plan_s": float(plan_s),
        "publish_s": float(publish_s),
        "published": int(published),
        "write_s": float(write_s),
    }


def seed_reports(outputs: Path, n: int, built: int) -> None:
    """Make the outputs of a build of all ``n`` synthetic reports from the ``built`` really built:
    each other report gets a copy (hard links) of a built one's folder and its manifest entry with
    its own name and parameters, exactly what the runner would have written for it."""
    manifest_path = outputs / "manifest.json"
    m = json.loads(manifest_path.read_text(encoding="utf-8"))
    for k in range(built, n):
        src = f"synthetic-{k % built}"
        name = f"synthetic-{k}"
        entry = json.loads(json.dumps(m["reports"][src]))
        entry["name"], entry["parameters"] = name, {"i": k}
        entry["inputs"]["parameters"] = digest({"i": k})
        m["reports"][name] = entry
        dst = outputs / "reports" / name
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(outputs / "reports" / src, dst, copy_function=os.link)
    manifest_path.write_text(
        json.dumps(m, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )


def scale_reports(args, scratch: Path) -> dict:
    """--reports N: the runner's bookkeeping (plan, publish, manifest and index) at N reports.

    A cold build of N trivial reports really runs ``--reports-built`` of them (default: all when
    N <= 200); the others' published state is seeded from those (see seed_reports), because
    running 10,000 notebooks would take hours on a small machine and says nothing more about the
    runner. Then: no-op builds (planning N reports), and a build of ``--stale`` of them (their
    pages removed), whose bookkeeping the runner reports per phase."""
    global CONFIG
    data_dir = scratch / "data"
    outputs = scratch / "outputs-reports"
    env = _env(data_dir)
    jobs, n = args.jobs, args.reports
    really = min(n, args.reports_built or (n if n <= 200 else 40))
    stale = min(args.stale, n)
    saved, CONFIG = CONFIG, synthetic_config(scratch / "synthetic", n)
    try:
        names = [f"synthetic-{k}" for k in range(really)]
        _say(f"reports: building {really} of the {n:,} trivial reports for real (--force, --jobs {jobs}) ...")
        cold = _measured(
            _build_cmd(outputs, data_dir, names if really < n else [], jobs, force=True), env, scratch
        )
        s = _summary(subprocess.CompletedProcess([], 0, cold["stdout"], cold["stderr"]))
        if s["built"] != really:
            raise BenchError(f"the synthetic cold build built {s['built']} of {really}")
        cold_book = _bookkeeping(cold["stdout"])
        work = sum(e.get("duration_s", 0.0) for e in _manifest(outputs)["reports"].values())
        if really < n:
            _say(f"reports: seeding the other {n - really:,} from them ...")
            seed_reports(outputs, n, really)
        _say(f"reports: no-op builds of {n:,} reports ...")
        noops = []
        for _ in range(args.runs):
            m = _measured(_build_cmd(outputs, data_dir, [], jobs, force=False), env, scratch)
            if _summary(subprocess.CompletedProcess([], 0, m["stdout"], m["stderr"]))["built"]:
                raise BenchError("the synthetic no-op build rebuilt something")
            m["book"] = _bookkeeping(m["stdout"])
            noops.append(m)
        _say(f"reports: {stale} of the {n:,} rebuilt (their published pages removed) ...")
        batches = []
        for _ in range(args.runs):
            for k in range(stale):
                (outputs / "reports" / f"synthetic-{k * max(1, n // stale)}" / "index.html").unlink()
            m = _measured(_build_cmd(outputs, data_dir, [], jobs, force=False), env, scratch)
            got = _summary(subprocess.CompletedProcess([], 0, m["stdout"], m["stderr"]))["built"]
            if got != stale:
                raise BenchError(f"the stale build rebuilt {got} reports, not {stale}")
            m["book"] = _bookkeeping(m["stdout"])
            batches.append(m)
    finally:
        CONFIG = saved
    plan_n = statistics.median(b["book"]["plan_s"] for b in batches)
    write_n = statistics.median(b["book"]["write_s"] for b in batches)
    publish_one = statistics.median(b["book"]["publish_s"] / b["book"]["published"] for b in batches)
    # A whole build of N: plan N once, publish N, write the manifest and index of N once.
    per_report = (plan_n + write_n) / n + publish_one
    return {
        "reports": n,
        "built_for_real": really,
        "cold_real": _stats_mb([cold]) | {"bookkeeping": cold_book, "worker_seconds": work},
        "noop": _stats_mb(noops) | {"bookkeeping": [x["book"] for x in noops]},
        "stale": stale,
        "stale_build": _stats_mb(batches) | {"bookkeeping": [x["book"] for x in batches]},
        "plan_s": plan_n,
        "write_s": write_n,
        "publish_one_s": publish_one,
        "bookkeeping_ms_per_report": per_report * 1000,
    }


def scale_shards(args, scratch: Path) -> dict:
    """--shards N: an unsharded cold build against N shard builds (one after the other here, one
    per machine in real use: the slowest is the wall time) and their merge into one site."""
    data_dir = scratch / "data"
    env = _env(data_dir)
    names = list(args.only)
    whole = scratch / "outputs-whole"
    _say("shards: unsharded cold build ...")
    cold = _measured(_build_cmd(whole, data_dir, names, args.jobs, force=True), env, scratch)
    _summary(subprocess.CompletedProcess([], 0, cold["stdout"], cold["stderr"]))
    parts, times = [], []
    for k in range(1, args.shards + 1):
        out = scratch / f"outputs-shard-{k}"
        _say(f"shards: shard {k}/{args.shards} ...")
        cmd = _build_cmd(out, data_dir, names, args.jobs, force=True) + ["--shard", f"{k}/{args.shards}"]
        m = _measured(cmd, env, scratch)
        times.append(m["seconds"])
        parts.append(out)
    site = scratch / "outputs-merged"
    cmd = [str(PYTHON), "-m", "helpers.reports", "--config", str(CONFIG), "--outputs", str(site)]
    cmd += ["--data-dir", str(data_dir), "merge", *map(str, parts)]
    _say("shards: merge ...")
    merged = _measured(cmd, env, scratch)
    a, b = _manifest(whole)["reports"], _manifest(site)["reports"]
    same = set(a) == set(b) and all(
        a[n]["inputs"] == b[n]["inputs"] and a[n]["files"] == b[n]["files"] for n in a
    )
    return {
        "shards": args.shards,
        "cold_s": cold["seconds"],
        "shard_s": times,
        "merge_s": merged["seconds"],
        "same_reports_and_inputs": same,
    }


PREVIEW_REPORT = "profile-ndxp_transactions-en"


def scale_preview(args, scratch: Path) -> dict:
    """--preview: `build --watch` on one report; time from saving figures.csv (the note of one row
    of the report's indicator) to the served page's version changing (the rebuilt page published)."""
    import socket
    import urllib.request

    data_dir = scratch / "data"
    env = _env(data_dir)
    outputs = scratch / "outputs-preview"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [str(PYTHON), "-m", "helpers.reports", "--config", str(CONFIG), "--outputs", str(outputs)]
    cmd += ["--data-dir", str(data_dir), "build", "--watch", "--port", str(port), PREVIEW_REPORT]
    log = open(scratch / "preview.log", "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, env=env, cwd=scratch, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def version() -> str:
        with urllib.request.urlopen(f"{base}/__preview__/version", timeout=5) as resp:
            return resp.read().decode()

    def wait_for(pred, timeout: float, what: str):
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if proc.poll() is not None:
                log.seek(0)
                raise BenchError(f"the preview exited while waiting for {what}:\n{log.read()[-2000:]}")
            try:
                got = pred()
                if got:
                    return got
            except OSError:
                pass
            time.sleep(0.02)
        log.seek(0)
        raise BenchError(f"timed out waiting for {what}:\n{log.read()[-2000:]}")

    try:
        _say(f"preview: starting build --watch {PREVIEW_REPORT} on 127.0.0.1:{port} (first build) ...")
        wait_for(
            lambda: "watching" in (scratch / "preview.log").read_text(encoding="utf-8"),
            600,
            "the first build",
        )
        page = f"{base}/reports/{PREVIEW_REPORT}/index.html"
        with urllib.request.urlopen(page, timeout=5) as resp:
            served = resp.read().decode()
        if "__preview__/version" not in served:
            raise BenchError("the served page has no reload script")
        figures = data_dir / "figures.csv"
        times = []
        for _ in range(args.runs):
            before = version()
            time.sleep(1.0)  # not within the same poll as anything before
            t0 = time.perf_counter()
            original = _edit_note(figures, "ndxp_transactions")
            wait_for(lambda: version() != before, 300, "the rebuilt page")  # noqa: B023
            times.append(time.perf_counter() - t0)
            before = version()
            figures.write_bytes(original)
            wait_for(lambda: version() != before, 300, "the page rebuilt back")  # noqa: B023
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    return {"report": PREVIEW_REPORT, **_stats(times)}


def _bench_scale(args, scratch: Path) -> int:
    data_dir = scratch / "data"
    shutil.copytree(DATA, data_dir)
    _say(
        f"python {platform.python_version()} ({PYTHON}); {os.cpu_count()} cores (os.cpu_count()); "
        f"--jobs {args.jobs}; runs: {args.runs}\nscratch: {scratch}\n"
    )
    results: dict = {}
    lines = []
    if args.rows:
        r = results["rows"] = scale_rows(args, scratch)
        _say(f"\n{args.rows:,} extra figure rows (figures.csv {r['figures_csv_mb']:.0f} MB):")
        _say(f"{'measurement':<40}  runs     median        min        max    peak MB")
        for label, key in (
            ("no-op build, project data", "noop_before"),
            ("validate (python -m helpers.data)", "validate"),
            ("first no-op build after the append", "noop_first"),
            ("no-op build", "noop"),
        ):
            m = r[key]
            _say(
                f"{label:<40}  {m['runs']:>4}  {_fmt(m['median_s'])} {_fmt(m['min_s'])} {_fmt(m['max_s'])}"
                f"  {m['peak_mb']:>8.0f}"
            )
        lines += [
            (
                "no-op, project data",
                f"{r['noop_before']['median_s']:.3f} s",
                f"<= {NOOP_TODAY_S} s",
                _verdict(r["noop_before"]["median_s"] <= NOOP_TODAY_S),
            ),
            (
                f"no-op, +{args.rows:,} rows",
                f"{r['noop']['median_s']:.3f} s",
                f"<= {NOOP_1M_S} s",
                _verdict(r["noop"]["median_s"] <= NOOP_1M_S),
            ),
            (
                "validate, time",
                f"{r['validate']['median_s']:.2f} s",
                f"<= {VALIDATE_1M_S:.0f} s",
                _verdict(r["validate"]["median_s"] <= VALIDATE_1M_S),
            ),
            (
                "validate, peak memory",
                f"{r['validate']['peak_mb']:.0f} MB",
                f"<= {VALIDATE_1M_MB} MB",
                _verdict(r["validate"]["peak_mb"] <= VALIDATE_1M_MB),
            ),
        ]
    if args.reports:
        r = results["reports"] = scale_reports(args, scratch)
        n = r["reports"]
        cb = r["cold_real"]["bookkeeping"]
        _say(f"\n{n:,} synthetic reports (one trivial notebook), {r['built_for_real']} built for real:")
        _say(
            f"real cold build of {r['built_for_real']}: {r['cold_real']['median_s']:.1f} s, workers' time "
            f"{r['cold_real']['worker_seconds'] / r['built_for_real'] * 1000:.0f} ms a report; bookkeeping "
            f"{cb['total_s']:.3f} s (plan {cb['plan_s']:.3f}, publish {cb['publish_s']:.3f}, write {cb['write_s']:.3f})"
        )
        _say(
            f"no-op build of {n:,}: {r['noop']['median_s']:.2f} s (plan {r['noop']['bookkeeping'][0]['plan_s']:.3f} s)"
        )
        _say(
            f"build of {r['stale']} stale among {n:,}: {r['stale_build']['median_s']:.2f} s; plan {r['plan_s']:.3f} s, "
            f"publish {r['publish_one_s'] * 1000:.2f} ms a report, manifest and index once {r['write_s']:.3f} s"
        )
        _say(
            f"a whole batch of {n:,}: (plan + one write) / {n:,} + publish = "
            f"{r['bookkeeping_ms_per_report']:.3f} ms a report"
        )
        lines.append(
            (
                f"bookkeeping at {n:,}",
                f"{r['bookkeeping_ms_per_report']:.2f} ms",
                f"<= {BOOKKEEPING_MS:.0f} ms a report",
                _verdict(r["bookkeeping_ms_per_report"] <= BOOKKEEPING_MS),
            )
        )
    if args.shards:
        r = results["shards"] = scale_shards(args, scratch)
        _say(
            f"\nunsharded cold build {r['cold_s']:.1f} s; {r['shards']} shards "
            f"{', '.join(f'{t:.1f}' for t in r['shard_s'])} s (slowest {max(r['shard_s']):.1f} s); "
            f"merge {r['merge_s']:.2f} s; same reports and inputs: {r['same_reports_and_inputs']}"
        )
        lines.append(
            (
                "shards merged = unsharded",
                str(r["same_reports_and_inputs"]),
                "True",
                _verdict(r["same_reports_and_inputs"]),
            )
        )
    if args.preview:
        r = results["preview"] = scale_preview(args, scratch)
        _say(
            f"\npreview, save figures.csv -> updated page ({r['report']}): median {r['median_s']:.2f} s "
            f"(min {r['min_s']:.2f}, max {r['max_s']:.2f}, {r['runs']} runs)"
        )
        lines.append(
            (
                "preview save -> page",
                f"{r['median_s']:.2f} s",
                f"<= {PREVIEW_S:.0f} s",
                _verdict(r["median_s"] <= PREVIEW_S),
            )
        )
    _say(f"\n{'check':<26}  {'value':>10}  {'target':<22}  result")
    for label, value, target, verdict in lines:
        _say(f"{label:<26}  {value:>10}  {target:<22}  {verdict}")
    if args.json:
        payload = {
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "jobs": args.jobs,
            "runs": args.runs,
            "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            **results,
        }
        for scenario in results.values():
            for m in scenario.values():
                if isinstance(m, dict):
                    m.pop("stdout", None), m.pop("stderr", None)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        _say(f"\nresults written to {args.json}")
    return 0


# ---------------------------------------------------------------------------------------------------
# report


def _fmt(s: float) -> str:
    return f"{s:8.2f} s"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--runs", type=int, default=3, help="runs per measurement (default 3); the median is reported"
    )
    ap.add_argument(
        "--runs-naive", type=int, default=None, help="runs of the naive loop (default 1: it is slow; 0: none)"
    )
    ap.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="reports at a time (default: cores)"
    )
    ap.add_argument("--only", nargs="+", metavar="NAME", default=[], help="only these reports (default: all)")
    ap.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the results to FILE")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder and print where it is")
    ap.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="FILE",
        help="an earlier run's --json: its medians printed beside this run's, with the ratio",
    )
    ap.add_argument(
        "--province",
        default=PROVINCE,
        metavar="CODE",
        help=f"the province whose rows the changed-province check edits (default {PROVINCE})",
    )
    scale = ap.add_argument_group(
        "scale scenarios (any of them replaces the five measurements; see benchmarks/README.md)"
    )
    scale.add_argument(
        "--rows",
        type=int,
        default=0,
        metavar="N",
        help="append N synthetic figure rows to the scratch data; time the validation "
        "(`make validate`) and the no-op build, with peak memory",
    )
    scale.add_argument(
        "--reports",
        type=int,
        default=0,
        metavar="N",
        help="a synthetic config of N reports of a trivial notebook: the runner's bookkeeping per report",
    )
    scale.add_argument(
        "--reports-built",
        type=int,
        default=0,
        metavar="B",
        help="with --reports: how many to build for real, the rest seeded from them (default: all up to 200, else 40)",
    )
    scale.add_argument(
        "--stale",
        type=int,
        default=20,
        metavar="K",
        help="with --reports: reports rebuilt in the measured batch",
    )
    scale.add_argument(
        "--shards", type=int, default=0, metavar="N", help="N shard builds and their merge against one build"
    )
    scale.add_argument(
        "--preview",
        action="store_true",
        help=f"build --watch on {PREVIEW_REPORT}: from saving figures.csv to the updated page",
    )
    args = ap.parse_args(argv)
    if args.runs < 1 or args.jobs < 1 or (args.runs_naive is not None and args.runs_naive < 0):
        ap.error("--runs and --jobs must be 1 or more, --runs-naive 0 or more")
    runs_naive = 1 if args.runs_naive is None else args.runs_naive

    scratch = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    try:
        if args.rows or args.reports or args.shards or args.preview:
            return _bench_scale(args, scratch)
        return _bench(args, runs_naive, scratch)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            _say(f"\nscratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def _chart_costs(manifest: dict) -> dict:
    """Charts saved in a build and what they cost (``timings`` of each report in the manifest:
    layout, PNG and SVG, in the report's own process), against the reports' whole execution."""
    totals = {"charts": 0, "chart_layout_s": 0.0, "chart_png_s": 0.0, "chart_svg_s": 0.0}
    work = 0.0
    for entry in manifest["reports"].values():
        work += entry.get("duration_s", 0.0)
        for k in totals:
            totals[k] += (entry.get("timings") or {}).get(k, 0)
    n = totals["charts"]
    spent = totals["chart_layout_s"] + totals["chart_png_s"] + totals["chart_svg_s"]
    return {
        **totals,
        "reports_s": work,
        "per_chart_s": spent / n if n else None,
        **{f"per_chart_{k[6:]}": totals[k] / n if n else None for k in totals if k != "charts"},
        "share_of_work": spent / work if work else None,
    }


def _changed_checks(runs: list[dict], cold_durations: list[dict], jobs: int) -> dict:
    """Stats of changed-build runs and their bound: the rebuilt reports' share of a cold build
    (sum of their cold durations / jobs) plus the warm-up that build paid."""
    out = _stats([c["seconds"] for c in runs])
    expected = runs[0]["expected"]
    share = statistics.median([sum(d.get(n, 0.0) for n in expected) / jobs for d in cold_durations])
    warm = statistics.median([c["warm_s"] for c in runs])
    longest = statistics.median([max([d.get(n, 0.0) for n in expected] or [0.0]) for d in cold_durations])
    out.update(
        expected=expected,
        rebuilt=[c["names"] for c in runs],
        exact=all(c["names"] == c["expected"] and c["built"] == len(c["expected"]) for c in runs),
        cold_share_s=share,
        warm_s=warm,
        bound_s=share + warm,
        longest_expected_s=longest,
        ratio=out["median_s"] / (share + warm) if share + warm else None,
    )
    return out


def _bench(args, runs_naive: int, scratch: Path) -> int:
    data_dir = scratch / "data"
    shutil.copytree(DATA, data_dir)
    outputs = scratch / "outputs"
    env = _env(data_dir)
    reports = load(CONFIG, validate(data_dir)).reports
    if args.only:
        unknown = sorted(set(args.only) - {r.name for r in reports})
        if unknown:
            raise BenchError(f"unknown report(s) {unknown}; known: {', '.join(r.name for r in reports)}")
        reports = [r for r in reports if r.name in args.only]
    names = [r.name for r in reports] if args.only else []  # [] = every report in the config
    jobs = args.jobs
    profiles = {r.name: r.parameters["province"] for r in reports if "province" in r.parameters}
    province = args.province if any(p == args.province for p in profiles.values()) else None
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None

    _say(
        f"python {platform.python_version()} ({PYTHON}); {os.cpu_count()} cores (os.cpu_count()); --jobs {jobs}"
    )
    _say(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        _say("PYTHONDONTWRITEBYTECODE is set here; the commands run without it (bytecode cached)")
    _say(f"{len(reports)} report(s){' (--only)' if args.only else ''}: {', '.join(r.name for r in reports)}")
    _say(
        f"runs: {args.runs} per measurement; naive loop: {runs_naive} run(s)"
        + ("" if args.runs_naive is not None else " (default; --runs-naive N for more, 0 for none)")
    )
    _say(f"scratch: {scratch}\n")

    results: dict = {"load_before": os.getloadavg()}
    steps = 6 if province else 5

    if runs_naive:
        _say(f"1/{steps} naive loop (papermill CLI + nbconvert CLI, sequential) ...")
        results["naive"] = _stats([naive_loop(reports, scratch, env) for _ in range(runs_naive)])

    _say(f"2/{steps} floor ({len(reports)} import-only processes, {jobs} at a time) ...")
    results["floor"] = _stats([floor(len(reports), jobs, scratch, env) for _ in range(args.runs)])

    _say(f"3/{steps} cold build (--force) ...")
    cold_times, work_floors, warms = [], [], []
    cold_durations: list[dict] = []
    for _ in range(args.runs):
        secs, proc = _timed(_build_cmd(outputs, data_dir, names, jobs, force=True), env, scratch)
        s = _summary(proc)
        if s["built"] != len(reports):
            raise BenchError(f"cold build built {s['built']} of {len(reports)} reports")
        cold_times.append(secs)
        manifest = _manifest(outputs)
        cold_durations.append({n: e["duration_s"] for n, e in manifest["reports"].items()})
        warms.append(s["warm_s"])
        work_floors.append(sum(cold_durations[-1].values()) / jobs + s["warm_s"])
    results["cold"] = _stats(cold_times)
    results["work"] = _stats(work_floors)
    results["work"]["warm_s"] = statistics.median(warms)
    results["charts"] = _chart_costs(manifest)

    _say(f"4/{steps} no-op build (nothing changed) ...")
    noop_times = []
    for _ in range(args.runs):
        secs, proc = _timed(_build_cmd(outputs, data_dir, names, jobs, force=False), env, scratch)
        s = _summary(proc)
        if s["built"]:
            raise _unexpected("the no-op build", s)
        noop_times.append(secs)
    results["noop"] = _stats(noop_times)
    imports = importtime_check(
        _build_cmd(outputs, data_dir, names, jobs, force=False, importtime=True), env, scratch
    )
    results["noop_imports"] = imports

    _say(f"5/{steps} one indicator changed ({CHANGED_INDICATOR}: the note of one figures.csv row) ...")
    changed = [changed_indicator_run(outputs, data_dir, names, jobs, env, scratch) for _ in range(args.runs)]
    results["changed"] = _changed_checks(changed, cold_durations, jobs)

    if province:
        _say(
            f"6/{steps} one province changed ({province}: the note of its figures.csv rows that only its pages read) ..."
        )
        try:
            runs = [
                changed_province_run(outputs, data_dir, names, jobs, env, scratch, province, profiles)
                for _ in range(args.runs)
            ]
        except BenchError as exc:  # no such change possible: a finding, not the end of the run
            runs = []
            results["province_error"] = str(exc)
            _say(f"   FAIL: {exc}")
    if province and runs:
        results["province"] = _changed_checks(runs, cold_durations, jobs)
        last = runs[-1]
        results["province"].update(
            province=province,
            indicators=last["indicators"],
            read_by_all_profiles=last["read_by_all_profiles"],
            own=last["own"],
            every_province=last["every_province"],
            other_profiles_rebuilt=[r["other_profiles_rebuilt"] for r in runs],
            only_own_and_every=all(
                not r["other_profiles_rebuilt"] and set(r["own"]) <= set(r["names"]) for r in runs
            ),
        )
    results["load_after"] = os.getloadavg()
    _report(args, results, reports, runs_naive, jobs, imports, baseline)
    return 0


def _report(args, results: dict, reports, runs_naive: int, jobs: int, imports: dict, baseline) -> None:
    """The table (beside the baseline run's, when given), the lists checked and the verdicts."""
    rows = [
        ("naive loop (papermill + nbconvert CLIs)", "naive"),
        (f"floor (import stack, {jobs} at a time)", "floor"),
        (f"work floor (reports' own times / {jobs} + warm-up)", "work"),
        ("cold build (--force)", "cold"),
        ("no-op build", "noop"),
        (f"one indicator changed ({CHANGED_INDICATOR})", "changed"),
        (f"one province changed ({args.province})", "province"),
    ]
    rows = [(label, key) for label, key in rows if key in results]
    width = max(len(label) for label, _ in rows)
    head = f"\n{'measurement':<{width}}  runs     median        min        max"
    _say(head + ("   baseline  now/base" if baseline else ""))
    for label, key in rows:
        r = results[key]
        line = (
            f"{label:<{width}}  {r['runs']:>4}  {_fmt(r['median_s'])} {_fmt(r['min_s'])} {_fmt(r['max_s'])}"
        )
        base = (baseline or {}).get(key, {}).get("median_s")
        if baseline:
            line += (
                f" {_fmt(base)} {results[key]['median_s'] / base:9.3f}" if base else "          -         -"
            )
        _say(line)
    _say(
        "load average: before {} / after {} (1, 5, 15 min)".format(
            *(" ".join(f"{x:.2f}" for x in results[k]) for k in ("load_before", "load_after"))
        )
    )

    c = results["charts"]
    if c["charts"]:
        _say(
            f"\ncharts (last cold build): {c['charts']} saved; per chart {c['per_chart_s'] * 1000:.0f} ms = "
            f"layout {c['per_chart_layout_s'] * 1000:.0f} + PNG {c['per_chart_png_s'] * 1000:.0f} + "
            f"SVG {c['per_chart_svg_s'] * 1000:.0f} ms; {c['share_of_work']:.0%} of the reports' own "
            f"{c['reports_s']:.1f} s (drawing before the layout not counted)"
        )
    w = results["work"]
    _say(f"warm-up (runner, once before the workers fork): {w['warm_s']:.2f} s (median of the cold builds)")

    yes_no = {True: "imported", False: "not imported"}
    _say(
        f"no-op import check (-X importtime, once): {imports['modules_imported']} modules; "
        f"pandas {yes_no[imports['pandas']]}, matplotlib {yes_no[imports['matplotlib']]}"
    )
    for key, what in (("changed", f"{CHANGED_INDICATOR} or '*'"), ("province", "its rows, whole or '*'")):
        if key not in results:
            continue
        ch = results[key]
        rebuilt = ch["rebuilt"][-1]
        _say(
            f"\n{key}: expected {len(ch['expected'])} report(s) (manifest reads {what}): {', '.join(ch['expected']) or '-'}"
        )
        _say(f"  rebuilt {len(rebuilt)} report(s) (last run): {', '.join(rebuilt) or '-'}")
        if key == "province":
            _say(f"  indicators edited (its rows of them): {', '.join(ch['indicators'])}")
            _say(
                "  not edited, read for every province by every province's page (a change there rebuilds "
                f"them all): {', '.join(ch['read_by_all_profiles']) or '-'}"
            )
            _say(f"  the province's own pages: {', '.join(ch['own'])}")
            _say(
                f"  pages that read those indicators for every province: {', '.join(ch['every_province']) or '-'}"
            )
            _say(
                f"  other provinces' pages rebuilt (last run): {', '.join(ch['other_profiles_rebuilt'][-1]) or 'none'}"
            )
        _say(
            f"  their share of a cold build (sum of cold durations / {jobs} jobs): {ch['cold_share_s']:.2f} s"
            f" + warm-up {ch['warm_s']:.2f} s = {ch['bound_s']:.2f} s; longest of them alone: "
            f"{ch['longest_expected_s']:.2f} s"
        )

    cold, noop = results["cold"]["median_s"], results["noop"]["median_s"]
    lines = []
    checks: dict = {}
    ratios: dict = {}
    if "naive" in results:
        ratios["cold_over_naive"] = cold / results["naive"]["median_s"]
        checks["cold_vs_naive"] = ratios["cold_over_naive"] <= COLD_VS_NAIVE
        lines.append(
            ("cold / naive", f"{ratios['cold_over_naive']:.3f}", f"<= {COLD_VS_NAIVE}", "cold_vs_naive")
        )
    ratios["cold_over_floor"] = cold / results["floor"]["median_s"]
    checks["cold_vs_floor"] = ratios["cold_over_floor"] <= COLD_VS_FLOOR
    lines.append(
        (
            "cold / import floor",
            f"{ratios['cold_over_floor']:.3f}",
            f"<= {COLD_VS_FLOOR} (issue 15)",
            "cold_vs_floor",
        )
    )
    ratios["cold_over_work"] = cold / results["work"]["median_s"]
    checks["cold_vs_work"] = ratios["cold_over_work"] <= VS_WORK
    lines.append(("cold / work floor", f"{ratios['cold_over_work']:.3f}", f"<= {VS_WORK}", "cold_vs_work"))
    ratios["noop_s"] = noop
    checks["noop"] = noop <= NOOP_SECONDS and not imports["pandas"] and not imports["matplotlib"]
    lines.append(("no-op build", f"{noop:.3f} s", f"<= {NOOP_SECONDS} s, no pandas/matplotlib", "noop"))
    for key, label in (("changed", "indicator"), ("province", "province")):
        if key not in results:
            continue
        ch = results[key]
        ratios[f"{key}_over_bound"] = ch["ratio"]
        checks[f"{key}_time"] = ch["ratio"] is not None and ch["ratio"] <= VS_WORK
        checks[f"{key}_exact"] = ch["exact"]
        value = "n/a" if ch["ratio"] is None else f"{ch['ratio']:.3f}"
        lines.append((f"{label} / (share + warm)", value, f"<= {VS_WORK}", f"{key}_time"))
        n = len(ch["rebuilt"][-1])
        lines.append(
            (
                f"{label}: rebuilt",
                f"{n} of {len(ch['expected'])}",
                "exactly the expected, every run",
                f"{key}_exact",
            )
        )
        if key == "province":
            checks["province_only"] = ch["only_own_and_every"]
            lines.append(
                (
                    "province: which",
                    "own+every" if ch["only_own_and_every"] else "others too",
                    "its pages + pages reading all",
                    "province_only",
                )
            )
    if "province_error" in results:
        checks["province_possible"] = False
        lines.append(
            ("province: its rows alone", "none", "rows only its own pages read", "province_possible")
        )
    results["ratios"], results["checks"] = ratios, checks

    _say(f"\n{'ratio':<26}  {'value':>10}  {'target':<36}  result")
    for label, value, target, key in lines:
        _say(f"{label:<26}  {value:>10}  {target:<36}  {'PASS' if checks[key] else 'FAIL'}")

    if args.json:
        payload = {
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "jobs": jobs,
            "runs": args.runs,
            "runs_naive": runs_naive,
            "reports": [r.name for r in reports],
            "only": bool(args.only),
            "targets": {
                "cold_over_naive_max": COLD_VS_NAIVE,
                "cold_over_floor_max": COLD_VS_FLOOR,
                "cold_over_work_max": VS_WORK,
                "changed_over_bound_max": VS_WORK,
                "noop_max_s": NOOP_SECONDS,
            },
            "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            **results,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        _say(f"\nresults written to {args.json}")


if __name__ == "__main__":
    sys.exit(main())
