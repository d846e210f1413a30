"""Issues in the admin: preview, a test to oneself, send now or schedule, and the counts."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletter import services
from newsletter.models import Delivery, Issue
from tests.accounts.factories import UserFactory
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def staff_who_may(client, *codenames):
    member = UserFactory(is_staff=True)
    member.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(member)
    return member


def send_page(issue):
    return reverse("admin:newsletter_issue_send", args=[issue.pk])


def test_staff_who_may_only_view_issues_can_preview_but_never_send(client):
    staff_who_may(client, "view_issue")
    SubscriberFactory()
    issue = IssueFactory(body="Hello <script>alert(1)</script>**runners**")

    change = client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert change.status_code == 200
    assert send_page(issue) not in change.text
    preview = client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk]))
    assert preview.status_code == 200
    assert "<strong>runners</strong>" in preview.text
    assert "<script" not in preview.text

    assert client.get(send_page(issue)).status_code == 403
    for action in ("test", "now", "schedule"):
        at = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(send_page(issue), {"action": action, "at": at})
        assert response.status_code == 403, action
    assert mail.outbox == []
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_staff_who_may_only_view_issues_cannot_resend_failed_deliveries(client):
    staff_who_may(client, "view_issue")
    issue = IssueFactory(status=Issue.Status.SENT, sent_at=timezone.now())
    Delivery.objects.create(issue=issue, subscriber=SubscriberFactory(), status="failed")
    response = client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "resend_failed", "_selected_action": [issue.pk]},
    )
    assert response.status_code == 200  # the list again: no such action for them
    assert mail.outbox == []
    assert issue.deliveries.get().status == Delivery.Status.FAILED


def test_an_editor_sends_a_test_to_their_own_address_only(client):
    editor = staff_who_may(client, "view_issue", "change_issue")
    SubscriberFactory.create_batch(2)
    issue = IssueFactory()
    response = client.post(send_page(issue), {"action": "test"})
    assert response.status_code == 302
    assert [(m.to, m.subject) for m in mail.outbox] == [([editor.email], f"[Test] {issue.subject}")]
    assert "A test of this issue" in mail.outbox[0].body
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert not issue.deliveries.exists()


def test_an_editor_sends_an_issue_and_its_page_shows_the_counts(client):
    staff_who_may(client, "view_issue", "change_issue")
    readers = SubscriberFactory.create_batch(3)
    issue = IssueFactory()
    assert "Send now to 3 subscriber(s)" in client.get(send_page(issue)).text

    response = client.post(send_page(issue), {"action": "now"})
    assert response.url == reverse("admin:newsletter_issue_change", args=[issue.pk])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    services.unsubscribe(readers[0])

    page = client.get(response.url).text
    assert "Sent: <strong>3</strong>" in page
    assert "Failed: <strong>0</strong>" in page
    assert "Unsubscribed after it: <strong>1</strong>" in page
    # Sent once: the page offers no second send, and a second post sends nothing.
    client.post(send_page(issue), {"action": "now"})
    assert len(mail.outbox) == 3


def test_an_editor_schedules_an_issue_and_can_take_it_back(client):
    staff_who_may(client, "view_issue", "change_issue")
    issue = IssueFactory()
    at = timezone.localtime() + timedelta(days=1)
    client.post(send_page(issue), {"action": "schedule", "at": at.strftime("%Y-%m-%dT%H:%M")})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    assert abs(issue.scheduled_at - at) < timedelta(minutes=1)

    client.post(send_page(issue), {"action": "unschedule"})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_scheduling_in_the_past_or_with_no_time_says_so(client):
    staff_who_may(client, "view_issue", "change_issue")
    issue = IssueFactory()
    response = client.post(send_page(issue), {"action": "schedule", "at": "2001-01-01T08:00"})
    assert "Pick a time in the future" in response.text
    response = client.post(send_page(issue), {"action": "schedule", "at": "not a time"})
    assert response.status_code == 200
    assert "Enter a valid date/time" in response.text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_an_editor_can_resend_the_failed_deliveries(client):
    staff_who_may(client, "view_issue", "change_issue")
    issue = IssueFactory(status=Issue.Status.SENT, sent_at=timezone.now())
    reader = SubscriberFactory()
    Delivery.objects.create(issue=issue, subscriber=reader, status="failed")
    client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "resend_failed", "_selected_action": [issue.pk]},
    )
    assert [m.to for m in mail.outbox] == [[reader.email]]


def test_the_issue_list_counts_without_a_query_per_issue(
    admin_client, django_assert_max_num_queries
):
    for issue in IssueFactory.create_batch(5, status=Issue.Status.SENT, sent_at=timezone.now()):
        Delivery.objects.create(issue=issue, subscriber=SubscriberFactory(), status="sent")
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:newsletter_issue_changelist"))
    assert response.status_code == 200
