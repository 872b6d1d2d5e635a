# thi đua — the two commands a newcomer needs: `make run` and `make test`.
# `make run` installs requirements.txt only; `make test` and `make lint` add requirements-dev.txt.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# First interpreter that is Python >= 3.12: $PYTHON, python3.13/3.12 on PATH, pyenv's, then python3.
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) \
	$(wildcard /root/.pyenv/versions/3.1[2-9]*/bin/python3) python3
FIND_PYTHON := for p in $(PYTHON_CANDIDATES); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done

.PHONY: run test setup venv assets translations fonts migrate demo serve lint worker beat clean load

run: setup demo serve

setup: $(VENV)/.installed translations fonts migrate

$(VENV)/.installed: requirements.txt
	@py="$$($(FIND_PYTHON))"; \
	if [ -z "$$py" ]; then echo "Python 3.12 or newer is required (Django 6.1 needs it): install it, or set PYTHON=/path/to/python3.12." >&2; exit 1; fi; \
	echo "Using $$py ($$($$py --version))"; \
	[ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

# The tests and linters on top (requirements-dev.txt starts with -r requirements.txt).
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

translations: $(VENV)/.installed
	$(PY) manage.py compile_translations

# The PDF fonts (Noto Serif) come from the npm registry, hash-checked; a no-op when already present.
fonts: $(VENV)/.installed
	$(PY) manage.py fetch_fonts

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --no-input

demo: setup
	$(PY) manage.py load_demo

serve:
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist); PYTEST_XDIST="-n 0" runs it in one process.
PYTEST_XDIST ?= -n auto
test: $(VENV)/.installed-dev translations fonts
	$(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

# Load test (not part of `make test`): Locust against gunicorn + PostgreSQL (database thidua_load, recreated
# and dropped; LOAD_DATABASE_URL to change it). Prints one summary line; LOAD_ARGS="--seconds 60 --keep".
$(VENV)/.load-installed: $(VENV)/.installed benchmarks/requirements-load.txt
	$(PY) -m pip install --quiet -r benchmarks/requirements-load.txt
	@touch $@

load: $(VENV)/.load-installed translations fonts
	$(PY) benchmarks/run_load.py $(LOAD_ARGS)

# The same checks as CI's lint steps (.ci/run), stopping at the first that fails.
lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m mypy
	$(PY) manage.py makemigrations --check --dry-run

worker: setup
	$(VENV)/bin/celery -A emulation worker --loglevel=INFO

beat: setup
	$(VENV)/bin/celery -A emulation beat --loglevel=INFO

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache
