# Two commands set everything up on a fresh machine with Python 3.11:
#   make run    serve the seeded site with gunicorn on http://127.0.0.1:8000
#   make test   run the whole test suite (SQLite; DATABASE_URL=postgresql+psycopg://… for PostgreSQL)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 3

.PHONY: run test install install-dev catalog db seed lint format eval bench-match-api bench-search bench-bookings bench-hosts bench-writes bench-dashboard bench-web bench-import clean browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed catalog

install-dev: $(VENV)/.installed-dev catalog

catalog: $(VENV)/.installed
	$(BIN)/python scripts/build_catalog.py

db: install
	$(FLASK) db upgrade

seed: db
	$(FLASK) seed

# gunicorn with the job consumer beside it and metrics on 127.0.0.1:9100 (deploy/gunicorn.conf.py)
run: seed
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) wsgi:app

browser-deps:
	@bash scripts/ensure-chromium.sh

test: install-dev browser-deps
	$(BIN)/python scripts/build_catalog.py --check
	$(BIN)/pytest $(PYTEST_ARGS)

# Ruff checks migrations/env.py (migrations/versions is excluded in pyproject.toml);
# mypy checks the package (settings in pyproject.toml, [tool.mypy]).
LINTED := marketplace tests bench scripts deploy migrations wsgi.py

lint: install-dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

# Benchmarks and evaluation (never part of the tests): see bench/RESULTS*.md.
eval: install-dev
	$(BIN)/python bench/eval_matcher.py

bench-match-api: install-dev
	$(BIN)/python bench/bench_match_api.py

bench-search: install-dev
	$(BIN)/python bench/bench_search.py

# import-data of 10,000 synthetic offerings against jieba segmenting their texts alone, on
# SQLite and PostgreSQL (BENCH_PG_URL: a database of its own, its schema rebuilt).
bench-import: install-dev
	$(BIN)/python bench/bench_import.py

bench-bookings: install-dev
	$(BIN)/python bench/bench_bookings.py --database sqlite --duration 30
	$(BIN)/python bench/bench_bookings.py --database postgres --duration 30

# Index lag (median, p95) and write throughput with one and two web hosts on PostgreSQL.
bench-hosts: install-dev
	$(BIN)/python bench/bench_hosts.py --duration 20

# The dashboard request on the seeded demo, before (matcher per open demand) and after (stored best scores).
# The PostgreSQL run resets the database in DATABASE_URL (skipped when it is not PostgreSQL).
bench-dashboard: install-dev
	env -u DATABASE_URL $(BIN)/python bench/bench_dashboard.py --database sqlite
	@case "$$DATABASE_URL" in postgresql*) $(BIN)/python bench/bench_dashboard.py --database postgres;; \
	  *) echo "PostgreSQL run skipped: set DATABASE_URL=postgresql+psycopg://... (its data is reset)";; esac

# Write-heavy mix: 8 API writers + 4 sign-in loops through gunicorn; 0 server errors.
bench-writes: install-dev
	$(BIN)/python bench/bench_writes.py --database sqlite --duration 30
	$(BIN)/python bench/bench_writes.py --database postgres --duration 30

# Each page's req/s, p50/p99 and ratio to a hello-world app under the same gunicorn
# settings, on SQLite and on PostgreSQL (BENCH_PG_URL: its database is emptied first),
# plus each warm worker's PSS. Figures in bench/RESULTS-web.md.
BENCH_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
bench-web: install-dev
	$(BIN)/python bench/bench_web.py --pg-url $(BENCH_PG_URL)

clean:
	rm -rf instance/search-index .pytest_cache .ruff_cache .mypy_cache
