"""Sending the newsletter's e-mails in the background.

The send retries with exponential backoff when the mail server is down, and a
send whose worker died is run again (core.taskqueue) without sending its
e-mail twice: the cache remembers every e-mail that went out, and a send
checks it once it holds its lock.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.cache import cache
from django.tasks import task
from django.utils import timezone

from core.taskqueue import resumable, resumable_task
from newsletter.emails import Mail, build_message
from newsletter.models import Subscriber

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 6
SENT_MARK_SECONDS = 30 * 24 * 3600


def retry_delay(attempt: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes between attempts."""
    return timedelta(minutes=2 ** (attempt - 1))


@resumable_task
@task(takes_context=True)
def send_newsletter_email(
    context, subscriber_id: int, mail: str, base_url: str, attempt: int = 1
) -> None:
    with resumable(context) as task_id:
        sent_key = f"newsletter-sent:{task_id}"
        if cache.get(sent_key):
            return  # sent before its worker died, and run again since
        subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
        if subscriber is None:
            return
        if mail == Mail.REMINDER and subscriber.status != Subscriber.Status.PENDING:
            return  # confirmed (or left) since the reminder was queued
        if _send(subscriber, mail, base_url, attempt):
            cache.set(sent_key, True, SENT_MARK_SECONDS)


def _send(subscriber: Subscriber, mail: str, base_url: str, attempt: int) -> bool:
    """Send now (True), or queue the next attempt when the mail server is unreachable."""
    subscriber_id = subscriber.pk
    try:
        build_message(subscriber, Mail(mail), base_url).send()
    except (smtplib.SMTPException, OSError):
        if attempt >= MAX_SEND_ATTEMPTS:
            raise
        logger.warning(
            "Newsletter e-mail to subscriber %s failed (attempt %s)", subscriber_id, attempt
        )
        retry = send_newsletter_email
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + retry_delay(attempt))
        retry.enqueue(subscriber_id, mail, base_url, attempt + 1)
        return False
    return True


@task
def remind_and_prune(base_url: str) -> None:
    """The periodic clean-up (manage.py newsletter_housekeeping queues it)."""
    from newsletter import services  # services imports this module for its sends

    reminded, deleted = services.remind_and_prune(base_url=base_url)
    logger.info("Newsletter: %s reminder(s) queued, %s stale signup(s) deleted", reminded, deleted)
