import unicodedata
import uuid

from django.db import models
from django.db.models.functions import Lower

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
