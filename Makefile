# newsetl: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CORPUS ?= ../shared/corpus ../shared/corpus-modern
STORIES ?= ../shared/stories-dev/headlines.csv
WORKERS ?= 1 2
PAGES ?= 2000

.PHONY: install system-deps demo test lint bench db-up db-down db-wipe eval-extraction eval-stories airflow airflow-stop airflow-demo clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[airflow,dev]'
	touch $(STAMP)

install: $(STAMP)

# PostgreSQL server binaries (demo, tests), redis-server and iproute2 (the shared crawl
# frontier's tests; `ip netns` makes separate hosts as root) and Chromium (the HTML report
# test), from the system's packages when missing. Without root, say what to install instead.
system-deps:
	@if ! command -v pg_config >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else echo "Install the PostgreSQL server (apt-get install postgresql) or set DATABASE_URL"; fi; fi
	@if ! command -v redis-server >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else echo "redis-server not found: the shared-frontier tests will be skipped"; fi; fi
	@if ! command -v ip >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null; \
	  else echo "ip not found: the shared-frontier test across network namespaces will be skipped"; fi; fi
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: the HTML report render test will be skipped"; fi; fi

db-up: install system-deps
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

test: lint system-deps
	$(VENV)/bin/pytest

# `make bench WORKERS="1 2 3"`: the shared-frontier crawl with that many processes;
# `make bench PAGES=20000`: the end-to-end crawls of a generated site of that many articles.
bench: install system-deps
	$(PY) tests/benchmarks/bench_extraction.py
	$(PY) tests/benchmarks/bench_pipeline.py
	$(PY) tests/benchmarks/bench_stories.py
	$(PY) tests/benchmarks/bench_frontier.py --workers $(WORKERS)
	$(PY) tests/benchmarks/bench_e2e.py --pages $(PAGES)

eval-extraction: install
	$(PY) -m newsetl eval-extraction $(CORPUS) --compare trafilatura

eval-stories: install system-deps
	$(PY) -m newsetl eval-stories $(STORIES)

# Airflow 3 on 127.0.0.1:8080 with this repo's DAGs (api-server, scheduler, dag-processor).
airflow: install
	$(PY) -m newsetl.airflow_local start

airflow-stop:
	$(PY) -m newsetl.airflow_local stop

# Trigger a crawl of a demo outlet in the running Airflow and wait for the aggregation.
airflow-demo: install
	$(PY) -m newsetl.airflow_local demo

clean:
	rm -rf $(VENV) .newsetl .pytest_cache .ruff_cache
