"""Newsletter issues: their rendering, and sending them once to every confirmed subscriber."""

import email
import email.policy
import re
import smtplib
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter import rendering, services, tasks
from newsletter.models import Delivery, Issue, Subscriber
from tests.accounts.mailers import FlakyBackend
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.test_tasks import work_off_the_queue

pytestmark = pytest.mark.django_db

SITE = "https://testserver"

HOSTILE = """## Week 3

Hello <script>alert("body")</script>runners.

<p onclick="steal()" onmouseover="steal()" style="color:red">A paragraph of raw HTML.</p>

[A link](javascript:alert(1)) and [another](JAVASCRIPT:alert(2)) and
<a href="javascript:alert(3)">a raw one</a>.

<img src="https://tracker.example/pixel.gif" onerror="steal()">
<iframe src="https://evil.example"></iframe>

[A good link](https://example.com/step-ups) and **bold**.
"""


def test_issue_rendering_removes_scripts_javascript_links_and_event_attributes():
    html = rendering.to_html(HOSTILE)
    assert "<script" not in html.lower()
    assert "alert" not in html  # the script's content goes with it; no javascript: URL stays
    assert "javascript" not in html.lower()
    assert not re.search(r"\son\w+=", html)
    assert "style=" not in html
    assert "<iframe" not in html
    assert "<img" not in html
    good = '<a href="https://example.com/step-ups" rel="noopener noreferrer">A good link</a>'
    assert good in html
    assert "<h2>Week 3</h2>" in html
    assert "<strong>bold</strong>" in html
    assert "A paragraph of raw HTML." in html


def test_the_plain_text_part_is_the_same_sanitised_content_with_links_written_out():
    text = rendering.to_text(HOSTILE)
    assert "alert" not in text
    assert "<" not in text
    assert "A good link (https://example.com/step-ups)" in text
    assert text.startswith("Week 3\n\nHello runners.")


def test_markdown_that_spells_html_stays_text():
    assert rendering.to_html("Use `<script>` and 5 < 6 & 7 > 3") == (
        "<p>Use <code>&lt;script&gt;</code> and 5 &lt; 6 &amp; 7 &gt; 3</p>"
    )


def test_an_issue_goes_once_to_every_confirmed_subscriber_with_its_own_unsubscribe_link():
    readers = SubscriberFactory.create_batch(3)
    SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    issue = IssueFactory()

    assert services.start_sending(issue=issue, base_url=SITE) == 3

    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    unsubscribe_links = {m.extra_headers["List-Unsubscribe"] for m in mail.outbox}
    assert len(unsubscribe_links) == 3
    for message in mail.outbox:
        assert message.subject == issue.subject
        assert f"View this e-mail in your browser: {SITE}/newsletter/issues/{issue.pk}/" in (
            message.body
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.alternatives[0].content
        assert f'href="{SITE}/newsletter/issues/{issue.pk}/"' in html
        assert "Three moves for stronger hills" in html  # the preheader
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.deliveries.counts()[Delivery.Status.SENT] == 3


def test_an_issues_headers_go_out_as_plain_ascii():
    SubscriberFactory(email="a.rather.long.address.for.a.long.header@example.com")
    subject = "Zoë\N{RIGHT SINGLE QUOTATION MARK}s hills"
    services.start_sending(issue=IssueFactory(subject=subject), base_url=SITE)
    raw = mail.outbox[0].message(policy=email.policy.SMTP).as_bytes()
    headers = raw.split(b"\r\n\r\n", 1)[0]
    unsubscribe = re.search(rb"List-Unsubscribe: (<[^\r\n]+>)\r\n", headers)[1]
    assert re.fullmatch(rb"<https://testserver/newsletter/unsubscribe/[^>\s]+/>", unsubscribe)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == subject


def test_sending_twice_is_refused():
    SubscriberFactory()
    issue = IssueFactory()
    services.start_sending(issue=issue, base_url=SITE)
    with pytest.raises(services.NotSendable):
        services.start_sending(issue=issue, base_url=SITE)
    assert len(mail.outbox) == 1


def test_a_subscriber_who_leaves_before_their_turn_is_skipped(queued_in_database):
    leaving, staying = SubscriberFactory.create_batch(2)
    issue = IssueFactory()
    services.start_sending(issue=issue, base_url=SITE)
    services.unsubscribe(leaving)
    work_off_the_queue()
    assert [m.to for m in mail.outbox] == [[staying.email]]
    assert issue.deliveries.counts()[Delivery.Status.SKIPPED] == 1


class DyingBackend(locmem.EmailBackend):
    """A mail backend that takes `survives` messages, then raises as a dying worker would
    (an exception nothing in the send catches: it ends the task half done)."""

    survives = 0

    def send_messages(self, messages):
        if DyingBackend.survives <= 0:
            raise RuntimeError("worker killed")
        DyingBackend.survives -= 1
        return super().send_messages(messages)


@pytest.fixture
def queued_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTER_SEND_BATCH_SIZE = 4
    settings.NEWSLETTER_SEND_BATCH_SECONDS = 0


def issue_sends():
    return DBTaskResult.objects.filter(task_path=tasks.send_issue.module_path)


def test_each_subscriber_gets_an_issue_exactly_once_across_a_worker_crash(
    settings, queued_in_database
):
    readers = SubscriberFactory.create_batch(10)
    issue = IssueFactory()
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.test_issues.DyingBackend"}}
    DyingBackend.survives = 6  # dies in the middle of the second batch
    services.start_sending(issue=issue, base_url=SITE)
    work_off_the_queue()
    assert len(mail.outbox) == 6
    crashed = issue_sends().get(status=TaskResultStatus.FAILED)
    assert issue.deliveries.filter(status=Delivery.Status.SENT).count() == 6

    # The crashed batch is run again, as core.taskqueue does for a worker that died.
    DyingBackend.survives = 100
    DBTaskResult.objects.filter(pk=crashed.pk).update(status=TaskResultStatus.READY)
    work_off_the_queue()

    assert Counter(m.to[0] for m in mail.outbox) == {r.email: 1 for r in readers}
    assert issue.deliveries.counts()[Delivery.Status.SENT] == 10
    assert Delivery.objects.filter(issue=issue).count() == 10
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_a_batch_run_twice_after_its_worker_finished_sends_nothing_more(queued_in_database):
    SubscriberFactory.create_batch(3)
    issue = IssueFactory()
    services.start_sending(issue=issue, base_url=SITE)
    work_off_the_queue()
    assert len(mail.outbox) == 3
    issue_sends().update(status=TaskResultStatus.READY)  # every batch, run again
    work_off_the_queue()
    assert len(mail.outbox) == 3


def test_a_mail_outage_pauses_the_send_and_it_resumes_without_duplicates(
    settings, queued_in_database
):
    settings.NEWSLETTER_SEND_BATCH_SECONDS = 30
    readers = SubscriberFactory.create_batch(5)
    issue = IssueFactory()
    settings.MAILERS = {"default": {"BACKEND": "tests.accounts.mailers.FlakyBackend"}}
    services.start_sending(issue=issue, base_url=SITE)
    work_off_the_queue()  # first batch: 4 go out
    assert len(mail.outbox) == 4
    FlakyBackend.failures = 1
    issue_sends().filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    work_off_the_queue()  # the mail server is down for the next batch
    retry = issue_sends().get(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now() + timedelta(seconds=50)  # a minute later
    assert retry.args_kwargs["args"][2] == 2  # attempt 2

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    work_off_the_queue()
    assert Counter(m.to[0] for m in mail.outbox) == {r.email: 1 for r in readers}
    assert Delivery.objects.get(subscriber=readers[-1]).attempts == 2


def test_the_next_batch_waits_the_configured_pause(settings, queued_in_database):
    settings.NEWSLETTER_SEND_BATCH_SIZE = 2
    settings.NEWSLETTER_SEND_BATCH_SECONDS = 30
    SubscriberFactory.create_batch(5)
    services.start_sending(issue=IssueFactory(), base_url=SITE)
    before = timezone.now()
    work_off_the_queue()
    assert len(mail.outbox) == 2  # one batch, the next not due yet
    waiting = issue_sends().get(status=TaskResultStatus.READY)
    assert waiting.run_after >= before + timedelta(seconds=30)


def test_a_long_outage_marks_the_rest_failed_and_they_can_be_sent_again(settings):
    readers = SubscriberFactory.create_batch(3)
    issue = IssueFactory()
    settings.MAILERS = {"default": {"BACKEND": "tests.accounts.mailers.FlakyBackend"}}
    FlakyBackend.failures = tasks.MAX_SEND_ATTEMPTS
    services.start_sending(issue=issue, base_url=SITE)  # the immediate backend retries at once
    assert mail.outbox == []
    assert issue.deliveries.counts()[Delivery.Status.FAILED] == 3
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT

    assert services.resend_failed(issue=issue, base_url=SITE) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)


def test_unsubscribed_after_counts_those_who_left_once_it_reached_them(client):
    first, second, _third = SubscriberFactory.create_batch(3)
    services.unsubscribe(first)  # before: not a recipient at all
    issue = IssueFactory()
    services.start_sending(issue=issue, base_url=SITE)
    message = next(m for m in mail.outbox if m.to == [second.email])
    one_click = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(SITE)
    assert client.post(one_click, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert issue.deliveries.unsubscribed_after() == 1


def test_housekeeping_starts_a_scheduled_issue_once_it_is_due():
    SubscriberFactory()
    issue = IssueFactory()
    services.schedule(issue=issue, at=timezone.now() + timedelta(hours=1))
    call_command("newsletter_housekeeping", stdout=StringIO())
    assert mail.outbox == []
    # An hour on: the scheduled time has passed.
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    call_command("newsletter_housekeeping", stdout=StringIO())
    call_command("newsletter_housekeeping", stdout=StringIO())
    assert len(mail.outbox) == 1
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_an_issue_cannot_be_scheduled_in_the_past():
    with pytest.raises(services.NotSendable):
        services.schedule(issue=IssueFactory(), at=timezone.now() - timedelta(minutes=1))


def test_a_recipient_the_mail_server_refuses_is_failed_and_the_rest_still_go(settings):
    readers = SubscriberFactory.create_batch(2)
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.test_issues.RefusingBackend"}}
    RefusingBackend.refused = readers[0].email
    issue = IssueFactory()
    services.start_sending(issue=issue, base_url=SITE)
    assert [m.to for m in mail.outbox] == [[readers[1].email]]
    failed = issue.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber == readers[0]


class RefusingBackend(locmem.EmailBackend):
    refused = ""

    def send_messages(self, messages):
        for message in messages:
            if RefusingBackend.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({RefusingBackend.refused: (550, b"No such")})
        return super().send_messages(messages)


def test_a_data_request_lists_the_issues_sent_to_the_subscriber(user):
    SubscriberFactory(email=user.email)
    services.start_sending(issue=IssueFactory(subject="Week 1: hills"), base_url=SITE)
    [signup] = services.export_for(user)
    assert [issue["subject"] for issue in signup["issues_sent"]] == ["Week 1: hills"]


def test_the_database_holds_one_delivery_per_issue_and_subscriber():
    issue, reader = IssueFactory(), SubscriberFactory()
    Delivery.objects.create(issue=issue, subscriber=reader)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(issue=issue, subscriber=reader)
