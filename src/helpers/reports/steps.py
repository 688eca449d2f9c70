"""The steps a build is made of, public so that ``build`` (``runner``) and ``merge`` (``merge``) are
sequences of the same steps and say the same things:

- :func:`validated`      the data folder, validated (or trusted from the record); None after saying why
- :func:`load_config`    the report config, only the reports asked for, checked against the notebooks
- :func:`rows`           rows per indicator, against which a shrink of the data is judged
- :func:`publish_data`   the data page and the data changelog, when the data changed
- :func:`write_batch`    the manifest and the index, then the journal goes (once per batch)

with what they share: the command line's :class:`Options`, the exit statuses and :func:`say`.
Each step that can fail says why on standard error and leaves the decision to stop to its caller.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Dataset, DataValidationError, validate
from ..data.coverage import rows_per_indicator
from ..data.record import Record, RecordedDataset, Snapshot, facts_of, sha256
from . import datapage, freshness
from . import fingerprint as fp
from .catalogue import write_index
from .config import Config, ConfigError, Report, load
from .manifest import Manifest
from .outputs import Outputs
from .ownership import is_ours
from .plan import check_config
from .shard import select

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


@dataclass
class Options:
    """What the command line asks of a build (or a listing, or a merge)."""

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


def say(msg: str, stream=None) -> None:
    """One message of the runner, flushed at once (standard output unless ``stream``)."""
    print(msg, file=stream or sys.stdout, flush=True)


def claimed(outputs: Outputs) -> bool:
    """Whether ``outputs`` is the runner's to write into (made or marked now, see ``ownership``);
    False after saying why not and how to proceed."""
    from ..paths import OUTPUTS_DIR
    from .ownership import ForeignFolder, claim

    try:
        note = claim(outputs.root, default=OUTPUTS_DIR)
    except ForeignFolder as exc:
        say(f"error: {exc}", sys.stderr)
        return False
    except OSError as exc:
        say(f"error: {exc}", sys.stderr)
        return False
    if note:
        say(note, sys.stderr)
    return True


def validated(opts: Options) -> Dataset | RecordedDataset | None:
    """The validated data folder; None (after saying why) when it does not validate.

    A folder whose files are provably those that validated last time (the record in the outputs
    folder, see ``helpers.data.record``) is not read at all: a build with nothing to do costs the
    same with a million rows as with a hundred."""
    record = Record(Outputs(opts.outputs).record_path, validating_code())
    facts = record.lookup(opts.data_dir)
    if facts is not None:
        return RecordedDataset(opts.data_dir, facts)
    snapshot = Snapshot(opts.data_dir)
    try:
        ds = validate(opts.data_dir)
    except DataValidationError as exc:
        say(
            f"error: the data does not validate; no report was built and outputs/ is unchanged.\n{exc}",
            sys.stderr,
        )
        return None
    if is_ours(opts.outputs):  # a folder not yet the runner's gets nothing written, not even this
        record.store(snapshot, facts_of(ds, fp.data_fingerprints(ds)))
    return ds


def validating_code() -> str:
    """What decides whether a folder validates: the helpers' code and the data contract."""
    from ..data import schema

    return fp.digest([fp.helpers_code(), sha256(schema.DESCRIPTOR)])


def load_config(opts: Options, ds: Dataset | RecordedDataset) -> Config:
    """The config, only the reports named (and of the shard asked for), checked against the
    notebooks; raises ConfigError."""
    config = load(opts.config, ds)
    if opts.names:
        known = [r.name for r in config.reports]
        unknown = [n for n in opts.names if n not in known]
        if unknown:
            raise ConfigError(unknown_names(unknown, known, opts.config.name))
    if opts.shard:
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


def rows(ds: Dataset | RecordedDataset) -> dict[str, int]:
    """Rows per indicator (curated and UN), from the record when the data was not read."""
    if isinstance(ds, RecordedDataset):
        return ds.rows
    return rows_per_indicator(ds.figures, ds.un)


def publish_data(
    outputs: Outputs, ds: Dataset | RecordedDataset, version: str, manifest: Manifest, site_url: str
) -> dict | None:
    """The data page and the data changelog, when the data differs from the data last published;
    the change recorded (None when there was nothing to publish). Raises DataValidationError when
    the data, read again for the changelog, no longer validates."""
    if datapage.is_current(outputs, version, manifest):
        return None
    if isinstance(ds, RecordedDataset):
        ds = ds.load()  # the changelog compares every figure: read them (the record holds none)
    change = datapage.publish_data(outputs, ds, version, manifest, site_url)
    if change and not change.get("first"):
        n = change["counts"]
        say(f"data changed: {n['added']} figure(s) added, {n['changed']} changed, {n['removed']} removed")
    return change


def judge_freshness(ds: Dataset | RecordedDataset, version: str, manifest: Manifest) -> bool:
    """The indicators older than their release cadence allows, judged into the manifest for this data
    version (see :mod:`.freshness`); whether the judgement was (re)made. A build and a merge both
    call it, so a merged site reports the same as a build of every report."""
    return freshness.record(ds, version, manifest, validating_code())


def write_batch(
    config: Config, outputs: Outputs, manifest: Manifest, version: str, rows: dict[str, int]
) -> None:
    """The manifest and the index (of every report, not only those named), then the journal goes."""
    if config.shard:
        manifest.data["shard"] = list(config.shard)  # for merge: which part of the config this is
    outputs.save_manifest(manifest, version, rows)
    write_index(outputs, indexed(config), manifest, version, config.site_url)
    outputs.clear_journal()


def indexed(config: Config) -> list[Report]:
    """What the index lists: every report of the config, even when only some are built; a shard's
    own reports on a shard (its twins in the other language may be on another shard)."""
    if config.shard:
        return select(config.all_reports, *config.shard)
    return config.all_reports
