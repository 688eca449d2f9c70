"""environment.yml and pyproject.toml must list the same packages with the same bounds."""

import re
import tomllib

import yaml

from helpers.paths import PROJECT_DIR


def _normalise(spec: str) -> tuple[str, str]:
    spec = spec.split("#")[0].strip()
    m = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", spec)
    name, bounds = m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")
    return name, ",".join(sorted(bounds.split(","))) if bounds else ""


def _every_dependency(project: dict) -> list[str]:
    """The dependencies and every extra's (lab, test): the conda environment and the lock hold them all."""
    return project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(_normalise(d) for d in _every_dependency(project))
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = dict(_normalise(d) for d in conda if not d.startswith(("python", "pip")))
    assert listed == wanted
    assert pip == ["-e ."]
    python = next(d for d in conda if d.startswith("python"))
    assert python == f"python{project['requires-python']}"


def test_lock_file_pins_every_dependency():
    lock = (PROJECT_DIR / "requirements.lock").read_text(encoding="utf-8").lower().replace("_", "-")
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for dep in _every_dependency(project):
        name = _normalise(dep)[0]
        assert re.search(rf"^{re.escape(name)}==", lock, re.M), name
