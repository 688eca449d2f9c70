"""Comparability by construction: every change, growth, multiple, ratio, position and verdict that a
page states is produced by :func:`state`, which receives the figures, checks that they measure the
same thing in the same way, and returns either the number (or the verdict) with the ids of the
figures it rests on, or a refusal with its reason.

Two figures compare as a change only when they are of the same indicator and entity, cover the same
kind of period (for averages, the same averaging window; a partial period only the same part of
another period), are both outturns (no forecast beside an outturn), lie on the same side of every
definition break and come from the same release (across releases only when the sentence says so,
"first estimates"). Figures stated as bounds ("over", "about") give a number only with the same
looseness ("less than +1.5%"). Target verdicts follow :mod:`helpers.compare.targets`.

Rooms, lower first: ``figure`` (a figure as the rules see it), ``rules`` (may two figures be
compared, and why not), ``measure`` (the number in its natural unit, and its bound), ``targets``
(target verdicts), ``state`` (the one function and the :class:`Statement`). Above ``helpers.data``,
below ``helpers.present``.
"""

from __future__ import annotations

from .figure import Figure
from .rules import REASONS, Reason
from .state import KINDS, Statement, breaks_of, state
from .targets import VERDICTS

__all__ = ["KINDS", "REASONS", "VERDICTS", "Figure", "Reason", "Statement", "breaks_of", "state"]
