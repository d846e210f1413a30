import uuid

from django.db import models
from django.db.models.functions import Lower


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
    consent_page = models.CharField(max_length=200, blank=True)
    consented_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
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
