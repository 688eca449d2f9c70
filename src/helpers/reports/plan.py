"""What a build has to do: the config's reports checked against their notebooks and the data, and
for each report whether it is stale and why (its inputs against those of its last good build)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import params as params_mod
from ..data import Dataset
from ..present.locale import DEFAULT
from . import fingerprint as fp
from .config import Config, ConfigError, Report
from .manifest import Manifest
from .outputs import Outputs

# Why a report is stale, per input that changed.
CHANGED = {
    "notebook": "notebook changed",
    "parameters": "parameters changed",
    "helpers": "helpers code changed",
    "packages": "package versions changed",
    "common": "sources.csv or country aliases changed",
    "site": "site address or CITATION.cff changed",
}
# What the config gives a page beside its parameters: the address it cites (settings.site_url) and
# its twin in the other language, which it links. Compared when the last build recorded them (a
# build by an earlier runner did not: it is not rebuilt for that alone).
CHANGED_IF_RECORDED = {"site_url": "site address changed", "twin": "language twin changed"}


@dataclass
class Plan:
    report: Report
    inputs: dict
    reasons: list[str] = field(default_factory=list)


def check_config(config: Config) -> dict[str, list[params_mod.Param]]:
    """Every notebook exists and every report's parameter names and types match its notebook."""
    declared: dict[Path, list[params_mod.Param]] = {}
    problems = []
    for r in config.reports:
        if r.notebook not in declared:
            if not r.notebook.exists():
                raise ConfigError(f"report {r.name}: notebook {r.notebook} does not exist")
            try:
                declared[r.notebook] = params_mod.declared(r.notebook)
            except ValueError as exc:
                raise ConfigError(f"report {r.name}: {r.notebook.name}: {exc}") from exc
        try:
            params_mod.check_types(
                r.parameters, declared[r.notebook], where=f"report {r.name} ({r.notebook.name})"
            )
        except params_mod.ParameterError as exc:
            problems.append(str(exc))
        if "output_dir" in r.parameters:
            problems.append(f"report {r.name}: output_dir is set by the runner; remove it from the config")
    if problems:
        raise ConfigError("\n".join(problems))
    return {r.name: declared[r.notebook] for r in config.reports}


def check_values(config: Config, ds: Dataset) -> None:
    """The common parameters' values against the data (unknown indicator, country or province)."""
    problems = []
    provinces = set(ds.provinces)
    for r in config.reports:
        known = {
            k: v
            for k, v in r.parameters.items()
            if k in ("start_year", "end_year", "lang", "indicator", "peers", "province")
        }
        try:
            params_mod.check(
                set(ds.indicators),
                set(ds.un.countries),
                where=f"report {r.name}",
                provinces=provinces,
                **known,
            )
        except params_mod.ParameterError as exc:
            problems.append(str(exc))
    if problems:
        raise ConfigError("\n".join(problems))


def plan(
    config: Config, outputs: Outputs, ds: Dataset, manifest: Manifest, force: bool
) -> tuple[list[Plan], str]:
    """Each report with the reasons it must be rebuilt (none: up to date), and the data version."""
    per, common = fp.data_fingerprints(ds)
    version = fp.data_version(per, common)
    helpers_h = fp.helpers_code()
    packages = fp.package_versions()
    nb_h: dict[Path, str] = {}
    site = fp.digest([config.site_url, fp.citation_file()])  # in every page's citation and metadata
    plans = []
    twin_of = twins(config.all_reports or config.reports)
    for r in config.reports:
        # once per notebook, not once per report (setdefault would read and parse it each time)
        if r.notebook not in nb_h:
            nb_h[r.notebook] = fp.notebook_code(r.notebook)
        inputs = {
            "notebook": nb_h[r.notebook],
            "parameters": fp.digest(r.parameters),
            "helpers": helpers_h,
            "packages": fp.digest(packages),
            "common": common,
            "site_url": config.site_url,
            "twin": twin_of.get(r.name, ""),
            "site": site,
        }
        p = Plan(r, {**inputs, "_per": per, "_version": version, "_packages": packages})
        old = manifest.good(r.name)
        if force:
            p.reasons.append("forced")
        elif not old:
            p.reasons.append("never built")
        elif not outputs.is_published(r.name):
            p.reasons.append("published files missing")
        else:
            was = old.get("inputs", {})
            p.reasons += [why for key, why in CHANGED.items() if was.get(key) != inputs[key]]
            p.reasons += [
                why for key, why in CHANGED_IF_RECORDED.items() if key in was and was[key] != inputs[key]
            ]
            reads = old.get("reads") or ["*"]
            recorded = was.get("data", {})
            if "*" in reads:
                if recorded.get("*") != version:
                    p.reasons.append("data changed")
            else:
                changed = [i for i in reads if recorded.get(i) != per.get(i)]
                if changed:
                    p.reasons.append(f"data changed: {', '.join(changed)}")
        if not p.reasons and manifest.failure(r.name):
            p.reasons.append("failed last time")
        plans.append(p)
    return plans, version


def data_inputs(p: Plan, reads: list[str]) -> dict:
    """The data hashes a built report depends on: those of what it read, or of everything."""
    per, version = p.inputs["_per"], p.inputs["_version"]
    return {"*": version} if "*" in reads or not reads else {i: per.get(i) for i in reads}


def twins(reports: list[Report]) -> dict[str, str]:
    """Each report's twin in the other language: the report of the same notebook whose parameters
    differ only in ``lang``."""
    by_key: dict[tuple, dict[str, str]] = {}
    for r in reports:
        rest = tuple(sorted((k, repr(v)) for k, v in r.parameters.items() if k != "lang"))
        by_key.setdefault((str(r.notebook), rest), {})[r.parameters.get("lang", DEFAULT)] = r.name
    out = {}
    for langs in by_key.values():
        for lang, name in langs.items():
            other = next((n for lg, n in langs.items() if lg != lang), None)
            if other:
                out[name] = other
    return out
