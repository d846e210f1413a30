"""The newsletter's double opt-in: subscribe, confirm, unsubscribe, and the limits on them.

The subscriber row is committed before any e-mail is queued, so a mail outage
never loses a signup (newsletter.tasks sends and retries).
"""

import hashlib
import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core import invalidation
from core.limits import within_limit
from newsletter.emails import Mail, build_issue_message
from newsletter.models import Delivery, Issue, Subscriber
from newsletter.tasks import send_issue, send_newsletter_email

logger = logging.getLogger(__name__)

# What a signup agrees to. Changing the words needs a new version: each signup
# stores the version and the words it saw.
CONSENT_VERSION = "2026-12-02"
CONSENT_TEXT = (
    "Send me the free strength training template and the Runner Strength newsletter, "
    "about once a week. I can unsubscribe with one click at any time."
)
SIGNUPS_PER_IP_PER_HOUR = 5
PENDING_KEPT = timedelta(days=30)  # an unconfirmed signup older than this is deleted
# E-mails to one address, whatever IPs the signups come from: (how many, in seconds).
MAILS_PER_ADDRESS = ((1, 3 * 60), (10, 24 * 3600))


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
    subscriber.consent_version = CONSENT_VERSION
    subscriber.consent_page = source
    subscriber.consented_at = now
    subscriber.reminded_at = None
    subscriber.unsubscribed_at = None
    subscriber.save()
    return subscriber, Mail.CONFIRM


def resend_confirmations(*, subscribers: QuerySet[Subscriber], base_url: str) -> int:
    """Queue the confirmation e-mail again for the pending ones among `subscribers`, within
    the per-address limit a signup has (`mail_allowed`): the admin cannot flood an inbox."""
    pending = [
        subscriber
        for subscriber in subscribers.filter(status=Subscriber.Status.PENDING)
        if mail_allowed(subscriber.email)
    ]
    for subscriber in pending:
        send_newsletter_email.enqueue(subscriber.pk, Mail.CONFIRM, base_url)
    return len(pending)


def remind_and_prune(*, base_url: str) -> tuple[int, int]:
    """One reminder to each signup left unconfirmed for NEWSLETTER_REMINDER_AFTER_DAYS
    (never a second, never once confirmed), and delete the signups still pending
    after PENDING_KEPT: an address nobody confirmed is kept no longer than that.

    The reminders are marked before they are queued, as subscribe() commits
    before it sends. Returns (reminded, deleted).
    """
    now = timezone.now()
    pending = Subscriber.objects.filter(status=Subscriber.Status.PENDING)
    reminded = []
    with transaction.atomic():
        deleted, _ = pending.filter(consented_at__lt=now - PENDING_KEPT).delete()
        if settings.NEWSLETTER_REMINDER_AFTER_DAYS:
            after = timedelta(days=settings.NEWSLETTER_REMINDER_AFTER_DAYS)
            due = pending.select_for_update().filter(
                reminded_at=None, consented_at__lte=now - after
            )
            reminded = list(due.values_list("pk", flat=True))
            Subscriber.objects.filter(pk__in=reminded).update(reminded_at=now)
    for pk in reminded:
        send_newsletter_email.enqueue(pk, Mail.REMINDER, base_url)
    return len(reminded), deleted


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


class NotSendable(Exception):
    """The issue has been sent (or is being sent) already, or the schedule is in the past."""


def start_sending(*, issue: Issue, base_url: str) -> int:
    """Send `issue` to every subscriber confirmed now, through the tasks queue.

    One Delivery row per recipient is made in the same transaction that marks
    the issue as sending, so the list of recipients is fixed once, and each
    row is the record that its e-mail went out (newsletter.tasks.send_issue).
    The archive page is public from this moment. Returns the recipients.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            raise NotSendable(f"This issue is {issue.get_status_display().lower()} already.")
        issue.status = Issue.Status.SENDING
        issue.sent_at = timezone.now()
        issue.save(update_fields=["status", "sent_at", "updated"])
        confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).order_by("pk")
        Delivery.objects.bulk_create(
            (
                Delivery(issue=issue, subscriber_id=pk)
                for pk in confirmed.values_list("pk", flat=True)
            ),
            batch_size=1000,
            ignore_conflicts=True,
        )
        recipients = issue.deliveries.count()
        invalidation.retire_content()  # the archive list gains it
    send_issue.enqueue(issue.pk, base_url)
    return recipients


def schedule(*, issue: Issue, at) -> None:
    """Send `issue` at `at` (newsletter_housekeeping starts the issues that are due)."""
    if at <= timezone.now():
        raise NotSendable("Pick a time in the future, or send it now.")
    updated = Issue.objects.filter(
        pk=issue.pk, status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]
    ).update(status=Issue.Status.SCHEDULED, scheduled_at=at)
    if not updated:
        raise NotSendable("This issue has been sent already.")


def unschedule(*, issue: Issue) -> None:
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED).update(
        status=Issue.Status.DRAFT
    )


def start_due_issues(*, base_url: str) -> int:
    """Start every scheduled issue whose time has come; each only once."""
    started = 0
    for issue in Issue.objects.due(timezone.now()).order_by("scheduled_at"):
        try:
            start_sending(issue=issue, base_url=base_url)
        except NotSendable:
            continue  # started by another run meanwhile
        started += 1
    return started


def send_test(*, issue: Issue, to: str, base_url: str) -> None:
    """The issue, marked as a test, to one staff member's address, at once.

    It carries the unsubscribe link of that address's subscription if there is one.
    """
    subscriber = Subscriber.objects.for_email(to).first()
    build_issue_message(issue, subscriber, to=to, base_url=base_url, test=True).send()


def resend_failed(*, issue: Issue, base_url: str) -> int:
    """Give the issue's failed deliveries another go (after a long mail outage)."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        again = issue.deliveries.filter(status=Delivery.Status.FAILED).update(
            status=Delivery.Status.PENDING, error=""
        )
        if not again or issue.status == Issue.Status.SENDING:
            return again  # a send under way picks them up
        Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING, finished_at=None)
    send_issue.enqueue(issue.pk, base_url)
    return again


def signups_of(user) -> QuerySet[Subscriber]:
    """Signups for the account's address and for any other address the user has verified."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    signups = Subscriber.objects.none()
    for address in {user.email, *verified}:
        signups |= Subscriber.objects.for_email(address)
    return signups


def export_for(user) -> list[dict]:
    """The user's signups, for their data export."""
    return [
        {
            "email": subscriber.email,
            "first_name": subscriber.first_name,
            "status": subscriber.status,
            "consent_text": subscriber.consent_text,
            "consent_version": subscriber.consent_version,
            "consent_page": subscriber.consent_page,
            "consented_at": subscriber.consented_at.isoformat(),
            "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
            "unsubscribed_at": subscriber.unsubscribed_at
            and subscriber.unsubscribed_at.isoformat(),
            "issues_sent": [
                {"subject": subject, "sent_at": sent_at.isoformat()}
                for subject, sent_at in subscriber.deliveries.filter(
                    status=Delivery.Status.SENT
                ).values_list("issue__subject", "sent_at")
            ],
        }
        for subscriber in signups_of(user).order_by("email")
    ]
