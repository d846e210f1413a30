"""What a signup records: the consent given, its version, when and from which page."""

import json

import pytest
from django.urls import reverse

from newsletter import services
from newsletter.models import Subscriber
from tests.newsletter.signups import sign_up

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
