"""The province profiles in the report config: ``{from: provinces}`` expands to one report per
province of today (the 34 of 1 July 2025) and language, from the validated data or from the record
of a data state that validated before; a profile's ``province`` is checked before any kernel
starts."""

from __future__ import annotations

import pytest

from helpers import params
from helpers.data import validate
from helpers.data.record import RecordedDataset, facts_of
from helpers.paths import DEFAULT_DATA_DIR, PROJECT_DIR
from helpers.provinces import after
from helpers.reports import config, fingerprint, plan

CONFIG = """
reports:
  - name: province-{province}-{lang}
    notebook: %s
    matrix:
      province: {from: provinces}
      lang: [en, vi]
"""
PROFILE = PROJECT_DIR / "notebooks" / "11_province_profile.ipynb"


def _write(tmp_path, text: str):
    path = tmp_path / "reports.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_from_provinces_is_one_report_per_province_of_today_and_language(tmp_path):
    cfg = config.load(_write(tmp_path, CONFIG % PROFILE), validate(DEFAULT_DATA_DIR))
    assert len(cfg.reports) == 2 * 34
    assert sorted({r.parameters["province"] for r in cfg.reports}) == sorted(after())
    assert "province-VN-HN-en" in {r.name for r in cfg.reports} and "province-VN-N08-vi" in {
        r.name for r in cfg.reports
    }
    plan.check_config(cfg)  # every parameter is the notebook's, of its type
    plan.check_values(cfg, validate(DEFAULT_DATA_DIR))
    assert set(plan.twins(cfg.reports).values()) == {r.name for r in cfg.reports}  # each has its twin


def test_the_project_config_builds_every_province_and_the_provinces_page():
    cfg = config.load(PROJECT_DIR / "reports.yaml", validate(DEFAULT_DATA_DIR))
    names = {r.name for r in cfg.reports}
    assert {"provinces-en", "provinces-vi"} <= names
    assert {f"province-{c}-{lang}" for c in after() for lang in ("en", "vi")} <= names


def test_from_provinces_works_from_the_record_of_a_state_that_validated(tmp_path):
    ds = validate(DEFAULT_DATA_DIR)
    recorded = RecordedDataset(DEFAULT_DATA_DIR, facts_of(ds, fingerprint.data_fingerprints(ds)))
    cfg = config.load(_write(tmp_path, CONFIG % PROFILE), recorded)
    assert sorted({r.parameters["province"] for r in cfg.reports}) == sorted(after())
    plan.check_values(cfg, recorded)


def test_an_unknown_source_names_the_ones_there_are(tmp_path):
    path = _write(tmp_path, (CONFIG % PROFILE).replace("{from: provinces}", "{from: districts}"))
    with pytest.raises(config.ConfigError, match="headline_indicators, all_indicators, provinces"):
        config.load(path, validate(DEFAULT_DATA_DIR))


def test_an_unknown_province_is_refused_before_any_kernel_starts(tmp_path):
    text = CONFIG.replace("province: {from: provinces}", "province: [VN-HN, VN-99]") % PROFILE
    cfg = config.load(_write(tmp_path, text), validate(DEFAULT_DATA_DIR))
    with pytest.raises(config.ConfigError, match=r"(?s)province-VN-99-en.*unknown province 'VN-99'"):
        plan.check_values(cfg, validate(DEFAULT_DATA_DIR))


def test_a_province_parameter_is_checked_in_the_notebook_too():
    assert params.check(province="VN-N08").province == "VN-N08"
    assert params.check(province="VN-03").province == "VN-03"  # a province of the 63 has a page too
    with pytest.raises(params.ParameterError, match="unknown province 'Hà Giang'"):
        params.check(province="Hà Giang")
