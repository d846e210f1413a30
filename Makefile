# Runner Strength: the commands the README names.
# Needs only Python 3.12+ and make: uv is installed into .tools/ on first use,
# and every Python package comes from uv.lock.

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
RUN := $(UV) run --frozen
DEV_ENV := DEBUG=1
PORT ?= 8000

.PHONY: help install run test serve worker lint format check migrate superuser clean

help:
	@echo "make run      serve the site for development at http://127.0.0.1:$(PORT)"
	@echo "make test     run the whole test suite (PostgreSQL when DATABASE_URL points at it)"
	@echo "make serve    serve with gunicorn and production settings"
	@echo "make worker   run the background tasks worker (e-mail) for production settings"
	@echo "make lint     ruff check and format check"
	@echo "make format   format the code with ruff"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.installed: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen
	@touch $@

install: .venv/.installed

run: install
	$(DEV_ENV) $(RUN) python manage.py migrate --noinput
	$(DEV_ENV) $(RUN) python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(RUN) pytest $(PYTEST_ARGS)

# Production settings: set SECRET_KEY and EMAIL_URL (and DATABASE_URL for
# PostgreSQL). SECURE_SSL_REDIRECT defaults to 0 here only because this
# target serves plain HTTP on loopback; behind a TLS proxy leave it on.
serve: install
	$(RUN) python manage.py collectstatic --noinput --verbosity 0
	$(RUN) python manage.py migrate --noinput
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} $(RUN) gunicorn config.wsgi \
		--bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-5} --access-logfile -

# The queue of background tasks (TASKS_BACKEND=database, the production default).
worker: install
	$(RUN) python manage.py db_worker

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format: install
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

check: install
	$(DEV_ENV) $(RUN) python manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(RUN) python manage.py check

migrate: install
	$(DEV_ENV) $(RUN) python manage.py migrate --noinput

superuser: install
	$(DEV_ENV) $(RUN) python manage.py createsuperuser

clean:
	rm -rf .venv .tools staticfiles
