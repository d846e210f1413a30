"""The newsletter's double opt-in: subscribe, confirm, download the template, unsubscribe.

Links carry signed tokens (the subscriber's random key, never a database id),
one salt per purpose: a confirmation link lasts seven days, a download link
thirty, an unsubscribe link for ever. The subscriber row is committed before
any e-mail is queued, so a mail outage never loses a signup; the sending task
retries with exponential backoff.
"""

import logging
import smtplib
import uuid
from datetime import timedelta
from enum import StrEnum

from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Subscriber

logger = logging.getLogger(__name__)

CONSENT_TEXT = (
    "Send me the free strength training template and the Runner Strength newsletter, "
    "about once a week. I can unsubscribe with one click at any time."
)
TEMPLATE_SLUG = "runners-strength-template"
SIGNUPS_PER_IP_PER_HOUR = 5
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


def signup_allowed(ip_address: str) -> bool:
    """A few signups per IP address an hour: the rest are refused with a 429."""
    key = f"newsletter-signups:{ip_address}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= SIGNUPS_PER_IP_PER_HOUR
    except ValueError:  # the counter expired between add and incr
        cache.set(key, 1, timeout=3600)
        return True


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
    send_newsletter_email.enqueue(subscriber.pk, mail, base_url)
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


@task
def send_newsletter_email(subscriber_id: int, mail: str, base_url: str, attempt: int = 1) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
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
