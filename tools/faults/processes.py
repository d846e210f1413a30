"""The processes a fault hits: the tasks worker, PostgreSQL, gunicorn's workers."""

import contextlib
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from tools.serving import BASE_DIR, stop_process


class TasksWorker:
    """`manage.py run_worker`, restarted when it exits, as systemd or Docker would."""

    def __init__(self, env: dict, log):
        self.env = env
        self.log = log
        self.process = None
        self.wanted = False  # restart it when it exits
        self.exits = []  # (monotonic time, exit code) of the exits nobody asked for
        self.lock = threading.Lock()
        self.watcher = threading.Thread(target=self.watch, daemon=True)

    def start(self):
        with self.lock:
            self.spawn()
            self.wanted = True
        if not self.watcher.is_alive():
            self.watcher.start()

    def spawn(self):
        command = [sys.executable, "manage.py", "run_worker"]
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=self.log
        )

    def kill(self):
        with self.lock:
            self.wanted = False
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def watch(self):
        exited_at = None
        while True:
            time.sleep(0.5)
            with self.lock:
                if not self.wanted:
                    exited_at = None
                elif exited_at is None and self.process.poll() is not None:
                    exited_at = time.monotonic()
                    self.exits.append((exited_at, self.process.returncode))
                elif exited_at is not None and time.monotonic() - exited_at >= 1:
                    self.spawn()
                    exited_at = None

    def stop(self):
        with self.lock:
            self.wanted = False
            if self.process is not None:
                stop_process(self.process)


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            # The command name (field 2) may hold spaces: the parent id follows its ")".
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


class PostgreSQL:
    """The Debian cluster that serves `database_url`, stopped and started with pg_ctlcluster."""

    def __init__(self, database_url: str):
        self.url = database_url
        port = str(urlsplit(database_url).port or 5432)
        tools = [shutil.which("pg_lsclusters"), shutil.which("pg_ctlcluster")]
        if not all(tools):
            raise SystemExit("pg_lsclusters/pg_ctlcluster are missing: Debian's postgresql-common")
        listing = subprocess.run(  # noqa: S603
            [tools[0], "--no-header"], capture_output=True, text=True, check=True
        ).stdout
        clusters = [
            line.split()[:2] for line in listing.splitlines() if line.split()[2:3] == [port]
        ]
        if not clusters:
            raise SystemExit(f"No local PostgreSQL cluster listens on port {port}")
        self.command = [tools[1], "--skip-systemctl-redirect", *clusters[0]]

    def others(self) -> list[str]:
        """The other databases that have clients now: stopping the server cuts them off."""
        import psycopg

        with psycopg.connect(self.url) as connection:
            rows = connection.execute(
                "SELECT DISTINCT datname FROM pg_stat_activity"
                " WHERE datname IS NOT NULL AND datname <> current_database()"
            ).fetchall()
        return sorted(name for (name,) in rows)

    def run(self, action: str):
        subprocess.run([*self.command, action], check=True, capture_output=True)  # noqa: S603

    def wait_until_up(self, timeout: float = 60):
        import psycopg

        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                with psycopg.connect(self.url, connect_timeout=2):
                    return
            except psycopg.OperationalError:
                time.sleep(0.05)
        raise SystemExit(f"PostgreSQL did not come back within {timeout} s")
