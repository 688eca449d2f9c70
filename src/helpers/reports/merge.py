"""Merge the outputs folders of a config's shards (``build --shard K/N`` on several machines) into
one site: ``python -m helpers.reports merge SHARD_OUTPUTS...``.

``merge`` publishes every shard's reports into one outputs folder: each report folder swapped in
atomically, failures carried over, and the manifest and index written once, under the outputs
lock, the same guarantees as a build. It is a build's steps (``steps``) around a copy in place of
the runs.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from ..data import DataValidationError
from . import publish
from .config import ConfigError
from .manifest import Manifest
from .outcome import fail
from .outputs import Outputs
from .plan import plan
from .shard import problem as shard_problem
from .shard import shard_of
from .steps import (
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
    claimed,
    judge_freshness,
    load_config,
    publish_data,
    rows,
    say,
    validated,
    write_batch,
)


def merge(opts, shards: list[Path]) -> int:
    """Publish the reports of every shard's outputs folder into ``opts.outputs``: one site.

    Each report folder is copied to staging and swapped in atomically, a failure is carried over
    with its page, and the manifest and index are written once at the end (the journal covers a
    kill in between), all under the outputs lock: the guarantees of a build. Shards must have been
    built from the same data; a report already published with the same build is not copied again."""
    ds = validated(opts)
    if ds is None:
        return EXIT_FAILED
    try:
        config = load_config(opts, ds)
    except ConfigError as exc:
        say(f"error: {exc}", sys.stderr)
        return EXIT_USAGE
    known = {r.name for r in config.reports}
    parts = []
    for folder in shards:
        out = Outputs(folder.resolve())
        if not out.manifest_path.exists():
            say(f"error: {folder} holds no manifest.json: not a shard's outputs folder", sys.stderr)
            return EXIT_USAGE
        m = out.read_manifest()
        out.replay_journal(m)  # a shard killed before its last write: what it did publish
        spec = m.data.get("shard", [1, 1])  # an unsharded build is the one part of one
        why = shard_problem(spec)
        if why:
            say(
                f"error: {out.manifest_path}: 'shard' is {json.dumps(spec)[:60]}: {why}; nothing was merged",
                sys.stderr,
            )
            return EXIT_USAGE
        parts.append((out, m))
    shard_ids = [tuple(m.data.get("shard", [1, 1])) for _, m in parts]
    counts = {n for _, n in shard_ids}
    if len(counts) > 1:
        say(f"error: the shards were cut in different numbers of parts: {sorted(counts)}", sys.stderr)
        return EXIT_USAGE
    missing = sorted(set(range(1, next(iter(counts), 1) + 1)) - {k for k, _ in shard_ids})
    outputs = Outputs(opts.outputs)
    # Every shard against the current data and config, before anything is written.
    plans, version = plan(config, outputs, ds, Manifest(), force=False)
    for (out, m), (k, n) in zip(parts, shard_ids, strict=True):
        built_from = m.data.get("data_version")
        if m.data["reports"] and built_from != version:
            say(
                f"error: {out.root} (shard {k}/{n}) was built from data version {built_from}, "
                f"not the current {version}; rebuild it",
                sys.stderr,
            )
            return EXIT_FAILED
        other = _other_config(m, {p.report.name: p.inputs for p in plans}, k, n)
        if other:
            say(f"error: {out.root} (shard {k}/{n}) was built under another config: {other}", sys.stderr)
            return EXIT_USAGE
    if not claimed(outputs):
        return EXIT_USAGE
    try:
        with outputs.lock(opts.wait):
            outputs.check_safe()
            outputs.clean_staging()
            manifest = outputs.read_manifest()
            outputs.replay_journal(manifest)
            copied = kept = newer = failed = 0
            for (out, m), (k, n) in zip(parts, shard_ids, strict=True):
                mine = [name for name in sorted(known) if shard_of(name, n) == k]
                for name in mine:
                    entry = m.good(name)
                    link = _link_in(out.report_dir(name)) if entry is not None else None
                    if link is not None:  # never copied through: it could publish any file
                        fail(manifest, name, f"not merged: {publish.LinkError(link)}")
                        entry = None
                        failed += 1
                    elif entry is not None:
                        if manifest.good(name) == entry and outputs.is_published(name):
                            kept += 1
                        elif outputs.is_published(name) and _later(manifest.good(name), entry):
                            newer += 1  # the published page was built after the shard's: it stays
                        else:
                            staging = outputs.new_staging(name)
                            shutil.copytree(out.report_dir(name), staging.out, symlinks=True)
                            outputs.publish(name, staging)
                            staging.remove()
                            manifest.record_good(name, entry)
                            copied += 1
                    bad = m.failure(name)
                    if bad is not None:
                        for ext, src in out.failed_files(name).items():
                            if src.is_file() and not src.is_symlink():
                                dst = outputs.failed_files(name)[ext]
                                publish.write_atomic(dst, src.read_bytes())
                        manifest.record_failure(name, bad)
                        failed += 1
                    if entry is not None or bad is not None or link is not None:
                        outputs.journal(name, manifest)
            manifest.data.pop("shard", None)
            publish_data(outputs, ds, version, manifest, config.site_url)
            judge_freshness(ds, version, manifest)
            write_batch(config, outputs, manifest, version, rows(ds))
    except publish.LockedError as exc:
        say(f"error: {exc}", sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:  # a symbolic link, a read-only or full outputs folder
        say(f"error: {exc}", sys.stderr)
        return EXIT_FAILED
    except DataValidationError as exc:  # read again for the data page: edited since it validated
        say(f"error: the data changed during the merge and no longer validates.\n{exc}", sys.stderr)
        return EXIT_FAILED
    say(
        f"merged {len(parts)} shard(s) into {outputs.root}: {copied} report(s) copied, {kept} already "
        f"there, {failed} failed"
        + (f", {newer} kept: the published page is newer than the shard's" if newer else "")
        + (
            f"; shard(s) {', '.join(map(str, missing))} missing: their reports are not built yet"
            if missing
            else ""
        )
    )
    return EXIT_FAILED if failed else EXIT_OK


_CONFIGURED = ("notebook", "parameters", "site_url", "twin")  # a report's inputs the config decides


def _other_config(m, inputs: dict[str, dict], k: int, n: int) -> str | None:
    """Why shard manifest ``m`` was built under another config than the current one (None when it
    was not): a report of the same name whose notebook, parameters, site address or twin differ."""
    for name, entry in sorted(m.data["reports"].items()):
        now = inputs.get(name)
        if now is None or shard_of(name, n) != k:
            continue  # not this config's, or not this part's: never merged
        was = entry.get("inputs") or {}
        differ = [key for key in _CONFIGURED if key in was and was[key] != now[key]]
        if differ:
            return (
                f"report {name}'s {' and '.join(differ)} differ from those of the current config; nothing "
                "was merged: build the shard again with this config"
            )
    return None


def _later(published: dict | None, shard: dict) -> bool:
    """Whether the published build of a report is later than the shard's (by when each was
    published; by when each was built, to the minute, for builds that did not record it)."""
    if not published:
        return False
    for key in ("published_at", "built_at"):
        a, b = published.get(key), shard.get(key)
        if isinstance(a, str) and isinstance(b, str):
            return a > b
    return False


def _link_in(folder: Path) -> Path | None:
    """The first symbolic link at or under ``folder`` (a shard's report folder), if any: the
    runner's builds make none, and copying one would publish what it points to."""
    if folder.is_symlink():
        return folder
    return next((p for p in sorted(folder.rglob("*")) if p.is_symlink()), None)
