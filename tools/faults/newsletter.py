"""What the tools know of the newsletter's e-mail task, in one place.

The task's rows are found through the task object itself (its module path),
and the retry schedule through the newsletter's public names. (Imported
inside the functions: Django is set up by then.)
"""


def send_tasks():
    """The queued, running and finished sends of newsletter e-mails."""
    from django_tasks_db.models import DBTaskResult

    from newsletter.tasks import send_newsletter_email

    return DBTaskResult.objects.filter(task_path=send_newsletter_email.module_path)


def running_sends(older_than: float = 0) -> set[str]:
    from datetime import timedelta

    from django.utils import timezone

    started_before = timezone.now() - timedelta(seconds=older_than)
    running = send_tasks().filter(status="RUNNING", started_at__lte=started_before)
    return {str(pk) for pk in running.values_list("pk", flat=True)}


def longest_retry_gap(outage_seconds: float) -> float:
    """The longest wait, after the sink is back, for an e-mail that failed during the outage."""
    from newsletter.tasks import MAX_SEND_ATTEMPTS, retry_delay

    gaps, elapsed = [], 0.0
    for attempt in range(1, MAX_SEND_ATTEMPTS):
        if elapsed > outage_seconds:
            break
        gap = retry_delay(attempt).total_seconds()
        gaps.append(gap)
        elapsed += gap
    return max(gaps)
