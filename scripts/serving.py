"""Serving the site the production way, for the scripts that measure it.

gunicorn with DEBUG off and whitenoise, against a database made fresh for the
script (never the one DATABASE_URL names): on the same PostgreSQL server when
DATABASE_URL points at one, otherwise a temporary SQLite file.
"""

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
# gunicorn's own rule of thumb, 2 × cores + 1 sync workers: one request per
# worker, with enough workers that one waiting on the database or the cache
# does not leave a core idle.
WORKERS = 2 * (os.cpu_count() or 1) + 1


def fresh_database_url(suffix: str) -> str:
    """An empty database of the script's own, `<name>_<suffix>` beside DATABASE_URL's."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tempfile.mkdtemp(prefix=f'{suffix}-')}/{suffix}.sqlite3"
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_{suffix}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def production_environment(database_url: str, **overrides: str) -> dict:
    """Production settings on loopback: plain HTTP, a throwaway secret key."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_URL": "dummymail://",
        "SITE_URL": "http://127.0.0.1:8000",
        "CACHE_URL": os.environ.get("CACHE_URL", "locmemcache://"),
        "TASKS_BACKEND": "immediate",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


def use_environment(env: dict) -> None:
    """Set up Django in this process with the same settings as the server."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


class Server:
    """gunicorn on 127.0.0.1:`port` for the length of a `with` block."""

    def __init__(self, env: dict, *, port: int, **overrides: str):
        self.env = {**env, **overrides}
        self.port = port
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--backlog",
            "2048",
        ]
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=self.env)  # noqa: S603
        self.wait_until_healthy(timeout=30)
        return self

    def wait_until_healthy(self, timeout: float) -> float:
        """Seconds until /healthz answers 200."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):  # noqa: S310
                    return time.monotonic() - started
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"gunicorn did not answer /healthz within {timeout} s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
