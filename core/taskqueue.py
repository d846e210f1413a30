"""Tasks a killed worker left half done are run again.

A task whose worker died in the middle of it (SIGKILL, out of memory, the
database restarting under it) stays RUNNING for ever: django-tasks-db never
looks at a RUNNING task again (django-tasks issue #46). So on PostgreSQL a
task that wants to be resumed runs inside ``resumable(context)``, which holds
an advisory lock named after its task id while it runs; the server drops the
lock when the worker's session ends, and a RUNNING task whose lock is free is
put back in the queue: when a worker starts (``manage.py run_worker``), and
every ORPHAN_CHECK_SECONDS by each worker while it runs such tasks.

A task run again must be safe to run twice: the newsletter's sends remember
each e-mail that went out (newsletter.tasks).
"""

import hashlib
import logging
from contextlib import contextmanager, suppress
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# The tasks (by module path) whose body runs in `resumable()`: only they are
# ever requeued, since only their lock tells a live worker from a dead one.
RESUMABLE_TASKS: set[str] = set()
ORPHAN_GRACE = timedelta(seconds=2)  # from a worker's claim of a task to its lock
ORPHAN_CHECK_SECONDS = 30


def lock_id(task_id: str) -> int:
    """A task's advisory lock: a signed 64-bit number made from its id."""
    digest = hashlib.blake2b(str(task_id).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lockable(backend_alias: str = "default") -> bool:
    """Tasks are queued in PostgreSQL, where a worker's session can hold a lock."""
    backend = task_backends[backend_alias]
    return isinstance(backend, DatabaseBackend) and connection.vendor == "postgresql"


def _advisory(statement: str, lock: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(statement, [lock])
        return cursor.fetchone()[0]


def resumable_task(task):
    """Register a task (made with ``@task(takes_context=True)``) that runs in ``resumable``.

    The module defining it must be imported when the app is ready, so that a
    worker knows it before it runs anything.
    """
    RESUMABLE_TASKS.add(task.module_path)
    return task


@contextmanager
def resumable(context):
    """Run a task's body holding its lock, so that a dead worker's copy can be found."""
    result = context.task_result
    task_id = str(result.id)
    if not lockable(result.backend):
        yield task_id
        return
    lock = lock_id(task_id)
    _advisory("SELECT pg_advisory_lock(%s)", lock)
    try:
        worker_id = result.worker_ids[-1] if result.worker_ids else ""
        if cache.add(f"tasks-orphan-check:{worker_id}", True, ORPHAN_CHECK_SECONDS):
            requeue_orphaned(excluding=task_id)
        yield task_id
    finally:
        with suppress(DatabaseError):  # a session that was cut has no lock left to free
            _advisory("SELECT pg_advisory_unlock(%s)", lock)


def running_tasks():
    """Resumable tasks marked RUNNING in the queue, by a live worker or a dead one."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path__in=sorted(RESUMABLE_TASKS)
    )


def requeue_orphaned(*, excluding: str = "") -> int:
    """Put back in the queue the tasks whose worker died while running them (PostgreSQL).

    A task claimed less than ORPHAN_GRACE ago is left alone: its worker may
    not have taken its lock yet.
    """
    if not lockable():
        return 0
    running = running_tasks().filter(started_at__lt=timezone.now() - ORPHAN_GRACE)
    if excluding:
        running = running.exclude(pk=excluding)
    requeued = 0
    for task_id in running.values_list("pk", flat=True):
        lock = lock_id(task_id)
        if not _advisory("SELECT pg_try_advisory_lock(%s)", lock):
            continue  # its worker is alive and running it
        try:
            requeued += running.filter(pk=task_id).update(status=TaskResultStatus.READY)
        finally:
            _advisory("SELECT pg_advisory_unlock(%s)", lock)
    if requeued:
        logger.warning("Requeued %s task(s) whose worker died running them", requeued)
    return requeued
