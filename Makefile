# Viet Nam's digital government in figures: the two commands are `make reports` and `make test`.
# Every target sets up .venv itself (scripts/ensure-venv) and reuses it while it is up to date.

PY := .venv/bin/python
export JUPYTER_PREFER_ENV_PATH := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1
JOBS ?=
TEST_JOBS ?= auto  # pytest-xdist workers for make test (auto: one per core)

.PHONY: help venv reports test test-fast notebooks lab lint format validate bench lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed -E 's/:.*## /\t/' | expand -t 14

venv:  ## create or reuse .venv (rebuilt when pyproject.toml, requirements.lock or scripts/ensure-venv change)
	@scripts/ensure-venv

reports: venv  ## regenerate every report into outputs/ (incremental; FORCE=1 rebuilds all)
	$(PY) -m helpers.reports build $(if $(FORCE),--force) $(if $(JOBS),--jobs $(JOBS))

test: venv  ## every test: unit, data, notebooks (nbval), report runner, JupyterLab check
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadgroup --nbval --nbval-sanitize-with tests/sanitize.cfg --nbval-current-env

test-fast: venv  ## the tests that start no kernel or server
	$(PY) -m pytest -m "not slow" tests

validate: venv  ## validate data/ and print every problem
	$(PY) -m helpers.data

notebooks: venv  ## re-execute notebooks/ in place so their stored outputs are current
	$(PY) -m helpers.reports refresh-notebooks

lab: venv  ## open JupyterLab on the project
	$(PY) -m jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root)

lint: venv  ## ruff over src/, tests/, benchmarks/ and the notebooks
	$(PY) -m ruff check src tests benchmarks notebooks
	$(PY) -m ruff format --check src tests benchmarks

format: venv  ## apply ruff's fixes and formatting
	$(PY) -m ruff check --fix src tests benchmarks notebooks
	$(PY) -m ruff format src tests benchmarks

bench: venv  ## benchmark report regeneration (see benchmarks/README.md)
	$(PY) benchmarks/bench_reports.py

lock: venv  ## re-pin requirements.lock from the current .venv
	$(PY) -m pip freeze --exclude-editable | { printf '# Exact versions this project is tested with; used as pip constraints by scripts/ensure-venv.\n# Refresh: make lock (after changing pyproject.toml).\n'; cat; } > requirements.lock

clean:  ## remove outputs (but outputs/README.md), test artifacts, caches and .venv
	find outputs -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .venv .ruff_cache .pytest_cache .hypothesis test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
