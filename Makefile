# The two commands: `make run` (demo portal on SQLite) and `make test` (PostgreSQL + Redis).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# `make test` runs the suite in this many processes (pytest-xdist), each with its own database
# and Redis number; a file's tests stay in one process (module fixtures are built once), and
# the browser tests all run in one process, in file order (tests/conftest.py).
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS) --dist loadgroup
# `make run` uses its own database: a DATABASE_URL exported for `make test` (PostgreSQL) is
# never seeded with the demo. Set DEV_DATABASE_URL to run the demo on another database.
DEV_DATABASE_URL ?= sqlite:///$(CURDIR)/db.sqlite3
DEV := DATABASE_URL=$(DEV_DATABASE_URL) DJANGO_SETTINGS_MODULE=config.settings.dev

.PHONY: install run test test-moved-clock lint format messages compilemessages lock bench worker beat \
	backup restore smoke upgrade-check

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

compilemessages: install
	@$(BIN)/pybabel -q compile -d locale -D django

run: install compilemessages
	$(DEV) $(BIN)/python manage.py migrate --noinput -v0
	$(DEV) $(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  Portal:        http://$(HOST):$(PORT)/   (public site /zh-hans/ and /en/)"
	@echo "  Staff sign-in: http://$(HOST):$(PORT)/zh-hans/accounts/login/"
	@echo "  API docs:      http://$(HOST):$(PORT)/api/docs/"
	@echo "  Demo accounts: admin, bureau, district, liaison, office110, chain_office — password demo-pass-2026"
	@echo ""
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install compilemessages
	@$(BIN)/python scripts/check_services.py
	@bash scripts/ensure_chromium.sh
	@bash scripts/ensure_pdf_tools.sh
	@bash scripts/ensure_axe.sh
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# The non-browser suite again with the clock moved to where the dates disagree: 20:30 UTC on
# 29 February 2028 is already 1 March in Shanghai (a leap day, a month's turn). CI runs it.
MOVED_CLOCK ?= 2028-02-29T20:30:00+00:00
test-moved-clock: install compilemessages
	@$(BIN)/python scripts/check_services.py
	PORTAL_TEST_NOW=$(MOVED_CLOCK) DJANGO_SETTINGS_MODULE=config.settings.test \
	  $(BIN)/python -m pytest $(XDIST) -m "not browser" -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract UI strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete -i ".venv/*" -i "staticfiles/*" -i "bench/*"
	$(BIN)/python scripts/i18n_check.py --fill-en

lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

bench: install
	@$(BIN)/python scripts/check_services.py
	DJANGO_SETTINGS_MODULE=config.settings.bench $(BIN)/python -m bench $(BENCH_ARGS)

# A database seeded and filled by the previous release (PREVIOUS, a commit or tag), migrated to
# this checkout: row counts and key records' checksums must survive (docs/operations.md).
PREVIOUS ?= de5e3f8
upgrade-check: install
	PREVIOUS=$(PREVIOUS) bash scripts/upgrade_check.sh

worker: install
	$(BIN)/celery -A config worker -l info -Q celery,mail,reports

beat: install
	$(BIN)/celery -A config beat -l info

# Backups (docs/operations.md, *Backups*): the settings of the environment (export
# DJANGO_SETTINGS_MODULE=config.settings.prod and the env file on a server). PostgreSQL only.
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/invest-portal-….tar"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

# Production settings, gunicorn, a worker per queue and beat against PostgreSQL and Redis, one
# journey over HTTP, everything stopped and its database dropped (scripts/smoke.sh).
smoke: install compilemessages
	@$(BIN)/python scripts/check_services.py
	bash scripts/smoke.sh
