"""`manage.py run_worker`: the background tasks worker for production.

django-tasks-db's `db_worker`, which first puts back in the queue the newsletter
sends that a killed worker left RUNNING (accounts.newsletter explains how they
are told apart from sends a live worker holds). Without this, a worker that
is restarted after a crash, with nothing new to send, would never send them.
"""

import time

from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from accounts import newsletter


class Command(db_worker.Command):
    help = "Run the background tasks worker, resuming the sends a killed worker left running."

    def handle(self, *args, **options):
        # A send claimed within the grace may be a live worker's that has not
        # taken its lock yet: wait until it is old enough to judge.
        claimed_recently = newsletter.running_sends().filter(
            started_at__gte=timezone.now() - newsletter.ORPHAN_GRACE
        )
        if claimed_recently.exists():
            time.sleep(newsletter.ORPHAN_GRACE.total_seconds())
        newsletter.requeue_orphaned_sends()
        return super().handle(*args, **options)
