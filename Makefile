# Runner Strength: the commands the README names.
# Needs only Python 3.12+ and make: uv is installed into .tools/ on first use,
# and every Python package comes from uv.lock.

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
RUN := $(UV) run --frozen
DEV_ENV := DEBUG=1
PORT ?= 8000

.PHONY: help install run test jstest e2e bench faults observatory serve worker lint format check migrate superuser clean

help:
	@echo "make run      serve the site for development at http://127.0.0.1:$(PORT)"
	@echo "make test     run the whole test suite (PostgreSQL when DATABASE_URL points at it)"
	@echo "make jstest   the service worker's routing rules under Node's test runner"
	@echo "make e2e      jstest, then real-browser journeys, accessibility (axe) and HTML validity (Nu checker)"
	@echo "make bench    throughput, page weight and Lighthouse; writes docs/benchmarks.md"
	@echo "make faults   PostgreSQL restart, mail outage and killed workers under load"
	@echo "make observatory  the MDN HTTP Observatory's header tests against production settings"
	@echo "make serve    serve with gunicorn and production settings"
	@echo "make worker   run the background tasks worker (e-mail) for production settings"
	@echo "make lint     ruff check and format check"
	@echo "make format   format the code with ruff"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set (these
# machines set it), every manage.py call, test run and gunicorn worker would
# otherwise compile Django from source (3-4 s instead of under 1 s).
.venv/.installed: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --compile-bytecode
	@touch $@

install: .venv/.installed

run: install
	$(DEV_ENV) $(RUN) python manage.py migrate --noinput
	$(DEV_ENV) $(RUN) python manage.py runserver 127.0.0.1:$(PORT)

# Two processes (pytest-xdist), and the test databases kept between runs
# (--reuse-db); CI passes --create-db so it never reuses a database a
# developer left behind.
TEST_ARGS ?= -n 2 --reuse-db
test: install
	$(RUN) pytest $(TEST_ARGS) $(PYTEST_ARGS)

# Browser tests need Debian's chromium and a Java runtime (.ci/run installs both
# when missing) and the npm tools pinned in package-lock.json.
CHROMIUM ?= /usr/bin/chromium
E2E_ARTIFACTS ?= $(CURDIR)/e2e-artifacts

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# The service worker's rules (static/js/sw/rules.js): Node's built-in runner, no packages.
jstest:
	node --test tests/js/

e2e: install node_modules/.installed jstest
	@test -x "$(CHROMIUM)" || { echo "No Chromium at $(CHROMIUM): apt-get install chromium"; exit 1; }
	@command -v java >/dev/null || { echo "No java: apt-get install default-jre-headless"; exit 1; }
	rm -rf "$(E2E_ARTIFACTS)"
	CHROMIUM=$(CHROMIUM) E2E_ARTIFACTS=$(E2E_ARTIFACTS) $(RUN) pytest -m e2e tests/e2e \
		--screenshot only-on-failure --output "$(E2E_ARTIFACTS)/failures" $(PYTEST_ARGS)
	@echo "Screenshots and checked HTML: $(E2E_ARTIFACTS)"

# Measurements (not run by CI). They serve the site the production way from a
# database of their own; PostgreSQL and Redis when DATABASE_URL and CACHE_URL
# point at them. bench needs wrk and Chromium (apt-get install wrk chromium),
# and Varnish for its run through a shared cache (skipped without it).
bench: install node_modules/.installed
	@command -v wrk >/dev/null || { echo "No wrk: apt-get install wrk"; exit 1; }
	@test -x "$(CHROMIUM)" || { echo "No Chromium at $(CHROMIUM): apt-get install chromium"; exit 1; }
	CHROMIUM=$(CHROMIUM) $(RUN) python -m tools.bench $(BENCH_ARGS)

faults: install
	$(RUN) python -m tools.faults $(FAULTS_ARGS)

observatory: install node_modules/.installed
	$(RUN) python -m tools.observatory

# Production settings: set SECRET_KEY, EMAIL_URL, CACHE_URL and SITE_URL (and DATABASE_URL for
# PostgreSQL). SECURE_SSL_REDIRECT defaults to 0 here only because this
# target serves plain HTTP on loopback; behind a TLS proxy leave it on.
serve: install
	$(RUN) python manage.py collectstatic --noinput --verbosity 0
	$(RUN) python manage.py migrate --noinput
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} $(RUN) gunicorn config.wsgi \
		--bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-5}

# The queue of background tasks (TASKS_BACKEND=database, the production default).
worker: install
	$(RUN) python manage.py run_worker

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format: install
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

check: install
	$(DEV_ENV) $(RUN) python manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(RUN) python manage.py check --database default

migrate: install
	$(DEV_ENV) $(RUN) python manage.py migrate --noinput

superuser: install
	$(DEV_ENV) $(RUN) python manage.py createsuperuser

clean:
	rm -rf .venv .tools staticfiles
