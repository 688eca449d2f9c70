"""The one function every comparison, derived number and verdict on the pages goes through.

:func:`state` receives the figures (rows of the tidy table, or :class:`Figure`), checks that they
may be compared the way ``kind`` asks, and returns a :class:`Statement`: the change, growth,
multiple, ratio, position or verdict with the ids of the figures it rests on, or a refusal with its
reason. Pages turn a statement into words (``helpers.present.statements``) and record it, so the
page's text and ``statements.json`` come from the same call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..data.breaks import Break
from . import measure
from . import targets as target_rules
from .figure import Figure
from .rules import Reason, change_reason, same_time_reason, year_reason

KINDS = ("change", "growth", "ratio", "position", "target", "claim")
CLAIM_PAIRS = ("pct_change", "ratio", "rank_change", "difference")  # claims that compare two years


@dataclass(frozen=True)
class Statement:
    """What a sentence or a table cell says, and what it rests on.

    ``kind`` is one of :data:`KINDS`; ``figures`` the ids of the figures it rests on; ``value`` the
    number it gives in ``measure`` (places, pp, points, pct, multiple, difference, ratio_pct,
    position), said with ``bound`` (exact, lower, upper, approx); ``verdict`` for a target or a
    claim; ``reason`` why no number or verdict is given (None when one is). ``facts`` hold what
    a sentence needs besides: the figures themselves, the span, the deadline."""

    kind: str
    figures: tuple[str, ...]
    value: float | None = None
    measure: str = ""
    bound: str = "exact"
    verdict: str | None = None
    reason: Reason | None = None
    target: str | None = None
    claim: str | None = None
    facts: dict = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.reason is None

    def record(self, text: str) -> dict:
        """The entry of ``statements.json`` for this statement said as ``text``."""
        return {
            "text": text,
            "kind": self.kind,
            "figures": list(self.figures),
            "target": self.target,
            "claim": self.claim,
            "verdict": self.verdict,
            "reason": None if self.reason is None else self.reason.code,
        }


def _dictionary() -> Mapping[str, Mapping]:
    from ..data import validate

    return validate().indicators


def breaks_of(indicator: str, indicators: Mapping[str, Mapping] | None = None) -> list[Break]:
    from ..data import breaks

    spec = (indicators or _dictionary()).get(indicator) or {}
    return breaks.parse(spec.get("definition_break", "")) or []


def state(
    kind: str,
    figures: Iterable,
    *,
    target: Mapping | None = None,
    claim: Mapping | None = None,
    entity: str = "VNM",
    across_vintages: bool = False,
    judged_on: dt.date | None = None,
    estimates: bool = False,
    per_year: bool = False,
    indicators: Mapping[str, Mapping] | None = None,
) -> Statement:
    """Compare ``figures`` as ``kind`` asks:

    - ``change`` (or ``growth``): two figures of one measure, earlier then later; the statement's
      kind is ``growth`` when the number is a percent or a multiple;
    - ``ratio``: a numerator and a denominator measured over the same days (``per_year``: a count
      and a figure of its year, the population averaged over the year: a rate per person);
    - ``position``: the figures of a group in one period, ``entity``'s place among them;
    - ``target``: every figure of the target's indicator and entity, judged against ``target``
      on ``judged_on`` (the data's date);
    - ``claim``: the figures a checked ``claim`` (a row of ``helpers.claims.check_claims``) rests on.

    ``across_vintages``: the sentence says it compares different releases ("first estimates").
    ``indicators``: the data dictionary (default: the project's)."""
    figs = [Figure.of(f) for f in figures]
    ids = tuple(f.id for f in figs)
    dictionary = indicators if indicators is not None else None
    if kind in ("change", "growth"):
        return _change(figs, across_vintages, dictionary)
    if kind == "ratio":
        return _ratio(figs, dictionary, per_year)
    if kind == "position":
        return _position(figs, entity, dictionary)
    if kind == "target":
        return _target(figs, target or {}, judged_on, estimates, dictionary)
    if kind == "claim":
        return _claim(figs, claim or {}, dictionary)
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return Statement(kind, ids)  # pragma: no cover


def _spec(indicator: str, dictionary) -> Mapping:
    return (dictionary if dictionary is not None else _dictionary()).get(indicator) or {}


def _change(figs: list[Figure], across_vintages: bool, dictionary) -> Statement:
    if len(figs) != 2:
        return Statement("change", tuple(f.id for f in figs), reason=Reason("missing"))
    a, b = sorted(figs, key=lambda f: (f.end, f.start))
    ids = (a.id, b.id)
    facts = {"a": a, "b": b, "years": b.year - a.year}
    why = change_reason(a, b, breaks_of(a.indicator, dictionary), across_vintages)
    if why is not None:
        return Statement("change", ids, reason=why, facts=facts)
    bound = measure.bound_of_difference(a, b)
    if bound is None:
        return Statement(
            "change",
            ids,
            reason=Reason("bound", {"a_bound": a.qualifier, "b_bound": b.qualifier}),
            facts=facts,
        )
    unit, value = measure.change(_spec(a.indicator, dictionary).get("kind", "stock"), a, b)
    kind = "growth" if unit in ("pct", "multiple") else "change"
    return Statement(kind, ids, value=value, measure=unit, bound=bound, facts=facts)


def _ratio(figs: list[Figure], dictionary, per_year: bool = False) -> Statement:
    if len(figs) != 2:
        return Statement("ratio", tuple(f.id for f in figs), reason=Reason("missing"))
    num, den = figs
    ids = (num.id, den.id)
    facts = {"a": num, "b": den}
    breaks = {f.indicator: breaks_of(f.indicator, dictionary) for f in figs}
    why = (year_reason if per_year else same_time_reason)(num, den, breaks)
    if why is None and not den.value:
        why = Reason("missing")
    if why is not None:
        return Statement("ratio", ids, reason=why, facts=facts)
    bound = measure.bound_of_ratio(num, den)
    if bound is None:
        reason = Reason("bound", {"a_bound": num.qualifier, "b_bound": den.qualifier})
        return Statement("ratio", ids, reason=reason, facts=facts)
    return Statement(
        "ratio", ids, value=num.value / den.value * 100, measure="ratio_pct", bound=bound, facts=facts
    )


def _position(figs: list[Figure], entity: str, dictionary) -> Statement:
    ids = tuple(f.id for f in figs)
    mine = [f for f in figs if f.entity == entity]
    if not mine or len({(f.indicator, f.start, f.end) for f in figs}) != 1:
        why = Reason("missing") if not mine else Reason("date")
        return Statement("position", ids, reason=why)
    if len({f.entity for f in figs}) != len(figs):
        return Statement("position", ids, reason=Reason("same"))
    spec = _spec(mine[0].indicator, dictionary)
    hib = bool(spec.get("higher_is_better", True))
    pos, of = measure.position({f.entity: f.value for f in figs}, entity, hib)
    return Statement(
        "position", ids, value=float(pos), measure="position", facts={"of": of, "figure": mine[0]}
    )


def _target(figs: list[Figure], target: Mapping, judged_on, estimates: bool, dictionary) -> Statement:
    tid = str(target.get("id") or "")
    if judged_on is None:
        from ..data import cadence, validate

        judged_on = cadence.judgement_date(validate()) or max((f.end for f in figs), default=dt.date.min)
    breaks = breaks_of(str(target.get("indicator")), dictionary)
    verdict, judging, latest, why = target_rules.judge(target, figs, judged_on, breaks, estimates)
    shown = judging or latest
    facts = {
        "judging": judging,
        "latest": latest,
        "deadline": target_rules.deadline(target),
        "judged_on": judged_on,
    }
    return Statement(
        "target",
        (shown.id,) if shown is not None else (),
        value=None if judging is None else judging.value,
        bound="exact" if judging is None else judging.bound,
        verdict=verdict,
        reason=why,
        target=tid,
        facts=facts,
    )


def _claim(figs: list[Figure], claim: Mapping, dictionary) -> Statement:
    cid = str(claim.get("id") or "")
    status = str(claim.get("status") or "not checkable")
    ids = tuple(f.id for f in figs)
    why = None
    facts: dict = {"result": claim}
    if claim.get("kind") in CLAIM_PAIRS and len(figs) == 2:
        a, b = sorted(figs, key=lambda f: (f.end, f.start))
        facts.update(a=a, b=b)
        why = change_reason(a, b, breaks_of(a.indicator, dictionary), across_vintages=True)
    elif claim.get("kind") == "ratio_to" and len(figs) == 2:
        a, b = figs
        facts.update(a=a, b=b)
        if a.outturn != b.outturn:
            why = Reason("forecast")
        elif (a.period, a.year) != (b.period, b.year):
            why = Reason("date")
    if why is not None:
        status = "not checkable"
    computed = claim.get("computed")
    value = None if why is not None or computed is None or computed != computed else float(computed)
    return Statement(
        "claim", ids, value=value, verdict=status, reason=why, claim=cid, facts={"result": claim}
    )
