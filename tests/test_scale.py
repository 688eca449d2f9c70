"""Scale: sharded builds merged into one site, per-entity rebuilds, the batch's journal, and the
validation record as the runner uses it."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers.reports.shard import shard_of
from reports_support import (
    PROFILE,
    TIME_TEXT,
    build,
    built_names,
    manifest,
    published_site,
    runner_cmd,
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


def _entity_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'entity: str = "VNM"  # country\nindicator: str = "ndxp_transactions"  # indicator\n'
        'output_dir: str = ""  # unused'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# One country"),
        params,
        nbformat.v4.new_code_cell(
            "from helpers.data import load_figures\n"
            "df = load_figures([indicator], entities=[entity])\nprint(entity, len(df))"
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8", newline="")))


def _write(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_a_correction_for_one_country_rebuilds_that_countrys_reports_only(tmp_path, data_copy):
    figures = data_copy / "figures.csv"
    rows = _rows(figures)
    vnm = next(r for r in rows[1:] if r[1] == "ndxp_transactions" and r[2] == "VNM")  # r[0]: the id
    tha = list(vnm)
    tha[0], tha[2] = "f9999", "THA"
    _write(figures, [*rows, tha])
    _entity_notebook(tmp_path / "entity.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [{"name": "country-{entity}", "notebook": "entity.ipynb", "matrix": {"entity": ["VNM", "THA"]}}],
    )
    out = tmp_path / "outputs"
    assert build(config, out, data_copy).returncode == 0
    assert manifest(out)["reports"]["country-THA"]["reads"] == ["ndxp_transactions@THA"]
    rows = _rows(figures)
    rows[-1][rows[0].index("note")] = "corrected note"
    _write(figures, rows)
    r = build(config, out, data_copy)
    assert r.returncode == 0, r.stderr
    assert built_names(r.stdout) == {"country-THA"}
    assert "data changed: ndxp_transactions@THA" in r.stdout
    # A change to what every country shares (the indicator's dictionary row) rebuilds both.
    ind = _rows(data_copy / "indicators.csv")
    row = next(r for r in ind[1:] if r[0] == "ndxp_transactions")
    row[-1] = row[-1] + " (edited)"
    _write(data_copy / "indicators.csv", ind)
    assert built_names(build(config, out, data_copy).stdout) == {"country-THA", "country-VNM"}


def test_a_run_killed_before_writing_the_manifest_is_repaired_from_the_journal(tmp_path, data_copy):
    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [
            {
                "name": "tiny-{indicator}",
                "notebook": "tiny.ipynb",
                "matrix": {"indicator": ["egdi_rank", "egdi_value"]},
            }
        ],
    )
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
    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [
            {
                "name": "t-{indicator}",
                "notebook": "tiny.ipynb",
                "matrix": {
                    "indicator": ["egdi_rank", "egdi_value", "ndxp_transactions", "cccd_cards_issued"]
                },
            }
        ],
    )
    r = build(config, tmp_path / "outputs", data_copy, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    m = re.search(r"publish [\d.]+ s for 4, manifest and index [\d.]+ s", r.stdout)
    assert m, r.stdout
    assert "index" in (tmp_path / "outputs" / "index.html").read_text(encoding="utf-8").lower()
    assert len(manifest(tmp_path / "outputs")["reports"]) == 4


def test_an_edit_right_after_a_build_is_never_hidden_by_the_validation_record(tmp_path, data_copy):
    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [{"name": "t", "notebook": "tiny.ipynb", "parameters": {"indicator": "egdi_rank"}}],
    )
    out = tmp_path / "outputs"
    assert build(config, out, data_copy).returncode == 0
    assert (out / ".cache" / "validated.json").exists()
    assert build(config, out, data_copy).returncode == 0  # from the record
    figures = data_copy / "figures.csv"
    st = figures.stat()
    text = figures.read_bytes()
    i = text.index(b",VNM,")
    bad = text[:i] + b",VNX," + text[i + 5 :]  # same size: an unknown country
    figures.write_bytes(bad)
    import os

    os.utime(figures, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same modification time
    r = build(config, out, data_copy)
    assert r.returncode == 1 and "column 'entity': value 'VNX'" in r.stderr
    figures.write_bytes(text)
    assert build(config, out, data_copy).returncode == 0
    shutil.rmtree(out / ".cache")  # a lost record only costs a validation
    assert build(config, out, data_copy).returncode == 0


def test_preview_rebuilds_on_a_data_edit_and_serves_self_reloading_pages(tmp_path, data_copy):
    import socket
    import subprocess
    import time
    import urllib.request

    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [{"name": "t", "notebook": "tiny.ipynb", "parameters": {"indicator": "egdi_rank"}}],
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "outputs"
    log = tmp_path / "preview.log"
    cmd = runner_cmd(config, out, data_copy, "build", "--watch", "--port", str(port))
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> str:
        with urllib.request.urlopen(base + path, timeout=5) as resp:
            return resp.read().decode()

    def until(pred, what: str, timeout: float = 120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert proc.poll() is None, log.read_text(encoding="utf-8")
            try:
                if pred():
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}:\n{log.read_text(encoding='utf-8')}")

    try:
        until(lambda: "watching" in log.read_text(encoding="utf-8"), "the first build")
        page = get("/reports/t/index.html")
        assert "/__preview__/version" in page and "location.reload()" in page
        assert "/__preview__/version" in get("/")  # the index reloads itself too
        before = get("/__preview__/version")
        rows = _rows(data_copy / "figures.csv")
        next(r for r in rows[1:] if r[1] == "egdi_rank")[rows[0].index("note")] = "edited while previewing"
        _write(data_copy / "figures.csv", rows)
        until(lambda: get("/__preview__/version") != before, "the rebuild")
        until(lambda: "preview: rebuilt in" in log.read_text(encoding="utf-8"), "the rebuild's line")
        assert "data changed: egdi_rank" in log.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        finally:
            proc.kill()  # a failing test leaves no preview running
            proc.wait(30)
    assert sock_closed(port)


def sock_closed(port: int) -> bool:
    """Nothing listens on the port any more: the server went with the preview."""
    import socket
    import time

    for _ in range(50):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return True
        time.sleep(0.1)
    return False


def test_a_build_from_the_validation_record_still_publishes_the_data_page(tmp_path, data_copy):
    """The record holds no figures, yet the data page and its changelog need all of them: a build
    that trusts the record reads the data when the published data page is not current."""
    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [
            {
                "name": "t-{indicator}",
                "notebook": "tiny.ipynb",
                "matrix": {"indicator": ["egdi_rank", "egdi_value"]},
            }
        ],
    )
    out = tmp_path / "outputs"
    assert build(config, out, data_copy).returncode == 0
    page = (out / "data" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(out / "data")
    r = build(config, out, data_copy)  # the data as recorded: unchanged
    assert r.returncode == 0, r.stderr
    assert built_names(r.stdout) == set()
    assert TIME_TEXT.sub("", (out / "data" / "index.html").read_text(encoding="utf-8")) == TIME_TEXT.sub(
        "", page
    )
    assert list((out / "data").glob("*.zip"))


def test_building_some_reports_by_name_keeps_every_report_on_the_index(tmp_path, data_copy):
    tiny_notebook(tmp_path / "tiny.ipynb")
    config = write_config(
        tmp_path / "reports.yaml",
        [
            {
                "name": "t-{indicator}",
                "notebook": "tiny.ipynb",
                "matrix": {"indicator": ["egdi_rank", "egdi_value"]},
            }
        ],
    )
    out = tmp_path / "outputs"
    assert build(config, out, data_copy).returncode == 0
    r = build(config, out, data_copy, "--force", "t-egdi_rank")
    assert r.returncode == 0, r.stderr
    assert built_names(r.stdout) == {"t-egdi_rank"}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "reports/t-egdi_rank/index.html" in index and "reports/t-egdi_value/index.html" in index
