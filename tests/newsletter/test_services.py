"""What a signup records (the consent, its version, when, from which page); the one
reminder and the deletion of signups nobody confirmed."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsletter import emails, services
from newsletter.models import Subscriber
from tests.newsletter.signups import links_in, path_of, sign_up

pytestmark = pytest.mark.django_db


def test_a_signup_records_the_consent_with_its_version(client):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    assert subscriber.consent_text == services.CONSENT_TEXT
    assert subscriber.consent_version == services.CONSENT_VERSION
    assert subscriber.consent_page == "/exercises/"
    assert subscriber.consented_at is not None


def test_the_consent_shows_in_the_admin_and_in_the_data_export(client, admin_client, user):
    sign_up(client, user.email)
    subscriber = Subscriber.objects.get()
    page = admin_client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk]))
    assert services.CONSENT_VERSION in page.text
    assert services.CONSENT_TEXT in page.text
    client.force_login(user)
    [exported] = json.loads(client.get(reverse("accounts:export")).content)["newsletter"]
    assert exported["consent_version"] == services.CONSENT_VERSION
    assert exported["consent_text"] == services.CONSENT_TEXT
    assert exported["consent_page"] == "/exercises/"
    assert exported["consented_at"] == subscriber.consented_at.isoformat()


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def signed_up(client, email, days):
    sign_up(client, email)
    Subscriber.objects.filter(email=email).update(consented_at=days_ago(days))


def test_an_unconfirmed_signup_gets_one_reminder_after_two_days(client, settings):
    settings.NEWSLETTER_REMINDER_AFTER_DAYS = 2
    signed_up(client, "late@example.com", 2.1)
    signed_up(client, "new@example.com", 1)
    mail.outbox.clear()
    assert services.remind_and_prune(base_url="https://testserver") == (1, 0)
    [reminder] = mail.outbox
    assert reminder.to == ["late@example.com"]
    assert reminder.subject == emails.SUBJECTS[emails.Mail.REMINDER]
    assert "the only one we send" in reminder.body
    client.post(path_of(links_in(reminder)[0]))
    assert Subscriber.objects.get(email="late@example.com").status == Subscriber.Status.CONFIRMED

    Subscriber.objects.update(consented_at=days_ago(5))
    mail.outbox.clear()
    assert services.remind_and_prune(base_url="https://testserver") == (1, 0)
    assert [m.to for m in mail.outbox] == [["new@example.com"]], "never twice, never confirmed"
    services.remind_and_prune(base_url="https://testserver")
    assert len(mail.outbox) == 1


def test_reminders_are_off_at_zero(client, settings):
    settings.NEWSLETTER_REMINDER_AFTER_DAYS = 0
    signed_up(client, "late@example.com", 3)
    mail.outbox.clear()
    assert services.remind_and_prune(base_url="https://testserver") == (0, 0)
    assert mail.outbox == []


def test_signups_pending_for_thirty_days_are_deleted_by_the_housekeeping_command(client):
    signed_up(client, "stale@example.com", 31)
    signed_up(client, "kept@example.com", 29)
    signed_up(client, "confirmed@example.com", 400)
    Subscriber.objects.filter(email="confirmed@example.com").update(
        status=Subscriber.Status.CONFIRMED
    )
    call_command("newsletter_housekeeping", "--site-url", "https://testserver/", stdout=StringIO())
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "kept@example.com",
        "confirmed@example.com",
    }
