"""Scale: what changed is rebuilt, and only that: a correction for one country rebuilds that
country's reports only; the validation record never hides an edit made right after a build, and a
build that trusts it still publishes the data page; the preview rebuilds on a data edit and serves
pages that reload themselves. Sharded builds and the batch: test_scale.py."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from reports_support import (
    TIME_TEXT,
    build,
    built_names,
    manifest,
    runner_cmd,
    tiny_matrix,
    tiny_notebook,
    write_config,
)

pytestmark = pytest.mark.slow


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
    config = tiny_matrix(tmp_path, "t-{indicator}", ["egdi_rank", "egdi_value"])
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
