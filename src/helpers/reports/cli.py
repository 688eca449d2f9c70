"""Command line of the report runner: ``python -m helpers.reports --help``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..paths import NOTEBOOKS_DIR, OUTPUTS_DIR_ENV, REPORTS_CONFIG, data_dir, outputs_dir
from .config import KERNELS


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m helpers.reports",
        description="Regenerate the reports of reports.yaml into outputs/: parallel, incremental, atomic.",
    )
    ap.add_argument(
        "--config", type=Path, default=REPORTS_CONFIG, help="report config (default: reports.yaml)"
    )
    ap.add_argument(
        "--outputs",
        type=Path,
        default=None,
        help="where reports are published (default: outputs/ or $HELPERS_OUTPUTS_DIR; with --shard K/N: "
        "outputs-shard-K-of-N/ beside it)",
    )
    ap.add_argument(
        "--data-dir", type=Path, default=None, help="data folder (default: data/ or $HELPERS_DATA_DIR)"
    )
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build stale reports (all of them with --force)")
    b.add_argument("names", nargs="*", help="only these reports (default: every report in the config)")
    b.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    b.add_argument(
        "--jobs", "-j", type=int, default=None, help="reports at a time (default: number of cores)"
    )
    b.add_argument(
        "--wait", action="store_true", help="wait for a running build instead of exiting with status 3"
    )
    b.add_argument(
        "--cell-timeout", type=int, default=None, help="seconds a cell may run (default: from the config)"
    )
    b.add_argument(
        "--accept-shrink",
        action="store_true",
        help="build even when the data lost many rows since the last published build",
    )
    b.add_argument(
        "--kernel",
        choices=KERNELS,
        default=None,
        help="inprocess: each report's kernel runs inside its own forked worker process, which inherits the "
        "imported stack (fast); subprocess: a fresh python3 kernel process per report (default: from the config)",
    )
    b.add_argument(
        "--shard",
        metavar="K/N",
        default=None,
        help="build only the K-th of N stable parts of the reports (by a hash of their names), into "
        "their own outputs folder; combine the parts with `merge`",
    )
    b.add_argument(
        "--watch",
        action="store_true",
        help="live preview: stay resident, rebuild what a change of data, notebook, config or helpers "
        "affects, and serve the outputs on 127.0.0.1 with pages that reload themselves",
    )
    b.add_argument("--port", type=int, default=8000, help="with --watch: the loopback port (default 8000)")
    m = sub.add_parser("merge", help="publish the reports of shard outputs folders into one site")
    m.add_argument("shards", nargs="+", type=Path, help="the shards' outputs folders")
    m.add_argument(
        "--wait", action="store_true", help="wait for a running build instead of exiting with status 3"
    )
    sub.add_parser("list", help="every report, its parameters and state")
    p = sub.add_parser("params", help="a notebook's typed parameters with their help")
    p.add_argument("notebook", type=Path)
    r = sub.add_parser(
        "refresh-notebooks", help="re-execute notebooks in place so their stored outputs are current"
    )
    r.add_argument("paths", nargs="*", type=Path, help="notebooks (default: every notebook in notebooks/)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("build", "list", "merge"):
        from .config import ConfigError, check_cell_timeout
        from .runner import build
        from .steps import Options
        from .summary import status

        outputs = outputs_dir(args.outputs)
        if outputs.exists() and not outputs.is_dir():
            named_by = "--outputs" if args.outputs is not None else f"${OUTPUTS_DIR_ENV}"
            if args.outputs is None and not os.environ.get(OUTPUTS_DIR_ENV):
                named_by = "the outputs folder"
            print(f"error: {named_by} {outputs} is not a folder", file=sys.stderr)
            return 2
        if args.command == "list":
            return status(Options(args.config.resolve(), outputs, data_dir(args.data_dir)))
        if args.command == "merge":
            from .merge import merge

            opts = Options(args.config.resolve(), outputs, data_dir(args.data_dir), wait=args.wait)
            return merge(opts, args.shards)
        if args.jobs is not None and args.jobs < 1:
            print("error: --jobs must be 1 or more", file=sys.stderr)
            return 2
        try:
            if args.cell_timeout is not None:
                check_cell_timeout(args.cell_timeout, "--cell-timeout")
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        shard = None
        if args.shard:
            from .shard import ShardError, default_outputs, parse

            try:
                shard = parse(args.shard)
            except ShardError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            if args.outputs is None:
                outputs = default_outputs(outputs, *shard)
        opts = Options(
            config=args.config.resolve(),
            outputs=outputs,
            data_dir=data_dir(args.data_dir),
            names=args.names,
            force=args.force,
            jobs=args.jobs,
            wait=args.wait,
            cell_timeout=args.cell_timeout,
            kernel=args.kernel,
            accept_shrink=args.accept_shrink,
            shard=shard,
        )
        if args.watch:
            from .preview import watch

            return watch(opts, args.port)
        return build(opts)
    if args.command == "params":
        from ..params import declared

        path = args.notebook if args.notebook.exists() else NOTEBOOKS_DIR / args.notebook
        if not path.exists():
            print(f"error: no notebook {args.notebook}", file=sys.stderr)
            return 2
        try:
            params = declared(path)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"Parameters of {path.name}:")
        for p in params:
            print(f"  {p.name}: {p.type} = {p.default!r}\n      {p.help}")
        return 0
    if args.command == "refresh-notebooks":
        from .notebooks import refresh

        refresh(args.paths or sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")))
        return 0
    return 2
