# Viet Nam's digital government in figures: the two commands are `make reports` and `make test`.
# Every target sets up .venv itself (scripts/ensure-venv) and reuses it while it is up to date.

PY := .venv/bin/python
export JUPYTER_PREFER_ENV_PATH := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1
JOBS ?=
REPORTS ?=   # make reports REPORTS="ndxp-en ndxp-vi" builds only those reports
SOURCES ?=   # make check-quotes SOURCES=DIR: the folder of source texts (not in the repository)
TEST_JOBS ?= auto  # pytest-xdist workers for make test (auto: one per core)

TARGETS := help venv venv-test venv-lab reports preview test test-fast notebooks lab lint format validate check-quotes bench lock clean
.PHONY: $(TARGETS)

# `make reports ndxp-en` would build every report and then fail on "No rule to make target": stop
# before anything runs and say how to name reports.
UNKNOWN_GOALS := $(filter-out $(TARGETS),$(MAKECMDGOALS))
ifneq ($(UNKNOWN_GOALS),)
$(error no make target '$(firstword $(UNKNOWN_GOALS))'. To build only some reports: make reports REPORTS="$(UNKNOWN_GOALS)" (names: .venv/bin/python -m helpers.reports list). Targets: make help)
endif

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed -E 's/:.*## /\t/' | expand -t 14

venv:  ## create or reuse .venv with what make reports needs (rebuilt when pyproject.toml, requirements.lock or scripts/ensure-venv change)
	@scripts/ensure-venv

# make test and make lab add their layers to the venv (JupyterLab; nbval and the test tools), once.
venv-test:
	@scripts/ensure-venv test

venv-lab:
	@scripts/ensure-venv lab

reports: venv  ## regenerate the reports into outputs/ (incremental; FORCE=1 rebuilds; REPORTS="a b" only those)
	$(PY) -m helpers.reports build $(if $(FORCE),--force) $(if $(JOBS),--jobs $(JOBS)) $(REPORTS)

preview: venv  ## live preview on http://127.0.0.1:8000/ (PORT=N): rebuilds what a change of data, notebook or helpers affects
	$(PY) -m helpers.reports build --watch $(if $(PORT),--port $(PORT)) $(if $(JOBS),--jobs $(JOBS))

# The tests keep their bytecode (pytest's rewritten test modules, the project's compiled modules) in
# the git-ignored __pycache__ folders even where PYTHONDONTWRITEBYTECODE is set: without it, each of
# the test run's processes (two workers, every command and kernel they start) compiles them again.
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE

test: venv-test  ## every test: unit, data, notebooks (nbval), report runner, JupyterLab check
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_JOBS) --dist loadfile --nbval --nbval-sanitize-with tests/sanitize.cfg --nbval-current-env

# test-fast runs no notebook through nbval: its plugin (and the Jupyter stack it imports) is not loaded.
test-fast: venv-test  ## the tests that start no kernel or server (property tests draw a quarter of their examples; chart layouts one language a notebook)
	$(TEST_ENV) FUZZ_SHARE=0.25 $(PY) -m pytest -n $(TEST_JOBS) -p no:nbval -m "not slow" tests

validate: venv  ## validate data/ and print every problem
	$(PY) -m helpers.data

check-quotes: venv  ## check quotes against the source texts: make check-quotes SOURCES=DIR
	@test -n "$(strip $(SOURCES))" || { echo 'usage: make check-quotes SOURCES=DIR (the folder of source texts named in data/sources.csv)' >&2; exit 2; }
	$(PY) scripts/check_quotes.py --sources $(SOURCES)

notebooks: venv  ## re-execute notebooks/ in place so their stored outputs are current
	$(PY) -m helpers.reports refresh-notebooks

lab: venv-lab  ## open JupyterLab on the project
	$(PY) -m jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root)

lint: venv-test  ## ruff over src/, tests/, benchmarks/ and the notebooks
	$(PY) -m ruff check src tests benchmarks notebooks
	$(PY) -m ruff format --check src tests benchmarks

format: venv-test  ## apply ruff's fixes and formatting
	$(PY) -m ruff check --fix src tests benchmarks notebooks
	$(PY) -m ruff format src tests benchmarks

bench: venv  ## benchmark report regeneration (see benchmarks/README.md)
	$(PY) benchmarks/bench_reports.py

lock: venv-test  ## re-pin requirements.lock from the current .venv (every layer)
	{ if [ -x .venv/bin/uv ]; then .venv/bin/uv pip freeze --python $(PY) --exclude-editable; else $(PY) -m pip freeze --exclude-editable; fi; } | grep -v -i -E '^(uv|pip|setuptools|wheel)==' | { printf '# Exact versions this project is tested with; used as pip constraints by scripts/ensure-venv.\n# Refresh: make lock (after changing pyproject.toml).\n'; cat; } > requirements.lock

clean:  ## remove outputs (but outputs/README.md), the shard folders outputs-shard-*, test artifacts, caches and .venv
	find outputs -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf outputs-shard-*/
	rm -rf .venv .venv.lock .ruff_cache .pytest_cache .hypothesis test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
