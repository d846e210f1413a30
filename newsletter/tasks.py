"""Sending the newsletter's e-mails in the background: signup e-mails and issues.

Both retry with exponential backoff when the mail server is down, and a send
whose worker died is run again (core.taskqueue) without sending an e-mail
twice. A signup e-mail is remembered in the cache once it went out, and its
send checks the mark once it holds its lock; an issue keeps a Delivery row per
recipient in the database instead (send_issue), marked in the transaction
that sent it.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from core.taskqueue import resumable, resumable_task
from newsletter.emails import Mail, build_issue_message, build_message
from newsletter.models import Delivery, Issue, Subscriber

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


@resumable_task
@task(takes_context=True)
def send_issue(context, issue_id: int, base_url: str, attempt: int = 1) -> None:
    """One batch of an issue's deliveries, then the next batch queued after a pause.

    Each delivery is locked, sent and marked sent in a transaction of its own,
    so a worker killed in the middle leaves every e-mail that went out marked,
    and the send run again (core.taskqueue) or a second worker goes on with the
    rest. When the mail server is unreachable the batch stops and is tried
    again 1, 2, 4 … minutes later; after MAX_SEND_ATTEMPTS the deliveries left
    are marked failed (the admin can send them again).
    """
    with resumable(context):
        issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).first()
        if issue is None:
            return  # finished, or never started
        outage = deliver_batch(issue, base_url, settings.NEWSLETTER_SEND_BATCH_SIZE)
        if outage and attempt >= MAX_SEND_ATTEMPTS:
            issue.deliveries.filter(status=Delivery.Status.PENDING).update(
                status=Delivery.Status.FAILED, error=f"mail server unreachable: {outage}"[:300]
            )
        if not issue.deliveries.filter(status=Delivery.Status.PENDING).exists():
            Issue.objects.filter(pk=issue.pk).update(
                status=Issue.Status.SENT, finished_at=timezone.now()
            )
            logger.info("Newsletter issue %s sent: %s", issue.pk, issue.deliveries.counts())
            return
        if outage:
            logger.warning("Newsletter issue %s: mail server down (attempt %s)", issue.pk, attempt)
            _queue_batch(issue.pk, base_url, attempt + 1, retry_delay(attempt))
        else:
            delay = timedelta(seconds=settings.NEWSLETTER_SEND_BATCH_SECONDS)
            _queue_batch(issue.pk, base_url, 1, delay)


def _queue_batch(issue_id: int, base_url: str, attempt: int, delay: timedelta) -> None:
    batch = send_issue
    if batch.get_backend().supports_defer and delay:
        batch = batch.using(run_after=timezone.now() + delay)
    batch.enqueue(issue_id, base_url, attempt)


def deliver_batch(issue: Issue, base_url: str, size: int) -> str:
    """Send up to `size` of the issue's waiting deliveries; the mail server's error if it
    could not be reached (the delivery it was sending stays waiting), else ""."""
    waiting = issue.deliveries.filter(status=Delivery.Status.PENDING).order_by("pk")
    for pk in list(waiting.values_list("pk", flat=True)[:size]):
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("subscriber")
                .filter(pk=pk, status=Delivery.Status.PENDING)
                .first()
            )
            if delivery is None:
                continue  # another worker holds it, or it went out meanwhile
            subscriber = delivery.subscriber
            if subscriber.status != Subscriber.Status.CONFIRMED:
                delivery.status = Delivery.Status.SKIPPED
                delivery.save(update_fields=["status"])
                continue
            delivery.attempts += 1
            message = build_issue_message(issue, subscriber, to=subscriber.email, base_url=base_url)
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused as error:
                delivery.status = Delivery.Status.FAILED
                delivery.error = str(error)[:300]
            except (smtplib.SMTPException, OSError) as error:
                delivery.error = str(error)[:300] or type(error).__name__
                delivery.save(update_fields=["attempts", "error"])
                return delivery.error
            else:
                delivery.status = Delivery.Status.SENT
                delivery.sent_at = timezone.now()
                delivery.error = ""
            delivery.save(update_fields=["status", "attempts", "error", "sent_at"])
    return ""


@task
def send_due_issues(base_url: str) -> None:
    """Start sending the scheduled issues whose time has come (newsletter_housekeeping)."""
    from newsletter import services

    started = services.start_due_issues(base_url=base_url)
    if started:
        logger.info("Newsletter: started sending %s scheduled issue(s)", started)
