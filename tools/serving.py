"""Serving the site the production way, for the tools that measure it.

gunicorn with DEBUG off and whitenoise, against a database made fresh for the
tool (never the one DATABASE_URL names): on the same PostgreSQL server when
DATABASE_URL points at one, otherwise a temporary SQLite file.
"""

import os
import secrets
import socket
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


def free_port(variable: str = "") -> int:
    """The port the environment variable `variable` names, or any, once nobody listens on it.

    Another tool may be serving the site too, and its /healthz would answer
    for a server of ours that failed to start.
    """
    port = int(os.environ.get(variable, "0")) if variable else 0
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise SystemExit(f"Port {port} is taken: set {variable} to a free one") from None
        return probe.getsockname()[1]


def fresh_database_url(suffix: str) -> str:
    """An empty database of the tool's own, `<name>_<suffix>` beside DATABASE_URL's."""
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
        "ACCESS_LOG": "0",  # a line per request of the load would drown the tool's output
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


def prepare_site(env: dict) -> None:
    """Set up Django with `env`, then as `make serve` does: tables and shipped content
    (migrate), static files (collectstatic), and an empty cache, so that a fresh
    database never meets the pages, sessions and limits an earlier run left in Redis."""
    use_environment(env)
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()


def stop_process(process: subprocess.Popen, grace: float = 15) -> None:
    """SIGTERM, and SIGKILL if it has not exited after `grace` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Served:
    """A process answering HTTP on 127.0.0.1:`port` for the length of a `with` block.

    It counts as started once `health_path` answers 200; its output goes to
    `log` (a file) when one is given.
    """

    health_path = "/healthz"

    def __init__(self, command: list[str], *, port: int, env: dict | None = None, log=None):
        self.command = command
        self.port = port
        self.env = env
        self.log = log
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603 (a fixed argument list)
            self.command, cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=self.log
        )
        try:
            self.wait_until_healthy(timeout=60)
        except SystemExit:
            stop_process(self.process)  # __exit__ is not called when __enter__ fails
            raise
        return self

    def wait_until_healthy(self, timeout: float) -> float:
        """Seconds until `health_path` answers 200."""
        started, last = time.monotonic(), "no answer"
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.command[0]} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + self.health_path, timeout=2):  # noqa: S310
                    return time.monotonic() - started
            except OSError as error:  # refused, or an error status (HTTPError)
                last = str(error)
                time.sleep(0.1)
        raise SystemExit(
            f"{self.command[0]} did not answer {self.health_path} within {timeout} s ({last})"
        )

    def __exit__(self, *exc):
        stop_process(self.process, grace=30)


class Server(Served):
    """gunicorn serving the site with `env` (and `overrides`), on a free port unless given one."""

    def __init__(self, env: dict, *, port: int = 0, log=None, **overrides: str):
        port = port or free_port()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--backlog",
            "2048",
        ]
        super().__init__(command, port=port, env={**env, **overrides}, log=log)
