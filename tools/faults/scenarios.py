"""The three faults, each injected under load, and the waits around them."""

import os
import signal
import time
from collections import Counter
from dataclasses import dataclass, field

from tools.faults.load import accepted_signups
from tools.faults.newsletter import longest_retry_gap, running_sends, send_tasks
from tools.faults.processes import children
from tools.serving import WORKERS

RECOVERY_TARGET = 5  # seconds after PostgreSQL is back, from CONN_HEALTH_CHECKS


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
        if victim not in now and len(now) >= WORKERS:
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


def drain(load, sink, scenario: int, deadline: float):
    """Wait until every accepted signup of `scenario` has its e-mail, or the deadline."""
    expected = accepted_signups(o for o in load.outcomes if o.scenario == scenario)
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
