import csv
import io
import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import psycopg
import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts import newsletter
from accounts.models import Subscriber
from plans.models import Routine
from tests.accounts.mailers import FlakyBackend

pytestmark = pytest.mark.django_db

SIGNUP = reverse("newsletter:signup")
CHECK_INBOX = reverse("newsletter:check-inbox")


def sign_up(client, email="ann@example.com", **extra):
    data = {"email": email, "first_name": "Ann", "source": "/exercises/", "website": ""}
    return client.post(SIGNUP, {**data, **extra}, secure=True)


def links_in(message):
    return re.findall(r"https://testserver/newsletter/[^\s\"<>]+", message.body)


def path_of(url):
    return urlsplit(url).path


def minutes_later():
    """Past the per-address e-mail limit's shortest window (and every other counter)."""
    cache.clear()


def template_exercise_names():
    template = Routine.objects.templates().get(slug=newsletter.TEMPLATE_SLUG)
    return [item.exercise.name for s in template.sessions.all() for item in s.items.all()]


def test_the_whole_happy_path(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == CHECK_INBOX
    assert "Check your inbox" in client.get(CHECK_INBOX).text

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_text == newsletter.CONSENT_TEXT
    assert subscriber.consent_page == "/exercises/"
    assert subscriber.consented_at is not None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.com"]
    assert message.alternatives[0].mimetype == "text/html"
    confirm_url = links_in(message)[0]
    assert "/newsletter/confirm/" in confirm_url
    assert confirm_url in message.alternatives[0].content
    assert str(subscriber.pk) not in path_of(confirm_url).split("/")

    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page.text)
    assert refresh, "the download starts by itself"
    pdf_url = refresh.group(1)
    assert pdf_url.endswith(".pdf")
    xlsx_url = re.search(r'href="([^"]+\.xlsx)"', page.text).group(1)

    pdf = client.get(pdf_url)
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for name in template_exercise_names():
        assert name in text
    xlsx = client.get(xlsx_url)
    sheet = load_workbook(io.BytesIO(xlsx.content))["Routine"]
    assert [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)] == (
        template_exercise_names()
    )


def test_confirming_twice_is_harmless(client):
    sign_up(client)
    confirm_path = path_of(links_in(mail.outbox[0])[0])
    client.get(confirm_path)
    first = Subscriber.objects.get().confirmed_at
    assert client.get(confirm_path).status_code == 200
    assert Subscriber.objects.get().confirmed_at == first


def test_the_four_repeat_cases_look_the_same_and_send_the_right_mail(client):
    new = sign_up(client, "new@example.com")
    Subscriber.objects.create(
        email="pending@example.com", consent_text="x", consented_at="2026-01-01T00:00Z"
    )
    Subscriber.objects.create(
        email="confirmed@example.com",
        status=Subscriber.Status.CONFIRMED,
        consent_text="x",
        consented_at="2026-01-01T00:00Z",
    )
    Subscriber.objects.create(
        email="left@example.com",
        status=Subscriber.Status.UNSUBSCRIBED,
        consent_text="x",
        consented_at="2026-01-01T00:00Z",
    )
    mail.outbox.clear()
    responses = [
        new,
        sign_up(client, "Pending@Example.com"),
        sign_up(client, "confirmed@example.com"),
        sign_up(client, "left@example.com"),
    ]
    assert {(r.status_code, r.url) for r in responses} == {(302, CHECK_INBOX)}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["pending@example.com"] == newsletter.SUBJECTS[newsletter.Mail.CONFIRM]
    assert subjects["left@example.com"] == newsletter.SUBJECTS[newsletter.Mail.CONFIRM]
    assert (
        subjects["confirmed@example.com"]
        == (newsletter.SUBJECTS[newsletter.Mail.ALREADY_SUBSCRIBED])
    )
    already = next(m for m in mail.outbox if m.to == ["confirmed@example.com"])
    assert any(link.endswith(".pdf") for link in links_in(already))
    assert Subscriber.objects.get(email="left@example.com").status == Subscriber.Status.PENDING
    assert Subscriber.objects.count() == 4, "addresses are unique whatever their case"


def test_every_email_carries_one_click_unsubscribe_headers(client):
    sign_up(client, "one@example.com")
    Subscriber.objects.filter(email="one@example.com").update(status=Subscriber.Status.CONFIRMED)
    minutes_later()
    sign_up(client, "one@example.com")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        header = message.extra_headers["List-Unsubscribe"]
        assert re.fullmatch(r"<https://testserver/newsletter/unsubscribe/[^>]+/>", header)
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert header[1:-1] in message.body
        rendered = message.message().as_string()
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in rendered


def test_one_click_unsubscribe_by_post_needs_no_csrf_token(client):
    sign_up(client)
    unsubscribe_url = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(path_of(unsubscribe_url))
    assert "Unsubscribe from the newsletter?" in page.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING, "GET changes nothing"
    response = strict.post(
        path_of(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_resubscribing_goes_through_confirmation_again(client):
    sign_up(client)
    client.get(path_of(links_in(mail.outbox[0])[0]))
    client.post(path_of(mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]))
    mail.outbox.clear()
    minutes_later()
    sign_up(client)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert mail.outbox[0].subject == newsletter.SUBJECTS[newsletter.Mail.CONFIRM]


class OldSigner(signing.TimestampSigner):
    """Signs as if it were eight days ago: a genuinely expired link."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


def test_an_expired_link_offers_a_new_one(client):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    token = OldSigner(salt="newsletter.confirm").sign(subscriber.key.hex)
    response = client.get(reverse("newsletter:confirm", args=[token]))
    assert response.status_code == 400
    assert "This link has expired or is not valid" in response.text
    assert 'action="/newsletter/"' in response.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a:b:c", "x" * 500, "%00", "1", "..", "' OR 1=1 --"],
)
def test_tampered_links_are_a_clear_400_never_a_500(client, token):
    sign_up(client)
    for name in ("newsletter:confirm", "newsletter:unsubscribe", "newsletter:template-pdf"):
        response = client.get(reverse(name, args=[token]))
        assert response.status_code == 400, name
        assert "This link has expired or is not valid" in response.text


def test_a_link_for_one_purpose_does_not_work_for_another(client):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    confirm_token = newsletter.make_token(subscriber, newsletter.Purpose.CONFIRM)
    assert client.get(reverse("newsletter:template-pdf", args=[confirm_token])).status_code == 400
    assert client.post(reverse("newsletter:unsubscribe", args=[confirm_token])).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_the_download_needs_a_confirmed_subscriber(client):
    sign_up(client)
    token = newsletter.make_token(Subscriber.objects.get(), newsletter.Purpose.DOWNLOAD)
    assert client.get(reverse("newsletter:template-pdf", args=[token])).status_code == 400


def test_honeypot_looks_like_success_but_saves_and_sends_nothing(client):
    response = sign_up(client, website="http://spam.example")
    assert response.url == CHECK_INBOX
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_signups_are_rate_limited_per_ip(client):
    for n in range(newsletter.SIGNUPS_PER_IP_PER_HOUR):
        assert sign_up(client, f"r{n}@example.com").status_code == 302
    response = sign_up(client, "one-more@example.com")
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert not Subscriber.objects.filter(email="one-more@example.com").exists()
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert sign_up(other, "elsewhere@example.com").status_code == 302


def test_one_address_signed_up_from_many_ips_gets_one_email(client):
    victim = "inbox@example.com"
    for n in range(5):
        response = sign_up(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), victim.upper())
        assert response.url == CHECK_INBOX, "the page looks the same past the limit"
    assert [m.to for m in mail.outbox] == [[victim]]
    assert Subscriber.objects.get().consent_page == "/exercises/", "the signup is kept"

    minutes_later()
    sign_up(client, victim)
    assert len(mail.outbox) == 2


def test_a_limit_counts_each_name_and_window_on_its_own():
    assert [newsletter.within_limit("a", 2, 60) for _ in range(3)] == [True, True, False]
    assert newsletter.within_limit("a", 5, 3600), "another window has its own count"
    assert newsletter.within_limit("b", 2, 60), "another name has its own count"


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "x" * 300 + "@example.com"])
def test_invalid_emails_are_form_errors(client, email):
    response = sign_up(client, email)
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not Subscriber.objects.exists()


def test_a_post_with_no_fields_at_all_says_what_is_missing(client):
    response = client.post(SIGNUP, {})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Subscriber.objects.exists()


def test_form_is_in_the_footer_and_on_home_prefilled_for_members(client, user):
    html = client.get(reverse("home")).text
    assert 'id="footer-newsletter-email"' in html
    assert 'id="home-newsletter-email"' in html
    assert newsletter.CONSENT_TEXT in html
    client.force_login(user)
    page = client.get(SIGNUP).text
    assert f'value="{user.email}"' in page


def test_smtp_down_keeps_the_signup_and_retries(client, settings, caplog):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    response = sign_up(client)
    assert response.url == CHECK_INBOX
    assert Subscriber.objects.get().email == "ann@example.com"
    retries = [r for r in caplog.records if "failed (attempt" in r.getMessage()]
    assert len(retries) == newsletter.MAX_SEND_ATTEMPTS - 1


def test_a_failed_send_is_retried_until_it_succeeds(client, settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": "tests.accounts.mailers.FlakyBackend"}}
    FlakyBackend.failures = 3
    sign_up(client)
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1
    assert len([r for r in caplog.records if "failed (attempt" in r.getMessage()]) == 3


def test_retries_back_off():
    assert [newsletter.retry_delay(n).total_seconds() / 60 for n in range(1, 6)] == [1, 2, 4, 8, 16]


# Sends queued in the database, worked off the way `manage.py db_worker` does,
# inside the test's transaction.
only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's"
)


@pytest.fixture
def queued_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_send():
    return DBTaskResult.objects.filter(
        task_path=newsletter.send_newsletter_email.module_path
    ).earliest("enqueued_at")


def work_off_the_queue():
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (ready := DBTaskResult.objects.ready().first()) is not None:
        ready.claim(worker.worker_id)
        worker.run_task(ready)


def worker_dies_running(send):
    """A worker claimed the send a minute ago and was killed: the row says RUNNING."""
    DBTaskResult.objects.filter(pk=send.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=1)
    )


def test_a_send_run_again_after_its_email_went_out_sends_nothing(client, queued_in_database):
    sign_up(client)
    work_off_the_queue()
    assert len(mail.outbox) == 1
    # Its worker died after the mail server took the e-mail, before the task
    # was marked successful; the send is run again.
    send = queued_send()
    DBTaskResult.objects.filter(pk=send.pk).update(status=TaskResultStatus.READY)
    work_off_the_queue()
    assert len(mail.outbox) == 1
    assert queued_send().status == TaskResultStatus.SUCCESSFUL


@only_on_postgresql
def test_a_send_whose_worker_died_goes_back_in_the_queue_and_is_sent_once(
    client, queued_in_database
):
    sign_up(client)
    worker_dies_running(queued_send())
    assert newsletter.requeue_orphaned_sends() == 1
    assert queued_send().status == TaskResultStatus.READY
    work_off_the_queue()
    assert [m.to for m in mail.outbox] == [["ann@example.com"]]


@only_on_postgresql
def test_a_restarted_worker_sends_what_the_killed_one_left_running(client, queued_in_database):
    sign_up(client, "first@example.com")
    worker_dies_running(queued_send())
    sign_up(client, "second@example.com")
    work_off_the_queue()  # the new worker's first send puts the first one back
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.com", "second@example.com"]


@only_on_postgresql
# Committed for real: the worker checks its connection between tasks, which
# would end a test's enclosing transaction.
@pytest.mark.django_db(transaction=True)
def test_a_worker_started_after_a_crash_sends_what_the_killed_one_left_running(
    client, queued_in_database
):
    sign_up(client)
    worker_dies_running(queued_send())
    # Nothing new is queued: only the start-up check can find the stuck send.
    call_command("run_worker", batch=True, startup_delay=False, verbosity=0)
    assert [m.to for m in mail.outbox] == [["ann@example.com"]]
    assert queued_send().status == TaskResultStatus.SUCCESSFUL


@only_on_postgresql
def test_a_send_whose_worker_is_alive_stays_running_until_the_worker_dies(
    client, queued_in_database
):
    sign_up(client)
    send = queued_send()
    worker_dies_running(send)
    # The worker's own database session holds the send's lock while it sends.
    worker = psycopg.connect(**connection.get_connection_params())
    worker.execute("SELECT pg_advisory_lock(%s)", [newsletter._lock_id(send.pk)])
    assert newsletter.requeue_orphaned_sends() == 0
    assert queued_send().status == TaskResultStatus.RUNNING

    worker.close()  # killed: PostgreSQL ends its session and frees the lock
    assert newsletter.requeue_orphaned_sends() == 1
    assert queued_send().status == TaskResultStatus.READY


@only_on_postgresql
def test_a_send_claimed_a_moment_ago_is_left_to_its_worker(client, queued_in_database):
    sign_up(client)
    send = queued_send()
    send.claim("busy-worker")  # not locked yet: the worker is about to start the send
    assert newsletter.requeue_orphaned_sends() == 0
    assert queued_send().status == TaskResultStatus.RUNNING


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
    changelist = reverse("admin:accounts_subscriber_changelist")
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
        reverse("admin:accounts_subscriber_changelist"),
        {"action": "resend_confirmation", "_selected_action": [subscriber.pk]},
    )
    assert [m.to for m in mail.outbox] == [["late@example.com"]]
