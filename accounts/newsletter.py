"""The newsletter's double opt-in: subscribe, confirm, download the template, unsubscribe.

Links carry signed tokens (the subscriber's random key, never a database id),
one salt per purpose: a confirmation link lasts seven days, a download link
thirty, an unsubscribe link for ever. The subscriber row is committed before
any e-mail is queued, so a mail outage never loses a signup; the sending task
retries with exponential backoff, and a send whose worker died is run again,
without sending its e-mail twice.
"""

import hashlib
import logging
import smtplib
import uuid
from contextlib import contextmanager, suppress
from datetime import timedelta
from enum import StrEnum

from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.tasks import TaskResultStatus, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from accounts.models import Subscriber

logger = logging.getLogger(__name__)

CONSENT_TEXT = (
    "Send me the free strength training template and the Runner Strength newsletter, "
    "about once a week. I can unsubscribe with one click at any time."
)
TEMPLATE_SLUG = "runners-strength-template"
SIGNUPS_PER_IP_PER_HOUR = 5
# E-mails to one address, whatever IPs the signups come from: (how many, in seconds).
MAILS_PER_ADDRESS = ((1, 3 * 60), (10, 24 * 3600))
MAX_SEND_ATTEMPTS = 6


class Purpose(StrEnum):
    CONFIRM = "confirm"
    DOWNLOAD = "download"
    UNSUBSCRIBE = "unsubscribe"


TOKEN_MAX_AGE = {
    Purpose.CONFIRM: timedelta(days=7),
    Purpose.DOWNLOAD: timedelta(days=30),
    Purpose.UNSUBSCRIBE: None,
}


class Mail(StrEnum):
    CONFIRM = "confirm"
    ALREADY_SUBSCRIBED = "already_subscribed"


class BadLink(Exception):
    """A link that was tampered with, has expired, or names no subscriber."""


def make_token(subscriber: Subscriber, purpose: Purpose) -> str:
    return signing.TimestampSigner(salt=f"newsletter.{purpose}").sign(subscriber.key.hex)


def read_token(token: str, purpose: Purpose) -> Subscriber:
    signer = signing.TimestampSigner(salt=f"newsletter.{purpose}")
    try:
        key = uuid.UUID(hex=signer.unsign(token, max_age=TOKEN_MAX_AGE[purpose]))
        return Subscriber.objects.get(key=key)
    except (signing.BadSignature, ValueError, Subscriber.DoesNotExist) as error:
        raise BadLink from error


def within_limit(name: str, limit: int, seconds: int) -> bool:
    """Count one more event against `name`: False once there were more than `limit`
    in the window of `seconds` the first of them opened."""
    key = f"newsletter-limit:{name}:{seconds}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the counter expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return True


def signup_allowed(ip_address: str) -> bool:
    """A few signups per IP address an hour: the rest are refused with a 429."""
    return within_limit(f"ip:{ip_address}", SIGNUPS_PER_IP_PER_HOUR, 3600)


def mail_allowed(email: str) -> bool:
    """No one can flood an inbox with our e-mails by signing it up from many IPs.

    Past the limit the signup is still recorded and the page looks the same;
    the link in the e-mail already sent still works.
    """
    address = hashlib.sha256(email.encode()).hexdigest()
    return all(within_limit(f"mail:{address}", n, seconds) for n, seconds in MAILS_PER_ADDRESS)


def subscribe(*, email: str, first_name: str, source: str, base_url: str) -> Subscriber:
    """Record the signup, then queue the right e-mail. The caller shows the same page either way.

    New, pending and unsubscribed addresses get a fresh confirmation link;
    a confirmed address gets a reminder with its template links.
    """
    try:
        with transaction.atomic():
            subscriber, mail = _record_signup(email, first_name, source)
    except IntegrityError:  # the same address signed up at the same moment
        with transaction.atomic():
            subscriber, mail = _record_signup(email, first_name, source)
    if mail_allowed(subscriber.email):
        send_newsletter_email.enqueue(subscriber.pk, mail, base_url)
    else:
        logger.info("Newsletter e-mail to subscriber %s held back: too many signups", subscriber.pk)
    return subscriber


def _record_signup(email, first_name, source):
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().for_email(email).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber, Mail.ALREADY_SUBSCRIBED
    if subscriber is None:
        subscriber = Subscriber(email=email.strip().lower())
    subscriber.first_name = first_name or subscriber.first_name
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consent_text = CONSENT_TEXT
    subscriber.consent_page = source
    subscriber.consented_at = now
    subscriber.unsubscribed_at = None
    subscriber.save()
    return subscriber, Mail.CONFIRM


def confirm(subscriber: Subscriber) -> None:
    """Idempotent: confirming twice keeps the first confirmation time."""
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


def links(subscriber: Subscriber, base_url: str) -> dict[str, str]:
    def absolute(name, purpose, **kwargs):
        token = make_token(subscriber, purpose)
        return base_url + reverse(f"newsletter:{name}", kwargs={"token": token, **kwargs})

    return {
        "confirm_url": absolute("confirm", Purpose.CONFIRM),
        "pdf_url": absolute("template-pdf", Purpose.DOWNLOAD),
        "xlsx_url": absolute("template-xlsx", Purpose.DOWNLOAD),
        "unsubscribe_url": absolute("unsubscribe", Purpose.UNSUBSCRIBE),
    }


SUBJECTS = {
    Mail.CONFIRM: "Confirm your e-mail to get your strength training template",
    Mail.ALREADY_SUBSCRIBED: "You're already subscribed: here is your template",
}


def build_message(subscriber: Subscriber, mail: Mail, base_url: str) -> EmailMultiAlternatives:
    """Plain text and HTML, with RFC 8058 one-click unsubscribe headers."""
    context = {"subscriber": subscriber, **links(subscriber, base_url)}
    message = EmailMultiAlternatives(
        subject=SUBJECTS[mail],
        body=render_to_string(f"accounts/email/newsletter_{mail}.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string(f"accounts/email/newsletter_{mail}.html", context), "text/html"
    )
    return message


def retry_delay(attempt: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes between attempts."""
    return timedelta(minutes=2 ** (attempt - 1))


# A send whose worker died in the middle of it (SIGKILL, out of memory, the
# database restarting under it) stays RUNNING for ever: django-tasks-db never
# looks at a RUNNING task again (django-tasks issue #46). So on PostgreSQL a
# send holds an advisory lock named after its task while it runs; the server
# drops the lock when the worker's session ends, and a RUNNING send whose lock
# is free is put back in the queue: when a worker starts (`manage.py
# run_worker`), by the first send of every worker, then every
# ORPHAN_CHECK_SECONDS while it sends. The cache remembers every e-mail that
# went out, and a send checks it once it holds its lock, so a send run twice
# (its worker died between the mail server's "accepted" and the task's
# "successful", or was only slow to take its lock) sends its e-mail once.
ORPHAN_GRACE = timedelta(seconds=2)  # from a worker's claim of a send to its lock
ORPHAN_CHECK_SECONDS = 30
SENT_MARK_SECONDS = 30 * 24 * 3600


def _lock_id(task_id: str) -> int:
    """A send's advisory lock: a signed 64-bit number made from its task id."""
    digest = hashlib.blake2b(str(task_id).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lockable() -> bool:
    """Sends are queued in PostgreSQL, where a worker's session can hold a lock."""
    backend = send_newsletter_email.get_backend()
    return isinstance(backend, DatabaseBackend) and connection.vendor == "postgresql"


def _advisory(statement: str, lock_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(statement, [lock_id])
        return cursor.fetchone()[0]


@contextmanager
def _holding_lock(task_id: str):
    if not _lockable():
        yield
        return
    lock_id = _lock_id(task_id)
    _advisory("SELECT pg_advisory_lock(%s)", lock_id)
    try:
        yield
    finally:
        with suppress(DatabaseError):  # a session that was cut has no lock left to free
            _advisory("SELECT pg_advisory_unlock(%s)", lock_id)


def running_sends():
    """The newsletter sends marked RUNNING in the queue, by a live worker or a dead one."""
    return DBTaskResult.objects.filter(
        task_path=send_newsletter_email.module_path, status=TaskResultStatus.RUNNING
    )


def requeue_orphaned_sends(*, excluding: str = "") -> int:
    """Put back in the queue the sends whose worker died while running them (PostgreSQL).

    A send claimed less than ORPHAN_GRACE ago is left alone: its worker may not
    have taken its lock yet.
    """
    if not _lockable():
        return 0
    running = running_sends().filter(started_at__lt=timezone.now() - ORPHAN_GRACE)
    if excluding:
        running = running.exclude(pk=excluding)
    requeued = 0
    for task_id in running.values_list("pk", flat=True):
        lock_id = _lock_id(task_id)
        if not _advisory("SELECT pg_try_advisory_lock(%s)", lock_id):
            continue  # its worker is alive and sending
        try:
            requeued += running.filter(pk=task_id).update(status=TaskResultStatus.READY)
        finally:
            _advisory("SELECT pg_advisory_unlock(%s)", lock_id)
    if requeued:
        logger.warning("Requeued %s newsletter e-mail(s) whose worker died sending them", requeued)
    return requeued


@task(takes_context=True)
def send_newsletter_email(
    context, subscriber_id: int, mail: str, base_url: str, attempt: int = 1
) -> None:
    task_id = str(context.task_result.id)
    worker_id = context.task_result.worker_ids[-1] if context.task_result.worker_ids else ""
    sent_key = f"newsletter-sent:{task_id}"
    with _holding_lock(task_id):
        if cache.add(f"newsletter-orphan-check:{worker_id}", True, ORPHAN_CHECK_SECONDS):
            requeue_orphaned_sends(excluding=task_id)
        if cache.get(sent_key):
            return  # sent before its worker died, and run again since
        subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
        if subscriber is None:
            return
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
