# newsetl: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CORPUS ?= ../shared/corpus

.PHONY: install demo test lint bench db-up db-down db-wipe eval-extraction airflow clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[airflow,dev]'
	touch $(STAMP)

install: $(STAMP)

db-up: install
	$(PY) -m newsetl db up

db-down: install
	$(PY) -m newsetl db down

db-wipe: install
	$(PY) -m newsetl db wipe

demo: db-up
	$(PY) -m newsetl demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(VENV)/bin/pytest

bench: install
	$(PY) tests/benchmarks/bench_extraction.py
	$(PY) tests/benchmarks/bench_pipeline.py

eval-extraction: install
	$(PY) -m newsetl eval-extraction $(CORPUS) --compare trafilatura

clean:
	rm -rf $(VENV) .newsetl .pytest_cache .ruff_cache
