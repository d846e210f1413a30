"""The subscriber admin: counts, export and resend."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def test_admin_lists_counts_and_exports_confirmed_only(admin_client):
    for email, status in [
        ("a@example.com", Subscriber.Status.CONFIRMED),
        ("b@example.com", Subscriber.Status.PENDING),
        ("c@example.com", Subscriber.Status.UNSUBSCRIBED),
        ("d@example.com", Subscriber.Status.CONFIRMED),
    ]:
        Subscriber.objects.create(
            email=email,
            status=status,
            consent_text="x",
            consented_at="2026-01-01T00:00Z",
            confirmed_at="2026-01-02T00:00Z" if status == "confirmed" else None,
        )
    changelist = reverse("admin:newsletter_subscriber_changelist")
    page = admin_client.get(changelist, {"status__exact": "confirmed", "q": "example"})
    assert page.status_code == 200
    assert "Confirmed: <strong>2</strong>" in page.text
    response = admin_client.post(
        changelist,
        {
            "action": "export_confirmed_csv",
            "_selected_action": list(Subscriber.objects.values_list("pk", flat=True)),
        },
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows[1:]] == ["a@example.com", "d@example.com"]


def test_admin_can_resend_confirmation(admin_client):
    subscriber = Subscriber.objects.create(
        email="late@example.com", consent_text="x", consented_at="2026-01-01T00:00Z"
    )
    admin_client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {"action": "resend_confirmation", "_selected_action": [subscriber.pk]},
    )
    assert [m.to for m in mail.outbox] == [["late@example.com"]]


def test_the_csv_export_never_hands_a_spreadsheet_a_formula(admin_client):
    subscriber = Subscriber.objects.create(
        email="=cmd@example.com",
        first_name='=HYPERLINK("https://attacker.example","x")',
        status=Subscriber.Status.CONFIRMED,
        consent_text="x",
        consent_page="@SUM(1+1)",
        consented_at="2026-01-01T00:00Z",
        confirmed_at="2026-01-02T00:00Z",
    )
    response = admin_client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {"action": "export_confirmed_csv", "_selected_action": [subscriber.pk]},
    )
    row = list(csv.reader(io.StringIO(response.content.decode())))[1]
    assert [row[0], row[1], row[4]] == [
        "'=cmd@example.com",
        '\'=HYPERLINK("https://attacker.example","x")',
        "'@SUM(1+1)",
    ]
