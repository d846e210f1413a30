"""The subscriber admin: counts, export and resend."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from newsletter.models import Subscriber
from tests.accounts.factories import UserFactory

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


def pending_subscriber(email="late@example.com"):
    return Subscriber.objects.create(
        email=email, consent_text="x", consented_at="2026-01-01T00:00Z"
    )


def test_staff_who_may_only_view_subscribers_cannot_resend_or_export(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_subscriber"))
    client.force_login(viewer)
    subscriber = pending_subscriber()
    changelist = reverse("admin:newsletter_subscriber_changelist")

    assert client.get(changelist).status_code == 200
    for action in ("resend_confirmation", "export_confirmed_csv"):
        response = client.post(changelist, {"action": action, "_selected_action": [subscriber.pk]})
        assert response["Content-Type"].startswith("text/html"), action
    assert mail.outbox == []


def test_resending_keeps_to_the_per_address_limit(admin_client):
    subscriber = pending_subscriber()
    for _ in range(3):
        admin_client.post(
            reverse("admin:newsletter_subscriber_changelist"),
            {"action": "resend_confirmation", "_selected_action": [subscriber.pk]},
        )
    assert [m.to for m in mail.outbox] == [["late@example.com"]]


@pytest.mark.parametrize(
    "query",
    [
        {"created__year": "99999"},
        {"created__year": "9999", "created__month": "12"},
        {"created__year": "9999", "created__month": "12", "created__day": "31"},
        {"created__year": "0"},
        {"created__gte": "99999-01-01"},
    ],
)
def test_an_absurd_date_in_the_subscriber_list_is_no_500(admin_client, query):
    pending_subscriber()
    response = admin_client.get(reverse("admin:newsletter_subscriber_changelist"), query)
    assert response.status_code in (200, 302, 400)
