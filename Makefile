# Regie: `make demo` runs the app with demo data, `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
PYTHON := $(shell command -v python3)
UV := $(PYTHON) -m uv
VENV := .venv
BIN := $(VENV)/bin
REGIE := $(BIN)/regie
PYTEST := $(BIN)/python -m pytest -n auto
# The write side of every app, type-checked in lint.
SERVICES := $(wildcard regie/*/services.py regie/*/services) regie/core/concurrency.py regie/core/history.py regie/core/dates.py

.PHONY: install system-packages python-packages node-packages demo serve test test-sqlite bench load \
        test-postgresql test-browser lint check audit

install: system-packages python-packages node-packages

system-packages:
	@scripts/install-system-packages

python-packages:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet 'uv>=0.9'
	@$(UV) sync --frozen --quiet --python $(PYTHON)

node-packages:
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; fi
	@scripts/vendor-assets

demo: install
	$(REGIE) migrate --noinput
	$(REGIE) load_demo
	@echo "Regie draait op http://127.0.0.1:8000 (accounts: zie README.md)"
	$(REGIE) runserver 127.0.0.1:8000

lint:
	$(BIN)/ruff check .
	$(BIN)/lint-imports --config pyproject.toml --no-cache 2>&1 | tail -3
	DJANGO_SETTINGS_MODULE=regie.settings.test $(REGIE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=regie.settings.test $(REGIE) check
	DJANGO_SETTINGS_MODULE=regie.settings.production REGIE_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))') \
		$(REGIE) check --deploy --fail-level WARNING
	$(BIN)/mypy $(SERVICES)
	$(MAKE) --no-print-directory audit

# Known vulnerabilities in the locked dependencies; skipped with a message when offline.
audit:
	@scripts/audit

test: install lint test-sqlite test-postgresql test-browser

test-sqlite:
	$(PYTEST) -m "not e2e" -q -p no:cacheprovider

test-postgresql:
	scripts/with-postgres $(PYTEST) -m "not e2e" -q -p no:cacheprovider

test-browser:
	$(PYTEST) -m e2e tests/e2e -q -p no:cacheprovider

bench: install
	bench/run-all

load: install
	load/run-all
