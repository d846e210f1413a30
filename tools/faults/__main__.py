"""`python -m tools.faults`: see tools/faults/__init__.py."""

import argparse
import contextlib
import os
import secrets
import signal
import sys
import tempfile
import time
from pathlib import Path

import tools.faults
from tools.faults import cluster
from tools.faults.check import check
from tools.faults.content import fetch_csrf_tokens, prepare
from tools.faults.issue import ISSUE_BATCH_SECONDS, ISSUE_BATCH_SIZE, issue_send
from tools.faults.load import Load
from tools.faults.processes import PostgreSQL, TasksWorker
from tools.faults.report import table, write_requests
from tools.faults.scenarios import BEGAN, kills, postgres_restart, say, smtp_outage
from tools.faults.sink import Sink
from tools.serving import (
    Server,
    free_port,
    fresh_database_url,
    prepare_site,
    production_environment,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/5"


def arguments():
    parser = argparse.ArgumentParser(
        prog="python -m tools.faults", description=tools.faults.__doc__.splitlines()[0]
    )
    parser.add_argument("--smtp-outage-seconds", type=float, default=60)
    parser.add_argument("--db-outage-seconds", type=float, default=5)
    parser.add_argument("--load-seconds", type=float, default=25, help="load per scenario")
    parser.add_argument(
        "--issue-recipients", type=int, default=500, help="scenario 4: subscribers of the issue"
    )
    parser.add_argument(
        "--issue-outage-seconds",
        type=float,
        default=60,
        help="scenario 4: how long the SMTP sink is down in the middle of the issue",
    )
    parser.add_argument(
        "--scenario",
        type=int,
        choices=[1, 2, 3, 4, 5],
        action="append",
        help="only this one (repeat)",
    )
    parser.add_argument("--cache-url", default=DEFAULT_CACHE_URL, help="a Redis database to flush")
    parser.add_argument(
        "--disrupt-others",
        action="store_true",
        help="stop PostgreSQL even while other databases on it have clients",
    )
    return parser.parse_args()


def main():
    args = arguments()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = DEFAULT_DATABASE_URL
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up as on Ctrl-C
    run_id = secrets.token_hex(3)
    logs = Path(tempfile.mkdtemp(prefix="faults-"))
    sink = Sink()
    database_url = fresh_database_url("faults")
    postgres = PostgreSQL(database_url)
    chosen = set(args.scenario or [1, 2, 3, 4, 5])
    if 1 in chosen and (others := postgres.others()) and not args.disrupt_others:
        raise SystemExit(
            f"PostgreSQL has clients on {', '.join(others)}: stopping it would cut them off. "
            "Wait until they are done, or pass --disrupt-others."
        )
    env = production_environment(
        database_url,
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        CACHE_URL=args.cache_url,
        TASKS_BACKEND="database",
        NEWSLETTER_SEND_BATCH_SIZE=str(ISSUE_BATCH_SIZE),
        NEWSLETTER_SEND_BATCH_SECONDS=str(ISSUE_BATCH_SECONDS),
    )
    say(f"Preparing {database_url} (server and worker logs: {logs})")
    prepare_site(env)
    runners, pages = prepare(run_id)
    load = Load(runners, pages, run_id)

    with contextlib.ExitStack() as stack:
        stack.callback(sink.stop)
        sink.start()
        server_log = stack.enter_context(open(logs / "server.log", "w"))
        server = stack.enter_context(Server(env, port=free_port("FAULTS_PORT"), log=server_log))
        load.port = server.port
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
            4: lambda: issue_send(
                load,
                sink,
                worker,
                run_id,
                args.issue_recipients,
                args.issue_outage_seconds,
                args.load_seconds,
            ),
            5: lambda: cluster.two_instances(load, sink, env, logs, args.load_seconds),
        }
        if not cluster.available():
            say(f"{cluster.NUMBER}. skipped: HAProxy is missing (apt-get install haproxy)")
            del runs[cluster.NUMBER]
        scenarios = [runs[number]() for number in sorted(chosen & runs.keys())]
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
