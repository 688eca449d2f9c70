"""The CI definitions run the README's test command and keep what a failed run leaves behind."""

import contextlib
import os
import stat

import yaml

from helpers.paths import PROJECT_DIR


def _workflow() -> dict:
    return yaml.safe_load((PROJECT_DIR / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))


def test_tests_workflow_runs_make_test_on_every_push_and_pull_request():
    wf = _workflow()
    triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    (job,) = wf["jobs"].values()
    assert "ubuntu" in job["runs-on"] and "3.11" in job["container"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert "make test" in [r.strip() for r in runs]
    assert any("chromium chromium-driver" in r for r in runs)


def test_tests_workflow_caches_the_venv_on_its_inputs():
    (job,) = _workflow()["jobs"].values()
    cache = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".venv"
    # scripts/ensure-venv rebuilds the venv when these change; a key on fewer would reuse a stale one
    ensure = (PROJECT_DIR / "scripts" / "ensure-venv").read_text(encoding="utf-8")
    hashed = (
        next(line for line in ensure.splitlines() if line.startswith("want=")).split("cat ")[1].split(" |")[0]
    )
    for name in hashed.split():
        assert f"'{name}'" in cache["with"]["key"], name


def test_tests_workflow_uploads_failed_reports_and_screenshots_on_failure(screenshots_dir):
    (job,) = _workflow()["jobs"].values()
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "failure()"
    assert upload["with"]["path"].split() == ["outputs/failed/", "test-artifacts/"]
    assert screenshots_dir.parent == PROJECT_DIR / "test-artifacts" and screenshots_dir.is_dir()
    screenshots_dir.rmdir()
    with contextlib.suppress(OSError):  # another test (another xdist worker) may be writing there
        screenshots_dir.parent.rmdir()
    assert "/test-artifacts/" in (PROJECT_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_ci_entry_point_installs_chromium_and_runs_the_readme_test_command():
    run = PROJECT_DIR / ".ci" / "run"
    assert os.stat(run).st_mode & stat.S_IXUSR
    lines = [line.strip() for line in run.read_text(encoding="utf-8").splitlines()]
    assert "make test" in lines and "make test" in (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert any("apt-get install" in line and "chromium chromium-driver" in line for line in lines)
