# Resultaat: two commands. `make demo` sets everything up and serves the demo region on SQLite;
# `make test` runs the whole suite (set DATABASE_URL to run it on PostgreSQL). `make serve` starts the
# production server (docs/productie.md).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
DEMO_CLIENTS ?= 600
DEMO_SEED ?= 2026
# The demo server's port: `make demo PORT=8080`.
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: demo serve test e2e lint install run-packages test-packages migrate openapi screenshots clean

demo: install run-packages migrate
	$(PY) manage.py generate_demo --clients $(DEMO_CLIENTS) --seed $(DEMO_SEED) --keep-existing
	@echo "Resultaat draait op http://127.0.0.1:$(PORT) (stoppen met Ctrl-C)"
	@echo "Tweestapsverificatie staat in de demo uit (TWEESTAPS_VERPLICHT=false); zie docs/configuration.md"
	TWEESTAPS_VERPLICHT=false $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production server (docs/productie.md): static files collected (hashed, compressed, cached for a
# year), migrations applied, the deployment checks shown, then gunicorn. Set the environment of
# docs/configuration.md first (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, HTTPS, ...).
SERVE_BIND ?= 127.0.0.1:8000
SERVE_WORKERS ?= 4
serve: export STATIC_COLLECTED := true
serve: install run-packages
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py check --deploy --fail-level ERROR
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py --bind $(SERVE_BIND) --workers $(SERVE_WORKERS)

test: install test-packages
	$(VENV)/bin/pytest

e2e: install test-packages
	$(VENV)/bin/pytest -m e2e

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/mypy src
	$(VENV)/bin/lint-imports

screenshots: install test-packages
	$(VENV)/bin/pytest -m e2e -q
	cp var/screenshots/*.png docs/screenshots/

openapi: install
	$(PY) manage.py spectacular --file docs/openapi.yaml --validate

install: $(VENV)/.synced node_modules/.installed

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages: pango, HarfBuzz's font subsetter and fonts for WeasyPrint's PDF letters (app); chromium for the end-to-end tests
# (driven by Playwright, no browser download) and poppler-utils to read PDF pages back (tests).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils
define apt_ensure
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Debian-pakketten installeren: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

run-packages:
	$(call apt_ensure,$(RUN_PACKAGES))

test-packages:
	$(call apt_ensure,$(TEST_PACKAGES))

migrate: install
	$(PY) manage.py migrate --noinput

clean:
	rm -rf $(VENV) node_modules var
