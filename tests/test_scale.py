"""Scale: sharded builds merged into one site (equal to an unsharded build, byte for byte apart
from times), and the batch: the journal that repairs a run killed before its manifest, the manifest
and index written once per batch, every report kept on the index when some are built by name.
Rebuilds of what changed (one country's correction, the validation record, the preview):
test_scale_rebuilds.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.reports.shard import shard_of
from reports_support import (
    PROFILE,
    build,
    built_names,
    manifest,
    published_site,
    runner_cmd,
    tiny_matrix,
    tiny_notebook,
    write_config,
)

pytestmark = pytest.mark.slow


def _bilingual_notebook(path: Path) -> Path:
    """A tiny notebook with a ``lang`` parameter: its reports in English and Vietnamese are twins."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('lang: str = "en"  # en or vi\noutput_dir: str = ""  # unused')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Twins"), params, nbformat.v4.new_code_cell("print(lang)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.fixture
def config(tmp_path):
    tiny_notebook(tmp_path / "tiny.ipynb")
    _bilingual_notebook(tmp_path / "bilingual.ipynb")
    return write_config(
        tmp_path / "reports.yaml",
        [
            # twins on two shards (lang-en on 1, lang-vi on 2): each page links the other
            {"name": "lang-{lang}", "notebook": "bilingual.ipynb", "matrix": {"lang": ["en", "vi"]}},
            {
                "name": "tiny-{indicator}",
                "notebook": "tiny.ipynb",
                "matrix": {
                    "indicator": ["egdi_rank", "ndxp_transactions", "cccd_cards_issued", "egdi_value"]
                },
            },
            {"name": "profile-{indicator}", "notebook": str(PROFILE), "matrix": {"indicator": ["egdi_rank"]}},
        ],
    )


def test_three_shards_merged_equal_an_unsharded_build(tmp_path, data_copy, config):
    names = [f"tiny-{i}" for i in ("egdi_rank", "ndxp_transactions", "cccd_cards_issued", "egdi_value")]
    names += ["profile-egdi_rank", "lang-en", "lang-vi"]
    assert {shard_of(n, 3) for n in names} == {1, 2, 3}  # every shard has work
    assert shard_of("lang-en", 3) != shard_of("lang-vi", 3)
    whole = tmp_path / "whole"
    r = build(config, whole, data_copy)
    assert r.returncode == 0, r.stderr + r.stdout
    shards = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard-{k}"
        r = build(config, out, data_copy, "--shard", f"{k}/3")
        assert r.returncode == 0, r.stderr + r.stdout
        assert built_names(r.stdout) == {n for n in names if shard_of(n, 3) == k}
        assert manifest(out)["shard"] == [k, 3]
        shards.append(out)
    site = tmp_path / "site"
    cmd = runner_cmd(config, site, data_copy, "merge", *map(str, shards))
    import subprocess

    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr + r.stdout
    assert "7 report(s) copied" in r.stdout
    assert published_site(site) == published_site(whole)
    assert 'href="../../reports/lang-vi/index.html"' in (
        site / "reports" / "lang-en" / "index.html"
    ).read_text(encoding="utf-8")
    assert not (site / ".journal").exists() and not any((site / ".staging").iterdir())
    # Merging again copies nothing: the same builds are already published.
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "0 report(s) copied, 7 already there" in r.stdout
    # A symbolic link in a shard's report folder is never copied: that report is not merged.
    victim = next(n for n in names if shard_of(n, 3) == 1)
    (shards[0] / "reports" / victim / "elsewhere").symlink_to("/etc/hostname")
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr + r.stdout
    assert "not merged" in manifest(site)["failed"][victim]["error"]
    assert not (site / "reports" / victim / "elsewhere").exists()
    assert (site / "reports" / victim / "index.html").exists()  # the version published before stays
    # A shard folder is the default output of --shard, beside the outputs folder.
    from helpers.reports.shard import default_outputs

    assert default_outputs(Path("/x/outputs"), 2, 3) == Path("/x/outputs-shard-2-of-3")


def test_bad_shard_specs_exit_2(tmp_path, data_copy, config):
    for spec in ("0/3", "4/3", "x", "1/0"):
        r = build(config, tmp_path / "o", data_copy, "--shard", spec)
        assert r.returncode == 2 and "expected K/N" in r.stderr, spec


def test_a_run_killed_before_writing_the_manifest_is_repaired_from_the_journal(tmp_path, data_copy):
    config = tiny_matrix(tmp_path, "tiny-{indicator}", ["egdi_rank", "egdi_value"])
    out = tmp_path / "outputs"
    assert build(config, out, data_copy).returncode == 0
    m = manifest(out)
    # What a SIGKILL between publishing a report and the batch's write leaves: the report published,
    # the manifest without it, its entry in the journal (plus a line cut short).
    entry = m["reports"].pop("tiny-egdi_value")
    (out / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    line = json.dumps({"name": "tiny-egdi_value", "good": entry, "failed": None})
    (out / ".journal").write_text(line + "\n" + line[:20], encoding="utf-8")
    r = build(config, out, data_copy)
    assert r.returncode == 0, r.stderr
    assert "recorded 1 report(s) that an interrupted run published" in r.stdout
    assert built_names(r.stdout) == set()
    assert manifest(out)["reports"]["tiny-egdi_value"] == entry
    assert not (out / ".journal").exists()
    assert "tiny-egdi_value" in (out / "index.html").read_text(encoding="utf-8")


def test_the_manifest_and_index_are_written_once_per_batch(tmp_path, data_copy):
    config = tiny_matrix(
        tmp_path, "t-{indicator}", ["egdi_rank", "egdi_value", "ndxp_transactions", "cccd_cards_issued"]
    )
    r = build(config, tmp_path / "outputs", data_copy, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    m = re.search(r"publish [\d.]+ s for 4, manifest and index [\d.]+ s", r.stdout)
    assert m, r.stdout
    assert "index" in (tmp_path / "outputs" / "index.html").read_text(encoding="utf-8").lower()
    assert len(manifest(tmp_path / "outputs")["reports"]) == 4


def test_building_some_reports_by_name_keeps_every_report_on_the_index(tmp_path, data_copy):
    config = tiny_matrix(tmp_path, "t-{indicator}", ["egdi_rank", "egdi_value"])
    out = tmp_path / "outputs"
    assert build(config, out, data_copy).returncode == 0
    r = build(config, out, data_copy, "--force", "t-egdi_rank")
    assert r.returncode == 0, r.stderr
    assert built_names(r.stdout) == {"t-egdi_rank"}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "reports/t-egdi_rank/index.html" in index and "reports/t-egdi_value/index.html" in index
