# Rencana: `make serve`, `make site`, `make check`, `make schema`, `make test` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve site check feedback-form schema test clean

# The venv is rebuilt when the pinned requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

setup: $(VENV)/.installed

serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# Builds into a temporary folder and replaces site/ only on success, dated by the last commit.
site: setup
	$(PY) -m macros build --site-dir site

# The feedback issue form is written from the data: the check fails while it is out of date.
check: setup
	$(PY) -m macros check
	$(PY) -m macros feedback-form --check

feedback-form: setup
	$(PY) -m macros feedback-form

# After a change to macros/model.py: rewrite data/schema/*.json (check fails until then).
schema: setup
	$(PY) -m macros schema

test: setup
	$(PY) -m pytest

clean:
	rm -rf site .site-build-* .pytest_cache
