import unicodedata
import uuid

from django.db import models
from django.db.models.functions import Lower

from newsletter import rendering

NAME_PUNCTUATION = frozenset(" '\N{RIGHT SINGLE QUOTATION MARK}-\N{HYPHEN}")


def is_plain_name(name: str) -> bool:
    """Letters of any script (with their accents), spaces, apostrophes and hyphens, at most 60.

    A first name is echoed in e-mails sent to an address anyone may type in, so
    it must not carry a URL or a message: no digits, dots, slashes or colons.
    """
    return 0 < len(name) <= 60 and all(
        ch in NAME_PUNCTUATION or unicodedata.category(ch)[0] in "LM" for ch in name
    )


class SubscriberQuerySet(models.QuerySet):
    def for_email(self, email: str):
        # Addresses are stored lower-cased; lower-case the lookup too, because SQLite's
        # iexact ignores case for ASCII letters only ("ÄPFEL.de" would miss "äpfel.de").
        return self.filter(email__iexact=email.strip().lower())


class Subscriber(models.Model):
    """A newsletter signup. Double opt-in: pending until the e-mailed link is clicked."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField("e-mail address")
    first_name = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING, db_index=True)
    key = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Signed into e-mailed links."
    )
    consent_text = models.CharField(max_length=300)
    consent_version = models.CharField(
        max_length=20,
        blank=True,
        help_text="The version of the consent text agreed to (blank: agreed before versions).",
    )
    consent_page = models.CharField(
        max_length=200, blank=True, help_text="The page whose signup form was used."
    )
    consented_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the one reminder to confirm went out."
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    @property
    def greeting_name(self) -> str:
        """The first name for "Hi …", or nothing: a name stored before the rule is not echoed."""
        return self.first_name if is_plain_name(self.first_name) else ""


class IssueQuerySet(models.QuerySet):
    def archived(self):
        """Issues whose sending has begun: each has a public page from that moment,
        since the e-mail's "view in your browser" link leads to it."""
        return self.filter(sent_at__isnull=False).order_by("-sent_at")

    def due(self, now):
        return self.filter(status=Issue.Status.SCHEDULED, scheduled_at__lte=now)


class Issue(models.Model):
    """One issue of the newsletter, written in Markdown in the admin and sent to every
    confirmed subscriber (newsletter.services.start_sending)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    subject = models.CharField(max_length=150)
    preheader = models.CharField(
        max_length=150,
        blank=True,
        help_text="The line a mail app shows after the subject; not shown in the e-mail itself.",
    )
    body = models.TextField(
        help_text="Markdown: paragraphs, **bold**, *italic*, lists, ## headings, "
        "[links](https://…). Raw HTML is removed."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    scheduled_at = models.DateTimeField(
        null=True, blank=True, help_text="When a scheduled issue goes out (site time)."
    )
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When sending began; the archive page is public from then."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("newsletter:issue", args=[self.pk])

    @property
    def name(self) -> str:
        """What lists of pages call it (core.structured_data.collection_page)."""
        return self.subject

    @property
    def body_html(self):
        """The body as HTML, sanitised by nh3 (newsletter.rendering)."""
        from django.utils.safestring import mark_safe

        return mark_safe(rendering.to_html(self.body))  # noqa: S308 (only allowed tags remain)

    @property
    def body_text(self) -> str:
        return rendering.to_text(self.body)


class DeliveryQuerySet(models.QuerySet):
    def counts(self) -> dict[str, int]:
        found = dict(self.values_list("status").annotate(n=models.Count("pk")).order_by())
        return {value: found.get(value, 0) for value in Delivery.Status.values}

    def unsubscribed_after(self) -> int:
        """Recipients who unsubscribed after this e-mail went out to them."""
        return self.filter(
            status=Delivery.Status.SENT,
            subscriber__status=Subscriber.Status.UNSUBSCRIBED,
            subscriber__unsubscribed_at__gt=models.F("sent_at"),
        ).count()


class Delivery(models.Model):
    """One issue to one subscriber: made for every confirmed subscriber when sending begins,
    marked sent in the transaction right after the mail server took it, so a send run again
    (a killed worker, a mail outage) skips it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not sent: unsubscribed before its turn"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once_per_subscriber"
            ),
        ]
        indexes = [models.Index(fields=["issue", "status"], name="newsletter_delivery_status")]

    def __str__(self):
        return f"{self.issue} to {self.subscriber}"
