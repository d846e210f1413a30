"""Sending the newsletter's e-mails: retries, and sends a killed worker left running."""

import time
from datetime import timedelta

import psycopg
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core import taskqueue
from newsletter import tasks
from newsletter.models import Subscriber
from tests.accounts.mailers import FlakyBackend
from tests.newsletter.signups import (
    CHECK_INBOX,
    sign_up,
)

pytestmark = pytest.mark.django_db


def test_smtp_down_keeps_the_signup_and_retries(client, settings, caplog):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    response = sign_up(client)
    assert response.url == CHECK_INBOX
    assert Subscriber.objects.get().email == "ann@example.com"
    retries = [r for r in caplog.records if "failed (attempt" in r.getMessage()]
    assert len(retries) == tasks.MAX_SEND_ATTEMPTS - 1


def test_a_failed_send_is_retried_until_it_succeeds(client, settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": "tests.accounts.mailers.FlakyBackend"}}
    FlakyBackend.failures = 3
    sign_up(client)
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1
    assert len([r for r in caplog.records if "failed (attempt" in r.getMessage()]) == 3


def test_retries_back_off():
    assert [tasks.retry_delay(n).total_seconds() / 60 for n in range(1, 6)] == [1, 2, 4, 8, 16]


# Sends queued in the database, worked off the way `manage.py db_worker` does,
# inside the test's transaction.
only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's"
)


@pytest.fixture
def queued_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_send():
    return DBTaskResult.objects.filter(task_path=tasks.send_newsletter_email.module_path).earliest(
        "enqueued_at"
    )


def work_off_the_queue():
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (ready := DBTaskResult.objects.ready().first()) is not None:
        ready.claim(worker.worker_id)
        worker.run_task(ready)


def worker_dies_running(send):
    """A worker claimed the send a minute ago and was killed: the row says RUNNING."""
    DBTaskResult.objects.filter(pk=send.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=1)
    )


def test_a_send_run_again_after_its_email_went_out_sends_nothing(client, queued_in_database):
    sign_up(client)
    work_off_the_queue()
    assert len(mail.outbox) == 1
    # Its worker died after the mail server took the e-mail, before the task
    # was marked successful; the send is run again.
    send = queued_send()
    DBTaskResult.objects.filter(pk=send.pk).update(status=TaskResultStatus.READY)
    work_off_the_queue()
    assert len(mail.outbox) == 1
    assert queued_send().status == TaskResultStatus.SUCCESSFUL


@only_on_postgresql
def test_a_send_whose_worker_died_goes_back_in_the_queue_and_is_sent_once(
    client, queued_in_database
):
    sign_up(client)
    worker_dies_running(queued_send())
    assert taskqueue.requeue_orphaned() == 1
    assert queued_send().status == TaskResultStatus.READY
    work_off_the_queue()
    assert [m.to for m in mail.outbox] == [["ann@example.com"]]


@only_on_postgresql
def test_a_restarted_worker_sends_what_the_killed_one_left_running(client, queued_in_database):
    sign_up(client, "first@example.com")
    worker_dies_running(queued_send())
    sign_up(client, "second@example.com")
    work_off_the_queue()  # the new worker's first send puts the first one back
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.com", "second@example.com"]


@only_on_postgresql
# Committed for real: the worker checks its connection between tasks, which
# would end a test's enclosing transaction.
@pytest.mark.django_db(transaction=True)
def test_a_worker_started_after_a_crash_sends_what_the_killed_one_left_running(
    client, queued_in_database
):
    sign_up(client)
    worker_dies_running(queued_send())
    # Nothing new is queued: only the start-up check can find the stuck send.
    call_command("run_worker", batch=True, startup_delay=False, verbosity=0)
    assert [m.to for m in mail.outbox] == [["ann@example.com"]]
    assert queued_send().status == TaskResultStatus.SUCCESSFUL


def wait_until_lock_freed(lock_id: int, timeout: float = 10):
    """The server ends a closed session's backend a moment after the client goes: until
    then that backend still holds its advisory locks."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                "AND classid::bigint = %s AND objid::bigint = %s AND objsubid = 1",
                [(lock_id >> 32) & 0xFFFFFFFF, lock_id & 0xFFFFFFFF],
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@only_on_postgresql
def test_a_send_whose_worker_is_alive_stays_running_until_the_worker_dies(
    client, queued_in_database
):
    sign_up(client)
    send = queued_send()
    worker_dies_running(send)
    # The worker's own database session holds the send's lock while it sends.
    worker = psycopg.connect(**connection.get_connection_params())
    worker.execute("SELECT pg_advisory_lock(%s)", [taskqueue.lock_id(send.pk)])
    assert taskqueue.requeue_orphaned() == 0
    assert queued_send().status == TaskResultStatus.RUNNING

    worker.close()  # killed: PostgreSQL ends its session and frees the lock
    wait_until_lock_freed(taskqueue.lock_id(send.pk))
    assert taskqueue.requeue_orphaned() == 1
    assert queued_send().status == TaskResultStatus.READY


@only_on_postgresql
def test_a_send_claimed_a_moment_ago_is_left_to_its_worker(client, queued_in_database):
    sign_up(client)
    send = queued_send()
    send.claim("busy-worker")  # not locked yet: the worker is about to start the send
    assert taskqueue.requeue_orphaned() == 0
    assert queued_send().status == TaskResultStatus.RUNNING
