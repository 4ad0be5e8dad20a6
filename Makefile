# Two commands set everything up: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pytest-xdist workers for `make test`: one a CPU on the 2-CPU machine CI runs on.
TEST_WORKERS ?= 2
# manage.py with the generated secret unless SECRET_KEY is already set (CI sets its own).
MANAGE = SECRET_KEY=$${SECRET_KEY:-$$(cat .secret_key)} $(BIN)/python manage.py
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-liberation fonts-dejavu-core gettext poppler-utils

.PHONY: run test e2e install system-deps browser-deps lint migrate demo serve messages backup restore clean worker

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: system-deps $(VENV)/.installed

# WeasyPrint needs Pango and a font with every Vietnamese glyph; compilemessages needs gettext.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work on closed networks).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing chromium"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

messages: install .secret_key
	$(MANAGE) compilemessages -v0 --ignore=.venv

migrate: install .secret_key
	$(MANAGE) migrate --no-input -v0

demo: migrate
	$(MANAGE) seed_demo

run: install .secret_key messages migrate demo
	$(MANAGE) collectstatic --no-input -v0
	@if [ -n "$$REDIS_URL" ]; then \
	  PATH=$(CURDIR)/$(BIN):$$PATH SECRET_KEY=$$(cat .secret_key) WEB_PORT=$(PORT) $(BIN)/honcho start -f emulation/Procfile -d $(CURDIR); \
	else \
	  echo "Cổng thi đua - khen thưởng: http://127.0.0.1:$(PORT)/"; \
	  $(MANAGE) runserver 127.0.0.1:$(PORT) --noreload; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r emulation campaigns awards reports -x '*/tests/*,*/migrations/*' -ll

test: install browser-deps messages lint
	$(MANAGE) makemigrations --check --dry-run -v0
	$(BIN)/pytest -q -n $(TEST_WORKERS)

e2e: install browser-deps messages
	$(BIN)/pytest -q -m e2e
	@echo "Screenshots of every step: e2e-screenshots/"

worker: install .secret_key
	SECRET_KEY=$$(cat .secret_key) $(BIN)/celery -A emulation worker -l info

backup: install .secret_key
	$(MANAGE) backup --dir backups

# make restore FILE=backups/thidua-YYYYmmdd-HHMMSS.dump (or .json.gz on SQLite); it asks before replacing anything
restore: install .secret_key
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/..."; exit 2; }
	$(MANAGE) restore "$(FILE)"

clean:
	rm -rf $(VENV) staticfiles
