"""Split a config's reports across machines (``build --shard K/N``); ``merge`` puts the shards'
outputs together again.

A report's shard is a hash of its name, so it does not move when other reports are added or
removed, and every machine computes the same split without talking to the others. Each shard
builds into its own outputs folder with the ordinary runner (incremental, atomic). Standard
library only.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_SPEC = re.compile(r"([1-9][0-9]{0,8})/([1-9][0-9]{0,8})")
MAX_PARTS = 1_000  # shards: more parts than that is more machines than reports (at most 10,000)


class ShardError(ValueError):
    pass


def parse(spec: str) -> tuple[int, int]:
    """ "2/3" -> (2, 3); K counts from 1."""
    m = _SPEC.fullmatch(spec.strip())
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)) <= MAX_PARTS:
        raise ShardError(f"--shard {spec[:40]!r}: expected K/N with 1 <= K <= N <= {MAX_PARTS:,}, e.g. 2/3")
    return int(m.group(1)), int(m.group(2))


def problem(value) -> str | None:
    """What makes ``value`` (a shard manifest's ``shard``) no [K, N] (None when it is one)."""
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 1 <= value[0] <= value[1] <= MAX_PARTS
    )
    return (
        None if ok else f"expected [K, N] with 1 <= K <= N <= {MAX_PARTS:,} (as build --shard K/N writes it)"
    )


def shard_of(name: str, n: int) -> int:
    """The shard (1..n) a report belongs to: stable across runs, machines and config edits."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big") % n + 1


def select(reports: list, k: int, n: int) -> list:
    return [r for r in reports if shard_of(r.name, n) == k]


def default_outputs(outputs: Path, k: int, n: int) -> Path:
    """Where shard K of N builds when no --outputs is given: beside outputs/, never inside it."""
    return outputs.with_name(f"{outputs.name}-shard-{k}-of-{n}")
