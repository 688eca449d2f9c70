"""What the runner prints: progress with one number per report, "did you mean" for unknown names,
``list`` with aligned columns, and the last line naming the index."""

from __future__ import annotations

import io
import re
import subprocess

from helpers.reports.progress import Progress
from helpers.reports.steps import unknown_names
from helpers.reports.summary import PARAMS_WIDTH
from reports_support import runner_cmd, tiny_notebook, write_config

NAMES = ["ndxp-en", "ndxp-vi", "overview-en", "overview-vi", *(f"profile-{i}" for i in "abcdefghijklmn")]


def test_plain_progress_numbers_each_report_once():
    out = io.StringIO()
    p = Progress(3, out, bar=False)
    p.start("a", "never built")
    p.start("b")
    p.finish("b", True, 1.25)
    p.start("c")
    p.finish("a", False, 2.0, "cell 3: ValueError: x")
    p.finish("c", True, 0.5)
    p.close()
    assert out.getvalue().splitlines() == [
        "[1/3] start   a  (never built)",
        "[2/3] start   b",
        "[2/3] built   b  1.2 s  (1 of 3 done)",
        "[3/3] start   c",
        "[1/3] FAILED  a  2.0 s  cell 3: ValueError: x  (2 of 3 done)",
        "[3/3] built   c  0.5 s  (3 of 3 done)",
    ]
    assert "\r" not in out.getvalue()


def test_terminal_progress_draws_a_bar_in_place():
    out = io.StringIO()
    p = Progress(2, out, bar=True)
    p.start("a")
    p.start("b")
    p.finish("a", True, 1.0)
    text = out.getvalue()
    # tqdm's bar, redrawn in place at the start of the line, says what is done and what runs
    assert "\r[" in text and "0/2 done, running: a, b" in text and "1/2 done, running: b" in text
    assert "[1/2] built   a  1.0 s  (1 of 2 done)\n" in text  # a finished report: a line above it
    assert "start" not in text  # the bar shows what runs
    p.finish("b", True, 1.0)
    p.close()
    text = out.getvalue()
    lines, bar = text[: text.rindex("\n") + 1], text[text.rindex("\n") + 1 :]
    assert lines.endswith("(2 of 2 done)\n")
    assert re.search(r"\r +\r$", bar)  # closed: the bar's line is cleared, the last line stays


def test_a_stream_that_is_not_a_terminal_gets_plain_lines():
    assert Progress(1, io.StringIO()).bar is False


def test_unknown_names_suggest_close_ones_and_list_compactly():
    msg = unknown_names(["ndxp-fr", "zzz"], NAMES, "reports.yaml")
    lines = msg.splitlines()
    assert lines[0] == "unknown report 'ndxp-fr' (did you mean ndxp-vi, ndxp-en?)"
    assert lines[1] == "unknown report 'zzz'"
    assert lines[2] == "the 18 reports in reports.yaml:"
    assert "[" not in msg and "'ndxp-en'" not in msg
    assert all(len(line) <= 100 for line in lines)
    assert ", ".join(NAMES) == " ".join(line.strip() for line in lines[3:])


def test_list_keeps_its_columns_with_long_parameters(tmp_path, data_copy):
    nb = tiny_notebook(tmp_path / "tiny.ipynb")
    long = {"indicator": "egdi_rank", "fail": False, "sleep": 1}  # 42 characters as k=v, k=v
    config = write_config(
        tmp_path / "reports.yaml",
        [
            {"name": "short", "notebook": nb.name},
            {"name": "long-one", "notebook": nb.name, "parameters": {"indicator": "egdi_rank"}},
            {"name": "longest", "notebook": nb.name, "parameters": long},
        ],
    )
    r = subprocess.run(
        [*runner_cmd(config, tmp_path / "outputs", data_copy), "list"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    rows = r.stdout.splitlines()[1:]
    assert len(rows) == 3
    states = {row.index("stale: never built") for row in rows}
    assert len(states) == 1  # the state column starts at the same place on every row
    assert any("…" in row for row in rows)
    assert max(len(row) for row in rows) - len("stale: never built") <= 8 + 2 + 10 + 2 + PARAMS_WIDTH + 2
