"""`manage.py run_worker`: the background tasks worker for production.

django-tasks-db's `db_worker`, which first puts back in the queue the tasks
that a killed worker left RUNNING (core.taskqueue explains how they are told
apart from tasks a live worker holds). Without this, a worker that is
restarted after a crash, with nothing new to run, would never run them.
"""

import time

from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from core import taskqueue


class Command(db_worker.Command):
    help = "Run the background tasks worker, resuming the tasks a killed worker left running."

    def handle(self, *args, **options):
        # A task claimed within the grace may be a live worker's that has not
        # taken its lock yet: wait until it is old enough to judge.
        claimed_recently = taskqueue.running_tasks().filter(
            started_at__gte=timezone.now() - taskqueue.ORPHAN_GRACE
        )
        if claimed_recently.exists():
            time.sleep(taskqueue.ORPHAN_GRACE.total_seconds())
        taskqueue.requeue_orphaned()
        return super().handle(*args, **options)
