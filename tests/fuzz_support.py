"""How many examples a property-based test draws: its full number in ``make test``; a share of it
when ``FUZZ_SHARE`` is set (``make test-fast`` sets 0.25), never fewer than 20. The fast subset
still runs every property, on fewer generated inputs; the full suite draws them all."""

from __future__ import annotations

import os


def examples(n: int) -> int:
    share = float(os.environ.get("FUZZ_SHARE") or 1)
    return n if share >= 1 else max(min(n, 20), int(n * share))
