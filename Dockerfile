# Runner Strength: production image (gunicorn, whitenoise, PostgreSQL via DATABASE_URL).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

RUN pip install --no-cache-dir uv==0.13.8

WORKDIR /app

# Dependencies first, from the lock file only, so code changes reuse this layer.
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .

# Hashed, compressed static files are part of the image. These throwaway
# values only satisfy the settings; nothing is served during the build.
RUN DEBUG=0 SECRET_KEY=build-only EMAIL_URL=dummymail:// CACHE_URL=dummycache:// SITE_URL=http://build.invalid python manage.py collectstatic --noinput

RUN useradd --create-home --uid 10001 app
USER app

EXPOSE 8000

# /healthz is exempt from the HTTPS redirect; it is asked for with the first
# ALLOWED_HOSTS name so that Django accepts the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os, urllib.request as u; host = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0]; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4)"

# The access log is written by the site (core.access_log), without the tokens URLs carry.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000"]
