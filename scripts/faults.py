"""`make faults`: what the site does when PostgreSQL, the mail server or a worker fails.

Serves the site the production way (gunicorn, DEBUG off, PostgreSQL, Redis,
the tasks worker `manage.py run_worker`, SMTP to an aiosmtpd sink run inside
this script on loopback) from a database of its own, drives it with a bounded
mixed load (page views, routine edits, newsletter signups with unique
addresses, each signup from its own loopback source address), and injects
three faults in turn:

1. PostgreSQL is stopped for a few seconds, then started again;
2. the SMTP sink is stopped for a minute;
3. a gunicorn worker, then the tasks worker in the middle of sending an
   e-mail, are killed with SIGKILL; the tasks worker is started again.

Then it checks the database and the sink: every signup and routine edit that
got a success response is stored; every accepted signup's confirmation e-mail
reached the sink exactly once (counted by Message-ID and recipient). It prints
one table; zero lost is the only pass (exit code 1 otherwise).

Stopping PostgreSQL stops every database on that server: run it on a machine
of your own, as root (or as the postgres user).
"""

import argparse
import contextlib
import http.client
import itertools
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import serving

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/5"
PORT = int(os.environ.get("FAULTS_PORT", "8766"))
THREADS = 4
PACE = 0.1  # seconds each load thread waits between two requests
CLIENT_TIMEOUT = 10  # a request that takes longer is a hang
RECOVERY_TARGET = 5  # seconds after PostgreSQL is back, from CONN_HEALTH_CHECKS
ROUTINES_PER_RUNNER = 100  # × 7 sessions: every edit in a run writes a session of its own
SESSIONS_PER_ROUTINE = 7


# -- the SMTP sink -----------------------------------------------------------


class Sink:
    """An SMTP server on loopback that records every message it accepts, with its time.

    `hold(marker)` keeps the next message to a recipient containing `marker`
    waiting before the 250 reply, so that its sender can be killed in the middle
    of a send: a message is recorded only once it is acknowledged.
    """

    def __init__(self):
        self.port = free_port()
        self.controller = None
        self.deliveries = []  # (monotonic time, Message-ID, recipient)
        self.held = threading.Event()
        self.hold_marker = None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def hold(self, marker: str):
        self.held.clear()
        self.hold_marker = marker

    def release(self):
        self.hold_marker = None

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        marker = self.hold_marker
        if marker and any(marker in rcpt for rcpt in envelope.rcpt_tos):
            self.held.set()
            while self.hold_marker:  # cancelled here if the sender dies
                await asyncio.sleep(0.01)
        headers = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)
        for recipient in envelope.rcpt_tos:
            self.deliveries.append((time.monotonic(), headers["Message-ID"], recipient.lower()))
        return "250 Message accepted for delivery"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- processes: the tasks worker, PostgreSQL, gunicorn's workers ------------------


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
            command, cwd=serving.BASE_DIR, env=self.env, stdout=self.log, stderr=self.log
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


def stop_process(process, grace: float = 15):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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


# -- the load ----------------------------------------------------------------


@dataclass
class Outcome:
    scenario: int
    kind: str  # view, edit, signup
    started: float
    finished: float
    result: str  # ok, 503, 5xx, 4xx, unexpected, timeout, connection
    path: str = ""
    value: str = ""  # the address signed up, or the name a session was given
    target: int = 0  # the session an edit wrote

    @property
    def ok(self) -> bool:
        return self.result == "ok"


@dataclass
class Runner:
    """One load thread's signed-in user, and the sessions its edits rename, one each."""

    cookies: dict
    csrf_token: str
    editor: str  # the routine editor page, a page view that needs the database
    sessions: list  # (routine pk, session pk)
    edits: itertools.count = field(default_factory=itertools.count)


class Load:
    """THREADS threads mixing page views, routine edits and signups, PACE apart."""

    PATTERN = ("view", "edit", "signup", "view", "edit", "personal")

    def __init__(self, runners: list[Runner], pages: list[str], run_id: str):
        self.runners = runners
        self.pages = pages
        self.run_id = run_id
        self.outcomes: list[Outcome] = []
        self.signups = itertools.count(1)
        self.scenario = 0
        self.stopping = threading.Event()
        self.threads = []

    def start(self, scenario: int):
        self.scenario = scenario
        self.stopping.clear()
        self.threads = [
            threading.Thread(target=self.drive, args=(number, runner), daemon=True)
            for number, runner in enumerate(self.runners)
        ]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def drive(self, number: int, runner: Runner):
        for step in itertools.count(number):
            if self.stopping.is_set():
                return
            action = self.PATTERN[step % len(self.PATTERN)]
            if action == "view":
                self.fetch("view", "GET", self.pages[step % len(self.pages)])
            elif action == "personal":
                self.fetch("view", "GET", runner.editor, cookies=runner.cookies)
            elif action == "edit":
                self.edit(runner)
            else:
                self.sign_up()
            time.sleep(PACE)

    def edit(self, runner: Runner):
        number = next(runner.edits)
        routine_pk, session_pk = runner.sessions[number % len(runner.sessions)]
        name = f"Edit {self.run_id} {session_pk}-{number}"
        self.fetch(
            "edit",
            "POST",
            f"/plans/{routine_pk}/sessions/{session_pk}/",
            cookies=runner.cookies,
            form={"name": name, "csrfmiddlewaretoken": runner.csrf_token},
            expect=302,
            value=name,
            target=session_pk,
        )

    def sign_up(self):
        number = next(self.signups)
        source = f"127.{1 + number // 62500}.{number // 250 % 250 + 1}.{number % 250 + 1}"
        address = f"faults-{self.run_id}-s{self.scenario}-{number}@example.com"
        response = self.fetch("view", "GET", "/newsletter/", source=source)
        if response is None:
            return
        cookies, html = response
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        form = {
            "email": address,
            "first_name": "Fault",
            "website": "",
            "source": "/newsletter/",
            "csrfmiddlewaretoken": token.group(1) if token else "",
        }
        self.fetch(
            "signup",
            "POST",
            "/newsletter/",
            cookies=cookies,
            form=form,
            source=source,
            expect=302,
            value=address,
        )

    def fetch(self, kind, method, path, *, cookies=None, form=None, source=None, expect=200, **kw):
        """One request on a connection of its own; its outcome recorded. The page if it worked."""
        headers = {}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(
            "127.0.0.1",
            PORT,
            timeout=CLIENT_TIMEOUT,
            source_address=(source, 0) if source else None,
        )
        started = time.monotonic()
        page = None
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            html = response.read().decode(errors="replace")
            status = response.status
            if status == expect:
                result = "ok"
                jar = SimpleCookie()
                for header in response.headers.get_all("Set-Cookie") or []:
                    jar.load(header)
                page = {**(cookies or {}), **{k: m.value for k, m in jar.items()}}, html
            elif status == 503:
                result = "503"
            elif status >= 500:
                result = "5xx"
            elif status >= 400:
                result = "4xx"
            else:
                result = "unexpected"  # a form shown again, a redirect to the login page
        except TimeoutError:
            result = "timeout"
        except (OSError, http.client.HTTPException):
            result = "connection"
        finally:
            connection.close()
        outcome = Outcome(self.scenario, kind, started, time.monotonic(), result, path, **kw)
        self.outcomes.append(outcome)
        return page


# -- the content -------------------------------------------------------------


def prepare(load_run_id: str) -> tuple[list[Runner], list[str]]:
    """The schema and shipped content, the load's runners with their sessions, the pages."""
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from exercises.models import Exercise
    from plans import services
    from plans.models import Session

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()  # the signup limits and stored pages of an earlier run
    runners = []
    for number in range(THREADS):
        user = User.objects.create_user(email=f"runner{number}-{load_run_id}@example.com")
        routines = [
            services.create_routine(owner=user, name=f"Routine {index + 1}")
            for index in range(ROUTINES_PER_RUNNER)
        ]
        Session.objects.bulk_create(
            Session(routine=routine, name=f"Day {day + 1}", order=day)
            for routine in routines
            for day in range(1, SESSIONS_PER_ROUTINE)
        )
        sessions = list(
            Session.objects.filter(routine__owner=user)
            .order_by("pk")
            .values_list("routine_id", "pk")
        )
        client = Client()
        client.force_login(user)
        cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
        editor = reverse("plans:routine-edit", args=[routines[0].pk])
        runners.append(Runner(cookies=cookies, csrf_token="", editor=editor, sessions=sessions))
    exercise = Exercise.objects.order_by("pk").first()
    pages = ["/", reverse("exercises:list"), exercise.get_absolute_url()]
    return runners, pages


def fetch_csrf_tokens(load: Load):
    """Each runner's CSRF cookie and form token, from its routine editor page."""
    for runner in load.runners:
        page = load.fetch("setup", "GET", runner.editor, cookies=runner.cookies)
        if page is None:
            raise SystemExit(f"The routine editor {runner.editor} did not answer 200")
        runner.cookies, html = page
        runner.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    load.outcomes.clear()


# -- the scenarios -----------------------------------------------------------


@dataclass
class Scenario:
    number: int
    name: str
    recovery: str = ""
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    started: float = 0.0
    fault_at: float = 0.0
    back_at: float = 0.0
    orphans: set = field(default_factory=set)  # sends a dead tasks worker left RUNNING


BEGAN = time.monotonic()  # the origin of the times printed and in requests.csv


def say(message: str):
    print(message, flush=True)


def event(message: str):
    say(f"   {time.monotonic() - BEGAN:6.1f} s  {message}")


def postgres_restart(load, postgres, worker, outage_seconds, load_seconds) -> Scenario:
    from django.db import connections

    scenario = Scenario(1, "PostgreSQL restart")
    say(f"1. PostgreSQL stopped for {outage_seconds} s under load")
    scenario.started = time.monotonic()
    exits_before = len(worker.exits)
    running_before = running_sends()
    load.start(1)
    time.sleep(load_seconds / 3)
    scenario.fault_at = time.monotonic()
    event("stopping PostgreSQL")
    postgres.run("stop")
    event("PostgreSQL stopped")
    time.sleep(outage_seconds)
    postgres.run("start")
    postgres.wait_until_up()
    scenario.back_at = time.monotonic()
    event("PostgreSQL accepts connections again")
    time.sleep(max(load_seconds - (scenario.back_at - scenario.started), 10))
    load.stop()
    connections.close_all()  # this process's own connection went with the restart

    mine = [o for o in load.outcomes if o.scenario == 1]
    late = [o for o in mine if o.started >= scenario.back_at and o.result != "ok"]
    recovery = max((o.finished for o in late), default=scenario.back_at) - scenario.back_at
    scenario.recovery = f"site normal {recovery:.1f} s after PostgreSQL was back"
    if recovery > RECOVERY_TARGET:
        scenario.problems.append(f"errors {recovery:.1f} s after PostgreSQL was back")
    during = Counter(o.result for o in mine if o.result != "ok")
    if set(during) - {"503"}:
        scenario.problems.append(f"not a 503 page during the outage: {dict(during)}")
    if not during:
        scenario.notes.append("no request failed during the outage")
    for kind in ("view", "edit", "signup"):
        if not any(
            o.kind == kind and o.result == "ok" for o in mine if o.started > scenario.back_at
        ):
            scenario.problems.append(f"no {kind} succeeded after PostgreSQL was back")
    # Older than any send takes: left by the worker that died, not being sent now.
    scenario.orphans = running_sends(older_than=5) - running_before
    exits = worker.exits[exits_before:]
    if exits:
        codes = ", ".join(str(code) for _, code in exits)
        scenario.notes.append(
            f"the tasks worker exited {len(exits)}× (exit code {codes}) when PostgreSQL "
            "went away; restarted by this script, as a supervisor would"
        )
    return scenario


def smtp_outage(load, sink, outage_seconds, load_seconds) -> Scenario:
    from django.utils import timezone

    scenario = Scenario(2, "SMTP sink stopped")
    say(f"2. SMTP sink stopped for {outage_seconds} s under load")
    scenario.started = time.monotonic()
    load.start(2)
    time.sleep(load_seconds / 5)
    scenario.fault_at = time.monotonic()
    sink.stop()
    event("SMTP sink stopped")
    time.sleep(outage_seconds)
    waiting = send_tasks().filter(status="READY", run_after__gt=timezone.now()).count()
    sink.start()
    scenario.back_at = time.monotonic()
    event(f"SMTP sink started again; {waiting} e-mails wait for a retry")
    time.sleep(load_seconds / 3)
    load.stop()
    scenario.notes.append(f"{waiting} e-mails waited for a retry when the sink came back")
    deadline = scenario.back_at + longest_retry_gap(outage_seconds) + 15
    drain(load, sink, 2, deadline)
    return scenario


def kills(load, server, sink, worker, load_seconds) -> Scenario:
    scenario = Scenario(3, "SIGKILL gunicorn and tasks worker")
    say("3. a gunicorn worker, then the tasks worker mid-send, killed with SIGKILL under load")
    scenario.started = time.monotonic()
    running_before = running_sends()
    load.start(3)
    time.sleep(load_seconds / 5)

    before = children(server.process.pid)
    victim = max(before)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    event(f"gunicorn worker {victim} killed")
    replaced = None
    while time.monotonic() - killed_at < 15:
        now = children(server.process.pid)
        if victim not in now and len(now) >= serving.WORKERS:
            replaced = time.monotonic() - killed_at
            break
        time.sleep(0.05)
    if replaced is None:
        scenario.problems.append("gunicorn did not replace the killed worker within 15 s")
    else:
        event("gunicorn started a new worker")

    sink.hold("-s3-")
    if not sink.held.wait(timeout=15):
        scenario.notes.append("no e-mail was being sent: the tasks worker was killed while idle")
    interrupted = running_sends() - running_before
    worker.kill()
    event(f"tasks worker killed, {len(interrupted)} send(s) RUNNING")
    time.sleep(0.5)  # the sink sees the connection drop before it may answer
    sink.release()
    scenario.fault_at = time.monotonic()
    time.sleep(3)
    worker.start()
    scenario.back_at = time.monotonic()
    event("tasks worker started again")
    time.sleep(max(load_seconds - (scenario.back_at - scenario.started), 8))
    load.stop()
    drain(load, sink, 3, scenario.fault_at + 90)
    resumed = [t for t, _, _ in sink.deliveries if t > scenario.back_at]
    queue = f"queue resumed {resumed[0] - scenario.back_at:.1f} s after" if resumed else "no e-mail"
    worker_text = f"{replaced:.1f} s" if replaced is not None else "not"
    scenario.recovery = f"gunicorn worker replaced in {worker_text}; {queue} restart"
    if not resumed:
        scenario.problems.append("no e-mail was delivered after the tasks worker restarted")
    scenario.orphans = interrupted
    return scenario


def send_tasks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="accounts.newsletter.send_newsletter_email")


def running_sends(older_than: float = 0) -> set[str]:
    from datetime import timedelta

    from django.utils import timezone

    started_before = timezone.now() - timedelta(seconds=older_than)
    running = send_tasks().filter(status="RUNNING", started_at__lte=started_before)
    return {str(pk) for pk in running.values_list("pk", flat=True)}


def longest_retry_gap(outage_seconds: float) -> float:
    """The longest wait, after the sink is back, for an e-mail that failed during the outage."""
    from accounts.newsletter import MAX_SEND_ATTEMPTS, retry_delay

    gaps, elapsed = [], 0.0
    for attempt in range(1, MAX_SEND_ATTEMPTS):
        if elapsed > outage_seconds:
            break
        gap = retry_delay(attempt).total_seconds()
        gaps.append(gap)
        elapsed += gap
    return max(gaps)


def accepted_addresses(load, scenario: int) -> set[str]:
    return {
        o.value for o in load.outcomes if o.scenario == scenario and o.kind == "signup" and o.ok
    }


def drain(load, sink, scenario: int, deadline: float):
    """Wait until every accepted signup of `scenario` has its e-mail, or the deadline."""
    expected = accepted_addresses(load, scenario)
    shown = 0.0
    while time.monotonic() < deadline:
        delivered = {rcpt for _, _, rcpt in sink.deliveries} & expected
        if delivered == expected:
            return
        if time.monotonic() - shown >= 10:
            left = deadline - time.monotonic()
            say(f"   waiting for e-mails: {len(delivered)}/{len(expected)} ({left:.0f} s left)")
            shown = time.monotonic()
        time.sleep(0.5)


# -- the verdict -------------------------------------------------------------


@dataclass
class Row:
    scenario: Scenario
    requests: int = 0
    successes: int = 0
    errors: Counter = field(default_factory=Counter)
    slowest: float = 0.0
    signups: int = 0
    signups_found: int = 0
    edits: int = 0
    edits_found: int = 0
    queued: int = 0
    retried: int = 0
    delivered: int = 0
    duplicates: int = 0

    @property
    def passed(self) -> bool:
        return not self.scenario.problems


def check(load, sink, scenarios: list[Scenario]) -> list[Row]:
    """Compare what the load was told with what the database and the sink hold."""
    from accounts.models import Subscriber
    from plans.models import Session

    stored_names = dict(
        Session.objects.filter(
            pk__in={o.target for o in load.outcomes if o.kind == "edit"}
        ).values_list("pk", "name")
    )
    lost_edits = Counter()
    by_session = defaultdict(list)
    for outcome in sorted(load.outcomes, key=lambda o: o.started):
        if outcome.kind == "edit":
            by_session[outcome.target].append(outcome)
    for session_pk, edits in by_session.items():
        last_ok = max((i for i, o in enumerate(edits) if o.ok), default=None)
        if last_ok is None:
            continue
        # A later edit that failed may still have been saved (its answer was lost).
        allowed = {o.value for o in edits[last_ok:] if o is edits[last_ok] or not o.ok}
        if stored_names.get(session_pk) not in allowed:
            lost_edits[edits[last_ok].scenario] += 1

    addresses = {o.value for o in load.outcomes if o.kind == "signup"}
    subscribers = dict(Subscriber.objects.filter(email__in=addresses).values_list("email", "pk"))
    tasks = defaultdict(list)
    for args in send_tasks().values_list("args_kwargs", flat=True):
        tasks[args["args"][0]].append(len(args["args"]) > 3)  # a fourth argument: a retry
    per_recipient = Counter(rcpt for _, _, rcpt in sink.deliveries)
    per_message = Counter((message_id, rcpt) for _, message_id, rcpt in sink.deliveries)
    running = running_sends()

    rows = []
    for scenario in scenarios:
        mine = [o for o in load.outcomes if o.scenario == scenario.number]
        row = Row(scenario, requests=len(mine))
        row.successes = sum(o.ok for o in mine)
        row.errors = Counter(o.result for o in mine if not o.ok)
        row.slowest = max((o.finished - o.started for o in mine), default=0.0)
        accepted = {o.value for o in mine if o.kind == "signup" and o.ok}
        row.signups = len(accepted)
        row.signups_found = len(accepted & subscribers.keys())
        row.edits = sum(o.kind == "edit" and o.ok for o in mine)
        row.edits_found = row.edits - lost_edits[scenario.number]
        pks = [subscribers[a] for a in accepted if a in subscribers]
        row.queued = sum(1 for pk in pks if pk in tasks)
        row.retried = sum(1 for pk in pks if any(tasks[pk]))
        row.delivered = sum(1 for a in accepted if per_recipient[a])
        mine_addresses = {o.value for o in mine if o.kind == "signup"}
        row.duplicates = sum(
            n - 1 for a, n in per_recipient.items() if a in mine_addresses and n > 1
        )
        repeated = sum(
            n - 1 for (_, rcpt), n in per_message.items() if rcpt in mine_addresses and n > 1
        )
        judge(row, repeated)
        describe(row, mine, running)
        rows.append(row)
    return rows


def describe(row: Row, outcomes: list[Outcome], running: set[str]):
    """Notes: the first failures other than 503s, and what became of interrupted sends."""
    scenario = row.scenario
    odd = [o for o in outcomes if not o.ok and o.result != "503"]
    for o in odd[:5]:
        scenario.notes.append(
            f"{o.result}: {o.kind} {o.path} sent at +{o.started - scenario.started:.1f} s, "
            f"ended after {o.finished - o.started:.1f} s"
        )
    if scenario.orphans:
        still = len(scenario.orphans & running)
        scenario.notes.append(
            f"{len(scenario.orphans)} send(s) left RUNNING by the tasks worker that died: "
            + (f"{still} still RUNNING at the end" if still else "put back in the queue and run")
        )


def judge(row: Row, repeated_message_ids: int):
    problems = row.scenario.problems
    if row.signups_found < row.signups:
        problems.append(f"{row.signups - row.signups_found} accepted signups not in the database")
    if row.edits_found < row.edits:
        problems.append(f"{row.edits - row.edits_found} saved routine edits not in the database")
    if row.delivered < row.signups:
        problems.append(f"{row.signups - row.delivered} accepted signups got no e-mail")
    if row.duplicates or repeated_message_ids:
        problems.append(
            f"{row.duplicates} duplicate e-mails "
            f"({repeated_message_ids} of them with a repeated Message-ID)"
        )
    for kind in ("timeout", "5xx", "4xx", "unexpected"):
        if row.errors[kind]:
            problems.append(f"{row.errors[kind]} requests: {kind}")
    number = row.scenario.number
    if number == 2 and row.errors:
        problems.append("requests failed while only the mail server was down")
    if number == 1 and row.errors["connection"]:
        problems.append(f"{row.errors['connection']} connection errors")
    if number == 3 and row.errors["connection"] > 1:
        # Only the request the killed worker was serving may go unanswered.
        problems.append(f"{row.errors['connection']} connection errors (at most 1 expected)")


def table(rows: list[Row]) -> str:
    header = (
        "| Scenario | Requests | Successes | Errors by kind | Slowest (s) "
        "| Signups accepted / in DB | Edits saved / in DB "
        "| E-mails queued / retried / delivered / duplicates | Recovery | Result |"
    )
    lines = [header, "|" + " --- |" * 10]
    for row in rows:
        errors = ", ".join(f"{kind} {n}" for kind, n in sorted(row.errors.items())) or "none"
        lines.append(
            f"| {row.scenario.number}. {row.scenario.name} | {row.requests} | {row.successes} "
            f"| {errors} | {row.slowest:.2f} | {row.signups} / {row.signups_found} "
            f"| {row.edits} / {row.edits_found} "
            f"| {row.queued} / {row.retried} / {row.delivered} / {row.duplicates} "
            f"| {row.scenario.recovery} | {'PASS' if row.passed else 'FAIL'} |"
        )
    return "\n".join(lines)


def write_requests(path: Path, load: Load):
    """Every request of the run, for a closer look: seconds from the start, outcome, duration."""
    import csv

    with open(path, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["scenario", "kind", "path", "result", "sent at (s)", "took (s)", "value"])
        for o in sorted(load.outcomes, key=lambda o: o.started):
            writer.writerow(
                [
                    o.scenario,
                    o.kind,
                    o.path,
                    o.result,
                    f"{o.started - BEGAN:.3f}",
                    f"{o.finished - o.started:.3f}",
                    o.value,
                ]
            )


# -- main --------------------------------------------------------------------


@contextlib.contextmanager
def output_to(log):
    """Standard output and error of the processes started inside go to `log`."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved:
            os.close(fd)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smtp-outage-seconds", type=float, default=60)
    parser.add_argument("--db-outage-seconds", type=float, default=5)
    parser.add_argument("--load-seconds", type=float, default=25, help="load per scenario")
    parser.add_argument(
        "--scenario", type=int, choices=[1, 2, 3], action="append", help="only this one (repeat)"
    )
    parser.add_argument("--cache-url", default=DEFAULT_CACHE_URL, help="a Redis database to flush")
    parser.add_argument(
        "--disrupt-others",
        action="store_true",
        help="stop PostgreSQL even while other databases on it have clients",
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = DEFAULT_DATABASE_URL
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up as on Ctrl-C
    run_id = secrets.token_hex(3)
    logs = Path(tempfile.mkdtemp(prefix="faults-"))
    sink = Sink()
    database_url = serving.fresh_database_url("faults")
    postgres = PostgreSQL(database_url)
    if (others := postgres.others()) and not args.disrupt_others:
        raise SystemExit(
            f"PostgreSQL has clients on {', '.join(others)}: stopping it would cut them off. "
            "Wait until they are done, or pass --disrupt-others."
        )
    env = serving.production_environment(
        database_url,
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        CACHE_URL=args.cache_url,
        TASKS_BACKEND="database",
    )
    serving.use_environment(env)
    say(f"Preparing {database_url} (server and worker logs: {logs})")
    runners, pages = prepare(run_id)
    load = Load(runners, pages, run_id)

    with contextlib.ExitStack() as stack, open(logs / "server.log", "w") as server_log:
        stack.callback(sink.stop)
        sink.start()
        server = serving.Server(env, port=PORT)
        stack.callback(lambda: server.process and stop_process(server.process, grace=30))
        with output_to(server_log):  # gunicorn and its workers inherit the log
            server.__enter__()
        worker = TasksWorker(env, stack.enter_context(open(logs / "worker.log", "w")))
        stack.callback(worker.stop)
        worker.start()
        stack.callback(load.stop)
        fetch_csrf_tokens(load)

        runs = {
            1: lambda: postgres_restart(
                load, postgres, worker, args.db_outage_seconds, args.load_seconds
            ),
            2: lambda: smtp_outage(load, sink, args.smtp_outage_seconds, args.load_seconds),
            3: lambda: kills(load, server, sink, worker, args.load_seconds),
        }
        scenarios = [runs[number]() for number in sorted(set(args.scenario or runs))]
        rows = check(load, sink, scenarios)
    write_requests(logs / "requests.csv", load)

    say("")
    say(table(rows))
    say("")
    for row in rows:
        for line in row.scenario.notes:
            say(f"- {row.scenario.number}. {line}")
        for line in row.scenario.problems:
            say(f"- {row.scenario.number}. FAIL: {line}")
    passed = all(row.passed for row in rows)
    say(f"\n{'PASS' if passed else 'FAIL'}: {time.monotonic() - BEGAN:.0f} s; logs in {logs}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
