"""The runner's command line piped into a reader that stops early (``... list | head -1``) ends
quietly with the status a shell gives a command killed by SIGPIPE, not with a traceback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_list_into_a_closed_pipe_ends_without_a_traceback(tmp_path):
    env = {**os.environ, "HELPERS_OUTPUTS_DIR": str(tmp_path / "outputs")}
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line: every write meets a closed pipe
    done = subprocess.run(
        [sys.executable, "-m", "helpers.reports", "list"],
        cwd=ROOT, env=env, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120,
    )  # fmt: skip
    os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode == 141, (done.returncode, done.stderr)
