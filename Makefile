# Rencana: `make serve`, `make site`, `make check`, `make schema`, `make test` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PD_VENV := .venv-properdocs
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve site site-regions check new-city feedback-form template export import import-uploads report schema lint test test-fast lighthouse bench profile clean

# The venv is rebuilt when the pinned requirements change. Building, checking and previewing
# need requirements.txt only; the test and lint tools (Playwright among them) come with
# `make test` and `make lint` ($(VENV)/.dev-installed), so `make serve` stays a small download.
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# axe-core and the Nu HTML checker (vnu.jar, run with the system's Java) for the tests,
# reinstalled when the lock file changes. --ignore-scripts: vnu-jar's install script
# would download a Java runtime of its own.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Building and checking need Python only; the tests also need the Node.js checkers.
setup: $(VENV)/.dev-installed $(PD_VENV)/.installed node_modules/.installed

# ProperDocs, a maintained fork of MkDocs 1.6, in an environment of its own (guide/engine.md).
$(PD_VENV)/.installed: requirements-properdocs.txt pyproject.toml
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-properdocs.txt
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# One region: mkdocs serve. Several: the portal and every region, rebuilt in part on each edit.
# Ctrl+C, or SIGTERM to make, stops every process it started. SERVE_ADDR: another host:port.
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.installed
	$(PY) -m macros serve --dev-addr $(SERVE_ADDR)

# Builds into a temporary folder and replaces site/ only on success, dated by the last commit.
# ENGINE=properdocs builds with ProperDocs instead of MkDocs.
ENGINE ?= mkdocs
ENGINE_PY = $(if $(filter properdocs,$(ENGINE)),$(PD_VENV)/bin/python,$(PY))
# With several regions: the portal and every region; PREBUILT=<folder>: over regions built there
# by `make site-regions` on other machines (.github/workflows/pages.yml, guide/portal.md).
site: $(VENV)/.installed $(if $(filter properdocs,$(ENGINE)),$(PD_VENV)/.installed)
	$(ENGINE_PY) -m macros build --site-dir site --engine $(ENGINE) $(if $(PREBUILT),--prebuilt "$(PREBUILT)")

# Only the regions named in REGIONS (space-separated), into site-regions/: one part of a shared-out build.
site-regions: $(VENV)/.installed $(if $(filter properdocs,$(ENGINE)),$(PD_VENV)/.installed)
	$(ENGINE_PY) -m macros build --site-dir site-regions --engine $(ENGINE) --regions "$(REGIONS)"

# The feedback issue form is written from the data: the check fails while it is out of date.
# FORMS=write (the workflows) rewrites it instead: .github/workflows/issue-forms.yml commits it,
# so an out-of-date form never blocks a change made on GitHub's web pages.
check: $(VENV)/.installed
	$(PY) -m macros check
	$(PY) -m macros feedback-form $(if $(filter write,$(FORMS)),,--check)

feedback-form: $(VENV)/.installed
	$(PY) -m macros feedback-form

# Start a region of your own: make new-city SLUG=kediri NAME="Kota Kediri" [PROVINCE="Jawa Timur"] [REPLACE_EXAMPLE=1]
new-city: $(VENV)/.installed
	$(PY) -m macros new-city "$(SLUG)" --name "$(NAME)" $(if $(PROVINCE),--province "$(PROVINCE)") $(if $(filter 1,$(REPLACE_EXAMPLE)),--replace-example)

# The empty workbook to fill in (a copy of it: templat-rencana.xlsx is git-ignored), then
# `make import` (guide/spreadsheets.md): the six national dimensions, or CITY=<slug>'s own.
# A file that holds data is never overwritten; FORCE=1 overwrites it.
template: $(VENV)/.installed
	$(PY) -m macros template templat-rencana.xlsx $(if $(CITY),--city "$(CITY)") $(if $(filter 1,$(FORCE)),--force)

# The plan as a workbook: make export CITY=<slug> [FILE=rencana-<slug>.xlsx] [FORCE=1]
export: $(VENV)/.installed
	@test -n "$(CITY)" || { echo "make export needs CITY=<slug>, e.g. make export CITY=kediri" >&2; exit 2; }
	$(PY) -m macros export "$(CITY)" "$(or $(FILE),rencana-$(CITY).xlsx)" $(if $(filter 1,$(FORCE)),--force)

# Program files from a workbook: make import CITY=<slug> FILE=<file.xlsx> [UPDATE=1]
import: $(VENV)/.installed
	@test -n "$(CITY)" -a -n "$(FILE)" || { echo "make import needs CITY=<slug> and FILE=<file.xlsx>, e.g. make import CITY=kediri FILE=rencana-kediri.xlsx" >&2; exit 2; }
	$(PY) -m macros import "$(CITY)" "$(FILE)" $(if $(filter 1,$(UPDATE)),--update)

# Every workbook under impor/, as the Impor Excel workflow does (guide/spreadsheets.md).
import-uploads: $(VENV)/.installed
	$(PY) -m macros import-uploads

# A progress report from a saved issue event: make report EVENT=event.json
report: $(VENV)/.installed
	@test -n "$(EVENT)" || { echo "make report needs EVENT=<event.json>, the saved issue event" >&2; exit 2; }
	$(PY) -m macros report --event "$(EVENT)"

# After a change to macros/data/plan/model.py: rewrite data/schema/*.json (check fails until then).
schema: setup
	$(PY) -m macros schema

# ruff, ruff format, mypy --strict and the layers contract (import-linter).
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check macros tests scripts
	$(PY) -m ruff format --check macros tests scripts
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

# The whole suite on every core (pytest-xdist, tests handed out one by one: measured faster than a
# file per worker, whose largest files then finish alone), then the ten slowest tests.
PYTEST_PARALLEL := -n $(or $(JOBS),auto) --durations=10 --durations-min=1
# Every command here runs with PYTHONDONTWRITEBYTECODE=1 (above), so that no process writes into
# the code's folders in the middle of a run (a preview watches macros/: a module compiled then
# would start a rebuild). Without bytecode on disk, each of a run's Python processes compiled the
# project's modules again (0.33 s of CPU for macros/ alone; the inner loop starts about 100
# Python processes besides its workers). They are compiled once, before the tests: make test-fast,
# alternated, 123 and 134 s against 140 and 156 s, 13 s less CPU. (pytest still rewrites the test
# modules in each worker, about 3.5 s of its collection: it writes no cache under this setting.)
COMPILE_PROJECT := $(PY) -m compileall -q macros scripts tests

test: setup lint
	$(COMPILE_PROJECT)
	$(PY) -m pytest $(PYTEST_PARALLEL)

# The inner loop: every test but the browser ones, those needing Java or LibreOffice, and the
# slow end-to-end ones (whole builds compared, the preview server, an adoption). A file per
# worker here: without browsers, its module fixtures are the cost (55 s against 61 s measured).
test-fast: $(VENV)/.dev-installed
	$(COMPILE_PROJECT)
	$(PY) -m pytest $(PYTEST_PARALLEL) --dist loadfile -m "not browser and not external and not slow"

# Lighthouse (mobile, median of 3 runs) on a program page; installs Lighthouse into .cache/.
lighthouse: site
	$(PY) -m scripts.lighthouse site

# Build time, memory and size against plain MkDocs at 100 and 1,000 programs; BENCH_FULL=1 adds 10,000.
bench: setup
	$(PY) -m scripts.bench $(if $(filter 1,$(BENCH_FULL)),--full)

# Where a build of 1,000 lean programs spends its time, by stage, with wall-clock timers (a tracing
# profiler distorts the shares); PROGRAMS=… for another size. `python -m scripts.bench --profile N`
# still gives pyinstrument's call tree.
profile: $(VENV)/.dev-installed
	$(PY) -m scripts.stages $(or $(PROGRAMS),1000)

clean:
	rm -rf site site-regions .site-build-* .pytest_cache .bench
