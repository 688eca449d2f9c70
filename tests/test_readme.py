"""The README's commands work as written: every line of its ```sh blocks is either run here, from
the project root, or listed in NOT_RUN with the reason. Reports go to a temporary folder
(``HELPERS_OUTPUTS_DIR``), so the checkout is left as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from helpers.paths import PROJECT_DIR

README = PROJECT_DIR / "README.md"

# Commands that this test does not run, each with the reason; the ones not in a ```sh block today are
# listed too, so that moving one into a block never runs it by surprise.
NOT_RUN = {
    "git clone <repo> && cd <repo>": "needs the repository's address; the test already runs in a checkout",
    "make test": "the suite itself: running it from a test would recurse",
    "make test-fast": "a subset of the suite itself: running it from a test would recurse",
    "make lab": "starts a JupyterLab server that runs until stopped (tests/test_jupyter.py checks the server)",
    "make clean": "deletes .venv and outputs/ of the checkout",
    "make notebooks": "re-executes notebooks/ in place, rewriting tracked files",
    "make format": "rewrites source files in place",
    "make check-quotes SOURCES=/path/to/source-texts": "needs the source texts, which are not in the "
    "repository (tests/test_check_quotes.py checks the checker)",
    "for k in 1 2 3; do .venv/bin/python -m helpers.reports build --shard $k/3; done": "builds every "
    "report once more, in three parts (tests/test_scale.py builds shards and merges them)",
    ".venv/bin/python -m helpers.reports merge outputs-shard-*-of-3": "merges the parts of the command "
    "above (tests/test_scale.py checks the merged site equals an unsharded build)",
    ".venv/bin/jupyter nbconvert --to html --template src/helpers/reports/templates "
    "outputs/reports/ndxp-en/notebook.ipynb": "reads a notebook published into the checkout's outputs/, "
    "which this test leaves alone (tests/test_templates.py runs the command on published notebooks)",
    "jid=$(sbatch --parsable build.sbatch) && sbatch --dependency=afterok:$jid merge.sbatch": "needs a "
    "SLURM cluster and the two batch scripts the README shows",
}


def sh_commands(text: str) -> list[str]:
    """Each command line of the ```sh blocks, without its trailing comment."""
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


COMMANDS = sh_commands(README.read_text(encoding="utf-8"))
TO_RUN = [c for c in COMMANDS if c not in NOT_RUN]


def test_every_command_is_run_or_excused():
    assert COMMANDS, "no ```sh block found in README.md"
    assert "make reports" in TO_RUN
    assert all(reason.strip() for reason in NOT_RUN.values())


def test_no_command_relies_on_an_activated_environment():
    """On a fresh clone only make and .venv/bin/python work: no bare python, pip, pytest or jupyter."""
    text = README.read_text(encoding="utf-8")
    inline = re.findall(r"`([^`\n]+)`", text)
    bare = re.compile(r"^(python3?|pytest|jupyter|papermill) +[-\w]|^pip3? install \S")
    offenders = [c for c in COMMANDS + inline if bare.match(c.strip())]
    assert offenders == []


def test_every_make_target_named_exists():
    text = README.read_text(encoding="utf-8")
    code = COMMANDS + re.findall(r"`([^`\n]+)`", text)
    named = {c.split()[1] for c in code if re.match(r"make [a-z][a-z-]*", c)}
    helps = subprocess.run(["make", "help"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    targets = {line.split()[0] for line in helps.stdout.splitlines() if line.strip()}
    assert named - targets == set()


def test_make_with_a_report_name_as_target_stops_before_building():
    r = subprocess.run(
        ["make", "reports", "nosuchreport"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 2
    assert 'make reports REPORTS="nosuchreport"' in r.stderr
    assert "helpers.reports build" not in r.stdout  # nothing ran


def _git_state() -> str:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--ignored=no"], cwd=PROJECT_DIR, capture_output=True, text=True
    )
    return out.stdout if out.returncode == 0 else "(not a git checkout)"


def _tree(folder) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")} if folder.exists() else {}


@pytest.mark.slow
def test_readme_commands_run_as_written(tmp_path, site):
    """Each command, verbatim, through the shell from the project root, in the README's order.

    They run on a copy of the run's one build of the site (the ``site`` fixture: the same runner, the
    same reports.yaml and data), not on an empty folder: a cold build of every report here would build
    the whole site a second time. So ``make reports`` finds it current and checks it; the cold build is
    the fixture's, and tests/test_reports.py checks cold, incremental and forced builds."""
    if not (PROJECT_DIR / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv in the checkout: run the suite through `make test`, which creates it")
    shutil.copytree(site, tmp_path / "outputs", symlinks=True)
    env = {**os.environ, "HELPERS_OUTPUTS_DIR": str(tmp_path / "outputs")}
    for var in ("HELPERS_DATA_DIR", "HELPERS_READ_LOG", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(var, None)
    before, outputs_before = _git_state(), _tree(PROJECT_DIR / "outputs")
    for cmd in TO_RUN:
        r = subprocess.run(
            cmd, shell=True, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=1200
        )
        assert r.returncode == 0, f"{cmd!r} exited {r.returncode}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    assert (tmp_path / "outputs" / "index.html").exists()
    assert _git_state() == before
    assert _tree(PROJECT_DIR / "outputs") == outputs_before
