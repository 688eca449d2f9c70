"""The reliability attack, round three (issue 23): ``merge`` takes shard folders as input, not as
trusted: their manifests are checked, empty shards are fine, shard counts are bounded, a shard built
under another config is refused, and newer published pages are never replaced by older ones."""

from __future__ import annotations

import json
import resource
from pathlib import Path

import pytest

from attack_support import copy_site, manifest_of, no_traceback, run, run_cmd, tree
from helpers.paths import DEFAULT_DATA_DIR
from reports_support import runner_cmd, tiny_notebook, write_config

pytestmark = pytest.mark.slow

THREE = [
    {
        "name": "tiny-{indicator}",
        "notebook": "tiny.ipynb",
        "matrix": {"indicator": ["egdi_rank", "ndxp_transactions", "cccd_cards_issued"]},
    }
]
NAMES3 = {"tiny-egdi_rank", "tiny-ndxp_transactions", "tiny-cccd_cards_issued"}
PARTS = 5  # of 3 reports: two parts at least are empty


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """Three tiny reports built as 5 shards (shard-1 ... shard-5), as one shard (whole), and under
    another config whose reports have the same names and other parameters (other)."""
    import shutil

    base = tmp_path_factory.mktemp("shards")
    shutil.copytree(DEFAULT_DATA_DIR, base / "data")
    tiny_notebook(base / "tiny.ipynb")
    config = write_config(base / "reports.yaml", THREE)
    other = dict(THREE[0], matrix={**THREE[0]["matrix"], "sleep": [0]})
    write_config(base / "other.yaml", [other])
    for outputs, conf, spec in [
        *((f"shard-{k}", config, f"{k}/{PARTS}") for k in range(1, PARTS + 1)),
        ("whole", config, "1/1"),
        ("other", base / "other.yaml", "1/1"),
    ]:
        r = run_cmd(runner_cmd(conf, base / outputs, base / "data", "build", "--shard", spec, "--jobs", "1"))
        assert r.returncode == 0, r.stderr
    return base


@pytest.fixture
def s(shards, tmp_path) -> dict:
    site = copy_site(shards, tmp_path)
    site["outputs"] = tmp_path / "site"
    return site


def merge(s: dict, *folders: str, **kw):
    return run(s, "merge", *(str(s["tmp"] / f) for f in folders), **kw)


ALL = [f"shard-{k}" for k in range(1, PARTS + 1)]
BUILT = ["shard-1", "shard-2", "shard-4"]  # those holding reports (see test_empty_shards_are_merged)


def test_empty_shards_are_merged(s):
    assert {n for n in ALL if manifest_of(s["tmp"] / n)["reports"]} == set(BUILT)
    r = merge(s, *ALL)
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert set(manifest_of(s["outputs"])["reports"]) == NAMES3
    assert "missing" not in r.stdout


def _limit_memory(nbytes: int = 1_500_000_000):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (nbytes, nbytes))

    return apply


def test_shard_counts_are_bounded(s):
    r = run(s, "build", "--shard", "1/1000000000", outputs=s["tmp"] / "huge")
    no_traceback(r)
    assert r.returncode == 2 and "--shard" in r.stderr, r.stdout[-2000:] + r.stderr[-2000:]
    _set_shard(s["tmp"] / "shard-1", [1, 1_000_000_000])
    # Under a memory limit: a merge that made room for every shard number would die of it.
    r = merge(s, "shard-1", preexec_fn=_limit_memory())
    no_traceback(r)
    assert r.returncode == 2 and "manifest.json" in r.stderr and "shard" in r.stderr, r.stderr[-2000:]
    assert tree(s["outputs"]) == {}


def _set_shard(folder: Path, value) -> None:
    path = folder / "manifest.json"
    m = json.loads(path.read_text(encoding="utf-8"))
    m["shard"] = value
    path.write_text(json.dumps(m), encoding="utf-8")


BAD_SHARDS = [[0, 0], "ab", [1], {}, [5, 3], [1, 2, 3], [True, 1], [1.5, 5], None, [2, 0]]


@pytest.mark.parametrize("value", BAD_SHARDS, ids=[json.dumps(v) for v in BAD_SHARDS])
def test_a_shard_manifest_of_the_wrong_shape_is_refused(s, value):
    _set_shard(s["tmp"] / "shard-2", value)
    r = merge(s, *BUILT)
    no_traceback(r)
    assert r.returncode == 2, (r.returncode, r.stdout[-2000:], r.stderr[-2000:])
    assert "shard-2" in r.stderr and "manifest.json" in r.stderr and "'shard'" in r.stderr, r.stderr[-2000:]
    assert tree(s["outputs"]) == {}


def test_merge_never_replaces_newer_pages_with_older_ones(s):
    assert merge(s, "whole").returncode == 0
    r = run(s, "build", "--force", "--jobs", "1")  # newer pages than the shard's
    assert r.returncode == 0, r.stderr[-2000:]
    before = tree(s["outputs"] / "reports")
    entries = manifest_of(s["outputs"])["reports"]
    r = merge(s, "whole")
    no_traceback(r)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert tree(s["outputs"] / "reports") == before
    assert manifest_of(s["outputs"])["reports"] == entries
    assert "newer" in r.stdout, r.stdout


def test_a_shard_built_under_another_config_is_refused(s):
    r = merge(s, "other")
    no_traceback(r)
    assert r.returncode == 2, (r.returncode, r.stdout[-2000:], r.stderr[-2000:])
    assert any(n in r.stderr for n in NAMES3) and "parameters" in r.stderr, r.stderr[-2000:]
    assert tree(s["outputs"]) == {}


def test_merge_onto_a_folder_the_runner_did_not_make_is_refused(s):
    theirs = s["outputs"]
    (theirs / "reports").mkdir(parents=True)
    (theirs / "index.html").write_text("<html>mine</html>", encoding="utf-8")
    (theirs / "notes.txt").write_text("mine", encoding="utf-8")
    before = tree(theirs)
    r = merge(s, *BUILT)
    no_traceback(r)
    assert r.returncode == 2 and "not made by the report runner" in r.stderr, r.stderr[-2000:]
    assert tree(theirs) == before
